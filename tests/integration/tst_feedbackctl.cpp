// feedbackctl as a user meets it: the real binary (env FEEDBACKCTL) in a fresh temporary profile
// per test. Help and version, unknown commands, init and the passphrase (environment, file,
// wrong); exit codes 0 success, 1 failure, 2 invalid input. The record commands:
// tst_feedbackctl_records; import, export, doctor and purge: tst_feedbackctl_maintenance.
#include "FeedbackCtlTestSupport.h"

#include <QFileInfo>

using namespace Qt::StringLiterals;
using namespace feedback::test;

namespace {

const QStringList kCommands = {u"init"_s,  u"submit"_s,       u"list"_s,   u"show"_s,
                               u"edit"_s,  u"status"_s,       u"export"_s, u"doctor"_s,
                               u"purge"_s, u"import-legacy"_s};
} // namespace

class TestFeedbackCtl : public QObject, public FeedbackCtlFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkFeedbackCtl(); }
    void init() { freshProfile(); }
    void helpAndVersionNeedNoProfile();
    void commandHelpNamesTheCommand();
    void commandHelpAllIsHonoured();
    void unknownOrMissingCommand();
    void initPrintsDeviceAndRefusesSecondInit();
    void initWithoutPassphraseCreatesNothing();
    void refusedInitLeavesNoParentDirectories();
    void passphraseFileAndWrongPassphrase();
};

void TestFeedbackCtl::helpAndVersionNeedNoProfile()
{
    const QProcessEnvironment noPassphrase = childEnvironment({});
    for (const QString &flag : {u"--help"_s, u"-h"_s}) {
        const Run r = run(noPassphrase, {flag});
        EXPECT(r, 0, r.out.startsWith(u"Usage: feedbackctl"_s) && r.err.isEmpty());
        for (const QString &command : kCommands)
            QVERIFY2(r.out.contains(u"  "_s + command + u' '), qPrintable(command));
    }
    const Run version = run(noPassphrase, {u"--version"_s});
    EXPECT(
        version, 0,
        QRegularExpression(u"^feedbackctl \\d+\\.\\d+\\.\\d+\\n$"_s).match(version.out).hasMatch());
    for (const QString &command : kCommands) {
        const Run r = run(noPassphrase, {command, u"--help"_s});
        EXPECT(r, 0, r.out.startsWith(u"Usage: "_s) && r.err.isEmpty());
    }
    QVERIFY2(!QFileInfo::exists(m_profile), "--help must not create a profile");
}

// A command's usage line should read "Usage: feedbackctl COMMAND ...". CommandParser passes
// "feedbackctl COMMAND" as the program name, but QCommandLineParser::helpText() takes it from
// QCoreApplication::arguments(): "Usage: /path/to/feedbackctl [options]" (init is fine).
void TestFeedbackCtl::commandHelpNamesTheCommand()
{
    for (const QString &command : kCommands) {
        const Run r = run(childEnvironment({}), {command, u"--help"_s});
        const QString usage = r.out.section(u'\n', 0, 0);
        EXPECT(r, 0, usage.startsWith(u"Usage: feedbackctl "_s) && usage.contains(u' ' + command));
    }
}

// Every command's help offers --help-all, but the command then runs as if it were not given.
void TestFeedbackCtl::commandHelpAllIsHonoured()
{
    QVERIFY(initProfile());
    const Run r = ctl(u"submit --help-all"_s);
    EXPECT(r, 0, r.out.contains(u"--rating"_s) && r.err.isEmpty());
}

void TestFeedbackCtl::unknownOrMissingCommand()
{
    const Run unknown = ctl(u"frobnicate"_s);
    EXPECT(unknown, 2,
           unknown.out.isEmpty() && unknown.err.contains(u"unknown command \"frobnicate\""_s));
    const Run none = ctl({});
    EXPECT(none, 2, none.out.isEmpty() && none.err.contains(u"Usage: feedbackctl"_s));
    const Run badOption = ctl(u"--bogus status"_s);
    EXPECT(badOption, 2, badOption.out.isEmpty() && badOption.err.contains(u"bogus"_s));
}

