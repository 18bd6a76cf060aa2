// Nearby devices (PROTOCOL.md, "Nearby devices"), end to end with real feedbackctl processes on
// 127.0.0.1: devices of one workspace sync directly while the relay is gone (named with --peer,
// and found by discovery where this machine lets multicast or broadcast reach loopback), show
// the same conflict, and hand what they learned to the relay once one of them reaches it; a
// device of another workspace is refused and learns nothing.
#include "SyncTestSupport.h"

#include <QProcess>
#include <QRandomGenerator>
#include <QScopeGuard>

using namespace feedback::test;
using namespace Qt::StringLiterals;

class TestLanPeers : public QObject, public SyncFixture
{
    Q_OBJECT

    // A discovery port of this test's own: other tests' announcements stay apart.
    QProcessEnvironment env() const
    {
        QProcessEnvironment e = FeedbackCtlRunner::environment();
        e.insert(u"FEEDBACK_P2P_DISCOVERY_PORT"_s, QString::number(m_discoveryPort));
        // As the app's setting (on for full devices): relay syncs keep units for peers too.
        e.insert(u"FEEDBACK_P2P"_s, u"on"_s);
        return e;
    }
    FeedbackCtlRun peerCtl(const QString &name, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(env(), profile(name), args, 3 * kPatienceMs);
    }
    // `name` serving nearby devices on 127.0.0.1 (a free port, read from its peer-listening
    // event) beside a relay that does not answer.
    void serve(const QString &name, std::unique_ptr<QProcess> &watch, QString &address)
    {
        watch = FeedbackCtlRunner::start(
            profile(name),
            {u"watch"_s, u"--peer-listen"_s, u"127.0.0.1:0"_s, u"--relay"_s, u"ws://127.0.0.1:9"_s},
            env());
        QString seen;
        const QRegularExpression listening(u"\"event\":\"peer-listening\",\"port\":(\\d+)"_s);
        QTRY_VERIFY2((seen += QString::fromUtf8(watch->readAllStandardOutput()),
                      listening.match(seen).hasMatch()),
                     qPrintable(seen + QString::fromUtf8(watch->readAllStandardError())));
        address = u"127.0.0.1:"_s + listening.match(seen).captured(1);
        m_watchOut = seen;
    }
    void stopServing(std::unique_ptr<QProcess> &watch)
    {
        watch->terminate();
        if (!watch->waitForFinished(kPatienceMs))
            watch->kill();
        watch.reset();
    }
    void lanSync(const QString &name, const QString &peer)
    {
        const FeedbackCtlRun r =
            peerCtl(name, {u"sync"_s, u"--lan"_s, u"--peer"_s, peer, u"--timeout"_s, u"120"_s});
        QVERIFY2(r.ok() && r.out.contains(u"nearby devices: 1 synced"_s), r.describe().constData());
    }
    void relaySync(const QString &name)
    {
        const FeedbackCtlRun r =
            peerCtl(name, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"120"_s});
        QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
    }
    QStringList orders(const QString &name)
    {
        QJsonArray records;
        list(name, records);
        QStringList out;
        for (const QJsonValue &r : std::as_const(records))
            out << r[u"orderId"_s].toString();
        out.sort();
        return out;
    }
    QJsonObject show(const QString &name, const QString &id)
    {
        const FeedbackCtlRun r = ctl(name, {u"show"_s, id, u"--format"_s, u"json"_s});
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }

    static bool ip(const QStringList &args)
    {
        QProcess p;
        p.start(u"ip"_s, args);
        return p.waitForFinished(kPatienceMs) && p.exitStatus() == QProcess::NormalExit &&
               p.exitCode() == 0;
    }
    // feedbackctl for `name` inside the network namespace `ns` (started, not waited for).
    std::unique_ptr<QProcess> inNamespace(const QString &ns, const QString &name,
                                          const QStringList &args) const
    {
        auto p = std::make_unique<QProcess>();
        p->setProcessEnvironment(env());
        p->start(u"ip"_s,
                 QStringList{u"netns"_s, u"exec"_s, ns, qEnvironmentVariable("FEEDBACKCTL"),
                             u"--profile"_s, profile(name)} +
                     args);
        p->closeWriteChannel();
        return p;
    }

    quint16 m_discoveryPort = 0;
    QString m_watchOut;

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init()
    {
        freshDirectory();
        m_discoveryPort = static_cast<quint16>(40000 + QRandomGenerator::global()->bounded(20000));
    }
    void cleanup() { tearDown(); }

    void threeDevicesWithoutRelayThenOneHandsOver()
    {
        // Enrolment needs the relay; then it is gone for the rest of the day.
        startRelay();
        makeWorkspace({u"desk"_s, u"laptop"_s, u"van"_s, u"office"_s});
        for (const QString &name : {u"desk"_s, u"laptop"_s, u"van"_s, u"office"_s})
            CALL(relaySync(name));
        QString shared;
        CALL(submit(u"desk"_s,
                    {u"--order"_s, u"SHARED"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"2"_s},
                    &shared));
        CALL(relaySync(u"desk"_s));
        CALL(relaySync(u"laptop"_s));
        QVERIFY(m_relay->terminate());

        CALL(submit(u"desk"_s,
                    {u"--order"_s, u"DESK-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"5"_s}));
        CALL(submit(u"laptop"_s,
                    {u"--order"_s, u"LAPTOP-1"_s, u"--courier"_s, u"2"_s, u"--rating"_s, u"4"_s}));
        CALL(submit(u"van"_s,
                    {u"--order"_s, u"VAN-1"_s, u"--courier"_s, u"3"_s, u"--rating"_s, u"1"_s}));
        // Concurrent edits of one field, offline on two devices.
        VERIFY_RUN(ctl(u"desk"_s, {u"edit"_s, shared, u"--assignee"_s, u"Amira"_s}));
        VERIFY_RUN(ctl(u"laptop"_s, {u"edit"_s, shared, u"--assignee"_s, u"Bo"_s}));

        std::unique_ptr<QProcess> watch;
        QString desk;
        CALL(serve(u"desk"_s, watch, desk));
        CALL(lanSync(u"laptop"_s, desk));
        CALL(lanSync(u"van"_s, desk));    // gets the laptop's too: the desk kept its units
        CALL(lanSync(u"laptop"_s, desk)); // and now the van's
        stopServing(watch);

        const QStringList all{u"DESK-1"_s, u"LAPTOP-1"_s, u"SHARED"_s, u"VAN-1"_s};
        for (const QString &name : {u"desk"_s, u"laptop"_s, u"van"_s})
            QCOMPARE(orders(name), all);
        // The same conflict everywhere, both values kept.
        for (const QString &name : {u"desk"_s, u"laptop"_s}) {
            const QJsonObject record = show(name, shared);
            const QJsonValue assignee = record[u"conflicts"_s][u"assignee"_s];
            QVERIFY2(assignee.isArray() && assignee.toArray().size() == 2,
                     QJsonDocument(record).toJson().constData());
            QVERIFY(assignee.toArray().contains(u"Amira"_s));
            QVERIFY(assignee.toArray().contains(u"Bo"_s));
        }

        // The line is back: the van alone reaches the relay and hands over what it learned; the
        // office, which only ever talks to the relay, then has everything.
        CALL(startRelay());
        CALL(relaySync(u"van"_s));
        CALL(relaySync(u"office"_s));
        QCOMPARE(orders(u"office"_s), all);
        const QJsonValue assignee = show(u"office"_s, shared)[u"conflicts"_s][u"assignee"_s];
        QVERIFY(assignee.isArray() && assignee.toArray().size() == 2);
        // The writers come back later: what the relay got from the van is theirs, byte for byte.
        CALL(relaySync(u"desk"_s));
        CALL(relaySync(u"laptop"_s));
        for (const QString &name : {u"desk"_s, u"laptop"_s}) {
            QJsonObject s;
            CALL(status(name, s));
            QCOMPARE(s[u"pending"_s].toInt(), 0);
        }
    }

    // A snapshot covers the whole state of the device that makes it, units peers gave it
    // included: made before those were handed over, the relay would count them as stored, and
    // they would reach other devices only inside snapshots (not at all where one is passed
    // over). The laptop hands the desk's record over first, then makes the snapshot; a reader
    // live at the time gets both records.
    void aSnapshotWaitsForWhatPeersGaveToBeHandedOver()
    {
        startRelay();
        makeWorkspace({u"desk"_s, u"laptop"_s, u"office"_s});
        for (const QString &name : {u"desk"_s, u"laptop"_s, u"office"_s})
            CALL(relaySync(name));
        QVERIFY(m_relay->terminate());
        CALL(submit(u"desk"_s,
                    {u"--order"_s, u"DESK-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"5"_s}));
        std::unique_ptr<QProcess> watch;
        QString desk;
        CALL(serve(u"desk"_s, watch, desk));
        CALL(lanSync(u"laptop"_s, desk));
        stopServing(watch);

        // The office follows the relay live (no nearby devices of its own).
        CALL(startRelay());
        auto office = FeedbackCtlRunner::start(profile(u"office"_s),
                                               {u"watch"_s, u"--relay"_s, m_relay->url()},
                                               FeedbackCtlRunner::environment());
        auto stopOffice = qScopeGuard([&office] {
            office->terminate();
            if (!office->waitForFinished(kPatienceMs))
                office->kill();
        });
        QString heard;
        QTRY_VERIFY_WITH_TIMEOUT((heard += QString::fromUtf8(office->readAllStandardOutput()),
                                  heard.contains(u"\"event\":\"caught-up\""_s)),
                                 kPatienceMs);
        const FeedbackCtlRun snapshot = peerCtl(
            u"laptop"_s, {u"snapshot"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"120"_s});
        // The log was empty: position 1 is the desk's unit, handed over as a unit of its own
        // (a reader that passes over a snapshot, or a relay that compacts nothing, still has it).
        QVERIFY2(snapshot.ok() && snapshot.out.contains(u"snapshot stored at position 2\n"_s),
                 snapshot.describe().constData());
        // A record after the snapshot: once the office has it live, its cursor is past the
        // snapshot; it had the desk's record, handed over before.
        CALL(submit(u"laptop"_s,
                    {u"--order"_s, u"LAPTOP-1"_s, u"--courier"_s, u"2"_s, u"--rating"_s, u"4"_s}));
        CALL(relaySync(u"laptop"_s));
        QTRY_VERIFY_WITH_TIMEOUT(orders(u"office"_s).contains(u"LAPTOP-1"_s), kPatienceMs);
        QCOMPARE(orders(u"office"_s), (QStringList{u"DESK-1"_s, u"LAPTOP-1"_s}));
        stopOffice.dismiss();
        stopServing(office);
        CALL(relaySync(u"office"_s));
        QCOMPARE(orders(u"office"_s), (QStringList{u"DESK-1"_s, u"LAPTOP-1"_s}));
    }

    void anotherWorkspaceIsRefusedAndLearnsNothing()
    {
        startRelay();
        makeWorkspace({u"desk"_s, u"laptop"_s});
        CALL(syncOk(u"desk"_s));
        CALL(syncOk(u"laptop"_s));
        const FeedbackCtlRun other = ctl(
            u"stranger"_s, {u"init"_s, u"--name"_s, u"stranger"_s, u"--relay"_s, m_relay->url()});
        VERIFY_RUN(other);
        CALL(syncOk(u"stranger"_s));
        CALL(submit(u"desk"_s, {u"--order"_s, u"SECRET-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s,
                                u"1"_s, u"--comment"_s, u"call me"_s}));

        std::unique_ptr<QProcess> watch;
        QString desk;
        CALL(serve(u"desk"_s, watch, desk));
        const FeedbackCtlRun refused = peerCtl(
            u"stranger"_s, {u"sync"_s, u"--lan"_s, u"--peer"_s, desk, u"--timeout"_s, u"3"_s});
        QCOMPARE(refused.code, 1);
        QVERIFY2(refused.err.contains(u"not a device of this workspace"_s),
                 refused.describe().constData());
        QVERIFY2(refused.out.contains(u"nearby devices: 0 synced; 0 records"_s),
                 refused.describe().constData());
        // The desk still serves its own.
        CALL(lanSync(u"laptop"_s, desk));
        QCOMPARE(orders(u"laptop"_s), QStringList{u"SECRET-1"_s});
        stopServing(watch);
        QCOMPARE(orders(u"stranger"_s), QStringList());
    }

    // Found on the local network, nobody named: where this machine lets multicast or broadcast
    // reach loopback (it may not: a container without a route for them).
    void discoveryFindsTheOtherDevice()
    {
        startRelay();
        makeWorkspace({u"desk"_s, u"laptop"_s});
        CALL(syncOk(u"desk"_s));
        CALL(syncOk(u"laptop"_s));
        QVERIFY(m_relay->terminate());
        CALL(submit(u"desk"_s,
                    {u"--order"_s, u"FOUND-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"3"_s}));
        std::unique_ptr<QProcess> watch;
        QString desk;
        CALL(serve(u"desk"_s, watch, desk));
        const FeedbackCtlRun found =
            peerCtl(u"laptop"_s, {u"sync"_s, u"--lan"_s, u"--timeout"_s, u"15"_s});
        stopServing(watch);
        if (found.code == 1 && found.err.contains(u"no nearby device synced in time"_s))
            QSKIP("discovery datagrams do not reach loopback on this machine (no multicast or "
                  "broadcast route); devices named with --peer are tested above");
        QVERIFY2(found.ok() && found.out.contains(u"nearby devices: 1 synced"_s),
                 found.describe().constData());
        QCOMPARE(orders(u"laptop"_s), QStringList{u"FOUND-1"_s});
    }

    // Two machines on one network, as two network namespaces joined by a veth pair: the desk's
    // announcement crosses it and the laptop finds it, nobody named. Where namespaces cannot be
    // made (not root, no CAP_NET_ADMIN), skipped with the reason.
    void discoveryBetweenTwoNetworkNamespaces()
    {
        const QString tag = QString::number(QCoreApplication::applicationPid() % 100000);
        const QString deskNs = u"cfdesk"_s + tag;
        const QString laptopNs = u"cflaptop"_s + tag;
        if (!ip({u"netns"_s, u"add"_s, deskNs}))
            QSKIP("cannot create network namespaces here (ip netns add needs CAP_NET_ADMIN)");
        const auto removeNamespaces = qScopeGuard([&] {
            ip({u"netns"_s, u"del"_s, deskNs});
            ip({u"netns"_s, u"del"_s, laptopNs});
        });
        const QString deskIf = u"cfd"_s + tag;
        const QString laptopIf = u"cfl"_s + tag;
        QVERIFY(ip({u"netns"_s, u"add"_s, laptopNs}));
        QVERIFY(ip(
            {u"link"_s, u"add"_s, deskIf, u"type"_s, u"veth"_s, u"peer"_s, u"name"_s, laptopIf}));
        QVERIFY(ip({u"link"_s, u"set"_s, deskIf, u"netns"_s, deskNs}));
        QVERIFY(ip({u"link"_s, u"set"_s, laptopIf, u"netns"_s, laptopNs}));
        const QList<std::tuple<QString, QString, QString>> ends{
            {deskNs, deskIf, u"10.201.77.1/24"_s}, {laptopNs, laptopIf, u"10.201.77.2/24"_s}};
        for (const auto &[ns, link, address] : ends) {
            QVERIFY(ip({u"-n"_s, ns, u"addr"_s, u"add"_s, address, u"dev"_s, link}));
            QVERIFY(ip({u"-n"_s, ns, u"link"_s, u"set"_s, link, u"up"_s}));
            QVERIFY(ip({u"-n"_s, ns, u"link"_s, u"set"_s, u"lo"_s, u"up"_s}));
            // A route for multicast and broadcast, as a machine's default route gives them.
            QVERIFY(ip({u"-n"_s, ns, u"route"_s, u"add"_s, u"default"_s, u"dev"_s, link}));
        }

        startRelay();
        makeWorkspace({u"desk"_s, u"laptop"_s});
        CALL(syncOk(u"desk"_s));
        CALL(syncOk(u"laptop"_s));
        CALL(submit(u"desk"_s,
                    {u"--order"_s, u"ACROSS-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"4"_s}));
        auto watch =
            inNamespace(deskNs, u"desk"_s, {u"watch"_s, u"--relay"_s, u"ws://127.0.0.1:9"_s});
        QString seen;
        QTRY_VERIFY2((seen += QString::fromUtf8(watch->readAllStandardOutput()),
                      seen.contains(u"peer-listening"_s)),
                     qPrintable(seen + QString::fromUtf8(watch->readAllStandardError())));
        auto lan =
            inNamespace(laptopNs, u"laptop"_s, {u"sync"_s, u"--lan"_s, u"--timeout"_s, u"30"_s});
        const FeedbackCtlRun found =
            FeedbackCtlRunner::finish(*lan, {u"sync"_s, u"--lan"_s}, 60000);
        stopServing(watch);
        QVERIFY2(found.ok() && found.out.contains(u"nearby devices: 1 synced"_s),
                 found.describe().constData());
        QCOMPARE(orders(u"laptop"_s), QStringList{u"ACROSS-1"_s});
    }
};

QTEST_GUILESS_MAIN(TestLanPeers)
#include "tst_lanpeers.moc"
