// Options of one feedbackctl command, on top of QCommandLineParser: declares, parses, answers
// --help, and reports usage errors with exit code 2. Stricter than QCommandLineParser alone:
// an option taking a value may be given once unless declared repeatable, required options and
// the declared arguments must be present, no other argument is allowed (so `--comment great
// service` is refused rather than stored as "great"), and numbers are checked against their
// documented range at parse time.
#pragma once

#include "CliContext.h"

#include <QCommandLineParser>

#include <functional>

namespace feedback::cli {

class CommandParser
{
public:
    enum Use
    {
        Optional,
        Required,
        Repeatable
    };

    CommandParser(const QString &command, const QString &description);

    void value(const QString &name, const QString &description, const QString &valueName,
               Use use = Optional);
    void flag(const QString &name, const QString &description);
    // A whole number from min to max; the range is added to the description.
    void integer(const QString &name, const QString &description, const QString &valueName,
                 qint64 min, qint64 max, Use use = Optional);
    // A finite decimal number from min to max (NaN and infinity are refused).
    void decimal(const QString &name, const QString &description, const QString &valueName,
                 double min, double max);
    // A check of an option's value at parse time: `problem` says why the value is not valid.
    using Check = std::function<std::optional<QString>(const QString &value)>;
    void check(const QString &name, Check problem);
    // `option` may only be given together with `needed`.
    void needs(const QString &option, const QString &needed);
    // `option` may not be given together with any of `others`.
    void excludes(const QString &option, const QStringList &others);
    // An argument the command requires, exactly once, in the order declared.
    // An optional positional comes last and may be left out (shown as [NAME]).
    void positionalHelp(const QString &name, const QString &description, bool optional = false);

    // False when the command should stop: after --help (exit 0), a usage error (exit 2), or,
    // when the context only checks the arguments, once they passed (kArgumentsOk).
    bool parse(CliContext &c);
    int exitCode() const { return m_exitCode; }

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString get(const QString &name, const QString &fallback = QString()) const;
    QStringList all(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }
    // Only after parse() returned true; `fallback` when the option was not given.
    qint64 integerValue(const QString &name, qint64 fallback = 0) const;
    double decimalValue(const QString &name, double fallback) const;

private:
    struct Range
    {
        double min;
        double max;
        bool whole;
    };
    bool usageError(CliContext &c, const QString &message);
    std::optional<QString> problem() const;
    std::optional<QString> numberProblem(const QString &name, const Range &range) const;

    QString m_command;
    QCommandLineParser m_parser;
    int m_exitCode = kOk;
    QStringList m_positionalNames;
    qsizetype m_requiredPositionals = 0;
    QStringList m_once;     // options taking a value that may be given at most once
    QStringList m_required; // options that must be given
    QList<std::pair<QString, Range>> m_ranges; // in the order declared
    QList<std::pair<QString, Check>> m_checks;
    QList<std::pair<QString, QString>> m_needs;
    QList<std::pair<QString, QStringList>> m_excludes;
};

} // namespace feedback::cli
