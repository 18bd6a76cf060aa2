#include "SafeText.h"

#include <QChar>

namespace feedback::safetext {

qsizetype invalidUtf8At(QByteArrayView bytes)
{
    // The well-formed sequences of the Unicode standard (table 3-7): the allowed range of the
    // second byte depends on the first; every later byte is 80..BF.
    const auto byte = [&bytes](qsizetype i) {
        return static_cast<quint8>(bytes[i]);
    };
    qsizetype i = 0;
    while (i < bytes.size()) {
        const quint8 lead = byte(i);
        if (lead < 0x80) {
            ++i;
            continue;
        }
        qsizetype length = 0;
        quint8 low = 0x80;
        quint8 high = 0xBF;
        if (lead >= 0xC2 && lead <= 0xDF) {
            length = 2;
        } else if (lead >= 0xE0 && lead <= 0xEF) {
            length = 3;
            if (lead == 0xE0)
                low = 0xA0; // overlong
            else if (lead == 0xED)
                high = 0x9F; // surrogates
        } else if (lead >= 0xF0 && lead <= 0xF4) {
            length = 4;
            if (lead == 0xF0)
                low = 0x90; // overlong
            else if (lead == 0xF4)
                high = 0x8F; // past U+10FFFF
        } else {
            return i;
        }
        if (i + length > bytes.size())
            return i;
        if (byte(i + 1) < low || byte(i + 1) > high)
            return i;
        for (qsizetype k = 2; k < length; ++k)
            if (byte(i + k) < 0x80 || byte(i + k) > 0xBF)
                return i;
        i += length;
    }
    return -1;
}

bool isUnsafe(char32_t c)
{
    return QChar::category(c) == QChar::Other_Control // C0, DEL, C1
           || (c >= 0x202A && c <= 0x202E)            // embeddings and overrides
           || (c >= 0x2066 && c <= 0x2069)            // isolates
           || QChar::isSurrogate(c);                  // only ever lone ones here
}

namespace {

QString escapeOne(char32_t c)
{
    switch (c) {
    case U'\n':
        return QStringLiteral("\\n");
    case U'\r':
        return QStringLiteral("\\r");
    case U'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    const QString hex = QString::number(static_cast<uint>(c), 16);
    return c < 0x100 ? QStringLiteral("\\x") + hex.rightJustified(2, QLatin1Char('0'))
                     : QStringLiteral("\\u{%1}").arg(hex);
}

// Calls `visit` with each code point; a lone surrogate is passed as itself.
template <class Visit> void forEachCodePoint(const QString &text, Visit visit)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        if (ch.isHighSurrogate() && i + 1 < text.size() && text.at(i + 1).isLowSurrogate()) {
            visit(QChar::surrogateToUcs4(ch, text.at(i + 1)), i, 2);
            ++i;
        } else {
            visit(static_cast<char32_t>(ch.unicode()), i, 1);
        }
    }
}

} // namespace

QString escapeControls(const QString &text, LineBreaks lineBreaks)
{
    QString out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t c, qsizetype at, qsizetype units) {
        const bool kept = lineBreaks == LineBreaks::Keep && (c == U'\n' || c == U'\t');
        if (isUnsafe(c) && !kept)
            out += escapeOne(c);
        else
            out += QStringView(text).mid(at, units);
    });
    return out;
}

QString quoted(const QString &text)
{
    return QLatin1Char('"') + escapeControls(text) + QLatin1Char('"');
}

QByteArray escapeJsonControls(const QByteArray &json)
{
    // The writer escapes C0 controls inside strings, so those found are the layout's line
    // breaks. Past ASCII, JSON holds characters only inside strings, where \uXXXX means the
    // same character.
    const QString text = QString::fromUtf8(json);
    QString out;
    out.reserve(text.size());
    forEachCodePoint(text, [&](char32_t c, qsizetype at, qsizetype units) {
        if (c >= 0x7F && isUnsafe(c)) // every unsafe character is in the BMP: one \uXXXX each
            out += QStringLiteral("\\u%1").arg(static_cast<uint>(c), 4, 16, QLatin1Char('0'));
        else
            out += QStringView(text).mid(at, units);
    });
    return out.toUtf8();
}

} // namespace feedback::safetext
