// Transport rules of feedbackctl with real processes: plain ws:// only to a relay on this
// machine unless the operator passes --insecure (at init, join, sync, and for a URL stored in
// an older profile), and join reading its code from standard input or --code-file instead of
// the command line. 192.0.2.1 (TEST-NET-1) is never routable: nothing ever answers there.
#include "SyncTestSupport.h"

#include <QDir>
#include <QSettings>

#include <sync/InviteCode.h>

using namespace Qt::StringLiterals;
using namespace feedback::test;

namespace {

const QString kRemoteWs = u"ws://192.0.2.1:9"_s;
const QString kRefusal =
    u"ws:// sends everything unencrypted to 192.0.2.1; use wss:// or pass --insecure"_s;

} // namespace

class TestRelaySecurity : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init() { freshDirectory(); }
    void cleanup() { tearDown(); }

    void initRefusesRemoteWsAndCreatesNothing();
    void initWithInsecurePassesTheCheckAndRemembersIt();
    void joinRefusesAnInviteForRemoteWs();
    void syncRefusesAStoredRemoteWsUrl();
    void syncRefusesRemoteWsOnTheCommandLine();
    void joinReadsTheCodeFromStandardInput();
    void joinReadsTheCodeFromAFile();
    void joinRefusesAnEmptyCode();

private:
    FeedbackCtlRun inviteFrom(const QString &name, const QStringList &extra = {}) const
    {
        return ctl(name, QStringList{u"invite"_s} + extra);
    }
    bool exists(const QString &name) const { return QFileInfo::exists(profile(name)); }
    // Sync to a relay nobody answers, briefly: whatever happens, it is not the refusal.
    FeedbackCtlRun briefSync(const QString &name, const QStringList &extra = {}) const
    {
        return ctl(name, QStringList{u"sync"_s, u"--timeout"_s, u"1"_s} + extra);
    }
};

void TestRelaySecurity::initRefusesRemoteWsAndCreatesNothing()
{
    const FeedbackCtlRun r = ctl(u"A"_s, {u"init"_s, u"--name"_s, u"A"_s, u"--relay"_s, kRemoteWs});
    QVERIFY2(r.code == 2 && r.err.contains(kRefusal), r.describe().constData());
    QVERIFY(!exists(u"A"_s));
    // Loopback in every spelling and wss:// anywhere need no flag.
    for (const QString &url : {u"ws://127.0.0.1:9"_s, u"ws://127.8.9.10:9"_s, u"ws://[::1]:9"_s,
                               u"ws://localhost:9"_s, u"wss://192.0.2.1:9"_s}) {
        const QString name = u"ok-%1"_s.arg(qHash(url));
        VERIFY_RUN(ctl(name, {u"init"_s, u"--name"_s, name, u"--relay"_s, url}));
    }
}

void TestRelaySecurity::initWithInsecurePassesTheCheckAndRemembersIt()
{
    VERIFY_RUN(
        ctl(u"A"_s, {u"init"_s, u"--name"_s, u"A"_s, u"--relay"_s, kRemoteWs, u"--insecure"_s}));
    QCOMPARE(QSettings(profile(u"A"_s) + u"/profile.ini"_s, QSettings::IniFormat)
                 .value(u"sync/insecure"_s)
                 .toBool(),
             true);
    // Remembered: a later sync without the flag tries to connect (and fails: nobody there).
    const FeedbackCtlRun r = briefSync(u"A"_s);
    QVERIFY2(r.code == 1 && !r.err.contains(kRefusal), r.describe().constData());
}

void TestRelaySecurity::joinRefusesAnInviteForRemoteWs()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    // Refused where the code is made: the invite would have to travel to that relay in clear.
    const FeedbackCtlRun plain = inviteFrom(u"A"_s, {u"--relay"_s, kRemoteWs});
    QVERIFY2(plain.code == 2 && plain.err.contains(kRefusal) && plain.out.isEmpty(),
             plain.describe().constData());
    // A code that names such a relay anyway (made by hand, or by an older release).
    const FeedbackCtlRun invite = inviteFrom(u"A"_s);
    VERIFY_RUN(invite);
    auto decoded = feedback::sync::InviteCode::decode(invite.lastLine());
    QVERIFY2(decoded && decoded->ticket, invite.describe().constData());
    decoded->ticket->relayUrl = kRemoteWs;
    const QString code = feedback::sync::InviteCode::encode(*decoded->ticket);

    const FeedbackCtlRun refused = ctl(u"B"_s, {u"join"_s, code, u"--name"_s, u"B"_s});
    QVERIFY2(refused.code == 2 && refused.err.contains(kRefusal), refused.describe().constData());
    QVERIFY(!exists(u"B"_s));
    // The same through --relay on the command line.
    const FeedbackCtlRun viaFlag = ctl(u"B"_s, {u"join"_s, code, u"--relay"_s, kRemoteWs});
    QVERIFY2(viaFlag.code == 2 && viaFlag.err.contains(kRefusal), viaFlag.describe().constData());
    QVERIFY(!exists(u"B"_s));

    // What is checked is the relay join talks to: --relay naming a loopback one overrides the
    // code's, needs no flag, and join goes on to claim there (nobody answers): not the refusal,
    // and still nothing created.
    const FeedbackCtlRun tried =
        ctl(u"B"_s, {u"join"_s, code, u"--relay"_s, u"ws://127.0.0.1:9"_s});
    QVERIFY2(tried.code == 1 && !tried.err.contains(kRefusal), tried.describe().constData());
    QVERIFY(!exists(u"B"_s));
}

