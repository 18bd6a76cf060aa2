// Whom peer connections trust (PROTOCOL.md, "Nearby devices"), one for all of them: the devices
// of this device's list (as the relay last gave it), and the certificates peers show, each
// verified against the workspace's authorities before it counts and kept in the store (a device
// enrolled after this one last met the relay is known from its peers then). A device revoked in
// either is refused, and so are its units. Every unit a peer gives must carry its origin's
// signature (no legacy units here).
#pragma once

#include "WorkspaceKeys.h"

#include <map>
#include <protocol/DeviceCertificate.h>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class PeerTrust
{
public:
    PeerTrust(store::FeedbackStore &store, const WorkspaceKeys &keys);

    // The certificate a peer's hello carries for `device`: verified, for this workspace, that
    // device, not expired, not revoked. Sets `out`; the problem otherwise.
    QString admit(const QByteArray &certificate, const QByteArray &device,
                  protocol::DeviceCertificate *out);
    // A peer's device list: the certificates and revocations that verify are learned.
    void learn(const protocol::Devices &devices);
    // What this device gives a peer: its list.
    protocol::Devices list() const;
    // Whether a unit's origin is a device known here: the units of one that is not are passed
    // over (they come from the relay, or from a peer that knows it), not held against the peer.
    bool knows(const QByteArray &device) const { return m_certificates.contains(device); }
    // Why a unit of a known device must not be applied (revoked, signature), or empty.
    QString unitProblem(const protocol::SealedDelta &unit) const;
    bool revoked(const QByteArray &device) const { return m_revoked.contains(device); }

private:
    // A verified certificate not known yet: kept, also in the store.
    void add(const protocol::DeviceCertificate &certificate);

    store::FeedbackStore &m_store;
    const WorkspaceKeys &m_keys;
    std::map<QByteArray, protocol::DeviceCertificate> m_certificates; // by device id
    std::map<QByteArray, QByteArray> m_revoked;                       // device id -> revocation
    std::map<QByteArray, qint64> m_lastSeen;
};

} // namespace feedback::sync
