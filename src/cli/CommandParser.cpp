#include "CommandParser.h"

namespace feedback::cli {

CommandParser::CommandParser(const QString &command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

void CommandParser::value(const QString &name, const QString &description, const QString &valueName)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
}

void CommandParser::flag(const QString &name, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandParser::positionalHelp(const QString &name, const QString &description)
{
    m_parser.addPositionalArgument(name, description);
    m_positionalNames.append(name);
}

bool CommandParser::parse(CliContext &c)
{
    if (!m_parser.parse(QStringList{QStringLiteral("feedbackctl ") + m_command} + c.args)) {
        c.fail(m_parser.errorText() + QStringLiteral(" (see feedbackctl %1 --help)").arg(m_command),
               kInvalidInput);
        m_exitCode = kInvalidInput;
        return false;
    }
    if (m_parser.isSet(QStringLiteral("help")) || m_parser.isSet(QStringLiteral("help-all"))) {
        // Qt names the binary's path in its usage line; people type "feedbackctl COMMAND".
        QString help = m_parser.helpText();
        const qsizetype firstLineEnd = help.indexOf(QLatin1Char('\n'));
        QString usage =
            QStringLiteral("Usage: feedbackctl [--profile DIR] %1 [options]").arg(m_command);
        for (const QString &name : std::as_const(m_positionalNames))
            usage += QLatin1Char(' ') + name;
        c.out << usage << help.mid(firstLineEnd);
        m_exitCode = kOk;
        return false;
    }
    return true;
}

QString CommandParser::get(const QString &name, const QString &fallback) const
{
    return m_parser.isSet(name) ? m_parser.value(name) : fallback;
}

} // namespace feedback::cli
