// Invites the relay holds (protocol 4) with real processes and real profiles: a code is
// single-use by default and counts its uses (--uses N), a kiosk invite enrols one kiosk per use,
// an invite whose issuer was revoked (or that was cancelled) and an expired one are refused at
// join with exit code 1 and nothing created on disk. Expiry runs against a relay in this process
// whose wall clock the test steps (the fake is at the boundary: the system's clock). `invite
// --list` shows the invites the relay holds, offline, and loses one once its cancellation is
// confirmed.
#include "SyncTestSupport.h"

#include <QDateTime>
#include <QJsonArray>

#include <relay/RelayServer.h>
#include <relay/RelayStorage.h>
#include <sync/InviteCode.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using namespace feedback::test;

namespace {

class SteppedWallClock final : public relay::RelayClock
{
public:
    qint64 monotonicMs() const override { return relay::RelayClock::system().monotonicMs(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_stepMs; }
    void step(qint64 ms) { m_stepMs += ms; }

private:
    qint64 m_stepMs = 0;
};

constexpr qint64 kHourMs = 3600 * 1000;

} // namespace

class TestInvites : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init() { freshDirectory(); }
    void cleanup() { tearDown(); }

    void singleUseByDefault();
    void usesCountJoins();
    void kioskInviteEnrolsOneKioskPerUse();
    void inviteOfARevokedDeviceIsRefused();
    void cancelledInviteIsRefused();
    void listShowsHeldInvitesUntilCancelled();
    void expiredInviteIsRefused();
    void badOptionsAreInvalidInput();

private:
    FeedbackCtlRun invite(const QString &from, const QStringList &extra = {}) const
    {
        return ctl(from, QStringList{u"invite"_s} + extra);
    }
    FeedbackCtlRun join(const QString &name, const QString &code) const
    {
        return ctl(name, {u"join"_s, code, u"--name"_s, name});
    }
    bool exists(const QString &name) const { return QFileInfo::exists(profile(name)); }
    // A join refused by the relay: exit 1, the reason said, nothing on disk.
    void refused(const QString &name, const QString &code, const QString &reason)
    {
        const FeedbackCtlRun r = join(name, code);
        QVERIFY2(r.code == 1 && r.err.contains(reason) && r.out.isEmpty(),
                 r.describe().constData());
        QVERIFY2(!exists(name), qPrintable(name));
    }
};

void TestInvites::singleUseByDefault()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    CALL(submit(u"A"_s, {u"--order"_s, u"O-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"5"_s}));
    VERIFY_RUN(sync(u"A"_s));
    const FeedbackCtlRun code = invite(u"A"_s);
    VERIFY_RUN(code);
    QVERIFY2(code.lastLine().startsWith(u"cf2-"_s) && code.err.contains(u"for 1 device "_s),
             code.describe().constData());
    VERIFY_RUN(join(u"B"_s, code.lastLine()));
    CALL(refused(u"C"_s, code.lastLine(), u"used as often as it allows (1)"_s));
    // The one who joined is a device of the workspace.
    CALL(syncOk(u"B"_s));
    QJsonArray records;
    CALL(list(u"B"_s, records));
    QCOMPARE(records.size(), 1);
}

void TestInvites::usesCountJoins()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    const FeedbackCtlRun code = invite(u"A"_s, {u"--uses"_s, u"2"_s, u"--expires"_s, u"15m"_s});
    VERIFY_RUN(code);
    QVERIFY2(code.err.contains(u"for 2 devices"_s), code.describe().constData());
    VERIFY_RUN(join(u"B"_s, code.lastLine()));
    VERIFY_RUN(join(u"C"_s, code.lastLine()));
    CALL(refused(u"D"_s, code.lastLine(), u"used as often as it allows (2)"_s));
}

void TestInvites::kioskInviteEnrolsOneKioskPerUse()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"desk"_s}));
    const FeedbackCtlRun code =
        invite(u"desk"_s, {u"--role"_s, u"kiosk"_s, u"--name"_s, u"Lobby"_s, u"--uses"_s, u"2"_s});
    VERIFY_RUN(code);
    QStringList devices;
    for (const QString &kiosk : {u"k1"_s, u"k2"_s}) {
        const FeedbackCtlRun joined = ctl(kiosk, {u"join"_s, code.lastLine()});
        VERIFY_RUN(joined);
        QVERIFY2(joined.out.contains(u"role kiosk"_s), joined.describe().constData());
        devices.append(joined.out.section(u"device "_s, 1, 1).section(u'\n', 0, 0));
        CALL(submit(
            kiosk, {u"--order"_s, u"K-"_s + kiosk, u"--courier"_s, u"3"_s, u"--rating"_s, u"4"_s}));
        CALL(syncOk(kiosk));
    }
    QVERIFY2(devices.at(0) != devices.at(1), qPrintable(devices.join(u' ')));
    CALL(refused(u"k3"_s, code.lastLine(), u"used as often as it allows (2)"_s));
    CALL(syncOk(u"desk"_s));
    QJsonArray records;
    CALL(list(u"desk"_s, records));
    QCOMPARE(records.size(), 2);
    const FeedbackCtlRun listed = ctl(u"desk"_s, {u"devices"_s});
    QVERIFY2(listed.out.contains(u"Lobby 1"_s) && listed.out.contains(u"Lobby 2"_s),
             listed.describe().constData());
}

