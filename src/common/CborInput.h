// Bounded reading of decoded CBOR values, for bytes from disk or network (the book codec, the
// wire protocol): each accessor checks type and range and records the first error with a
// description of where it happened, and its kind; every later read fails too.
#pragma once

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QString>

#include <common/Result.h>
#include <string>

namespace feedback {

class CborInput
{
public:
    bool failed() const { return !m_error.isEmpty(); }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }
    bool fail(const QString &message, ErrorKind kind = ErrorKind::BadData);

    bool uint(const QCborValue &v, quint64 max, quint64 &out, const char *what);
    // A byte string of min..max bytes.
    bool bytes(const QCborValue &v, qsizetype min, qsizetype max, QByteArray &out,
               const char *what);
    bool array(const QCborValue &v, qsizetype maxSize, QCborArray &out, const char *what);
    bool map(const QCborValue &v, qsizetype maxSize, QCborMap &out, const char *what);
    bool boolean(const QCborValue &v, bool &out, const char *what);
    // UTF-8 text of at most maxChars characters (Qt has already checked the encoding) that
    // passes `rule` when one is given (see textrules in Validation.h).
    bool text(const QCborValue &v, qsizetype maxChars, std::string &out, const char *what,
              bool (*rule)(QStringView) = nullptr);

protected:
    // Fails with "<what>: <count> [<noun>] exceed(s) the limit <max>".
    bool overLimit(const char *what, quint64 count, quint64 max, const char *noun = nullptr);
    // Fails with "<what>: longer than <maxChars> characters".
    bool textTooLong(const char *what, qsizetype maxChars);
    // The checks every decoded text passes: at most maxChars characters, and `rule` when given.
    // Fails with "<what>: refused by the rules of local input ...".
    bool refusedByRule(const char *what);
    bool acceptText(QString &&s, qsizetype maxChars, std::string &out, const char *what,
                    bool (*rule)(QStringView));

private:
    QString m_error;
    ErrorKind m_kind = ErrorKind::BadData;
};

// One CBOR value that is all of `bytes` (no trailing bytes), or an undefined value.
QCborValue exactCbor(const QByteArray &bytes);

} // namespace feedback
