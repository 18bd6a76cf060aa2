// The cryptography of invites the relay holds (PROTOCOL.md, "Invites"): a code's secret derives
// the id the relay files the invite under and the key of its envelopes, so the relay can count
// and hand out an invite but never open it. An envelope holds a code of the first format.
#pragma once

#include <QByteArray>

#include <common/Result.h>

namespace feedback::sync {

class InviteEnvelope
{
public:
    static constexpr qsizetype kSecretBytes = 32;

    static QByteArray newSecret();
    // 32 bytes, from the secret (crypto_kdf, context "cfinvite", id 1).
    static QByteArray claimId(const QByteArray &secret);
    // nonce ‖ crypto_secretbox of `payload` under the secret's envelope key (id 2).
    static QByteArray seal(const QByteArray &payload, const QByteArray &secret);
    static Result<QByteArray> open(const QByteArray &envelope, const QByteArray &secret);
};

} // namespace feedback::sync