void TestFeedbackCtl::initPrintsDeviceAndRefusesSecondInit()
{
    const Run r = ctl(u"init --name Kiosk"_s);
    const auto device =
        QRegularExpression(u"^device ([0-9a-f]{32})$"_s, QRegularExpression::MultilineOption)
            .match(r.out);
    EXPECT(r, 0, device.hasMatch() && r.out.contains(u"key kept in: passphrase"_s));
    const QStringList files{u"/profile.ini"_s, u"/database.key"_s, u"/feedback.db"_s};
    QList<QByteArray> before;
    for (const QString &f : files)
        before.append(fileBytes(m_profile + f));
    QVERIFY(!before.contains(QByteArray()));

    const Run again = ctl(u"init --name Other"_s);
    EXPECT(again, 1, again.out.isEmpty() && again.err.contains(u"already holds a profile"_s));
    for (qsizetype i = 0; i < files.size(); ++i)
        QVERIFY2(fileBytes(m_profile + files[i]) == before[i], qPrintable(files[i]));
    const QJsonObject s = statusJson();
    QCOMPARE(s[u"device"_s].toString(), device.captured(1));
    QCOMPARE(s[u"name"_s].toString(), u"Kiosk"_s);
}

void TestFeedbackCtl::initWithoutPassphraseCreatesNothing()
{
    const QProcessEnvironment noPassphrase = childEnvironment({});
    const auto namesBoth = [](const Run &r) {
        return r.code != 0 && r.out.isEmpty() && r.err.contains(u"FEEDBACK_PASSPHRASE"_s) &&
               r.err.contains(u"--passphrase-file"_s);
    };
    const Run r = run(noPassphrase, {u"init"_s});
    QVERIFY2(namesBoth(r), r.describe().constData());
    QVERIFY2(!QFileInfo::exists(m_profile), "a refused init must create nothing");
    // An existing passphrase profile opened without one names the same two ways.
    QVERIFY(initProfile());
    const Run open = run(noPassphrase, {u"status"_s});
    QVERIFY2(namesBoth(open), open.describe().constData());
}

// The refusal says "nothing was created", but mkpath's parent directories stay behind.
void TestFeedbackCtl::refusedInitLeavesNoParentDirectories()
{
    m_profile = m_tmp->filePath(u"new/profile"_s);
    const Run r = run(childEnvironment({}), {u"init"_s});
    EXPECT(r, 1, r.err.contains(u"nothing was created"_s) && !QFileInfo::exists(m_profile));
    QVERIFY2(!QFileInfo::exists(m_tmp->filePath(u"new"_s)), "the parent directory was left");
}

void TestFeedbackCtl::passphraseFileAndWrongPassphrase()
{
    const QString file = m_tmp->filePath(u"passphrase.txt"_s);
    QVERIFY(writeFile(file, "file secret\n"));
    const QProcessEnvironment noPassphrase = childEnvironment({});
    const QStringList withFile{u"--passphrase-file"_s, file};
    EXPECT(run(noPassphrase, withFile + QStringList{u"init"_s}), 0, true);
    EXPECT(run(noPassphrase, withFile + QStringList{u"status"_s}), 0, true);
    // The line break ending the file is not part of the passphrase.
    EXPECT(run(childEnvironment(u"file secret"_s), {u"status"_s}), 0, true);

    const Run wrong = run(childEnvironment(u"not the passphrase"_s), {u"list"_s});
    EXPECT(wrong, 1, wrong.out.isEmpty() && wrong.err.contains(u"Wrong passphrase"_s));
    const QString empty = m_tmp->filePath(u"empty.txt"_s);
    QVERIFY(writeFile(empty, "\n"));
    for (const QString &bad : {empty, m_tmp->filePath(u"missing.txt"_s)}) {
        const Run r = run(noPassphrase, {u"--passphrase-file"_s, bad, u"status"_s});
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(bad));
    }
}

QTEST_GUILESS_MAIN(TestFeedbackCtl)
#include "tst_feedbackctl.moc"
