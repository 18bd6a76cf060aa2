// Several feedback-relay processes on one PostgreSQL database (a private cluster the test starts):
// they serve one workspace to feedbackctl devices; a device live on one relay gets what was
// pushed through the other (LISTEN/NOTIFY), and is never confirmed past a unit it lacks when a
// notification is lost; a device fails over to the next relay of its list; bad --database
// options are refused. RelayStorage on PostgreSQL alone: tst_relaypostgres.
#include "SyncTestSupport.h"

#include <QSignalSpy>
#include <QTcpSocket>

#include <relay/RelayServer.h>
#include <relay/RelayStorage.h>
#include <support/PgCluster.h>
#include <support/RelayPeer.h>
#include <support/SyncDevice.h>
#include <support/Workload.h>

using namespace feedback::test;
using feedback::relay::RelayStorage;
using feedback::sql::PostgresTarget;

class TestRelayCluster : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init();
    void cleanup();
    void twoRelayProcessesServeOneWorkspace();
    void aPushThroughOneRelayReachesDevicesLiveOnTheOther();
    void aLiveDeviceIsNeverConfirmedPastAUnitItLacks();
    void devicesFailOverToTheNextRelay();
    void aDeviceFailsOverWhenItsRelayDiesMidPush();
    void aQuotaCountsWhatEveryRelayStored();
    void presenceCrossesRelaysAndIsNeverStored();
    void badDatabaseOptionsAreRefused();
    void aRelayOutlivesADatabaseRestart();

private:
    PostgresTarget target() const
    {
        return *PostgresTarget::parse(m_pg->url(), QString(), u"--database"_s);
    }

    // Relays "a" and "b" on the cluster's database (`extra` options for both), started.
    void startTwoRelays(std::unique_ptr<RelayProcess> &a, std::unique_ptr<RelayProcess> &b,
                        const QStringList &extra = {})
    {
        const QStringList options = QStringList{u"--database"_s, m_pg->url()} + extra;
        a = std::make_unique<RelayProcess>(m_tmp->filePath(u"a"_s), options);
        b = std::make_unique<RelayProcess>(m_tmp->filePath(u"b"_s), options);
        QVERIFY2(a->start(), a->describe().constData());
        QVERIFY2(b->start(), b->describe().constData());
    }

    std::unique_ptr<PgCluster> m_pg;
};

