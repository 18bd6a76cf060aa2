#include "WorkspaceKeys.h"

#include "DeltaBody.h"

#include <QtEndian>

#include <protocol/Messages.h>
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

QByteArray WorkspaceKeys::associatedData(const QByteArray &origin, quint64 seq, quint64 count) const
{
    QByteArray ad = QByteArrayLiteral("courier-feedback/delta/1") + m_publicKey + origin;
    ad.resize(ad.size() + 8);
    qToBigEndian(seq, ad.data() + ad.size() - 8);
    // A group also binds its count: the relay cannot present part of one as the whole.
    if (count != 1) {
        ad.resize(ad.size() + 8);
        qToBigEndian(count, ad.data() + ad.size() - 8);
    }
    return ad;
}

QByteArray WorkspaceKeys::seal(const QByteArray &encodedDelta, const QByteArray &origin,
                               quint64 seq) const
{
    return store::Sealer::seal(m_deltaKey, DeltaBody::encode(encodedDelta),
                               associatedData(origin, seq, 1));
}

QByteArray WorkspaceKeys::sealGroup(const QList<QByteArray> &encodedDeltas,
                                    const QByteArray &origin, quint64 firstSeq) const
{
    if (encodedDeltas.size() == 1)
        return seal(encodedDeltas.first(), origin, firstSeq);
    return store::Sealer::seal(m_deltaKey, DeltaBody::encodeGroup(encodedDeltas),
                               associatedData(origin, firstSeq, encodedDeltas.size()));
}

Result<QList<QByteArray>> WorkspaceKeys::open(const protocol::SealedDelta &unit,
                                              InflateBudget *budget) const
{
    using Out = QList<QByteArray>;
    auto body = store::Sealer::open(m_deltaKey, unit.sealed,
                                    associatedData(unit.origin, unit.seq, unit.count));
    if (!body)
        return Result<Out>::failure(
            QStringLiteral("a delta does not open with this workspace's key"));
    if (unit.count != 1)
        return DeltaBody::decodeGroup(*body, unit.count, budget);
    auto single = DeltaBody::decode(*body, budget);
    if (!single)
        return Result<Out>::failure(single);
    return Out{std::move(*single)};
}

} // namespace feedback::sync
