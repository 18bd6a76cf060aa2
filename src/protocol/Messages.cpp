#include "Messages.h"

#include <QCborArray>
#include <QCborStreamReader>
#include <QCborValue>

#include <limits>

namespace feedback::protocol {

namespace {

enum Type : qint64
{
    kHello = 0,
    kChallenge = 1,
    kAuth = 2,
    kWelcome = 3,
    kError = 4,
    kPush = 5,
    kAck = 6,
    kPull = 7,
    kDeltas = 8,
    kCaughtUp = 9,
};

qint64 asInt(quint64 v)
{
    return static_cast<qint64>(v);
}

QCborArray deltaList(const QList<SealedDelta> &deltas, bool withPosition)
{
    QCborArray out;
    for (const SealedDelta &d : deltas) {
        QCborArray item{d.origin, asInt(d.seq), d.sealed};
        if (d.count != 1)
            item.append(asInt(d.count));
        if (withPosition)
            item.prepend(asInt(d.position));
        out.append(item);
    }
    return out;
}

// Reads fields of one frame; the first problem is kept and every later read fails.
class Reader
{
public:
    explicit Reader(QCborArray items)
        : m_items(std::move(items))
    {}
    QString error;

    bool fail(const QString &why)
    {
        if (error.isEmpty())
            error = why;
        return false;
    }
    qsizetype size() const { return m_items.size(); }
    QCborValue at(qsizetype i) const { return m_items.at(i); }

    bool uint(const QCborValue &v, quint64 &out, const char *what)
    {
        if (!v.isInteger() || v.toInteger() < 0)
            return fail(
                QStringLiteral("%1: expected a non-negative integer").arg(QLatin1String(what)));
        out = static_cast<quint64>(v.toInteger());
        return true;
    }
    bool bytes(const QCborValue &v, qsizetype min, qsizetype max, QByteArray &out, const char *what)
    {
        if (!v.isByteArray())
            return fail(QStringLiteral("%1: expected bytes").arg(QLatin1String(what)));
        out = v.toByteArray();
        if (out.size() < min || out.size() > max)
            return fail(QStringLiteral("%1: %2 bytes, expected %3..%4")
                            .arg(QLatin1String(what))
                            .arg(out.size())
                            .arg(min)
                            .arg(max));
        return true;
    }
    bool deltas(const QCborValue &v, bool withPosition, qsizetype maxBatch, QList<SealedDelta> &out)
    {
        if (!v.isArray())
            return fail(QStringLiteral("deltas: expected an array"));
        const QCborArray list = v.toArray();
        if (list.size() > maxBatch)
            return fail(QStringLiteral("deltas: %1 in one frame, at most %2")
                            .arg(list.size())
                            .arg(maxBatch));
        const qsizetype width = withPosition ? 4 : 3;
        for (const QCborValue &item : list) {
            const QCborArray f = item.toArray();
            SealedDelta d;
            // A group has its count as one more field; a single delta leaves it out.
            if (!item.isArray() || (f.size() != width && f.size() != width + 1))
                return fail(QStringLiteral("delta: wrong shape"));
            qsizetype i = 0;
            if (withPosition && !uint(f.at(i++), d.position, "position"))
                return false;
            if (!bytes(f.at(i++), 16, 16, d.origin, "origin") || !uint(f.at(i++), d.seq, "seq") ||
                !bytes(f.at(i++), 1, limits::kMaxSealedDeltaBytes, d.sealed, "sealed delta"))
                return false;
            if (d.seq == 0 || d.seq > limits::kMaxSeq)
                return fail(QStringLiteral("seq: must be in 1..2^62"));
            if (f.size() == width + 1) {
                if (!uint(f.at(i), d.count, "count"))
                    return false;
                if (d.count < 2 || d.count > limits::kMaxGroupDeltas)
                    return fail(QStringLiteral("count: %1, expected 2..%2")
                                    .arg(d.count)
                                    .arg(limits::kMaxGroupDeltas));
            }
            out.append(std::move(d));
        }
        return true;
    }

private:
    QCborArray m_items;
};

} // namespace

QString truncatedText(const QString &text, qsizetype units)
{
    if (text.size() <= units)
        return text;
    qsizetype cut = units;
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut);
}

