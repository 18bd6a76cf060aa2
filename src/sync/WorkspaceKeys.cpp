#include "WorkspaceKeys.h"

#include <QtEndian>

#include <sodium.h>
#include <store/Sealer.h>

namespace feedback::sync {

namespace {
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "cfwkspce";
constexpr quint64 kDeltaKeyId = 1;
constexpr quint64 kSigningSeedId = 2;
constexpr qsizetype kMaxInflated = 4 * 1024 * 1024;
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
    // 0 = stored as is, 1 = zlib; small deltas often do not shrink.
    const QByteArray compressed = qCompress(encodedDelta, 9);
    const QByteArray body = compressed.size() + 1 < encodedDelta.size() + 1
                                ? QByteArray(1, '\1') + compressed
                                : QByteArray(1, '\0') + encodedDelta;
    return store::Sealer::seal(m_deltaKey, body, associatedData(origin, seq));
}

Result<QByteArray> WorkspaceKeys::open(const QByteArray &sealed, const QByteArray &origin,
                                       quint64 seq) const
{
    auto body = store::Sealer::open(m_deltaKey, sealed, associatedData(origin, seq));
    if (!body)
        return Result<QByteArray>::failure(QStringLiteral("a delta does not open with this "
                                                          "workspace's key"));
    if (body->isEmpty())
        return Result<QByteArray>::failure(QStringLiteral("an empty delta"));
    if (body->at(0) == '\0')
        return body->mid(1);
    // qCompress's header states the inflated size: bound it before inflating.
    if (body->at(0) != '\1' || body->size() < 5 ||
        qFromBigEndian<quint32>(body->constData() + 1) > kMaxInflated)
        return Result<QByteArray>::failure(QStringLiteral("a delta has a bad compression header"));
    QByteArray inflated = qUncompress(body->mid(1));
    if (inflated.isEmpty())
        return Result<QByteArray>::failure(QStringLiteral("a delta does not inflate"));
    return inflated;
}

} // namespace feedback::sync
