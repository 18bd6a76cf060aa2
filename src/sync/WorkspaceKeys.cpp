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
constexpr quint64 kBoxSeedId = 3;
// Starts a kiosk's unit. A full device's unit starts with a random nonce: if one ever starts
// with these bytes, opening it as a kiosk's fails and it is opened as a full device's.
const QByteArray kKioskMarker = QByteArrayLiteral("CFK1");
constexpr qsizetype kAdHashBytes = 32;

QByteArray adHash(const QByteArray &ad)
{
    QByteArray out(kAdHashBytes, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), out.size(),
                       reinterpret_cast<const unsigned char *>(ad.constData()), ad.size(), nullptr,
                       0);
    return out;
}

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
    store::SecretKey boxSeed;
    crypto_kdf_derive_from_key(boxSeed.data(), crypto_box_SEEDBYTES, kBoxSeedId, kContext, master);
    keys.m_boxPublicKey.resize(crypto_box_PUBLICKEYBYTES);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char *>(keys.m_boxPublicKey.data()),
                            keys.m_boxSecretKey.data(), boxSeed.data());
    keys.m_boxSecretKey.markValid();
    return keys;
}

Result<WorkspaceKeys> WorkspaceKeys::forKiosk(const QByteArray &workspaceId,
                                              const QByteArray &boxPublicKey)
{
    store::Sealer::initialise();
    if (workspaceId.size() != crypto_sign_PUBLICKEYBYTES ||
        boxPublicKey.size() != crypto_box_PUBLICKEYBYTES)
        return Result<WorkspaceKeys>::failure(
            QStringLiteral("the workspace's public keys are damaged"));
    WorkspaceKeys keys;
    keys.m_publicKey = workspaceId;
    keys.m_boxPublicKey = boxPublicKey;
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

QByteArray WorkspaceKeys::sealForWorkspace(const QByteArray &body, const QByteArray &ad) const
{
    if (canRead())
        return store::Sealer::seal(m_deltaKey, body, ad);
    // The hash of the associated data inside: a unit cannot be presented under another origin,
    // seq or count (crypto_box_seal has no associated data of its own).
    const QByteArray plain = adHash(ad) + body;
    QByteArray out = kKioskMarker;
    out.resize(kKioskMarker.size() + plain.size() + crypto_box_SEALBYTES);
    crypto_box_seal(reinterpret_cast<unsigned char *>(out.data()) + kKioskMarker.size(),
                    reinterpret_cast<const unsigned char *>(plain.constData()), plain.size(),
                    reinterpret_cast<const unsigned char *>(m_boxPublicKey.constData()));
    return out;
}

std::optional<QByteArray> WorkspaceKeys::openKioskUnit(const QByteArray &sealed,
                                                       const QByteArray &ad) const
{
    const qsizetype minimum = kKioskMarker.size() + crypto_box_SEALBYTES + kAdHashBytes;
    if (!m_boxSecretKey.isValid() || sealed.size() < minimum || !sealed.startsWith(kKioskMarker))
        return std::nullopt;
    const qsizetype boxed = sealed.size() - kKioskMarker.size();
    QByteArray plain(boxed - crypto_box_SEALBYTES, Qt::Uninitialized);
    if (crypto_box_seal_open(
            reinterpret_cast<unsigned char *>(plain.data()),
            reinterpret_cast<const unsigned char *>(sealed.constData()) + kKioskMarker.size(),
            boxed, reinterpret_cast<const unsigned char *>(m_boxPublicKey.constData()),
            m_boxSecretKey.data()) != 0)
        return std::nullopt;
    if (sodium_memcmp(plain.constData(), adHash(ad).constData(), kAdHashBytes) != 0)
        return std::nullopt;
    return plain.mid(kAdHashBytes);
}

QByteArray WorkspaceKeys::seal(const QByteArray &encodedDelta, const QByteArray &origin,
                               quint64 seq) const
{
    return sealForWorkspace(DeltaBody::encode(encodedDelta), associatedData(origin, seq, 1));
}

QByteArray WorkspaceKeys::sealGroup(const QList<QByteArray> &encodedDeltas,
                                    const QByteArray &origin, quint64 firstSeq) const
{
    if (encodedDeltas.size() == 1)
        return seal(encodedDeltas.first(), origin, firstSeq);
    return sealForWorkspace(DeltaBody::encodeGroup(encodedDeltas),
                            associatedData(origin, firstSeq, encodedDeltas.size()));
}

Result<QList<QByteArray>> WorkspaceKeys::open(const protocol::SealedDelta &unit,
                                              InflateBudget *budget) const
{
    using Out = QList<QByteArray>;
    if (!canRead())
        return Result<Out>::failure(QStringLiteral("a kiosk opens no delta"));
    const QByteArray ad = associatedData(unit.origin, unit.seq, unit.count);
    std::optional<QByteArray> body = openKioskUnit(unit.sealed, ad);
    if (!body) {
        if (auto opened = store::Sealer::open(m_deltaKey, unit.sealed, ad))
            body = std::move(*opened);
    }
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