void TestInvites::inviteOfARevokedDeviceIsRefused()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(syncOk(u"B"_s));
    const FeedbackCtlRun fromB = invite(u"B"_s, {u"--uses"_s, u"3"_s});
    VERIFY_RUN(fromB);
    QJsonObject status;
    CALL(this->status(u"B"_s, status));
    const QString b = status[u"device"_s].toString();
    QVERIFY2(!b.isEmpty(), "status names the device");
    CALL(syncOk(u"A"_s)); // A learns of B from the relay's device list
    VERIFY_RUN(ctl(u"A"_s, {u"revoke"_s, b}));
    CALL(syncOk(u"A"_s));
    CALL(refused(u"C"_s, fromB.lastLine(), u"The device that made this invite was removed"_s));
    // A's own invites are not affected.
    VERIFY_RUN(join(u"D"_s, invite(u"A"_s).lastLine()));
}

void TestInvites::cancelledInviteIsRefused()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    const FeedbackCtlRun code = invite(u"A"_s, {u"--uses"_s, u"3"_s});
    VERIFY_RUN(code);
    const QString id = code.err.section(u"Invite "_s, 1, 1).section(u' ', 0, 0);
    QVERIFY2(id.size() == 64, code.describe().constData());
    VERIFY_RUN(join(u"B"_s, code.lastLine()));
    const FeedbackCtlRun cancelled = invite(u"A"_s, {u"--cancel"_s, id});
    QVERIFY2(cancelled.ok() && cancelled.out.contains(u"cancelled"_s),
             cancelled.describe().constData());
    CALL(refused(u"C"_s, code.lastLine(), u"This invite was cancelled."_s));
    // An id the relay does not hold, and one that is not an id at all.
    const FeedbackCtlRun unknown = invite(u"A"_s, {u"--cancel"_s, QString(64, u'a')});
    QVERIFY2(unknown.code == 1 && unknown.err.contains(u"unknown-invite"_s),
             unknown.describe().constData());
    const FeedbackCtlRun malformed = invite(u"A"_s, {u"--cancel"_s, u"abc"_s});
    QVERIFY2(malformed.code == 2 && malformed.err.contains(u"64 hexadecimal digits"_s),
             malformed.describe().constData());
}

void TestInvites::listShowsHeldInvitesUntilCancelled()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    const auto listed = [this](QJsonArray &out) {
        const FeedbackCtlRun r = invite(u"A"_s, {u"--list"_s, u"--format"_s, u"json"_s});
        VERIFY_RUN(r);
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
        QVERIFY2(doc.isArray(), r.describe().constData());
        out = doc.array();
    };
    QJsonArray list;
    CALL(listed(list));
    QCOMPARE(list.size(), 0);
    const FeedbackCtlRun full = invite(u"A"_s, {u"--uses"_s, u"3"_s, u"--expires"_s, u"2h"_s});
    VERIFY_RUN(full);
    const FeedbackCtlRun kiosk = invite(u"A"_s, {u"--role"_s, u"kiosk"_s, u"--name"_s, u"Lobby"_s});
    VERIFY_RUN(kiosk);
    const auto handleOf = [](const FeedbackCtlRun &r) {
        return r.err.section(u"Invite "_s, 1, 1).section(u' ', 0, 0);
    };
    CALL(listed(list));
    QCOMPARE(list.size(), 2);
    const QJsonObject first = list.at(0).toObject();
    const QJsonObject second = list.at(1).toObject();
    QCOMPARE(first[u"handle"_s].toString(), handleOf(full));
    QCOMPARE(first[u"role"_s].toString(), u"full"_s);
    QCOMPARE(first[u"uses"_s].toInt(), 3);
    QCOMPARE(first[u"usesLeft"_s].toInt(), 3);
    const QDateTime expires = QDateTime::fromString(first[u"expiresAt"_s].toString(), Qt::ISODate);
    QVERIFY2(expires > QDateTime::currentDateTimeUtc().addSecs(3600),
             qPrintable(expires.toString()));
    QCOMPARE(second[u"handle"_s].toString(), handleOf(kiosk));
    QCOMPARE(second[u"role"_s].toString(), u"kiosk"_s);
    QCOMPARE(second[u"name"_s].toString(), u"Lobby"_s);
    QCOMPARE(second[u"usesLeft"_s].toInt(), 1);
    // Neither a code nor an invite id is kept: the list shows handles only.
    const FeedbackCtlRun table = invite(u"A"_s, {u"--list"_s});
    VERIFY_RUN(table);
    QVERIFY2(table.out.contains(handleOf(full)) && table.out.contains(u"3 of 3"_s) &&
                 table.out.contains(u"Lobby"_s) && !table.out.contains(u"cf2-"_s),
             table.describe().constData());

    // A cancellation no relay confirmed changes nothing.
    const FeedbackCtlRun down = invite(u"A"_s, {u"--cancel"_s, handleOf(full), u"--relay"_s,
                                                u"ws://127.0.0.1:1"_s, u"--timeout"_s, u"20"_s});
    QVERIFY2(down.code == 1, down.describe().constData());
    CALL(listed(list));
    QCOMPARE(list.size(), 2);

    const FeedbackCtlRun cancelled = invite(u"A"_s, {u"--cancel"_s, handleOf(full)});
    QVERIFY2(cancelled.ok() && cancelled.out.contains(u"cancelled"_s),
             cancelled.describe().constData());
    CALL(listed(list));
    QCOMPARE(list.size(), 1);
    QCOMPARE(list.at(0).toObject()[u"handle"_s].toString(), handleOf(kiosk));
    CALL(refused(u"B"_s, full.lastLine(), u"This invite was cancelled."_s));
    // The list is kept on this device: read without the relay.
    m_relay.reset();
    CALL(listed(list));
    QCOMPARE(list.size(), 1);
}

