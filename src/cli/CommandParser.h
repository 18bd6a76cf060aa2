// Options of one feedbackctl command, on top of QCommandLineParser: declares, parses, answers
// --help, and reports usage errors with exit code 2.
#pragma once

#include "CliContext.h"

#include <QCommandLineParser>

namespace feedback::cli {

class CommandParser
{
public:
    CommandParser(const QString &command, const QString &description);

    void value(const QString &name, const QString &description, const QString &valueName);
    void flag(const QString &name, const QString &description);
    void positionalHelp(const QString &name, const QString &description);

    // False when the command should stop: after --help (exit 0) or a usage error (exit 2).
    bool parse(CliContext &c);
    int exitCode() const { return m_exitCode; }

    bool isSet(const QString &name) const { return m_parser.isSet(name); }
    QString get(const QString &name, const QString &fallback = QString()) const;
    QStringList all(const QString &name) const { return m_parser.values(name); }
    QStringList positional() const { return m_parser.positionalArguments(); }

private:
    QString m_command;
    QCommandLineParser m_parser;
    int m_exitCode = kOk;
    QStringList m_positionalNames;
};

} // namespace feedback::cli
