#include "CborInput.h"

#include "CharacterCount.h"

#include <QCborStreamReader>

namespace feedback {

bool CborInput::fail(const QString &message, ErrorKind kind)
{
    if (m_error.isEmpty()) {
        m_error = message;
        m_kind = kind;
    }
    return false;
}

bool CborInput::overLimit(const char *what, quint64 count, quint64 max, const char *noun)
{
    if (!noun)
        return fail(QStringLiteral("%1: %2 exceeds the limit %3")
                        .arg(QLatin1String(what))
                        .arg(count)
                        .arg(max));
    return fail(QStringLiteral("%1: %2 %3 exceed the limit %4")
                    .arg(QLatin1String(what))
                    .arg(count)
                    .arg(QLatin1String(noun))
                    .arg(max));
}

bool CborInput::uint(const QCborValue &v, quint64 max, quint64 &out, const char *what)
{
    if (!v.isInteger() || v.toInteger() < 0)
        return fail(QStringLiteral("%1: expected a non-negative integer").arg(QLatin1String(what)));
    const auto value = static_cast<quint64>(v.toInteger());
    if (value > max)
        return overLimit(what, value, max);
    out = value;
    return true;
}

bool CborInput::bytes(const QCborValue &v, qsizetype min, qsizetype max, QByteArray &out,
                      const char *what)
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

bool CborInput::array(const QCborValue &v, qsizetype maxSize, QCborArray &out, const char *what)
{
    if (!v.isArray())
        return fail(QStringLiteral("%1: expected an array").arg(QLatin1String(what)));
    out = v.toArray();
    if (out.size() > maxSize)
        return overLimit(what, static_cast<quint64>(out.size()), static_cast<quint64>(maxSize),
                         "items");
    return true;
}

bool CborInput::map(const QCborValue &v, qsizetype maxSize, QCborMap &out, const char *what)
{
    if (!v.isMap())
        return fail(QStringLiteral("%1: expected a map").arg(QLatin1String(what)));
    out = v.toMap();
    if (out.size() > maxSize)
        return overLimit(what, static_cast<quint64>(out.size()), static_cast<quint64>(maxSize),
                         "entries");
    return true;
}

bool CborInput::boolean(const QCborValue &v, bool &out, const char *what)
{
    if (!v.isBool())
        return fail(QStringLiteral("%1: expected true or false").arg(QLatin1String(what)));
    out = v.toBool();
    return true;
}

bool CborInput::textTooLong(const char *what, qsizetype maxChars)
{
    return fail(
        QStringLiteral("%1: longer than %2 characters").arg(QLatin1String(what)).arg(maxChars));
}

bool CborInput::acceptText(QString &&s, qsizetype maxChars, std::string &out, const char *what,
                           bool (*rule)(QStringView))
{
    if (s.size() > 2 * maxChars || characterCount(s) > maxChars)
        return textTooLong(what, maxChars);
    if (rule && !rule(s))
        return refusedByRule(what);
    out = s.toStdString();
    return true;
}

bool CborInput::refusedByRule(const char *what)
{
    return fail(QStringLiteral("%1: refused by the rules of local input (control characters, "
                               "or empty)")
                    .arg(QLatin1String(what)));
}

bool CborInput::text(const QCborValue &v, qsizetype maxChars, std::string &out, const char *what,
                     bool (*rule)(QStringView))
{
    if (!v.isString())
        return fail(QStringLiteral("%1: expected text").arg(QLatin1String(what)));
    return acceptText(v.toString(), maxChars, out, what, rule);
}

QCborValue exactCbor(const QByteArray &bytes)
{
    QCborStreamReader stream(bytes);
    QCborValue value = QCborValue::fromCbor(stream);
    if (stream.lastError() != QCborError::NoError || stream.currentOffset() != bytes.size())
        return QCborValue(QCborSimpleType::Undefined);
    return value;
}

} // namespace feedback
