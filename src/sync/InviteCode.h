// Pairing a device: a line of text that carries the relay URL and what the device needs to join,
// with a checksum so that a mistyped or truncated code is refused rather than half-used.
// A full device's code holds the workspace secret. A kiosk's code holds no key that opens
// anything: the workspace's public keys, and the kiosk's own device key with the certificate a
// full device issued for it when it made the code (PROTOCOL.md, "Kiosks").
#pragma once

#include <QByteArray>
#include <QString>

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

    protocol::Role role() const { return kiosk ? protocol::Role::Kiosk : protocol::Role::Full; }
};

class InviteCode
{
public:
    static QString encode(const Invite &invite); // "cf1-<base64url>"
    static Result<Invite> decode(const QString &code);
};

} // namespace feedback::sync
