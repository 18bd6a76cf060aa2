// The one result type of the project: a value or a human-readable error with a kind callers can
// switch on (never search the text). No exceptions cross the event loop.
#pragma once

#include <QString>

#include <optional>
#include <utility>

namespace feedback {

// What went wrong, for callers that act differently on it; the message is for people.
enum class ErrorKind
{
    Failure,        // anything not listed below
    BadData,        // bytes from disk or network that do not decode, or break the rules
    UpdateRequired, // written by (or demanded by) a newer version than this one
};

template <class T> class Result
{
public:
    Result(T value)
        : m_value(std::move(value))
    {}
    static Result failure(QString error, ErrorKind kind = ErrorKind::Failure)
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
    ErrorKind m_kind = ErrorKind::Failure;
};

// For operations that return nothing but can fail.
struct Ok
{};
using Status = Result<Ok>;

} // namespace feedback
