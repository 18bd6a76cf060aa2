#include "CborSlices.h"

#include <QCborStreamReader>

namespace feedback::cborslices {

namespace {

// Nesting the walk follows into an item; deeper is refused as a bomb (QCborValue's own parser
// refuses far less deep input than QCborStreamReader's default of 10,000).
constexpr int kMaxDepth = 1024;

// The reader is at the start of an item: steps over it, returning its bytes.
bool skip(QCborStreamReader &reader, QByteArrayView bytes, QByteArrayView &out)
{
    const qint64 start = reader.currentOffset();
    if (!reader.next(kMaxDepth) || reader.lastError() != QCborError::NoError)
        return false;
    out = bytes.sliced(start, reader.currentOffset() - start);
    return true;
}

bool tooMany(const QCborStreamReader &reader, qsizetype max)
{
    return reader.isLengthKnown() && reader.length() > static_cast<quint64>(max);
}

} // namespace

Result<ArraySlices> split(QByteArrayView bytes, qsizetype maxItems, qsizetype innerIndex,
                          qsizetype maxInner, const char *what)
{
    using R = Result<ArraySlices>;
    auto refuse = [what](const QString &why) {
        return R::failure(QLatin1String(what) + QStringLiteral(": ") + why, ErrorKind::BadData);
    };
    auto tooManyInner = [&] {
        return refuse(
            QStringLiteral("more than %1 items in item %2").arg(maxInner).arg(innerIndex));
    };
    auto malformed = [&](QCborStreamReader &r) {
        return refuse(QStringLiteral("malformed CBOR (%1)").arg(r.lastError().toString()));
    };
    QCborStreamReader reader(bytes.data(), bytes.size());
    if (!reader.isArray())
        return refuse(QStringLiteral("expected an array"));
    if (tooMany(reader, maxItems) || !reader.enterContainer())
        return refuse(QStringLiteral("expected an array of at most %1 items").arg(maxItems));
    ArraySlices out;
    while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
        if (static_cast<qsizetype>(out.items.size()) >= maxItems)
            return refuse(QStringLiteral("expected at most %1 items").arg(maxItems));
        const qint64 start = reader.currentOffset();
        if (static_cast<qsizetype>(out.items.size()) != innerIndex || !reader.isArray()) {
            QByteArrayView item;
            if (!skip(reader, bytes, item))
                return malformed(reader);
            out.items.push_back(item);
            continue;
        }
        if (tooMany(reader, maxInner) || !reader.enterContainer())
            return tooManyInner();
        out.innerIsArray = true;
        while (reader.lastError() == QCborError::NoError && reader.hasNext()) {
            if (static_cast<qsizetype>(out.inner.size()) >= maxInner)
                return tooManyInner();
            QByteArrayView item;
            if (!skip(reader, bytes, item))
                return malformed(reader);
            out.inner.push_back(item);
        }
        if (reader.lastError() != QCborError::NoError || !reader.leaveContainer())
            return malformed(reader);
        out.items.push_back(bytes.sliced(start, reader.currentOffset() - start));
    }
    if (reader.lastError() != QCborError::NoError || !reader.leaveContainer())
        return malformed(reader);
    if (reader.currentOffset() != bytes.size())
        return refuse(QStringLiteral("trailing bytes after the value"));
    return out;
}

} // namespace feedback::cborslices
