// Who may do what on the relay under protocol 3 (PROTOCOL.md, "Admission", "Signed units",
// "Kiosks", "Revocation"): the checks of a hello's certificate and the binding of a device id
// to its first key, the signatures of pushed units, and revocations. Decides with the stored
// device list (RelayStorage) and the wall clock (expiry); sends nothing itself, so the
// connection (RelayServer) stays about the socket and the session's order of messages.
#pragma once

#include "RelayClock.h"
#include "RelayStorage.h"

#include <QHash>

#include <optional>
#include <protocol/DeviceCertificate.h>
#include <protocol/Messages.h>
#include <protocol/Revocation.h>

namespace feedback::relay {

class RelayAdmission
{
public:
    using Refusal = std::optional<protocol::Error>;

    RelayAdmission(RelayStorage &storage, const RelayClock &clock);

    // Whether the relay serves the workspace: admitted by its operator, or any on an `open` relay,
    // or one whose device brings an admission token (`token`, the X-Feedback-Admission header;
    // `tokenHash` gets its hash, to redeem at auth).
    Refusal checkAdmitted(const QByteArray &workspace, bool open, const QByteArray &token,
                          QByteArray &tokenHash);
    // After a good auth of a workspace let in by a token: the token used up, the workspace
    // admitted; refused when another workspace used it meanwhile, or it expired.
    Refusal redeem(const QByteArray &tokenHash, const QByteArray &workspace);
    // On an `open` relay, the workspace is admitted at its first auth: it stays served should the
    // relay be started without --open later.
    void admittedAtAuth(const QByteArray &workspace);
    // `incoming` more bytes within the workspace's quota.
    Refusal checkQuota(const QByteArray &workspace, qint64 incoming, qint64 quota);
    // The hello's certificate, verified for its workspace, device and role, not expired, not
    // revoked, bound to no other key, within the workspace's device limit.
    Refusal checkHello(const protocol::Hello &hello, protocol::DeviceCertificate &certificate);
    // After a good auth: records the device (enrolled at, last seen now). `listChanged` when the
    // workspace's device list changed (a first enrolment, a new certificate).
    Refusal admit(const protocol::DeviceCertificate &certificate, bool &listChanged);
    // Every unit signed by its origin's stored key; a kiosk's only of its own origin.
    Refusal checkPush(const QByteArray &workspace, const QByteArray &device, protocol::Role role,
                      const QList<protocol::SealedDelta> &units);
    // A revoke from a full device, verified for `workspace` and stored; `stored` is false when
    // the device was revoked before.
    Refusal revoke(const QByteArray &workspace, protocol::Role role, const QByteArray &bytes,
                   protocol::Revocation &revocation, bool &stored);
    // The workspace's device list as the `devices` frame carries it.
    Result<protocol::Devices> devices(const QByteArray &workspace);

    // RelayEpochs.cpp: what becomes of a `rotate` that passed the checks.
    enum class Rotation
    {
        Stored,    // the next epoch: every connection of the workspace hears of it
        Stale,     // another device rotated first: the sender gets the chain again
        Uncovered, // the envelopes do not match the full devices: the sender gets the list
    };
    // A full device's rotation: its statement the next of the chain (signed by the latest
    // authority), every device it shuts out revoked (the sender not among them), envelopes for
    // exactly the other full devices. `excluded` gets the devices shut out when stored.
    Refusal rotate(const QByteArray &workspace, const QByteArray &sender, protocol::Role role,
                   const protocol::Rotate &rotate, Rotation &outcome, QList<QByteArray> &excluded);
    // Every epoch, each with the envelope for `device` (the `epochs` frame).
    Result<protocol::Epochs> epochs(const QByteArray &workspace, const QByteArray &device);

private:
    // Revoked, or bound to another key: refused at hello and again at auth (another
    // connection may have enrolled the id, or a revocation arrived, in between).
    Refusal checkEnrolment(const protocol::DeviceCertificate &certificate);
    // Every enrolled full device that is not revoked has exactly one envelope, and no other.
    Result<bool> coversFullDevices(const QByteArray &workspace, const protocol::Rotate &rotate,
                                   const QList<QByteArray> &excluded);

    RelayStorage &m_storage;
    const RelayClock &m_clock;
    // On a shared database: when each workspace's bytes were last measured anew before a
    // refusal (monotonic ms), at most every kMeasureAgainMs, so a device that keeps pushing at
    // its quota does not have its whole log summed each time.
    static constexpr qint64 kMeasureAgainMs = 10000;
    QHash<QByteArray, qint64> m_measuredAgainMs;
};

} // namespace feedback::relay
