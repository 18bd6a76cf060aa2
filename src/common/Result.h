// The one result type of the project: a value or a human-readable error with a kind callers can
// switch on (never search the text). No exceptions cross the event loop.
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace feedback {

// What kind of failure, for callers that must react differently (ask for the passphrase again,
// offer to wait for another program, suggest freeing disk space, say "update required"); the
// message is for people. Never decide by searching the message.
enum class ErrorKind
{
    Other,          // anything not listed below
    BadData,        // bytes from disk or network that do not decode, or break the rules
    UpdateRequired, // written by (or demanded by) a newer version than this one
    WrongKey,       // the key or passphrase does not open it
    Busy,           // another program holds it (the profile lock)
    Damaged,        // the file is damaged or is not what it should be
    DiskFull,       // nothing could be written: no space left
    ReadOnly,       // the file or its file system cannot be written
    NeedsUpgrade,   // a read-only open found a schema that only a writer may migrate
    TooLarge,       // input over a size or count limit (a frame, a field, a list)
};

// [[nodiscard]] on the class: every function returning a Result or Status warns (an error under
// -Werror) when the caller drops it. Ignore one only on purpose, with a comment and (void).
template <class T> class [[nodiscard]] Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    static Result failure(QString error, ErrorKind kind = ErrorKind::Other)
    {
        Result r;
        r.m_error = std::move(error);
        r.m_kind = kind;
        return r;
    }
    // The failure of another result, its kind kept (the message may be prefixed).
    template <class U> static Result failureOf(const Result<U> &other, const QString &prefix = {})
    {
        return failure(prefix + other.error(), other.errorKind());
    }
    // The failure of another result, kind and message, for passing it up.
    template <class U> static Result failure(const Result<U> &other)
    {
        return failure(other.error(), other.errorKind());
    }

    bool ok() const { return m_value.has_value(); }
    explicit operator bool() const { return ok(); }
    const QString &error() const { return m_error; }
    ErrorKind errorKind() const { return m_kind; }
    T &value() { return *m_value; }
    const T &value() const { return *m_value; }
    T &operator*() { return *m_value; }
    const T &operator*() const { return *m_value; }
    T *operator->() { return &*m_value; }
    const T *operator->() const { return &*m_value; }

private:
    Result() = default;
    std::optional<T> m_value;
    QString m_error;
    ErrorKind m_kind = ErrorKind::Other;
};

// For operations that return nothing but can fail.
struct Ok
{};
using Status = Result<Ok>;

} // namespace feedback
