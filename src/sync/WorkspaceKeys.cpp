#include "WorkspaceKeys.h"

#include <QtEndian>

#include <sodium.h>
#include <store/Sealer.h>

namespace feedback::sync {

namespace {
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "cfwkspce";
constexpr quint64 kDeltaKeyId = 1;
constexpr quint64 kSigningSeedId = 2;
} // namespace

QByteArray WorkspaceKeys::newSecret()
{
    return store::Sealer::randomBytes(crypto_kdf_KEYBYTES);
}

Result<WorkspaceKeys> WorkspaceKeys::fromSecret(const QByteArray &secret)
{
    store::Sealer::initialise();
    if (secret.size() != crypto_kdf_KEYBYTES)
        return Result<WorkspaceKeys>::failure(QStringLiteral("the workspace secret is damaged"));
    const auto *master = reinterpret_cast<const unsigned char *>(secret.constData());
    WorkspaceKeys keys;
    crypto_kdf_derive_from_key(keys.m_deltaKey.data(), store::SecretKey::kSize, kDeltaKeyId,
                               kContext, master);
    keys.m_deltaKey.markValid();
    store::SecretKey seed;
    crypto_kdf_derive_from_key(seed.data(), crypto_sign_SEEDBYTES, kSigningSeedId, kContext,
                               master);
    keys.m_publicKey.resize(crypto_sign_PUBLICKEYBYTES);
    keys.m_secretKey.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(keys.m_publicKey.data()),
                             reinterpret_cast<unsigned char *>(keys.m_secretKey.data()),
                             seed.data());
    return keys;
}

QByteArray WorkspaceKeys::associatedData(const QByteArray &origin, quint64 seq) const
{
    QByteArray ad = QByteArrayLiteral("courier-feedback/delta/1") + m_publicKey + origin;
    ad.resize(ad.size() + 8);
    qToBigEndian(seq, ad.data() + ad.size() - 8);
    return ad;
}

QByteArray WorkspaceKeys::seal(const QByteArray &encodedDelta, const QByteArray &origin,
                               quint64 seq) const
{
    // Body: a format byte (0 = the delta encoding as is) and the encoding. Deltas are not
    // compressed: single deltas hardly shrink, and qUncompress cannot bound what it inflates.
    return store::Sealer::seal(m_deltaKey, QByteArray(1, '\0') + encodedDelta,
                               associatedData(origin, seq));
}

Result<QByteArray> WorkspaceKeys::open(const QByteArray &sealed, const QByteArray &origin,
                                       quint64 seq) const
{
    auto body = store::Sealer::open(m_deltaKey, sealed, associatedData(origin, seq));
    if (!body)
        return Result<QByteArray>::failure(
            QStringLiteral("a delta does not open with this workspace's key"));
    if (body->isEmpty() || body->at(0) != '\0')
        return Result<QByteArray>::failure(QStringLiteral("a delta has an unknown body format"));
    return body->mid(1);
}

} // namespace feedback::sync
