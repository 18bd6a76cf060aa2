// Pairing a device: a line of text that carries the relay URL and what the device needs to join,
// with a checksum so that a mistyped or truncated code is refused rather than half-used.
// Codes of the first format ("cf1-") carry it all and never expire; those of the second
// ("cf2-") name an invite the relay holds, which expires and is used up (InviteEnvelope.h).
// A full device's code holds the workspace secret. A kiosk's code holds no key that opens
// anything: the workspace's public keys, and the kiosk's own device key with the certificate a
// full device issued for it when it made the code (PROTOCOL.md, "Kiosks").
#pragma once

#include <QByteArray>
#include <QString>
#include <QStringList>

#include <common/Result.h>
#include <optional>
#include <protocol/Messages.h>

namespace feedback::sync {

struct KioskEnrolment
{
    QByteArray workspaceId;     // 32 bytes
    QByteArray boxPublicKey;    // 32 bytes: the key the kiosk seals its units to
    QByteArray deviceSecretKey; // 64 bytes: the kiosk's own Ed25519 key
    QByteArray certificate;     // role kiosk, for the device id it names
    // The key epoch the box key is of, and from epoch 1 on its authority (which signed the
    // certificate): the workspace's keys changed since it began (PROTOCOL.md, "Key epochs").
    quint64 epoch = 0;
    QByteArray authority = {};
};

// A code of the second format (protocol 4): the relay holds the invite, with its expiry and
// uses; the code says where and how to claim it. `secret` derives the claim's id and the key of
// the envelope the relay hands out (InviteEnvelope.h), which holds a code of the first format.
struct InviteTicket
{
    QString relayUrl;
    protocol::Role role = protocol::Role::Full;
    QByteArray workspaceId; // 32 bytes
    QByteArray secret;      // 32 bytes
    qint64 expiresAtMs = 0;
    QByteArray relayPin; // the relay's key, as the inviting device pinned it; may be empty
    // Further relays of the same database, tried in turn when `relayUrl` does not answer (a
    // seventh field, only when there are any: a code without them reads as before).
    QStringList fallbackRelays = {};
};

struct Invite
{
    Invite() = default;
    Invite(QString url, QByteArray workspaceSecret,
           std::optional<KioskEnrolment> kioskEnrolment = {})
        : relayUrl(std::move(url))
        , secret(std::move(workspaceSecret))
        , kiosk(std::move(kioskEnrolment))
    {}

    QString relayUrl;
    QByteArray secret; // a full device's; empty in a kiosk's invite
    std::optional<KioskEnrolment> kiosk;
    // A full device's: the secrets of the key epochs 1.. (empty while the keys never changed).
    QList<std::pair<quint64, QByteArray>> epochSecrets;
    // A code of the second format: claim it from the relay (InviteClaim) before anything else.
    std::optional<InviteTicket> ticket;
    // A claimed code's: its ticket's further relays (enrol keeps them in the profile).
    QStringList fallbackRelays;

    protocol::Role role() const
    {
        if (ticket)
            return ticket->role;
        return kiosk ? protocol::Role::Kiosk : protocol::Role::Full;
    }
};

class InviteCode
{
public:
    static QString encode(const Invite &invite);       // "cf1-<base64url>"
    static QString encode(const InviteTicket &ticket); // "cf2-<base64url>"
    // Either format: a "cf2-" code decodes to an Invite with only `ticket` and `relayUrl` set.
    static Result<Invite> decode(const QString &code);
};

} // namespace feedback::sync
