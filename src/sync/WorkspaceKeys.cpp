#include "WorkspaceKeys.h"

#include <QtEndian>

#include <protocol/Messages.h>
#include <sodium.h>
#include <store/Sealer.h>

namespace feedback::sync {

namespace {
constexpr char kContext[crypto_kdf_CONTEXTBYTES + 1] = "cfwkspce";
constexpr quint64 kDeltaKeyId = 1;
constexpr quint64 kSigningSeedId = 2;

// Body formats (the first byte of a delta's plaintext).
constexpr char kRaw = 0;
constexpr char kZlib = 1; // qCompress: 4-byte big-endian size, then a zlib stream
constexpr qsizetype kSizeHeader = 4;
// qUncompress trusts no size: it grows its buffer until the stream ends. Deflate expands at
// most 1032 times, so capping the stream caps what it can inflate to, whatever the header
// says; the header is checked against the same limit, and against the result.
constexpr qsizetype kMaxInflatedBytes = protocol::limits::kDefaultMaxFrameBytes;
constexpr qsizetype kMaxDeflateRatio = 1032;
constexpr qsizetype kMaxZlibStreamBytes = kMaxInflatedBytes / kMaxDeflateRatio;
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

QByteArray WorkspaceKeys::encodeBody(const QByteArray &encodedDelta)
{
    // zlib saves ~8% on a typical new-record delta (the comment's words repeat); deltas that
    // do not shrink, or that a reader could not bound, go as they are.
    if (encodedDelta.size() <= kMaxInflatedBytes) {
        const QByteArray compressed = qCompress(encodedDelta, 9);
        if (compressed.size() < encodedDelta.size() &&
            compressed.size() - kSizeHeader <= kMaxZlibStreamBytes)
            return QByteArray(1, kZlib) + compressed;
    }
    return QByteArray(1, kRaw) + encodedDelta;
}

Result<QByteArray> WorkspaceKeys::decodeBody(const QByteArray &body)
{
    if (body.isEmpty())
        return Result<QByteArray>::failure(QStringLiteral("a delta has an empty body"));
    if (body.at(0) == kRaw)
        return body.mid(1);
    if (body.at(0) != kZlib)
        return Result<QByteArray>::failure(QStringLiteral("a delta has an unknown body format"));
    const QByteArrayView compressed = QByteArrayView(body).sliced(1);
    if (compressed.size() <= kSizeHeader || compressed.size() - kSizeHeader > kMaxZlibStreamBytes)
        return Result<QByteArray>::failure(
            QStringLiteral("a compressed delta is %1 bytes, outside 1..%2")
                .arg(compressed.size() - kSizeHeader)
                .arg(kMaxZlibStreamBytes));
    const quint32 declared = qFromBigEndian<quint32>(compressed.data());
    if (declared == 0 || declared > static_cast<quint32>(kMaxInflatedBytes))
        return Result<QByteArray>::failure(
            QStringLiteral("a compressed delta declares %1 bytes, outside 1..%2")
                .arg(declared)
                .arg(kMaxInflatedBytes));
    const QByteArray inflated = qUncompress(compressed.toByteArray());
    if (inflated.size() != static_cast<qsizetype>(declared))
        return Result<QByteArray>::failure(
            QStringLiteral("a compressed delta is damaged (%1 bytes declared, %2 inflated)")
                .arg(declared)
                .arg(inflated.size()));
    return inflated;
}

QByteArray WorkspaceKeys::seal(const QByteArray &encodedDelta, const QByteArray &origin,
                               quint64 seq) const
{
    return store::Sealer::seal(m_deltaKey, encodeBody(encodedDelta), associatedData(origin, seq));
}

Result<QByteArray> WorkspaceKeys::open(const QByteArray &sealed, const QByteArray &origin,
                                       quint64 seq) const
{
    auto body = store::Sealer::open(m_deltaKey, sealed, associatedData(origin, seq));
    if (!body)
        return Result<QByteArray>::failure(
            QStringLiteral("a delta does not open with this workspace's key"));
    return decodeBody(*body);
}

} // namespace feedback::sync
