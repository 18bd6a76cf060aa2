#include "ContactDetails.h"

#include "Validation.h"

namespace feedback {

namespace {

const QString kTel = QStringLiteral("tel:");
const QString kMailto = QStringLiteral("mailto:");

bool isAsciiDigit(QChar c)
{
    return c >= QLatin1Char('0') && c <= QLatin1Char('9');
}

// "+49 30-123456" -> "+4930123456". The first and last character after the + is a digit, so
// "--", a lone "+" or trailing separators are not a number.
std::optional<QString> phone(const QString &typed)
{
    const bool plus = typed.startsWith(QLatin1Char('+'));
    const QString rest = plus ? typed.mid(1) : typed;
    if (rest.isEmpty() || !isAsciiDigit(rest.front()) || !isAsciiDigit(rest.back()))
        return std::nullopt;
    QString digits;
    for (const QChar c : rest) {
        if (isAsciiDigit(c))
            digits.append(c);
        else if (c != QLatin1Char(' ') && c != QLatin1Char('-'))
            return std::nullopt;
    }
    if (digits.size() < ContactDetails::kPhoneMinDigits ||
        digits.size() > ContactDetails::kPhoneMaxDigits)
        return std::nullopt;
    return kTel + (plus ? QStringLiteral("+") : QString()) + digits;
}

bool isLocalChar(char32_t c)
{
    static const QString kSpecials = QStringLiteral(".!$'*+/=^_`{|}~-");
    return QChar::isLetterOrNumber(c) || (c < 0x80 && kSpecials.contains(QChar(c)));
}

// A local part of letters, digits and a few marks; no dot at either end or twice in a row.
bool isLocalPart(const QString &local)
{
    if (local.isEmpty() || characterCount(local) > ContactDetails::kEmailLocalMaxChars ||
        local.startsWith(QLatin1Char('.')) || local.endsWith(QLatin1Char('.')) ||
        local.contains(QStringLiteral("..")))
        return false;
    for (const char32_t c : local.toUcs4())
        if (!isLocalChar(c))
            return false;
    return true;
}

// At least two labels of letters, digits and inner dashes; the last one (the top-level domain)
// of two or more letters.
bool isDomain(const QString &domain)
{
    const QStringList labels = domain.split(QLatin1Char('.'));
    if (labels.size() < 2)
        return false;
    for (const QString &label : labels) {
        if (label.isEmpty() || characterCount(label) > ContactDetails::kDomainLabelMaxChars ||
            label.startsWith(QLatin1Char('-')) || label.endsWith(QLatin1Char('-')))
            return false;
        for (const char32_t c : label.toUcs4())
            if (!QChar::isLetterOrNumber(c) && c != U'-')
                return false;
    }
    const QString top = labels.last();
    if (top.size() < 2)
        return false;
    for (const char32_t c : top.toUcs4())
        if (!QChar::isLetter(c))
            return false;
    return true;
}

std::optional<QString> email(const QString &typed)
{
    const qsizetype at = typed.indexOf(QLatin1Char('@'));
    if (at < 0 || typed.indexOf(QLatin1Char('@'), at + 1) >= 0 ||
        characterCount(typed) > ContactDetails::kEmailMaxChars)
        return std::nullopt;
    const QString local = typed.left(at);
    const QString domain = typed.mid(at + 1).toLower();
    if (!isLocalPart(local) || !isDomain(domain))
        return std::nullopt;
    return kMailto + local + QLatin1Char('@') + domain;
}

} // namespace

std::optional<QString> ContactDetails::normalise(const QString &typed)
{
    const QString text = typed.trimmed();
    return text.contains(QLatin1Char('@')) ? email(text) : phone(text);
}

bool ContactDetails::isStored(const QString &text)
{
    if (text.isEmpty())
        return true;
    if (text.size() > 2 * kStoredMaxChars) // cheap bound before any work (UTF-16 units)
        return false;
    QString address;
    if (text.startsWith(kTel))
        address = text.mid(kTel.size());
    else if (text.startsWith(kMailto))
        address = text.mid(kMailto.size());
    else
        return false;
    return normalise(address) == text;
}

std::optional<ContactDetails::Parts> ContactDetails::split(const QString &stored)
{
    if (stored.isEmpty() || !isStored(stored))
        return std::nullopt;
    if (stored.startsWith(kTel))
        return Parts{Kind::Phone, stored.mid(kTel.size())};
    return Parts{Kind::Email, stored.mid(kMailto.size())};
}

} // namespace feedback