void TestRelayCluster::init()
{
    freshDirectory();
    m_pg = std::make_unique<PgCluster>();
    const QString failed = m_pg->start();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestRelayCluster::cleanup()
{
    m_pg.reset(); // stopped, even after a failure
    tearDown();
}

void TestRelayCluster::twoRelayProcessesServeOneWorkspace()
{
    const QStringList database{u"--database"_s, m_pg->url()};
    startRelay(database);
    RelayProcess second(m_tmp->filePath(u"relay-b-data"_s), database);
    QVERIFY2(second.start(), second.describe().constData());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    QString id;
    CALL(submit(u"A"_s, {u"--order"_s, u"PG-1"_s, u"--courier"_s, u"5"_s, u"--rating"_s, u"2"_s},
                &id));
    CALL(syncOk(u"A"_s));
    // B reaches the other relay only: it holds what A pushed through the first.
    const FeedbackCtlRun viaSecond =
        ctl(u"B"_s, {u"sync"_s, u"--relay"_s, second.url(), u"--timeout"_s, u"60"_s}, 90000);
    QVERIFY2(viaSecond.ok() && viaSecond.out.contains(u"up to date"_s),
             viaSecond.describe().constData());
    QJsonArray listed;
    CALL(list(u"B"_s, listed));
    QVERIFY2(!recordById(listed, id).isEmpty(), viaSecond.describe().constData());
    // And back: B's record through the second, A's sync through the first.
    QString fromB;
    CALL(submit(u"B"_s, {u"--order"_s, u"PG-2"_s, u"--courier"_s, u"6"_s, u"--rating"_s, u"4"_s},
                &fromB));
    const FeedbackCtlRun pushB =
        ctl(u"B"_s, {u"sync"_s, u"--relay"_s, second.url(), u"--timeout"_s, u"60"_s}, 90000);
    QVERIFY2(pushB.ok(), pushB.describe().constData());
    CALL(syncOk(u"A"_s));
    CALL(list(u"A"_s, listed));
    QVERIFY(!recordById(listed, fromB).isEmpty());
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM workspaces"_s), u"1"_s);
    // Nothing went to the data directories.
    QVERIFY(!QFile::exists(m_tmp->filePath(u"relay-data/relay.db"_s)));

    // The operator's list is the database's too.
    QProcess admit;
    admit.start(qEnvironmentVariable("FEEDBACK_RELAY"),
                {u"admit"_s, u"--database"_s, m_pg->url(), u"--list"_s});
    QVERIFY(admit.waitForFinished(30000));
    QCOMPARE(admit.exitCode(), 0);
    QVERIFY2(admit.readAllStandardOutput().contains("admitted"), "the --open relay admitted it");
}

namespace {

constexpr int kSyncWaitMs = 120000;

// A record imported on `writer` (a device of its own) and pushed.
void pushOne(SyncDevice &writer, const QByteArray &identity)
{
    static feedback::testsupport::Workload workload;
    writer.client->start();
    QTRY_VERIFY_WITH_TIMEOUT(writer.upToDate(), kSyncWaitMs);
    QVERIFY(writer.store->importItems({{identity, workload.next()}}).ok());
    writer.client->session().pushPending();
    QTRY_VERIFY_WITH_TIMEOUT(writer.store->pendingCount() == 0 && writer.upToDate(), kSyncWaitMs);
}

int recordsOf(const SyncDevice &d)
{
    return static_cast<int>(d.store->book().views().size());
}

} // namespace

// A device live on relay A sees a push made through relay B at once: B's commit notifies A
// (LISTEN/NOTIFY), which reads the units and sends them with their confirmation.
void TestRelayCluster::aPushThroughOneRelayReachesDevicesLiveOnTheOther()
{
    std::unique_ptr<RelayProcess> relayA, relayB;
    CALL(startTwoRelays(relayA, relayB));
    const QByteArray secret = feedback::sync::WorkspaceKeys::newSecret();
    auto live = makeSyncDevice(m_tmp->filePath(u"live"_s), secret, relayA->url());
    auto viaB = makeSyncDevice(m_tmp->filePath(u"via-b"_s), secret, relayB->url());
    QVERIFY(live && viaB);
    live->client->start();
    QTRY_VERIFY_WITH_TIMEOUT(live->upToDate(), kSyncWaitMs);
    CALL(pushOne(*viaB, "b1"));
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*live), 1, kSyncWaitMs);
    CALL(pushOne(*viaB, "b2"));
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*live), 2, kSyncWaitMs);
    QVERIFY(live->upToDate());
}

// Without the notification (a relay whose listening connection was lost), relay A still never
// confirms a position to its live device past a unit that device lacks: it sends what B stored
// first (fillGap). Relay A runs in this process with the notifications cut.
void TestRelayCluster::aLiveDeviceIsNeverConfirmedPastAUnitItLacks()
{
    RelayStorage storage;
    QVERIFY(storage.openPostgres(target()).ok());
    feedback::relay::RelayLimits limits;
    limits.openAdmission = true;
    feedback::relay::RelayServer relayA(storage, limits);
    storage.setStoredElsewhere({});
    QVERIFY(relayA.listen(QHostAddress::LocalHost, 0).ok());
    RelayProcess relayB(m_tmp->filePath(u"b"_s), {u"--database"_s, m_pg->url()});
    QVERIFY2(relayB.start(), relayB.describe().constData());
    const QByteArray secret = feedback::sync::WorkspaceKeys::newSecret();
    auto live = makeSyncDevice(m_tmp->filePath(u"live"_s), secret, relayA.url());
    auto viaB = makeSyncDevice(m_tmp->filePath(u"via-b"_s), secret, relayB.url());
    auto viaA = makeSyncDevice(m_tmp->filePath(u"via-a"_s), secret, relayA.url());
    QVERIFY(live && viaB && viaA);
    live->client->start();
    QTRY_VERIFY_WITH_TIMEOUT(live->upToDate(), kSyncWaitMs);
    // From here the live device stays connected: sent the gap, not told to catch up again.
    QSignalSpy states(&live->client->session(), &feedback::sync::SyncSession::stateChanged);
    CALL(pushOne(*viaB, "b"));
    CALL(pushOne(*viaA, "a"));
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*live), 2, kSyncWaitMs);
    for (const QList<QVariant> &state : std::as_const(states))
        QVERIFY(
            state.at(0).value<feedback::sync::SyncState>() != feedback::sync::SyncState::Error &&
            state.at(0).value<feedback::sync::SyncState>() != feedback::sync::SyncState::Offline);
}

