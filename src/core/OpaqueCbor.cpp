#include "OpaqueCbor.h"

#include "BookCodec.h"

namespace feedback::opaque {

namespace {

// Qt's parser has already bounded nesting (it refuses very deep input); this bound is the
// format's own and keeps the walk short.
bool plain(const QCborValue &v, int depth)
{
    // Qt turns tags it knows into types of its own (date, URL, UUID, regular expression).
    if (v.isTag() || v.isDateTime() || v.isUrl() || v.isUuid() || v.isRegularExpression() ||
        v.isInvalid() || depth > codec_limits::kMaxOpaqueDepth)
        return false;
    if (v.isArray()) {
        const QCborArray items = v.toArray();
        for (const QCborValue &item : items)
            if (!plain(item, depth + 1))
                return false;
    } else if (v.isMap()) {
        const QCborMap map = v.toMap();
        for (auto it = map.constBegin(); it != map.constEnd(); ++it)
            if (!plain(it.key(), depth + 1) || !plain(it.value(), depth + 1))
                return false;
    }
    return true;
}

QCborValue parsed(const std::string &cbor)
{
    return QCborValue::fromCbor(
        QByteArray::fromRawData(cbor.data(), static_cast<qsizetype>(cbor.size())));
}

} // namespace

bool read(CborInput &in, const QCborValue &v, qsizetype maxBytes, std::string &out,
          const char *what)
{
    if (!plain(v, 0))
        return in.fail(QStringLiteral("%1: tags, or nesting deeper than %2, are not allowed")
                           .arg(QLatin1String(what))
                           .arg(codec_limits::kMaxOpaqueDepth));
    const QByteArray bytes = v.toCbor();
    if (bytes.size() > maxBytes)
        return in.fail(QStringLiteral("%1: %2 bytes exceed the limit %3")
                           .arg(QLatin1String(what))
                           .arg(bytes.size())
                           .arg(maxBytes));
    out.assign(bytes.constData(), static_cast<std::size_t>(bytes.size()));
    return true;
}

bool read(CborReader &in, qsizetype maxBytes, std::string &out, const char *what)
{
    QCborValue v;
    return in.value(v, what) && read(in, v, maxBytes, out, what);
}

bool readTail(CborReader &in, qsizetype maxBytes, std::string &out, const char *what)
{
    out.clear();
    QCborArray tail;
    while (in.hasNext()) {
        QCborValue item;
        if (!in.value(item, what))
            return false;
        tail.append(item);
    }
    return tail.isEmpty() || read(in, tail, maxBytes, out, what);
}

void write(CborWriter &w, const std::string &cbor)
{
    w.appendEncoded(parsed(cbor).toCbor());
}

qsizetype tailSize(const std::string &tail)
{
    return tail.empty() ? 0 : parsed(tail).toArray().size();
}

void writeTail(CborWriter &w, const std::string &tail)
{
    if (tail.empty())
        return;
    const QCborArray items = parsed(tail).toArray();
    for (const QCborValue &item : items)
        w.appendEncoded(item.toCbor());
}

} // namespace feedback::opaque
