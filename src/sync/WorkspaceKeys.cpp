#include "WorkspaceKeys.h"

#include "DeltaBody.h"

#include <QtEndian>

#include <protocol/Messages.h>
#include <sodium.h>
#include <store/Sealer.h>

namespace feedback::sync {

namespace {
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "cfwkspce";
constexpr char kEpochContext[crypto_kdf_CONTEXTBYTES + 1] = "cfepoch1";
constexpr quint64 kDeltaKeyId = 1;
constexpr quint64 kSigningSeedId = 2;
constexpr quint64 kBoxSeedId = 3;
// Starts a kiosk's unit. A full device's unit starts with a random nonce: if one ever starts
// with these bytes, opening it as a kiosk's fails and it is opened as a full device's.
const QByteArray kKioskMarker = QByteArrayLiteral("CFK1");
// From epoch 1 on, a unit starts with one of these and the epoch (4 bytes, big-endian).
const QByteArray kEpochMarker = QByteArrayLiteral("CFE1");
const QByteArray kKioskEpochMarker = QByteArrayLiteral("CFK2");
constexpr qsizetype kEpochPrefixBytes = 8;
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

WorkspaceKeys::Epoch WorkspaceKeys::derive(const QByteArray &secret, const char *context)
{
    const auto *master = reinterpret_cast<const unsigned char *>(secret.constData());
    Epoch e;
    crypto_kdf_derive_from_key(e.deltaKey.data(), store::SecretKey::kSize, kDeltaKeyId, context,
                               master);
    e.deltaKey.markValid();
    store::SecretKey seed;
    crypto_kdf_derive_from_key(seed.data(), crypto_sign_SEEDBYTES, kSigningSeedId, context, master);
    e.authority.resize(crypto_sign_PUBLICKEYBYTES);
    e.authoritySecret.resize(crypto_sign_SECRETKEYBYTES);
    crypto_sign_seed_keypair(reinterpret_cast<unsigned char *>(e.authority.data()),
                             reinterpret_cast<unsigned char *>(e.authoritySecret.data()),
                             seed.data());
    store::SecretKey boxSeed;
    crypto_kdf_derive_from_key(boxSeed.data(), crypto_box_SEEDBYTES, kBoxSeedId, context, master);
    e.boxPublicKey.resize(crypto_box_PUBLICKEYBYTES);
    crypto_box_seed_keypair(reinterpret_cast<unsigned char *>(e.boxPublicKey.data()),
                            e.boxSecretKey.data(), boxSeed.data());
    e.boxSecretKey.markValid();
    return e;
}

Result<WorkspaceKeys> WorkspaceKeys::fromSecret(const QByteArray &secret)
{
    store::Sealer::initialise();
    if (secret.size() != crypto_kdf_KEYBYTES)
        return Result<WorkspaceKeys>::failure(QStringLiteral("the workspace secret is damaged"));
    WorkspaceKeys keys;
    Epoch first = derive(secret, kContext);
    keys.m_workspaceId = first.authority;
    keys.m_chain = protocol::EpochChain(first.authority);
    keys.m_epochs.emplace(0, std::move(first));
    return keys;
}

Result<WorkspaceKeys> WorkspaceKeys::forKiosk(const QByteArray &workspaceId,
                                              const QByteArray &boxPublicKey, quint64 epoch,
                                              const QByteArray &authority)
{
    store::Sealer::initialise();
    const QByteArray signer = epoch == 0 ? workspaceId : authority;
    if (workspaceId.size() != crypto_sign_PUBLICKEYBYTES ||
        boxPublicKey.size() != crypto_box_PUBLICKEYBYTES ||
        signer.size() != crypto_sign_PUBLICKEYBYTES || epoch > protocol::EpochStatement::kMaxEpoch)
        return Result<WorkspaceKeys>::failure(
            QStringLiteral("the workspace's public keys are damaged"));
    WorkspaceKeys keys;
    keys.m_workspaceId = workspaceId;
    keys.m_chain = protocol::EpochChain(workspaceId);
    Epoch e;
    e.authority = signer;
    e.boxPublicKey = boxPublicKey;
    keys.m_epochs.emplace(epoch, std::move(e));
    return keys;
}

Status WorkspaceKeys::addEpochSecret(quint64 epoch, const QByteArray &secret)
{
    if (!canRead() || epoch < 1 || epoch > protocol::EpochStatement::kMaxEpoch ||
        secret.size() != crypto_kdf_KEYBYTES)
        return Status::failure(QStringLiteral("a key epoch's secret is damaged"),
                               ErrorKind::BadData);
    Epoch e = derive(secret, kEpochContext);
    e.secret = store::SecretKey::fromBytes(secret);
    m_epochs.insert_or_assign(epoch, std::move(e));
    return Ok{};
}

Status WorkspaceKeys::adoptChain(const protocol::EpochChain &chain)
{
    if (chain.workspaceId() != m_workspaceId)
        return Status::failure(QStringLiteral("the key epochs are another workspace's"),
                               ErrorKind::BadData);
    const bool full = canRead();
    for (const protocol::EpochStatement &s : chain.statements()) {
        const auto held = m_epochs.find(s.epoch);
        if (full && held == m_epochs.end())
            return Status::failure(
                QStringLiteral("this device was not given the keys of epoch %1").arg(s.epoch),
                ErrorKind::WrongKey);
        if (held != m_epochs.end() &&
            (held->second.authority != s.authority || held->second.boxPublicKey != s.boxKey))
            return Status::failure(
                QStringLiteral("the keys of epoch %1 are not the ones its statement names")
                    .arg(s.epoch),
                ErrorKind::BadData);
        if (!full && held == m_epochs.end()) {
            Epoch e;
            e.authority = s.authority;
            e.boxPublicKey = s.boxKey;
            m_epochs.emplace(s.epoch, std::move(e));
        }
    }
    m_chain = chain;
    return Ok{};
}

QList<std::pair<quint64, QByteArray>> WorkspaceKeys::epochSecrets() const
{
    QList<std::pair<quint64, QByteArray>> out;
    for (const auto &[number, e] : m_epochs) {
        if (number != 0 && e.secret.isValid())
            out.append({number, e.secret.toBytes()});
    }
    return out;
}

QList<QByteArray> WorkspaceKeys::authorities() const
{
    QList<QByteArray> out;
    for (auto it = m_epochs.rbegin(); it != m_epochs.rend(); ++it)
        out.append(it->second.authority);
    return out;
}

Result<protocol::DeviceCertificate> WorkspaceKeys::verifyCertificate(const QByteArray &bytes) const
{
    auto last = Result<protocol::DeviceCertificate>::failure(QStringLiteral("no authority"));
    for (auto it = m_epochs.rbegin(); it != m_epochs.rend(); ++it) {
        last = protocol::DeviceCertificate::verify(bytes, m_workspaceId, it->second.authority);
        if (last)
            return last;
    }
    return last;
}

Result<protocol::Revocation> WorkspaceKeys::verifyRevocation(const QByteArray &bytes,
                                                             quint64 *epoch) const
{
    auto last = Result<protocol::Revocation>::failure(QStringLiteral("no authority"));
    for (auto it = m_epochs.rbegin(); it != m_epochs.rend(); ++it) {
        last = protocol::Revocation::verify(bytes, m_workspaceId, it->second.authority);
        if (last) {
            if (epoch)
                *epoch = it->first;
            return last;
        }
    }
    return last;
}

QByteArray WorkspaceKeys::associatedData(const QByteArray &origin, quint64 seq, quint64 count) const
{
    QByteArray ad = QByteArrayLiteral("courier-feedback/delta/1") + m_workspaceId + origin;
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
    const auto &[number, epoch] = *m_epochs.rbegin();
    QByteArray out;
    if (number > 0) {
        // The epoch picks the key: bytes changed there open with another key, and fail.
        out = canRead() ? kEpochMarker : kKioskEpochMarker;
        out.resize(kEpochPrefixBytes);
        qToBigEndian(static_cast<quint32>(number), out.data() + 4);
    }
    if (canRead())
        return out + store::Sealer::seal(epoch.deltaKey, body, ad);
    // The hash of the associated data inside: a unit cannot be presented under another origin,
    // seq or count (crypto_box_seal has no associated data of its own).
    const QByteArray plain = adHash(ad) + body;
    if (number == 0)
        out = kKioskMarker;
    const qsizetype at = out.size();
    out.resize(at + plain.size() + crypto_box_SEALBYTES);
    crypto_box_seal(reinterpret_cast<unsigned char *>(out.data()) + at,
                    reinterpret_cast<const unsigned char *>(plain.constData()), plain.size(),
                    reinterpret_cast<const unsigned char *>(epoch.boxPublicKey.constData()));
    return out;
}

std::optional<QByteArray> WorkspaceKeys::openKioskUnit(const Epoch &epoch, const QByteArray &boxed,
                                                       const QByteArray &ad) const
{
    if (!epoch.boxSecretKey.isValid() || boxed.size() < crypto_box_SEALBYTES + kAdHashBytes)
        return std::nullopt;
    QByteArray plain(boxed.size() - crypto_box_SEALBYTES, Qt::Uninitialized);
    if (crypto_box_seal_open(
            reinterpret_cast<unsigned char *>(plain.data()),
            reinterpret_cast<const unsigned char *>(boxed.constData()), boxed.size(),
            reinterpret_cast<const unsigned char *>(epoch.boxPublicKey.constData()),
            epoch.boxSecretKey.data()) != 0)
        return std::nullopt;
    if (sodium_memcmp(plain.constData(), adHash(ad).constData(), kAdHashBytes) != 0)
        return std::nullopt;
    return plain.mid(kAdHashBytes);
}

std::optional<QByteArray> WorkspaceKeys::openBody(const QByteArray &sealed, const QByteArray &ad,
                                                  QString &missing) const
{
    // A unit of a later epoch names it. A full device's unit of epoch 0 starts with a random
    // nonce: one that happens to start like a marker fails below and opens as epoch 0's.
    const bool full = sealed.startsWith(kEpochMarker);
    if ((full || sealed.startsWith(kKioskEpochMarker)) && sealed.size() > kEpochPrefixBytes) {
        const quint64 number = qFromBigEndian<quint32>(sealed.constData() + 4);
        const auto held = m_epochs.find(number);
        if (number > 0 && held != m_epochs.end()) {
            const QByteArray rest = sealed.mid(kEpochPrefixBytes);
            std::optional<QByteArray> body;
            if (full) {
                if (auto opened = store::Sealer::open(held->second.deltaKey, rest, ad))
                    body = std::move(*opened);
            } else {
                body = openKioskUnit(held->second, rest, ad);
            }
            if (body)
                return body;
        } else if (number > 0) {
            missing = QStringLiteral(" (sealed with the keys of epoch %1, which this device does "
                                     "not hold)")
                          .arg(number);
        }
    }
    const Epoch &first = m_epochs.begin()->second;
    if (m_epochs.begin()->first != 0)
        return std::nullopt;
    if (sealed.startsWith(kKioskMarker))
        if (auto body = openKioskUnit(first, sealed.mid(kKioskMarker.size()), ad))
            return body;
    if (auto opened = store::Sealer::open(first.deltaKey, sealed, ad))
        return std::move(*opened);
    return std::nullopt;
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
    QString missing;
    const std::optional<QByteArray> body =
        openBody(unit.sealed, associatedData(unit.origin, unit.seq, unit.count), missing);
    if (!body)
        return Result<Out>::failure(
            QStringLiteral("a delta does not open with this workspace's key") + missing);
    if (unit.count != 1)
        return DeltaBody::decodeGroup(*body, unit.count, budget);
    auto single = DeltaBody::decode(*body, budget);
    if (!single)
        return Result<Out>::failure(single);
    return Out{std::move(*single)};
}

} // namespace feedback::sync
