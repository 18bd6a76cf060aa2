#include "CborReader.h"

#include <QCborStreamReader>
#include <QCborValue>
#include <QStringDecoder>

#include <algorithm>
#include <limits>

namespace feedback {

using namespace cborheads;

namespace {

// UTF-8 to UTF-16, refusing what is not valid UTF-8 (overlong forms, encoded surrogates, code
// points above U+10FFFF, a sequence cut at the end): what QCborStreamReader::readString refuses.
// Each chunk of a text must be valid on its own (RFC 8949, 3.2.3).
bool decodeUtf8(QByteArrayView utf8, QString &out)
{
    // isValidUtf8 is the check QCborStreamReader made; the decoder then converts (and drops a
    // leading byte order mark, as QCborStreamReader::readString did).
    if (!utf8.isValidUtf8())
        return false;
    QStringDecoder decoder(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
    out += decoder(utf8);
    return !decoder.hasError();
}

} // namespace

CborReader::CborReader(QByteArrayView bytes)
    : m_walker(bytes)
{}

bool CborReader::malformed(const char *what, const char *why)
{
    return fail(
        QStringLiteral("%1: malformed CBOR (%2)").arg(QLatin1String(what), QLatin1String(why)));
}

bool CborReader::containerEnded() const
{
    const Level &level = m_levels.back();
    return level.left == 0 || (level.left < 0 && (m_walker.atBreak() || m_walker.atEnd()));
}

bool CborReader::take(const char *what)
{
    if (failed())
        return false;
    if (m_levels.empty())
        return true;
    Level &level = m_levels.back();
    if (level.left < 0 && m_walker.atEnd())
        return malformed(what, "unexpected end of data");
    if (containerEnded())
        return fail(QStringLiteral("%1: missing (%2 has no more items)")
                        .arg(QLatin1String(what), QLatin1String(level.what)));
    if (++level.seen > level.max)
        return fail(QStringLiteral("%1: more than %2 %3")
                        .arg(QLatin1String(level.what))
                        .arg(level.map ? level.max / 2 : level.max)
                        .arg(level.map ? QStringLiteral("entries") : QStringLiteral("items")));
    if (level.left > 0)
        --level.left;
    return true;
}

bool CborReader::headOf(Major want, quint64 &argument, bool &indefinite, const char *what,
                        const char *expected)
{
    if (!take(what))
        return false;
    Major major;
    if (!m_walker.head(major, argument, indefinite))
        return malformed(what, m_walker.atEnd() ? "unexpected end of data" : "invalid head");
    if (major != want)
        return fail(
            QStringLiteral("%1: expected %2").arg(QLatin1String(what), QLatin1String(expected)));
    return true;
}

bool CborReader::nextIsInteger() const
{
    Major major;
    return !failed() && (m_levels.empty() || !containerEnded()) && m_walker.peekMajor(major) &&
           (major == kUint || major == kNegative);
}

bool CborReader::uint(quint64 max, quint64 &out, const char *what)
{
    quint64 value = 0;
    bool indefinite = false;
    if (!headOf(kUint, value, indefinite, what, "a non-negative integer"))
        return false;
    if (value > max)
        return overLimit(what, value, max);
    out = value;
    return true;
}

bool CborReader::boolean(bool &out, const char *what)
{
    if (!take(what))
        return false;
    Major major;
    quint64 value = 0;
    bool indefinite = false;
    if (!m_walker.head(major, value, indefinite))
        return malformed(what, m_walker.atEnd() ? "unexpected end of data" : "invalid head");
    // true and false are the simple values 21 and 20, in the head's byte itself.
    if (major != kSimple || (value != 20 && value != 21) ||
        quint8(m_walker.bytes()[m_walker.offset() - 1]) != 0xe0 + value)
        return fail(QStringLiteral("%1: expected true or false").arg(QLatin1String(what)));
    out = value == 21;
    return true;
}

bool CborReader::stringBytes(quint64 length, QByteArrayView &out, const char *what)
{
    // Checked against what is left before it is taken: an encoding may claim far more.
    if (length > static_cast<quint64>(m_walker.left()))
        return malformed(what, "unexpected end of data");
    out = m_walker.bytes().sliced(m_walker.offset(), static_cast<qsizetype>(length));
    return m_walker.skipBytes(length);
}

template <class OnChunk>
bool CborReader::chunks(Major major, quint64 max, const char *what, OnChunk onChunk)
{
    quint64 total = 0;
    while (!m_walker.atBreak()) {
        Major chunk;
        quint64 size = 0;
        bool indefinite = false;
        if (!m_walker.head(chunk, size, indefinite) || chunk != major || indefinite)
            return malformed(what, m_walker.atEnd() ? "unexpected end of data"
                                                    : "invalid chunk of a string");
        if (size > max - total)
            return false; // the caller says which bound
        total += size;
        QByteArrayView bytes;
        if (!stringBytes(size, bytes, what) || !onChunk(bytes))
            return false;
    }
    m_walker.takeBreak();
    return true;
}

bool CborReader::bytes(qsizetype min, qsizetype max, QByteArray &out, const char *what)
{
    quint64 length = 0;
    bool indefinite = false;
    if (!headOf(kBytes, length, indefinite, what, "bytes"))
        return false;
    auto wrongSize = [&](quint64 size) {
        return fail(QStringLiteral("%1: %2 bytes, expected %3..%4")
                        .arg(QLatin1String(what))
                        .arg(qMin<quint64>(size, 1ull << 62))
                        .arg(min)
                        .arg(max));
    };
    out.clear();
    if (!indefinite) {
        // Checked before anything is read: the encoding may claim far more than is there.
        if (length > static_cast<quint64>(max))
            return wrongSize(length);
        QByteArrayView bytes;
        if (!stringBytes(length, bytes, what))
            return false;
        out = bytes.toByteArray();
    } else if (!chunks(kBytes, static_cast<quint64>(max), what, [&](QByteArrayView chunk) {
                   out.append(chunk);
                   return true;
               })) {
        return !failed() && wrongSize(static_cast<quint64>(max) + 1);
    }
    return out.size() >= min || wrongSize(static_cast<quint64>(out.size()));
}

bool CborReader::text(qsizetype maxChars, std::string &out, const char *what,
                      bool (*rule)(QStringView))
{
    quint64 length = 0;
    bool indefinite = false;
    if (!headOf(kText, length, indefinite, what, "text"))
        return false;
    // A character takes at most 4 bytes of UTF-8: a longer encoding is refused unread.
    const quint64 maxBytes =
        4 * static_cast<quint64>(std::clamp<qsizetype>(maxChars, 0, qsizetype(1) << 40));
    QString s;
    if (!indefinite) {
        if (length > maxBytes)
            return textTooLong(what, maxChars);
        QByteArrayView utf8;
        if (!stringBytes(length, utf8, what))
            return false;
        if (length <= kShortText)
            return shortText(utf8, maxChars, out, what, rule);
        if (!decodeUtf8(utf8, s))
            return malformed(what, "invalid UTF-8");
    } else if (!chunks(kText, maxBytes, what, [&](QByteArrayView chunk) {
                   return decodeUtf8(chunk, s) || malformed(what, "invalid UTF-8");
               })) {
        return !failed() && textTooLong(what, maxChars);
    }
    return acceptText(std::move(s), maxChars, out, what, rule);
}

bool CborReader::shortText(QByteArrayView utf8, qsizetype maxChars, std::string &out,
                           const char *what, bool (*rule)(QStringView))
{
    // Nearly every text of a record (order ids, tags, a history's values, most comments) is
    // short ASCII, which needs no heap block and no UTF-16 copy but for the rule's check.
    const qsizetype size = utf8.size();
    const bool ascii =
        std::all_of(utf8.begin(), utf8.end(), [](char c) { return quint8(c) < 0x80; });
    if (!ascii) {
        QString s;
        if (!decodeUtf8(utf8, s))
            return malformed(what, "invalid UTF-8");
        return acceptText(std::move(s), maxChars, out, what, rule);
    }
    if (size > maxChars)
        return textTooLong(what, maxChars);
    if (rule) {
        char16_t wide[kShortText];
        std::copy(utf8.begin(), utf8.end(), wide);
        if (!rule(QStringView(wide, size)))
            return refusedByRule(what);
    }
    out.assign(utf8.data(), static_cast<std::size_t>(size));
    return true;
}

bool CborReader::enter(bool map, qsizetype maxSize, qsizetype &size, const char *what)
{
    quint64 length = 0;
    bool indefinite = false;
    if (!headOf(map ? kMap : kArray, length, indefinite, what, map ? "a map" : "an array"))
        return false;
    // The codec's bounds are far below this; clamped so that twice a map's count cannot wrap.
    maxSize = std::min<qsizetype>(maxSize, std::numeric_limits<qsizetype>::max() / 4);
    if (!indefinite && length > static_cast<quint64>(maxSize))
        return overLimit(what, length, static_cast<quint64>(maxSize), map ? "entries" : "items");
    const qint64 items = indefinite ? -1 : static_cast<qint64>(map ? 2 * length : length);
    // Each item takes a byte at least: a count beyond the bytes left is refused unread.
    if (items > m_walker.left())
        return malformed(what, "unexpected end of data");
    size = indefinite ? -1 : static_cast<qsizetype>(length);
    m_levels.push_back({what, map ? 2 * maxSize : maxSize, map, 0, items});
    return true;
}

bool CborReader::enterTuple(qsizetype count, const char *what)
{
    qsizetype size = 0;
    if (!enterArray(count, size, what))
        return false;
    if (size != -1 && size != count)
        return fail(QStringLiteral("%1: expected an array of %2 items")
                        .arg(QLatin1String(what))
                        .arg(count));
    return true;
}

bool CborReader::hasNext()
{
    return !failed() && !m_levels.empty() && !containerEnded();
}

bool CborReader::leave(const char *what)
{
    if (failed())
        return false;
    if (m_levels.empty())
        return fail(QStringLiteral("%1: not inside a container").arg(QLatin1String(what)));
    if (!containerEnded())
        return fail(QStringLiteral("%1: more items than expected").arg(QLatin1String(what)));
    const Level &level = m_levels.back();
    if (level.left < 0) {
        if (!m_walker.atBreak())
            return malformed(what, "unexpected end of data");
        m_walker.takeBreak();
        if (level.map && level.seen % 2 != 0)
            return malformed(what, "a map's key without its value");
    }
    m_levels.pop_back();
    return true;
}

bool CborReader::value(QCborValue &out, const char *what)
{
    if (!take(what))
        return false;
    if (m_walker.atEnd())
        return fail(QStringLiteral("%1: missing").arg(QLatin1String(what)));
    // Found by its heads, then parsed by Qt, which checks everything inside (UTF-8 included).
    const qsizetype start = m_walker.offset();
    if (!m_walker.skipItem(1))
        return malformed(what, "invalid item");
    const QByteArrayView item = m_walker.bytes().sliced(start, m_walker.offset() - start);
    QCborStreamReader reader(item.data(), item.size());
    out = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError || reader.currentOffset() != item.size())
        return fail(QStringLiteral("%1: malformed CBOR (%2)")
                        .arg(QLatin1String(what), reader.lastError().toString()));
    return true;
}

bool CborReader::atEnd()
{
    return !failed() && m_levels.empty() && m_walker.atEnd();
}

} // namespace feedback
