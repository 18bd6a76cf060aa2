// feedback-relay's limits and lifecycle, each against its own real relay process (env
// FEEDBACK_RELAY) started with the flag under test: the connection limit, the per-connection
// frame rate, the keepalive that closes silent connections, a clean stop on Ctrl+C, and the
// command line itself. Whoever hits a limit is refused; everyone else goes on being served.
#include <QElapsedTimer>
#include <QProcess>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;

class TestRelayLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void connectionLimitRefusesOnlyTheOneTooMany();
    void frameRateLimitClosesOnlyTheFloodingConnection();
    void keepaliveClosesSilentConnections();
    void ctrlCStopsCleanlyWithNothingAckedLost();
    void commandLine_data();
    void commandLine();

private:
    // A relay of its own, with `args` besides --listen and --data.
    bool startRelay(const QStringList &args);
    QString url() const { return m_relay->url(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelayLimits::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRelayLimits::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
}

bool TestRelayLimits::startRelay(const QStringList &args)
{
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s), args);
    return m_relay->start();
}

void TestRelayLimits::connectionLimitRefusesOnlyTheOneTooMany()
{
    QVERIFY2(startRelay({u"--max-connections"_s, u"2"_s}), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    Peer first(url()), second(url());
    VERIFY_PEER(first.authenticate(id), first);
    VERIFY_PEER(second.authenticate(id.sibling()), second);
    Peer third(url()); // refused as soon as its WebSocket is open
    VERIFY_PEER(third.refusedWith(ErrorCode::Busy), third);
    // The two inside go on as if nothing happened.
    VERIFY_PEER(first.push(id.deltas(1, 3)), first);
    // A slot given back is taken again.
    second.close();
    QVERIFY(second.waitClosed());
    QVERIFY(QTest::qWaitFor(
        [&] {
            Peer next(url());
            return next.authenticate(Identity::fresh()).has_value();
        },
        kWaitMs));
}

void TestRelayLimits::frameRateLimitClosesOnlyTheFloodingConnection()
{
    QVERIFY2(startRelay({u"--max-frames-per-second"_s, u"10"_s}), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    Peer calm(url()), flood(url());
    VERIFY_PEER(calm.authenticate(id), calm);
    VERIFY_PEER(flood.authenticate(id.sibling()), flood);
    // Hello and auth were two frames of this second; 30 empty pushes are far over 10.
    for (int i = 0; i < 30; ++i)
        flood.send(Push{});
    bool refused = false;
    while (const auto m = flood.next()) {
        if (const auto *error = std::get_if<Error>(&*m)) {
            refused = error->code == ErrorCode::RateLimited;
            break;
        }
        QVERIFY2(std::holds_alternative<Ack>(*m), flood.log().constData());
    }
    VERIFY_PEER(refused && flood.waitClosed(), flood);
    VERIFY_PEER(calm.push(id.deltas(1, 1)), calm);
}

// A peer that completed the WebSocket handshake and then went silent (power cut, NAT gone):
// it answers no ping, and the relay closes it after three intervals. A live WebSocket client
// answers pings by itself and stays. Intervals of a second: the live client (this process) must
// answer within three of them, which a loaded machine still allows.
void TestRelayLimits::keepaliveClosesSilentConnections()
{
    QVERIFY2(startRelay({u"--keepalive-ms"_s, u"1000"_s, u"--auth-timeout-ms"_s, u"60000"_s}),
             m_relay->describe().constData());
    const Identity id = Identity::fresh();
    Peer alive(url());
    VERIFY_PEER(alive.authenticate(id), alive);
    // Handshakes, then never reads again: the relay's pings go unanswered.
    auto goSilent = [this](QTcpSocket &socket) {
        const QString notSilent = openSilentWebSocket(socket, m_relay->port(), kWaitMs);
        QVERIFY2(notSilent.isEmpty(), qPrintable(notSilent));
    };
    QTcpSocket silent;
    CALL(goSilent(silent));
    QElapsedTimer timer; // the relay's clock for it started just before its 101
    timer.start();
    QVERIFY(QTest::qWaitFor([&] { return silent.state() == QAbstractSocket::UnconnectedState; },
                            kWaitMs));
    qInfo("the silent connection was closed after %lld ms", timer.elapsed());
    QVERIFY(timer.elapsed() >= 2000); // not before two unanswered pings (a lower bound only)
    // Past three more intervals, measured by the relay itself: a second silent connection,
    // opened now, is closed only after three of them. The live client answered every ping
    // meanwhile.
    QTcpSocket later;
    CALL(goSilent(later));
    QVERIFY(QTest::qWaitFor([&] { return later.state() == QAbstractSocket::UnconnectedState; },
                            kWaitMs));
    QVERIFY(!alive.isClosed());
    VERIFY_PEER(alive.push(id.deltas(1, 1)), alive);
}

void TestRelayLimits::ctrlCStopsCleanlyWithNothingAckedLost()
{
    QVERIFY2(startRelay({}), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    {
        Peer writer(url());
        VERIFY_PEER(writer.authenticate(id), writer);
        const auto ack = writer.push(id.deltas(1, 20));
        VERIFY_PEER(ack && ack->upTo == 20, writer);
        QVERIFY2(m_relay->interrupt(), m_relay->describe().constData()); // exits 0 by itself
        QVERIFY(writer.waitClosed());
    }
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    Peer reader(url());
    const auto welcome = reader.authenticate(id);
    VERIFY_PEER(welcome && welcome->storedUpTo == 20 && welcome->head == 20, reader);
}

void TestRelayLimits::commandLine_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<int>("exitCode");
    QTest::addColumn<QString>("output"); // in stdout when it succeeds, else in stderr
    QTest::newRow("help") << QStringList{u"--help"_s} << 0 << u"--keepalive-ms"_s;
    QTest::newRow("version") << QStringList{u"--version"_s} << 0 << u"feedback-relay "_s;
    QTest::newRow("unknown flag") << QStringList{u"--bogus"_s} << 2 << u"bogus"_s;
    QTest::newRow("zero batch") << QStringList{u"--max-batch"_s, u"0"_s} << 2
                                << u"--max-batch must be a positive number"_s;
    QTest::newRow("negative keepalive") << QStringList{u"--keepalive-ms"_s, u"-5"_s} << 2
                                        << u"--keepalive-ms must be a positive number"_s;
    QTest::newRow("listen without a port")
        << QStringList{u"--listen"_s, u"localhost"_s} << 2 << u"--listen expects HOST:PORT"_s;
}

void TestRelayLimits::commandLine()
{
    QFETCH(QStringList, args);
    QFETCH(int, exitCode);
    QFETCH(QString, output);
    QProcess relay;
    relay.start(qEnvironmentVariable("FEEDBACK_RELAY"),
                args + QStringList{u"--data"_s, m_tmp->filePath(u"unused"_s)});
    QVERIFY(relay.waitForFinished(kWaitMs));
    QCOMPARE(relay.exitStatus(), QProcess::NormalExit);
    QCOMPARE(relay.exitCode(), exitCode);
    const QString text = QString::fromUtf8(exitCode == 0 ? relay.readAllStandardOutput()
                                                         : relay.readAllStandardError());
    QVERIFY2(text.contains(output), qPrintable(text));
}

QTEST_GUILESS_MAIN(TestRelayLimits)
#include "tst_relaylimits.moc"