// init --relay A --relay B: with relay A down, the device's sync goes to B (the same database),
// and a device that joins through B gets everything.
void TestRelayCluster::devicesFailOverToTheNextRelay()
{
    const QStringList database{u"--database"_s, m_pg->url()};
    startRelay(database);
    RelayProcess second(m_tmp->filePath(u"relay-b-data"_s), database);
    QVERIFY2(second.start(), second.describe().constData());
    VERIFY_RUN(ctl(u"A"_s, {u"init"_s, u"--name"_s, u"A"_s, u"--relay"_s, m_relay->url(),
                            u"--relay"_s, second.url()}));
    QJsonObject status;
    CALL(this->status(u"A"_s, status));
    QCOMPARE(status[u"relayUrl"_s].toString(), m_relay->url());
    QCOMPARE(status[u"fallbackRelays"_s].toArray(), QJsonArray{second.url()});
    const QStringList syncArgs{u"sync"_s, u"--timeout"_s, u"60"_s};
    QString before, after;
    CALL(submit(u"A"_s, {u"--order"_s, u"FO-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"5"_s},
                &before));
    FeedbackCtlRun synced = ctl(u"A"_s, syncArgs, 90000);
    QVERIFY2(synced.ok() && synced.out.contains(u"up to date"_s), synced.describe().constData());

    m_relay->kill();
    CALL(submit(u"A"_s, {u"--order"_s, u"FO-2"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"1"_s},
                &after));
    synced = ctl(u"A"_s, syncArgs, 90000);
    QVERIFY2(synced.ok() && synced.out.contains(u"up to date: 2 records, 0 pending"_s),
             synced.describe().constData());

    // An invite to the second relay names A's other relay (the first) as C's further one.
    const FeedbackCtlRun invite = ctl(u"A"_s, {u"invite"_s, u"--relay"_s, second.url()});
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(u"C"_s, {u"join"_s, invite.lastLine(), u"--name"_s, u"C"_s}));
    CALL(this->status(u"C"_s, status));
    QCOMPARE(status[u"relayUrl"_s].toString(), second.url());
    QCOMPARE(status[u"fallbackRelays"_s].toArray(), QJsonArray{m_relay->url()});
    synced = ctl(u"C"_s, syncArgs, 90000);
    QVERIFY2(synced.ok(), synced.describe().constData());
    QJsonArray listed;
    CALL(list(u"C"_s, listed));
    QVERIFY(!recordById(listed, before).isEmpty() && !recordById(listed, after).isEmpty());
    // And C fails over to it: the second relay down, the first back on its port.
    second.kill();
    const QString firstUrl = m_relay->url();
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    QCOMPARE(m_relay->url(), firstUrl); // its port was free again
    CALL(submit(u"C"_s, {u"--order"_s, u"FO-3"_s, u"--courier"_s, u"2"_s, u"--rating"_s, u"4"_s},
                &after));
    synced = ctl(u"C"_s, syncArgs, 90000);
    QVERIFY2(synced.ok() && synced.out.contains(u"up to date: 3 records, 0 pending"_s),
             synced.describe().constData());
    // A relay list entry that is not a relay URL is refused before anything is created.
    const FeedbackCtlRun bad = ctl(
        u"D"_s, {u"init"_s, u"--relay"_s, m_relay->url(), u"--relay"_s, u"http://not-a-relay"_s});
    QVERIFY2(bad.code == 2 && !QFile::exists(profile(u"D"_s) + u"/feedback.db"_s),
             bad.describe().constData());
}

