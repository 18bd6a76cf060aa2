#include "InviteEnvelope.h"

#include <sodium.h>

namespace feedback::sync {

namespace {

constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "cfinvite";
constexpr quint64 kClaimIdKey = 1;
constexpr quint64 kEnvelopeKey = 2;

const unsigned char *bytes(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

unsigned char *bytes(QByteArray &b)
{
    return reinterpret_cast<unsigned char *>(b.data());
}

QByteArray derived(const QByteArray &secret, quint64 id, qsizetype size)
{
    Q_ASSERT(secret.size() == crypto_kdf_KEYBYTES);
    QByteArray out(size, Qt::Uninitialized);
    crypto_kdf_derive_from_key(bytes(out), static_cast<size_t>(size), id, kContext, bytes(secret));
    return out;
}

} // namespace

QByteArray InviteEnvelope::newSecret()
{
    QByteArray secret(kSecretBytes, Qt::Uninitialized);
    randombytes_buf(secret.data(), static_cast<size_t>(secret.size()));
    return secret;
}

QByteArray InviteEnvelope::claimId(const QByteArray &secret)
{
    return derived(secret, kClaimIdKey, 32);
}

QByteArray InviteEnvelope::seal(const QByteArray &payload, const QByteArray &secret)
{
    QByteArray key = derived(secret, kEnvelopeKey, crypto_secretbox_KEYBYTES);
    QByteArray out(crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES + payload.size(),
                   Qt::Uninitialized);
    randombytes_buf(out.data(), crypto_secretbox_NONCEBYTES);
    crypto_secretbox_easy(bytes(out) + crypto_secretbox_NONCEBYTES, bytes(payload),
                          static_cast<unsigned long long>(payload.size()), bytes(out), bytes(key));
    sodium_memzero(key.data(), static_cast<size_t>(key.size()));
    return out;
}

Result<QByteArray> InviteEnvelope::open(const QByteArray &envelope, const QByteArray &secret)
{
    constexpr qsizetype kOverhead = crypto_secretbox_NONCEBYTES + crypto_secretbox_MACBYTES;
    if (secret.size() != kSecretBytes || envelope.size() <= kOverhead)
        return Result<QByteArray>::failure(QStringLiteral("the relay's envelope is too short"),
                                           ErrorKind::BadData);
    QByteArray key = derived(secret, kEnvelopeKey, crypto_secretbox_KEYBYTES);
    QByteArray payload(envelope.size() - kOverhead, Qt::Uninitialized);
    const int opened = crypto_secretbox_open_easy(
        bytes(payload), bytes(envelope) + crypto_secretbox_NONCEBYTES,
        static_cast<unsigned long long>(envelope.size() - crypto_secretbox_NONCEBYTES),
        bytes(envelope), bytes(key));
    sodium_memzero(key.data(), static_cast<size_t>(key.size()));
    if (opened != 0)
        return Result<QByteArray>::failure(
            QStringLiteral("the relay's envelope does not open with this code"),
            ErrorKind::BadData);
    return payload;
}

} // namespace feedback::sync