QString errorCodeName(ErrorCode code)
{
    switch (code) {
    case ErrorCode::BadFrame:
        return QStringLiteral("bad-frame");
    case ErrorCode::UnsupportedVersion:
        return QStringLiteral("unsupported-version");
    case ErrorCode::AuthFailed:
        return QStringLiteral("auth-failed");
    case ErrorCode::AuthTimeout:
        return QStringLiteral("auth-timeout");
    case ErrorCode::NotAuthenticated:
        return QStringLiteral("not-authenticated");
    case ErrorCode::SequenceGap:
        return QStringLiteral("sequence-gap");
    case ErrorCode::ConflictingDuplicate:
        return QStringLiteral("conflicting-duplicate");
    case ErrorCode::WrongOrigin:
        return QStringLiteral("wrong-origin");
    case ErrorCode::TooLarge:
        return QStringLiteral("too-large");
    case ErrorCode::RateLimited:
        return QStringLiteral("rate-limited");
    case ErrorCode::Busy:
        return QStringLiteral("busy");
    case ErrorCode::Internal:
        return QStringLiteral("internal");
    case ErrorCode::UpdateRequired:
        return QStringLiteral("update-required");
    }
    return QStringLiteral("unknown");
}

QByteArray encode(const Message &message, int frameVersion)
{
    Q_ASSERT(frameVersion == kProtocolVersion || std::holds_alternative<Error>(message));
    QCborArray frame{frameVersion};
    std::visit(
        [&frame](const auto &m) {
            using T = std::decay_t<decltype(m)>;
            if constexpr (std::is_same_v<T, Hello>)
                frame << kHello << m.protocol << m.workspace << m.device
                      << static_cast<int>(m.role);
            else if constexpr (std::is_same_v<T, Challenge>)
                frame << kChallenge << m.nonce;
            else if constexpr (std::is_same_v<T, Auth>)
                frame << kAuth << m.signature;
            else if constexpr (std::is_same_v<T, Welcome>)
                frame << kWelcome << asInt(m.head) << asInt(m.storedUpTo) << asInt(m.maxBatch)
                      << asInt(m.maxFrameBytes);
            else if constexpr (std::is_same_v<T, Error>)
                frame << kError << static_cast<int>(m.code)
                      << truncatedText(m.text, limits::kMaxErrorText);
            else if constexpr (std::is_same_v<T, Push>)
                frame << kPush << deltaList(m.deltas, false);
            else if constexpr (std::is_same_v<T, Ack>)
                frame << kAck << m.origin << asInt(m.upTo);
            else if constexpr (std::is_same_v<T, Pull>)
                frame << kPull << asInt(m.cursor);
            else if constexpr (std::is_same_v<T, Deltas>)
                frame << kDeltas << deltaList(m.deltas, true) << m.more << m.live;
            else if constexpr (std::is_same_v<T, CaughtUp>)
                frame << kCaughtUp << asInt(m.cursor);
        },
        message);
    return QCborValue(frame).toCbor();
}

