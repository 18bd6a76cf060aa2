// What the feedbackctl tests share (tst_feedbackctl, tst_feedbackctl_records,
// tst_feedbackctl_maintenance): the real binary (env FEEDBACKCTL) in a fresh temporary profile
// per test, passphrase in the child's environment, keychain off; commands and their JSON output;
// CSV and file helpers.
#pragma once

#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <support/FeedbackCtlRunner.h>

namespace feedback::test {

using Run = FeedbackCtlRun;

inline const QRegularExpression kRecordId(QStringLiteral("^[0-9a-f]{32}-\\d+$"));

// `passphrase` in the child's environment, none when empty.
inline QProcessEnvironment childEnvironment(const QString &passphrase)
{
    return FeedbackCtlRunner::environment(passphrase);
}

// RFC 4180: rows of cells; a quoted cell may hold commas, doubled quotes and line breaks.
inline QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        const bool pair = i + 1 < text.size() && text.at(i + 1) == (quoted ? u'"' : u'\n');
        if (quoted && ch == u'"' && pair)
            cell += text.at(++i);
        else if (ch == u'"')
            quoted = !quoted;
        else if (!quoted && ch == u',')
            row.append(std::exchange(cell, QString()));
        else if (!quoted && ch == u'\r' && pair && ++i)
            rows.append(std::exchange(row, QStringList()) << std::exchange(cell, QString()));
        else
            cell += ch;
    }
    return rows;
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The profile, environment and helpers every feedbackctl test class uses (a base of each; the
// class's own init() calls freshProfile()).
class FeedbackCtlFixture
{
protected:
    FeedbackCtlFixture()
        : m_env(childEnvironment(QStringLiteral("correct horse battery staple")))
    {}

    void checkFeedbackCtl() const
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    }
    void freshProfile()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
        m_profile = m_tmp->filePath(QStringLiteral("profile"));
    }

    // `command` is split at spaces; `extra` arguments may hold spaces.
    Run ctl(const QString &command, const QStringList &extra = {}) const
    {
        return run(m_env, command.split(u' ', Qt::SkipEmptyParts) + extra);
    }
    Run run(const QProcessEnvironment &env, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(env, m_profile, args);
    }
    bool initProfile() { return ctl(QStringLiteral("init --name Kiosk")).code == 0; }
    // Submits a valid record (plus `extra` options): its id, or empty on failure.
    QString submit(const QStringList &extra = {}) const
    {
        const Run r = ctl(QStringLiteral("submit --order O-1 --courier 7 --rating 4"), extra);
        if (r.code != 0 || !kRecordId.match(r.out.trimmed()).hasMatch())
            qWarning("%s", r.describe().constData());
        return r.code == 0 ? r.out.trimmed() : QString();
    }
    QJsonDocument json(const QString &command) const
    {
        return QJsonDocument::fromJson(ctl(command).out.toUtf8());
    }
    QJsonObject statusJson() const { return json(QStringLiteral("status --format json")).object(); }
    QJsonObject showJson(const QString &id) const
    {
        return json(QStringLiteral("show %1 --format json").arg(id)).object();
    }

    QProcessEnvironment m_env;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
};

} // namespace feedback::test

// The exit code and a condition on the output (of `r` when it names a Run); the run is printed
// when either is wrong. `r` is evaluated once.
#define EXPECT(r, exitCode, cond)                                                                  \
    do {                                                                                           \
        const Run &run_ = (r);                                                                     \
        QVERIFY2(run_.code == (exitCode) && (cond), run_.describe().constData());                  \
    } while (false)
