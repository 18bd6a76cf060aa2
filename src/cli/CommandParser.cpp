#include "CommandParser.h"

#include <cmath>

namespace feedback::cli {

namespace {

QString numberText(double n, bool whole)
{
    return whole ? QString::number(static_cast<qint64>(n)) : QString::number(n);
}

} // namespace

CommandParser::CommandParser(const QString &command, const QString &description)
    : m_command(command)
{
    m_parser.setApplicationDescription(description);
    m_parser.addHelpOption();
}

void CommandParser::value(const QString &name, const QString &description, const QString &valueName,
                          Use use)
{
    m_parser.addOption(QCommandLineOption(name, description, valueName));
    if (use != Repeatable)
        m_once.append(name);
    if (use == Required)
        m_required.append(name);
}

void CommandParser::flag(const QString &name, const QString &description)
{
    m_parser.addOption(QCommandLineOption(name, description));
}

void CommandParser::integer(const QString &name, const QString &description,
                            const QString &valueName, qint64 min, qint64 max, Use use)
{
    value(name, QStringLiteral("%1 (%2 to %3)").arg(description).arg(min).arg(max), valueName, use);
    m_ranges.append({name, {static_cast<double>(min), static_cast<double>(max), true}});
}

void CommandParser::decimal(const QString &name, const QString &description,
                            const QString &valueName, double min, double max)
{
    value(name, QStringLiteral("%1 (%2 to %3)").arg(description).arg(min).arg(max), valueName);
    m_ranges.append({name, {min, max, false}});
}

void CommandParser::check(const QString &name, Check problem)
{
    m_checks.append({name, std::move(problem)});
}

void CommandParser::needs(const QString &option, const QString &needed)
{
    m_needs.append({option, needed});
}

void CommandParser::excludes(const QString &option, const QStringList &others)
{
    m_excludes.append({option, others});
}

void CommandParser::positionalHelp(const QString &name, const QString &description, bool optional)
{
    m_parser.addPositionalArgument(name, description);
    m_positionalNames.append(optional ? QStringLiteral("[%1]").arg(name) : name);
    if (!optional)
        m_requiredPositionals = m_positionalNames.size();
}

bool CommandParser::usageError(CliContext &c, const QString &message)
{
    c.fail(message + QStringLiteral(" (see feedbackctl %1 --help)").arg(m_command), kInvalidInput);
    m_exitCode = kInvalidInput;
    return false;
}

bool CommandParser::parse(CliContext &c)
{
    if (!m_parser.parse(QStringList{QStringLiteral("feedbackctl ") + m_command} + c.args))
        return usageError(c, m_parser.errorText());
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
    if (const auto message = problem())
        return usageError(c, *message);
    if (c.checkOnly) {
        m_exitCode = kArgumentsOk;
        return false;
    }
    return true;
}

std::optional<QString> CommandParser::problem() const
{
    for (const QString &name : m_once)
        if (m_parser.values(name).size() > 1)
            return QStringLiteral("--%1 was given %2 times; give it once.")
                .arg(name)
                .arg(m_parser.values(name).size());
    for (const QString &name : m_required)
        if (!m_parser.isSet(name))
            return QStringLiteral("--%1 is required.").arg(name);
    const QStringList positional = m_parser.positionalArguments();
    if (positional.size() > m_positionalNames.size())
        return QStringLiteral("unexpected argument %1: a value with spaces needs quotes.")
            .arg(safetext::quoted(positional.at(m_positionalNames.size())));
    if (positional.size() < m_requiredPositionals)
        return QStringLiteral("%1 is missing.").arg(m_positionalNames.at(positional.size()));
    for (const auto &[name, range] : m_ranges)
        if (const auto message = numberProblem(name, range))
            return message;
    for (const auto &[option, needed] : m_needs)
        if (m_parser.isSet(option) && !m_parser.isSet(needed))
            return QStringLiteral("--%1 needs --%2.").arg(option, needed);
    for (const auto &[option, others] : m_excludes)
        for (const QString &other : others)
            if (m_parser.isSet(option) && m_parser.isSet(other))
                return QStringLiteral("--%1 cannot be given with --%2.").arg(option, other);
    for (const auto &[name, checkValue] : m_checks)
        if (m_parser.isSet(name))
            if (const auto message = checkValue(m_parser.value(name)))
                return QStringLiteral("--%1: %2").arg(name, *message);
    return std::nullopt;
}

std::optional<QString> CommandParser::numberProblem(const QString &name, const Range &range) const
{
    if (!m_parser.isSet(name))
        return std::nullopt;
    const QString text = m_parser.value(name).trimmed();
    bool ok = false;
    const double n = range.whole ? static_cast<double>(text.toLongLong(&ok)) : text.toDouble(&ok);
    // Written so that NaN fails it too.
    if (ok && std::isfinite(n) && n >= range.min && n <= range.max)
        return std::nullopt;
    return QStringLiteral("--%1 must be %2 from %3 to %4 (got %5).")
        .arg(name, range.whole ? QStringLiteral("a whole number") : QStringLiteral("a number"),
             numberText(range.min, range.whole), numberText(range.max, range.whole),
             safetext::quoted(m_parser.value(name)));
}

QString CommandParser::get(const QString &name, const QString &fallback) const
{
    return m_parser.isSet(name) ? m_parser.value(name) : fallback;
}

qint64 CommandParser::integerValue(const QString &name, qint64 fallback) const
{
    return m_parser.isSet(name) ? m_parser.value(name).trimmed().toLongLong() : fallback;
}

double CommandParser::decimalValue(const QString &name, double fallback) const
{
    return m_parser.isSet(name) ? m_parser.value(name).trimmed().toDouble() : fallback;
}

} // namespace feedback::cli
