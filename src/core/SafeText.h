// Text at the edges of the program. On the way in, raw bytes (command-line arguments, files) are
// checked to be UTF-8 before Qt decodes them, because Qt turns bad bytes into U+FFFD and the
// damage would be stored silently. On the way out, control characters are made visible, so that
// a comment carrying ESC/OSC sequences, CR or NUL cannot drive the terminal that prints it.
// Printable text of any script, emoji included, passes unchanged. Every text output of
// feedbackctl and of the exports goes through escapeControls (or escapeJsonControls for JSON).
#pragma once

#include <QByteArray>
#include <QByteArrayView>
#include <QString>

namespace feedback::safetext {

// -1 when `bytes` is well-formed UTF-8 (no overlong forms, surrogates or code points past
// U+10FFFF, no truncated sequence); otherwise the offset of the first byte that is not.
qsizetype invalidUtf8At(QByteArrayView bytes);
inline bool isUtf8(QByteArrayView bytes)
{
    return invalidUtf8At(bytes) < 0;
}

// Characters that must not reach a terminal raw: C0 and C1 controls, DEL, the bidirectional
// embeddings, overrides and isolates (which reorder what is shown), and lone surrogates.
bool isUnsafe(char32_t c);

enum class LineBreaks
{
    Escape, // one-line output: "\n" and "\t" are shown as escapes too
    Keep    // multi-line output: line feeds and tabs stay, every other control is escaped
};

// Unsafe characters as visible escapes: \n, \r, \t, \xHH below U+0100, \u{HHHH} above.
QString escapeControls(const QString &text, LineBreaks lineBreaks = LineBreaks::Escape);
// `text` escaped and in double quotes: for messages that repeat what someone typed.
QString quoted(const QString &text);

// JSON as QJsonDocument writes it escapes C0 controls but leaves DEL, C1 controls and bidi
// overrides raw inside strings; these become \uXXXX escapes. The JSON value is the same.
// Only for JSON from QJsonDocument (it relies on C0 controls being escaped already).
QByteArray escapeJsonControls(const QByteArray &json);

} // namespace feedback::safetext