// Relay A is killed (SIGKILL) while a device's push is in flight: the device goes on with
// relay B at once, and a device that only ever talks to B gets every record. Nothing A
// acknowledged is lost: the device dropped those records from its queue, so B can only have
// them from the shared database.
void TestRelayCluster::aDeviceFailsOverWhenItsRelayDiesMidPush()
{
    std::unique_ptr<RelayProcess> relayA, relayB;
    CALL(startTwoRelays(relayA, relayB));
    const QByteArray secret = feedback::sync::WorkspaceKeys::newSecret();
    auto writer = makeSyncDevice(m_tmp->filePath(u"writer"_s), secret, relayA->url());
    auto reader = makeSyncDevice(m_tmp->filePath(u"reader"_s), secret, relayB->url());
    QVERIFY(writer && reader);
    feedback::sync::SyncClient::Options both;
    both.relayUrl = QUrl(relayA->url());
    both.fallbackUrls = {QUrl(relayB->url())};
    writer->client = std::make_unique<feedback::sync::SyncClient>(
        *writer->store, *feedback::sync::WorkspaceKeys::fromSecret(secret), both);
    feedback::testsupport::Workload workload(7);
    constexpr int kPerRound = 500;
    int imported = 0;
    const auto importRound = [&] {
        QList<feedback::store::ImportItem> items;
        for (int i = 0; i < kPerRound; ++i, ++imported)
            items.append({"mid-push-" + QByteArray::number(imported), workload.next()});
        return writer->store->importItems(items).ok();
    };
    writer->client->start();
    QTRY_VERIFY_WITH_TIMEOUT(writer->upToDate(), kSyncWaitMs);
    QVERIFY(importRound());
    writer->client->session().pushPending();
    QTRY_VERIFY_WITH_TIMEOUT(writer->store->pendingCount() == 0 && writer->upToDate(),
                             kSyncWaitMs); // acknowledged by A

    bool killed = false;
    connect(&writer->client->session(), &feedback::sync::SyncSession::event, this,
            [&](feedback::sync::SyncEvent kind, const QJsonObject &) {
                if (kind == feedback::sync::SyncEvent::Pushed && !killed) {
                    killed = true;
                    relayA->kill(); // the push is on its way to A
                }
            });
    QVERIFY(importRound());
    writer->client->session().pushPending();
    QVERIFY(killed);
    QTRY_VERIFY_WITH_TIMEOUT(writer->store->pendingCount() == 0 && writer->upToDate(), kSyncWaitMs);
    reader->client->start();
    QTRY_COMPARE_WITH_TIMEOUT(recordsOf(*reader), imported, kSyncWaitMs);
    QCOMPARE(recordsOf(*writer), imported);
}

// A quota of 1 MiB, half of it pushed through relay A and half through relay B: the next push
// through A is refused with over-quota, though A stored only half of it itself.
void TestRelayCluster::aQuotaCountsWhatEveryRelayStored()
{
    using feedback::protocol::Ack;
    using feedback::protocol::ErrorCode;
    using feedback::protocol::Push;
    std::unique_ptr<RelayProcess> relayA, relayB;
    CALL(startTwoRelays(relayA, relayB, {u"--workspace-quota-mb"_s, u"1"_s}));
    const Identity first = Identity::fresh(), second = first.sibling();
    constexpr qsizetype kUnitBytes = 16 * 1024; // 8 a push: 128 KiB
    Peer viaA(relayA->url()), viaB(relayB->url());
    VERIFY_PEER(viaA.authenticate(first), viaA);
    for (quint64 seq = 1; seq <= 32; seq += 8) {
        const auto ack = viaA.push(first.deltas(seq, seq + 7, kUnitBytes));
        VERIFY_PEER(ack && ack->upTo == seq + 7, viaA);
    }
    VERIFY_PEER(viaB.authenticate(second), viaB);
    for (quint64 seq = 1; seq <= 32; seq += 8) {
        const auto ack = viaB.push(second.deltas(seq, seq + 7, kUnitBytes));
        VERIFY_PEER(ack && ack->upTo == seq + 7, viaB);
    }
    viaA.send(Push{first.deltas(33, 40, kUnitBytes)});
    VERIFY_PEER(viaA.refusedWith(ErrorCode::OverQuota), viaA);
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM deltas"_s), u"64"_s);
}

// A presence note sent through relay A reaches a device live on relay B (by NOTIFY), and so does
// its sender's leaving; no table holds either.
void TestRelayCluster::presenceCrossesRelaysAndIsNeverStored()
{
    using feedback::protocol::Presence;
    std::unique_ptr<RelayProcess> relayA, relayB;
    CALL(startTwoRelays(relayA, relayB));
    const Identity sender = Identity::fresh(), reader = sender.sibling();
    Peer viaB(relayB->url());
    VERIFY_PEER(viaB.authenticate(reader) && viaB.pullAll(0), viaB);
    const QByteArray sealed = randomBytes(300);
    {
        Peer viaA(relayA->url());
        VERIFY_PEER(viaA.authenticate(sender) && viaA.pullAll(0), viaA);
        viaA.send(Presence{{}, sealed});
        const auto note = viaB.expect<Presence>();
        VERIFY_PEER(note && note->from == sender.device && note->sealed == sealed, viaB);
    }
    const auto gone = viaB.expect<Presence>();
    VERIFY_PEER(gone && gone->from == sender.device && gone->sealed.isEmpty(), viaB);
    const QString stored = m_pg->query(
        u"SELECT count(*) FROM deltas WHERE position(decode('%1', 'hex') in sealed) > 0"_s.arg(
            QString::fromLatin1(sealed.left(32).toHex())));
    QCOMPARE(stored, u"0"_s);
}

