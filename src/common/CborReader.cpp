#include "CborReader.h"

#include <QCborValue>
#include <QStringDecoder>

#include <algorithm>

namespace feedback {

CborReader::CborReader(QByteArrayView bytes)
    : m_reader(bytes.data(), bytes.size())
    , m_size(bytes.size())
{}

bool CborReader::malformed(const char *what)
{
    return fail(QStringLiteral("%1: malformed CBOR (%2)")
                    .arg(QLatin1String(what), m_reader.lastError().toString()));
}

bool CborReader::take(const char *what)
{
    if (failed())
        return false;
    if (m_reader.lastError() != QCborError::NoError)
        return malformed(what);
    if (m_levels.empty())
        return true;
    Level &level = m_levels.back();
    if (++level.seen > level.max)
        return fail(QStringLiteral("%1: more than %2 %3")
                        .arg(QLatin1String(level.what))
                        .arg(level.map ? level.max / 2 : level.max)
                        .arg(level.map ? QStringLiteral("entries") : QStringLiteral("items")));
    return true;
}

bool CborReader::advance(const char *what)
{
    if (!m_reader.next() || m_reader.lastError() != QCborError::NoError)
        return malformed(what);
    return true;
}

bool CborReader::uint(quint64 max, quint64 &out, const char *what)
{
    if (!take(what))
        return false;
    if (!m_reader.isUnsignedInteger())
        return fail(QStringLiteral("%1: expected a non-negative integer").arg(QLatin1String(what)));
    const quint64 value = m_reader.toUnsignedInteger();
    if (value > max)
        return overLimit(what, value, max);
    out = value;
    return advance(what);
}

bool CborReader::boolean(bool &out, const char *what)
{
    if (!take(what))
        return false;
    if (!m_reader.isBool())
        return fail(QStringLiteral("%1: expected true or false").arg(QLatin1String(what)));
    out = m_reader.toBool();
    return advance(what);
}

bool CborReader::bytes(qsizetype min, qsizetype max, QByteArray &out, const char *what)
{
    if (!take(what))
        return false;
    if (!m_reader.isByteArray())
        return fail(QStringLiteral("%1: expected bytes").arg(QLatin1String(what)));
    auto wrongSize = [&](qsizetype size) {
        return fail(QStringLiteral("%1: %2 bytes, expected %3..%4")
                        .arg(QLatin1String(what))
                        .arg(size)
                        .arg(min)
                        .arg(max));
    };
    // Checked before anything is read: the encoding may claim far more than is there.
    if (m_reader.isLengthKnown() && m_reader.length() > static_cast<quint64>(max))
        return wrongSize(static_cast<qsizetype>(qMin<quint64>(m_reader.length(), 1ull << 62)));
    out.clear();
    for (auto chunk = m_reader.readByteArray(); chunk.status != QCborStreamReader::EndOfString;
         chunk = m_reader.readByteArray()) {
        if (chunk.status == QCborStreamReader::Error)
            return malformed(what);
        out += chunk.data;
        if (out.size() > max)
            return wrongSize(out.size());
    }
    return out.size() >= min || wrongSize(out.size());
}

bool CborReader::text(qsizetype maxChars, std::string &out, const char *what,
                      bool (*rule)(QStringView))
{
    if (!take(what))
        return false;
    if (!m_reader.isString())
        return fail(QStringLiteral("%1: expected text").arg(QLatin1String(what)));
    // A character takes at most 4 bytes of UTF-8: a longer encoding is refused unread.
    if (m_reader.isLengthKnown() && m_reader.length() > 4 * static_cast<quint64>(maxChars))
        return textTooLong(what, maxChars);
    if (m_reader.isLengthKnown() && m_reader.length() <= kShortText)
        return shortText(maxChars, out, what, rule);
    QString s;
    // readString checks the UTF-8 (readStringChunk would not).
    for (auto chunk = m_reader.readString(); chunk.status != QCborStreamReader::EndOfString;
         chunk = m_reader.readString()) {
        if (chunk.status == QCborStreamReader::Error)
            return malformed(what);
        s += chunk.data;
        if (s.size() > 2 * maxChars)
            return textTooLong(what, maxChars);
    }
    return acceptText(std::move(s), maxChars, out, what, rule);
}

bool CborReader::shortText(qsizetype maxChars, std::string &out, const char *what,
                           bool (*rule)(QStringView))
{
    // Read raw into the stack; nearly every text of a record (order ids, tags, a history's
    // values, most comments) is short ASCII, which needs no heap block and no UTF-16 copy.
    char raw[kShortText];
    const auto read = m_reader.readStringChunk(raw, kShortText);
    const qsizetype size = read.status == QCborStreamReader::Ok ? read.data : 0;
    if (read.status == QCborStreamReader::Error ||
        (read.status == QCborStreamReader::Ok &&
         m_reader.readStringChunk(nullptr, 0).status != QCborStreamReader::EndOfString))
        return malformed(what);
    const bool ascii = std::all_of(raw, raw + size, [](char c) { return quint8(c) < 0x80; });
    if (!ascii) {
        // readStringChunk does not check UTF-8; the decoder does, and refuses what is invalid.
        QStringDecoder utf8(QStringDecoder::Utf8, QStringDecoder::Flag::Stateless);
        QString s = utf8(QByteArrayView(raw, size));
        if (utf8.hasError())
            return fail(
                QStringLiteral("%1: malformed CBOR (invalid UTF-8)").arg(QLatin1String(what)));
        return acceptText(std::move(s), maxChars, out, what, rule);
    }
    if (size > maxChars)
        return textTooLong(what, maxChars);
    if (rule) {
        char16_t wide[kShortText];
        std::copy(raw, raw + size, wide);
        if (!rule(QStringView(wide, size)))
            return refusedByRule(what);
    }
    out.assign(raw, static_cast<std::size_t>(size));
    return true;
}

bool CborReader::enter(bool map, qsizetype maxSize, qsizetype &size, const char *what)
{
    if (!take(what))
        return false;
    if (map ? !m_reader.isMap() : !m_reader.isArray())
        return fail(QStringLiteral("%1: expected %2")
                        .arg(QLatin1String(what),
                             map ? QStringLiteral("a map") : QStringLiteral("an array")));
    const bool known = m_reader.isLengthKnown();
    if (known && m_reader.length() > static_cast<quint64>(maxSize))
        return overLimit(what, m_reader.length(), static_cast<quint64>(maxSize),
                         map ? "entries" : "items");
    size = known ? static_cast<qsizetype>(m_reader.length()) : -1;
    if (!m_reader.enterContainer())
        return malformed(what);
    m_levels.push_back({what, map ? 2 * maxSize : maxSize, map});
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
    return !failed() && m_reader.lastError() == QCborError::NoError && m_reader.hasNext();
}

bool CborReader::leave(const char *what)
{
    if (failed())
        return false;
    if (m_levels.empty())
        return fail(QStringLiteral("%1: not inside a container").arg(QLatin1String(what)));
    if (m_reader.hasNext())
        return fail(QStringLiteral("%1: more items than expected").arg(QLatin1String(what)));
    if (!m_reader.leaveContainer() || m_reader.lastError() != QCborError::NoError)
        return malformed(what);
    m_levels.pop_back();
    return true;
}

bool CborReader::value(QCborValue &out, const char *what)
{
    if (!take(what))
        return false;
    if (!m_reader.isValid())
        return fail(QStringLiteral("%1: missing").arg(QLatin1String(what)));
    out = QCborValue::fromCbor(m_reader);
    if (m_reader.lastError() != QCborError::NoError)
        return malformed(what);
    return true;
}

bool CborReader::atEnd()
{
    return !failed() && m_reader.lastError() == QCborError::NoError && m_levels.empty() &&
           m_reader.currentOffset() == m_size;
}

} // namespace feedback
