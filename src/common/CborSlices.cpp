#include "CborSlices.h"

#include "CborHeadWalker.h"

namespace feedback::cborslices {

using namespace cborheads;
using Walker = HeadWalker;

namespace {

// A container's head: its major type must be `want`; `count` is its length, or -1.
bool enter(Walker &walker, Major want, qsizetype &count)
{
    Major major;
    quint64 argument = 0;
    bool indefinite = false;
    if (!walker.head(major, argument, indefinite) || major != want)
        return false;
    count = indefinite ? -1 : static_cast<qsizetype>(qMin<quint64>(argument, 1ull << 62));
    return true;
}

bool isArrayHead(QByteArrayView bytes, qsizetype at)
{
    return at < bytes.size() && (quint8(bytes[at]) >> 5) == kArray;
}

// Whether the container entered with `count` has another item after `seen`; takes the break
// of an indefinite one. Fails (`ok` false) when an indefinite one ends without its break.
bool hasNext(Walker &walker, qsizetype count, qsizetype seen, bool &ok)
{
    if (count >= 0)
        return seen < count;
    if (walker.atBreak()) {
        walker.takeBreak();
        return false;
    }
    ok = !walker.atEnd();
    return ok;
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
    auto malformed = [&](const Walker &w) {
        return refuse(QStringLiteral("malformed CBOR at byte %1").arg(w.offset()));
    };
    Walker walker(bytes);
    qsizetype count = 0;
    if (!isArrayHead(bytes, 0) || !enter(walker, kArray, count))
        return refuse(QStringLiteral("expected an array"));
    if (count > maxItems)
        return refuse(QStringLiteral("expected an array of at most %1 items").arg(maxItems));
    ArraySlices out;
    bool ok = true;
    for (qsizetype seen = 0; hasNext(walker, count, seen, ok); ++seen) {
        if (seen >= maxItems)
            return refuse(QStringLiteral("expected at most %1 items").arg(maxItems));
        const qsizetype start = walker.offset();
        if (seen != innerIndex || !isArrayHead(bytes, start)) {
            if (!walker.skipItem(1))
                return malformed(walker);
            out.items.push_back(bytes.sliced(start, walker.offset() - start));
            continue;
        }
        qsizetype innerCount = 0;
        if (!enter(walker, kArray, innerCount))
            return malformed(walker);
        if (innerCount > maxInner)
            return tooManyInner();
        out.innerIsArray = true;
        for (qsizetype inner = 0; hasNext(walker, innerCount, inner, ok); ++inner) {
            if (inner >= maxInner)
                return tooManyInner();
            const qsizetype itemStart = walker.offset();
            if (!walker.skipItem(2))
                return malformed(walker);
            out.inner.push_back(bytes.sliced(itemStart, walker.offset() - itemStart));
        }
        if (!ok)
            return malformed(walker);
        out.items.push_back(bytes.sliced(start, walker.offset() - start));
    }
    if (!ok)
        return malformed(walker);
    if (!walker.atEnd())
        return refuse(QStringLiteral("trailing bytes after the value"));
    return out;
}

} // namespace feedback::cborslices
