#include "DeltaBody.h"

#include <QtEndian>

#include <protocol/Messages.h>
#include <zlib.h>

namespace feedback::sync {

namespace {

// Body formats (the first byte of a delta's plaintext).
constexpr char kRaw = 0;
constexpr char kZlib = 1;      // qCompress: 4-byte big-endian size, then a zlib stream
constexpr char kZlibGroup = 2; // 4-byte big-endian size, then a zlib stream of length-prefixed
                               // deltas (unsigned LEB128 lengths)
constexpr qsizetype kSizeHeader = 4;
// qUncompress trusts no size: it grows its buffer until the stream ends. Deflate expands at
// most 1032 times, so capping the stream caps what it can inflate to, whatever the header
// says; the header is checked against the same limit, and against the result.
constexpr qsizetype kMaxInflatedBytes = protocol::limits::kDefaultMaxFrameBytes;
constexpr qsizetype kMaxDeflateRatio = 1032;
constexpr qsizetype kMaxZlibStreamBytes = kMaxInflatedBytes / kMaxDeflateRatio;

template <typename T> Result<T> failure(const QString &why)
{
    return Result<T>::failure(why);
}

// Takes `bytes` from the frame's budget; false when it is spent.
bool spend(InflateBudget *budget, qint64 bytes)
{
    return !budget || budget->fetch_sub(bytes) >= bytes;
}

void appendLength(QByteArray &out, quint64 n)
{
    do {
        const auto low = static_cast<char>(n & 0x7F);
        n >>= 7;
        out.append(n ? static_cast<char>(low | 0x80) : low);
    } while (n);
}

// Reads one LEB128 length at `at`; false when it runs past the end or over 32 bits.
bool readLength(QByteArrayView in, qsizetype &at, quint64 &n)
{
    n = 0;
    for (int shift = 0; shift < 35; shift += 7) {
        if (at >= in.size())
            return false;
        const auto byte = static_cast<quint8>(in.at(at++));
        n |= quint64(byte & 0x7F) << shift;
        if (!(byte & 0x80))
            return n <= 0xFFFFFFFFu;
    }
    return false;
}

// The qCompress layout (4-byte big-endian size, then a zlib stream) with deflate's smallest
// state: a 512-byte window and little hash memory. One delta is a few hundred bytes, so this
// compresses it as well as the defaults do, while setting up zlib's default 256 KiB of state
// took most of the time of sealing a delta on the live path.
QByteArray compressSmall(const QByteArray &plain)
{
    z_stream z{};
    if (deflateInit2(&z, 6, Z_DEFLATED, 9, 1, Z_DEFAULT_STRATEGY) != Z_OK)
        return QByteArray();
    const uLong bound = deflateBound(&z, static_cast<uLong>(plain.size()));
    QByteArray out(kSizeHeader + static_cast<qsizetype>(bound), Qt::Uninitialized);
    qToBigEndian(static_cast<quint32>(plain.size()), out.data());
    z.next_in = reinterpret_cast<Bytef *>(const_cast<char *>(plain.constData()));
    z.avail_in = static_cast<uInt>(plain.size());
    z.next_out = reinterpret_cast<Bytef *>(out.data() + kSizeHeader);
    z.avail_out = static_cast<uInt>(bound);
    const int status = deflate(&z, Z_FINISH);
    const auto written = static_cast<qsizetype>(z.total_out);
    deflateEnd(&z);
    if (status != Z_STREAM_END)
        return QByteArray();
    out.truncate(kSizeHeader + written);
    return out;
}

} // namespace

QByteArray DeltaBody::encode(const QByteArray &encodedDelta)
{
    // zlib saves ~8% on a typical new-record delta (the comment's words repeat); deltas that
    // do not shrink, or that a reader could not bound, go as they are.
    if (encodedDelta.size() <= kMaxInflatedBytes) {
        const QByteArray compressed = compressSmall(encodedDelta);
        if (!compressed.isEmpty() && compressed.size() < encodedDelta.size() &&
            compressed.size() - kSizeHeader <= kMaxZlibStreamBytes)
            return QByteArray(1, kZlib) + compressed;
    }
    return QByteArray(1, kRaw) + encodedDelta;
}

Result<QByteArray> DeltaBody::decode(const QByteArray &body, InflateBudget *budget)
{
    if (body.isEmpty())
        return failure<QByteArray>(QStringLiteral("a delta has an empty body"));
    if (body.at(0) == kRaw)
        return body.mid(1);
    if (body.at(0) != kZlib)
        return failure<QByteArray>(QStringLiteral("a delta has an unknown body format"));
    const QByteArrayView compressed = QByteArrayView(body).sliced(1);
    if (compressed.size() <= kSizeHeader || compressed.size() - kSizeHeader > kMaxZlibStreamBytes)
        return failure<QByteArray>(QStringLiteral("a compressed delta is %1 bytes, outside 1..%2")
                                       .arg(compressed.size() - kSizeHeader)
                                       .arg(kMaxZlibStreamBytes));
    const quint32 declared = qFromBigEndian<quint32>(compressed.data());
    if (declared == 0 || declared > static_cast<quint32>(kMaxInflatedBytes))
        return failure<QByteArray>(
            QStringLiteral("a compressed delta declares %1 bytes, outside 1..%2")
                .arg(declared)
                .arg(kMaxInflatedBytes));
    if (!spend(budget, declared))
        return failure<QByteArray>(QStringLiteral("the deltas of one frame inflate too far"));
    const QByteArray inflated = qUncompress(compressed.toByteArray());
    if (inflated.size() != static_cast<qsizetype>(declared))
        return failure<QByteArray>(
            QStringLiteral("a compressed delta is damaged (%1 bytes declared, %2 inflated)")
                .arg(declared)
                .arg(inflated.size()));
    return inflated;
}

QByteArray DeltaBody::encodeGroup(const QList<QByteArray> &encodedDeltas)
{
    QByteArray plain;
    for (const QByteArray &d : encodedDeltas) {
        appendLength(plain, static_cast<quint64>(d.size()));
        plain.append(d);
    }
    Q_ASSERT(plain.size() <= kMaxGroupBytes); // the writer sizes its groups
    uLongf size = compressBound(static_cast<uLong>(plain.size()));
    QByteArray body(1 + kSizeHeader + static_cast<qsizetype>(size), Qt::Uninitialized);
    body[0] = kZlibGroup;
    qToBigEndian(static_cast<quint32>(plain.size()), body.data() + 1);
    // Level 6: level 9 saves under 1% on records and costs twice the time.
    const int status = compress2(reinterpret_cast<Bytef *>(body.data() + 1 + kSizeHeader), &size,
                                 reinterpret_cast<const Bytef *>(plain.constData()),
                                 static_cast<uLong>(plain.size()), 6);
    Q_ASSERT(status == Z_OK); // compressBound() makes room for any input
    Q_UNUSED(status);
    body.truncate(1 + kSizeHeader + static_cast<qsizetype>(size));
    return body;
}

Result<QList<QByteArray>> DeltaBody::decodeGroup(const QByteArray &body, quint64 count,
                                                 InflateBudget *budget)
{
    using Out = QList<QByteArray>;
    if (body.size() <= 1 + kSizeHeader || body.at(0) != kZlibGroup)
        return failure<Out>(QStringLiteral("a delta group has an unknown body format"));
    const quint32 declared = qFromBigEndian<quint32>(body.constData() + 1);
    if (declared < count || declared > static_cast<quint32>(kMaxGroupBytes))
        return failure<Out>(QStringLiteral("a delta group declares %1 bytes, outside %2..%3")
                                .arg(declared)
                                .arg(count)
                                .arg(kMaxGroupBytes));
    if (!spend(budget, declared))
        return failure<Out>(QStringLiteral("the deltas of one frame inflate too far"));
    // zlib's uncompress() stops at the buffer's end: nothing inflates past what was declared.
    QByteArray plain(static_cast<qsizetype>(declared), Qt::Uninitialized);
    uLongf size = declared;
    const int status =
        uncompress(reinterpret_cast<Bytef *>(plain.data()), &size,
                   reinterpret_cast<const Bytef *>(body.constData() + 1 + kSizeHeader),
                   static_cast<uLong>(body.size() - 1 - kSizeHeader));
    if (status != Z_OK || size != declared)
        return failure<Out>(
            QStringLiteral("a delta group is damaged (%1 bytes declared)").arg(declared));
    Out deltas;
    deltas.reserve(static_cast<qsizetype>(count));
    const QByteArrayView in(plain);
    qsizetype at = 0;
    while (at < in.size()) {
        quint64 length = 0;
        if (static_cast<quint64>(deltas.size()) == count || !readLength(in, at, length) ||
            length == 0 || length > static_cast<quint64>(in.size() - at))
            return failure<Out>(QStringLiteral("a delta group does not hold %1 deltas").arg(count));
        deltas.append(plain.mid(at, static_cast<qsizetype>(length)));
        at += static_cast<qsizetype>(length);
    }
    if (static_cast<quint64>(deltas.size()) != count)
        return failure<Out>(
            QStringLiteral("a delta group holds %1 deltas, not %2").arg(deltas.size()).arg(count));
    return deltas;
}

} // namespace feedback::sync