void TestRelaySecurity::syncRefusesAStoredRemoteWsUrl()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    // A profile enrolled before the rule, with a ws:// URL to another machine.
    {
        QSettings ini(profile(u"A"_s) + u"/profile.ini"_s, QSettings::IniFormat);
        ini.setValue(u"sync/relayUrl"_s, kRemoteWs);
    }
    const FeedbackCtlRun r = briefSync(u"A"_s);
    QVERIFY2(r.code == 2 && r.err.contains(kRefusal), r.describe().constData());
    const FeedbackCtlRun allowed = briefSync(u"A"_s, {u"--insecure"_s});
    QVERIFY2(allowed.code == 1 && !allowed.err.contains(kRefusal), allowed.describe().constData());
    // The stored URL to the real relay still syncs without a flag.
    VERIFY_RUN(sync(u"A"_s));
}

void TestRelaySecurity::syncRefusesRemoteWsOnTheCommandLine()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    for (const QString &command : {u"sync"_s, u"watch"_s}) {
        const FeedbackCtlRun r = ctl(u"A"_s, {command, u"--relay"_s, kRemoteWs});
        QVERIFY2(r.code == 2 && r.err.contains(kRefusal), r.describe().constData());
    }
}

void TestRelaySecurity::joinReadsTheCodeFromStandardInput()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    CALL(submit(u"A"_s, {u"--order"_s, u"O-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"5"_s}));
    VERIFY_RUN(sync(u"A"_s));
    const FeedbackCtlRun invite = inviteFrom(u"A"_s, {u"--uses"_s, u"2"_s});
    VERIFY_RUN(invite);
    const QByteArray code = invite.lastLine().toUtf8();
    // "-" and no code at all (standard input is not a terminal) both read it, whitespace trimmed.
    VERIFY_RUN(FeedbackCtlRunner::runWithInput(profile(u"B"_s), {u"join"_s, u"-"_s},
                                               "  " + code + "\r\n\n"));
    VERIFY_RUN(FeedbackCtlRunner::runWithInput(profile(u"C"_s), {u"join"_s}, code + '\n'));
    for (const QString &name : {u"B"_s, u"C"_s}) {
        VERIFY_RUN(sync(name));
        const FeedbackCtlRun list = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
        QVERIFY2(list.ok() && list.out.contains(u"O-1"_s), list.describe().constData());
    }
}

void TestRelaySecurity::joinReadsTheCodeFromAFile()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    CALL(submit(u"A"_s, {u"--order"_s, u"O-2"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"4"_s}));
    VERIFY_RUN(sync(u"A"_s));
    const FeedbackCtlRun invite = inviteFrom(u"A"_s);
    VERIFY_RUN(invite);
    const QString file = m_tmp->filePath(u"code.txt"_s);
    QVERIFY(writeFile(file, invite.lastLine().toUtf8() + "\n"));
    VERIFY_RUN(ctl(u"B"_s, {u"join"_s, u"--code-file"_s, file, u"--name"_s, u"B"_s}));
    VERIFY_RUN(sync(u"B"_s));
    const FeedbackCtlRun list = ctl(u"B"_s, {u"list"_s, u"--format"_s, u"json"_s});
    QVERIFY2(list.ok() && list.out.contains(u"O-2"_s), list.describe().constData());
    // Both a code and a file: which one was meant is unclear.
    const FeedbackCtlRun both = ctl(u"C"_s, {u"join"_s, invite.lastLine(), u"--code-file"_s, file});
    QVERIFY2(both.code == 2 && both.err.contains(u"not both"_s), both.describe().constData());
    QVERIFY(!exists(u"C"_s));
}

void TestRelaySecurity::joinRefusesAnEmptyCode()
{
    const QString empty = m_tmp->filePath(u"empty.txt"_s);
    QVERIFY(writeFile(empty, " \n\t\n"));
    const FeedbackCtlRun fromEmptyFile = ctl(u"B"_s, {u"join"_s, u"--code-file"_s, empty});
    QVERIFY2(fromEmptyFile.code == 2 && fromEmptyFile.err.contains(u"holds no invite code"_s),
             fromEmptyFile.describe().constData());
    const FeedbackCtlRun missingFile =
        ctl(u"B"_s, {u"join"_s, u"--code-file"_s, m_tmp->filePath(u"nope.txt"_s)});
    QVERIFY2(missingFile.code == 2 && missingFile.err.contains(u"cannot read --code-file"_s),
             missingFile.describe().constData());
    const FeedbackCtlRun fromEmptyStdin =
        FeedbackCtlRunner::runWithInput(profile(u"B"_s), {u"join"_s, u"-"_s}, "\n");
    QVERIFY2(fromEmptyStdin.code == 2 &&
                 fromEmptyStdin.err.contains(u"standard input holds no invite code"_s),
             fromEmptyStdin.describe().constData());
    QVERIFY(!exists(u"B"_s));
}

QTEST_GUILESS_MAIN(TestRelaySecurity)
#include "tst_relaysecurity.moc"