DecodeResult decode(const QByteArray &frame, qsizetype maxFrameBytes, qsizetype maxBatch)
{
    DecodeResult result;
    if (frame.size() > maxFrameBytes) {
        result.tooLarge = true;
        result.error =
            QStringLiteral("frame of %1 bytes, at most %2").arg(frame.size()).arg(maxFrameBytes);
        return result;
    }
    QCborStreamReader stream(frame);
    const QCborValue root = QCborValue::fromCbor(stream);
    if (stream.lastError() != QCborError::NoError || stream.currentOffset() != frame.size() ||
        !root.isArray()) {
        result.error = QStringLiteral("not a CBOR array frame");
        return result;
    }
    Reader r(root.toArray());
    quint64 version = 0;
    quint64 type = 0;
    if (r.size() < 2 || !r.uint(r.at(0), version, "version") || !r.uint(r.at(1), type, "type")) {
        result.error = r.error.isEmpty() ? QStringLiteral("frame too short") : r.error;
        return result;
    }
    result.version = version;
    // An error frame reads the same in every version: a relay that refuses this device (as too
    // old, say) must be understood whatever version it speaks.
    if (version != kProtocolVersion && !(type == kError && r.size() == 4)) {
        result.unsupportedVersion = true;
        result.error = QStringLiteral("protocol version %1 is not supported").arg(version);
        return result;
    }
    static const qsizetype kWidth[] = {6, 3, 3, 6, 4, 3, 4, 3, 5, 3};
    if (type > kCaughtUp || r.size() != kWidth[type]) {
        result.error = QStringLiteral("unknown message or wrong number of fields");
        return result;
    }
    bool ok = false;
    switch (static_cast<Type>(type)) {
    case kHello: {
        Hello m;
        quint64 protocol = 0;
        quint64 role = 0;
        ok = r.uint(r.at(2), protocol, "protocol") &&
             r.bytes(r.at(3), 32, 32, m.workspace, "workspace") &&
             r.bytes(r.at(4), 16, 16, m.device, "device") && r.uint(r.at(5), role, "role") &&
             (role <= 1 || r.fail(QStringLiteral("role: unknown")));
        m.protocol = static_cast<int>(std::min<quint64>(protocol, 1000));
        m.role = static_cast<Role>(role);
        result.message = m;
        break;
    }
    case kChallenge: {
        Challenge m;
        ok = r.bytes(r.at(2), 32, 32, m.nonce, "nonce");
        result.message = m;
        break;
    }
    case kAuth: {
        Auth m;
        ok = r.bytes(r.at(2), 64, 64, m.signature, "signature");
        result.message = m;
        break;
    }
    case kWelcome: {
        Welcome m;
        ok = r.uint(r.at(2), m.head, "head") && r.uint(r.at(3), m.storedUpTo, "stored") &&
             r.uint(r.at(4), m.maxBatch, "max batch") &&
             r.uint(r.at(5), m.maxFrameBytes, "max frame bytes") &&
             (m.maxBatch > 0 || r.fail(QStringLiteral("max batch: must be positive")));
        result.message = m;
        break;
    }
    case kError: {
        Error m;
        quint64 code = 0;
        ok =
            r.uint(r.at(2), code, "code") && (r.at(3).isString() || r.fail(QStringLiteral("text")));
        m.code = static_cast<ErrorCode>(std::min<quint64>(code, 0xFFFF));
        m.text = truncatedText(r.at(3).toString(), limits::kMaxErrorText);
        result.message = m;
        break;
    }
    case kPush: {
        Push m;
        ok = r.deltas(r.at(2), false, maxBatch, m.deltas);
        result.message = m;
        break;
    }
    case kAck: {
        Ack m;
        ok = r.bytes(r.at(2), 16, 16, m.origin, "origin") && r.uint(r.at(3), m.upTo, "upTo");
        result.message = m;
        break;
    }
    case kPull: {
        Pull m;
        ok = r.uint(r.at(2), m.cursor, "cursor");
        result.message = m;
        break;
    }
    case kDeltas: {
        Deltas m;
        ok = r.deltas(r.at(2), true, maxBatch, m.deltas) &&
             (r.at(3).isBool() || r.fail(QStringLiteral("more: expected a boolean"))) &&
             (r.at(4).isBool() || r.fail(QStringLiteral("live: expected a boolean")));
        m.more = r.at(3).toBool();
        m.live = r.at(4).toBool();
        result.message = m;
        break;
    }
    case kCaughtUp: {
        CaughtUp m;
        ok = r.uint(r.at(2), m.cursor, "cursor");
        result.message = m;
        break;
    }
    }
    if (!ok) {
        result.tooLarge = r.error.contains(QLatin1String(" in one frame, at most "));
        result.message.reset();
        result.error = r.error.isEmpty() ? QStringLiteral("bad message") : r.error;
    }
    return result;
}

} // namespace feedback::protocol
