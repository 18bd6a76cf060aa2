// Pairing a device: a line of text that carries the relay URL and the workspace secret, with a
// checksum so that a mistyped or truncated code is refused rather than half-used.
#pragma once

#include <QByteArray>
#include <QString>

#include <common/Result.h>

namespace feedback::sync {

struct Invite
{
    QString relayUrl;
    QByteArray secret;
};

class InviteCode
{
public:
    static QString encode(const Invite &invite); // "cf1-<base64url>"
    static Result<Invite> decode(const QString &code);
};

} // namespace feedback::sync