void TestInvites::expiredInviteIsRefused()
{
    SteppedWallClock clock;
    relay::RelayStorage storage;
    QVERIFY(storage.open(m_tmp->filePath(u"inproc-relay"_s)).ok());
    relay::RelayLimits limits;
    limits.openAdmission = true;
    relay::RelayServer server(storage, limits, std::nullopt, clock);
    QVERIFY(server.listen(QHostAddress::LocalHost, 0).ok());
    // feedbackctl runs while this event loop serves the relay.
    const auto run = [this](const QString &name, const QStringList &args) {
        const auto process = FeedbackCtlRunner::start(profile(name), args);
        // Waits for the exit; finish() kills a run that is still going after that.
        (void)QTest::qWaitFor([&process] { return process->state() == QProcess::NotRunning; },
                              FeedbackCtlRunner::kRunTimeoutMs);
        return FeedbackCtlRunner::finish(*process, args);
    };
    FeedbackCtlRun r;
    auto runOk = [&](const QString &name, const QStringList &args) {
        r = run(name, args);
        QVERIFY2(r.ok(), r.describe().constData());
    };
    CALL(runOk(u"A"_s, {u"init"_s, u"--name"_s, u"A"_s, u"--relay"_s, server.url()}));
    CALL(runOk(u"A"_s, {u"invite"_s, u"--expires"_s, u"1h"_s}));
    const QString code = r.lastLine();
    const auto decoded = sync::InviteCode::decode(code);
    QVERIFY(decoded && decoded->ticket);
    const qint64 expiresIn = decoded->ticket->expiresAtMs - QDateTime::currentMSecsSinceEpoch();
    QVERIFY2(expiresIn > kHourMs - 10 * 60 * 1000 && expiresIn <= kHourMs,
             qPrintable(QString::number(expiresIn)));
    clock.step(2 * kHourMs);
    r = run(u"B"_s, {u"join"_s, code});
    QVERIFY2(r.code == 1 && r.err.contains(u"This invite has expired."_s),
             r.describe().constData());
    QVERIFY(!exists(u"B"_s));
    // Within its hour it works, and was not used up by the refused attempt.
    clock.step(-2 * kHourMs);
    CALL(runOk(u"B"_s, {u"join"_s, code}));
}

void TestInvites::badOptionsAreInvalidInput()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    for (const QStringList &args :
         {QStringList{u"--expires"_s, u"0m"_s}, QStringList{u"--expires"_s, u"31d"_s},
          QStringList{u"--expires"_s, u"soon"_s}, QStringList{u"--uses"_s, u"0"_s},
          QStringList{u"--uses"_s, u"101"_s}}) {
        const FeedbackCtlRun r = invite(u"A"_s, args);
        QVERIFY2(r.code == 2 && r.out.isEmpty(), r.describe().constData());
    }
    // --list is offline and takes no options of a new invite; --format only with it.
    for (const QStringList &args :
         {QStringList{u"--list"_s, u"--cancel"_s, QString(64, u'a')},
          QStringList{u"--list"_s, u"--uses"_s, u"2"_s}, QStringList{u"--format"_s, u"json"_s},
          QStringList{u"--list"_s, u"--format"_s, u"csv"_s},
          QStringList{u"--cancel"_s, QString(64, u'a'), u"--role"_s, u"kiosk"_s}}) {
        const FeedbackCtlRun r = invite(u"A"_s, args);
        QVERIFY2(r.code == 2 && r.out.isEmpty(), r.describe().constData());
    }
    // Nothing reaches the relay when it is down: no code is printed.
    m_relay.reset();
    const FeedbackCtlRun down = invite(u"A"_s, {u"--timeout"_s, u"20"_s});
    QVERIFY2(down.code == 1 && down.out.isEmpty() && down.err.contains(u"no code was made"_s),
             down.describe().constData());
}

QTEST_GUILESS_MAIN(TestInvites)
#include "tst_invites.moc"