void TestRelayCluster::badDatabaseOptionsAreRefused()
{
    const QString relay = qEnvironmentVariable("FEEDBACK_RELAY");
    const auto run = [&relay](const QStringList &args) {
        QProcess p;
        p.start(relay, args);
        p.waitForFinished(30000);
        return std::pair{p.exitCode(), QString::fromUtf8(p.readAllStandardError())};
    };
    auto [code, err] = run({u"--database"_s, u"postgresql://u:secret@h/db"_s});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(u"not in the URL"_s) && !err.contains(u"secret"_s), qPrintable(err));
    std::tie(code, err) = run({u"--database"_s, u"mysql://u@h/db"_s});
    QCOMPARE(code, 2);
    QVERIFY2(err.contains(u"postgresql://USER@HOST"_s), qPrintable(err));
    std::tie(code, err) = run({u"--database-password-file"_s, u"/nonexistent"_s});
    QCOMPARE(code, 2);
    // A database that does not answer: said, exit 1.
    m_pg->stop();
    std::tie(code, err) = run({u"--listen"_s, u"127.0.0.1:0"_s, u"--database"_s, m_pg->url()});
    QCOMPARE(code, 1);
    QVERIFY2(err.contains(u"cannot open the database"_s), qPrintable(err));
}

namespace {

// The status code of GET `url` (0: no answer).
int httpStatus(const QString &url)
{
    const QUrl u(url);
    QTcpSocket socket;
    socket.connectToHost(u.host(), static_cast<quint16>(u.port()));
    if (!socket.waitForConnected(kPatienceMs))
        return 0;
    socket.write("GET " + u.path().toLatin1() + " HTTP/1.0\r\n\r\n");
    QByteArray answer;
    while (!answer.contains('\n') && socket.waitForReadyRead(kPatienceMs))
        answer += socket.readAll();
    const QList<QByteArray> words = answer.split(' ');
    return words.size() > 1 ? words.at(1).toInt() : 0;
}

} // namespace

// PostgreSQL stops under a running relay: the push is refused and stays on the device, /healthz
// says 503; once the database is back the relay connects again and everything syncs.
void TestRelayCluster::aRelayOutlivesADatabaseRestart()
{
    startRelay({u"--database"_s, m_pg->url(), u"--admin-listen"_s, u"127.0.0.1:0"_s});
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(syncOk(u"A"_s));
    const QString healthz = m_relay->adminUrl() + u"/healthz"_s;
    QCOMPARE(httpStatus(healthz), 200);

    m_pg->stop();
    QString id;
    CALL(submit(u"A"_s, {u"--order"_s, u"DOWN-1"_s, u"--courier"_s, u"3"_s, u"--rating"_s, u"2"_s},
                &id));
    const FeedbackCtlRun refused = sync(u"A"_s, 20);
    QVERIFY2(!refused.ok(), refused.describe().constData());
    QTRY_COMPARE_WITH_TIMEOUT(httpStatus(healthz), 503, 60000);
    QJsonObject status;
    CALL(this->status(u"A"_s, status));
    QCOMPARE(status[u"pending"_s].toInt(), 1); // nothing was acknowledged

    const QString back = m_pg->restart();
    QVERIFY2(back.isEmpty(), qPrintable(back));
    QTRY_VERIFY_WITH_TIMEOUT(sync(u"A"_s, 20).ok(), 120000);
    QTRY_COMPARE_WITH_TIMEOUT(httpStatus(healthz), 200, 60000);
    CALL(syncOk(u"B"_s));
    QJsonArray listed;
    CALL(list(u"B"_s, listed));
    QVERIFY(!recordById(listed, id).isEmpty());
}

QTEST_GUILESS_MAIN(TestRelayCluster)
#include "tst_relaycluster.moc"
