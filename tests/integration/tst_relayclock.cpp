// The relay's timing against a wall clock that steps (NTP, a resume from suspend, an
// administrator setting the time). A real RelayServer and RelayStorage run in this process with
// a clock of the test's (the fake is at the boundary, the system's clocks): its wall clock is
// the system's plus a step the test sets, its monotonic clock the system's plus time the test
// may add. Keepalive and the frame rate must follow the monotonic clock: a step forward does
// not close the connections that answer, a step back does not keep a silent one forever nor
// make a slow sender look like a flood.
#include <QDateTime>
#include <QElapsedTimer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <relay/RelayServer.h>
#include <relay/RelayStorage.h>
#include <support/RelayPeer.h>

using namespace feedback::test;
using feedback::relay::RelayClock;
using feedback::relay::RelayLimits;
using feedback::relay::RelayServer;
using feedback::relay::RelayStorage;

namespace {

constexpr qint64 kHourMs = 3600 * 1000;

class SteppedClock final : public RelayClock
{
public:
    SteppedClock() { reset(); }
    void reset()
    {
        m_start.start();
        m_stepMs = m_advancedMs = 0;
    }
    qint64 monotonicMs() const override { return m_start.elapsed() + m_advancedMs; }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch() + m_stepMs; }

    void stepWall(qint64 ms) { m_stepMs += ms; }
    void advance(qint64 ms) { m_advancedMs += ms; }

private:
    QElapsedTimer m_start;
    qint64 m_stepMs = 0;
    qint64 m_advancedMs = 0;
};

} // namespace

class TestRelayClock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void wallClockForwardClosesOnlyTheSilent();
    void wallClockBackStillClosesTheSilent();
    void wallClockBackDoesNotRateLimitASlowSender();

private:
    void startServer(const RelayLimits &limits);
    // A WebSocket connection that completed its handshake and then reads nothing: it answers
    // no ping.
    void closesOnlyTheSilentAfterWallStep(qint64 stepMs);
    QString url() const { return m_server->url(); }

    SteppedClock m_clock;
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayStorage> m_storage;
    std::unique_ptr<RelayServer> m_server;
};

void TestRelayClock::init()
{
    m_clock.reset();
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_storage = std::make_unique<RelayStorage>();
    const feedback::Status opened = m_storage->open(m_tmp->path());
    QVERIFY2(opened.ok(), qPrintable(opened.error()));
}

void TestRelayClock::cleanup()
{
    m_server.reset();
    m_storage.reset();
}

void TestRelayClock::startServer(const RelayLimits &limits)
{
    RelayLimits open = limits;
    open.openAdmission = true; // made-up workspaces
    m_server = std::make_unique<RelayServer>(*m_storage, open, std::nullopt, m_clock);
    const feedback::Status listening = m_server->listen(QHostAddress::LocalHost, 0);
    QVERIFY2(listening.ok(), qPrintable(listening.error()));
}

// A live, authenticated peer and a silent connection; the wall clock steps by `stepMs`; only
// the silent one is closed (after three keepalive intervals on the monotonic clock), and the
// live one is still served.
void TestRelayClock::closesOnlyTheSilentAfterWallStep(qint64 stepMs)
{
    RelayLimits limits;
    limits.keepaliveMs = 500;
    limits.authTimeoutMs = 10 * kWaitMs; // the silent one is closed by the keepalive alone
    CALL(startServer(limits));
    const Identity id = Identity::fresh();
    Peer alive(url());
    VERIFY_PEER(alive.authenticate(id), alive);
    QTcpSocket silent;
    const QString notSilent = openSilentWebSocket(silent, QUrl(url()).port(), kWaitMs);
    QVERIFY2(notSilent.isEmpty(), qPrintable(notSilent));
    m_clock.stepWall(stepMs);
    QTRY_VERIFY_WITH_TIMEOUT(silent.state() == QAbstractSocket::UnconnectedState, kWaitMs);
    // The silent one was closed after pings that the live one answered: it is still served.
    VERIFY_PEER(!alive.isClosed(), alive);
    VERIFY_PEER(alive.push(id.deltas(1, 1)), alive);
}

// The wall clock jumps an hour ahead (a resume from suspend). Measured on it, every connection
// would have been silent for an hour at the next ping; on the monotonic clock only the one
// that answers no ping is, after three intervals.
void TestRelayClock::wallClockForwardClosesOnlyTheSilent()
{
    closesOnlyTheSilentAfterWallStep(kHourMs);
}

// The wall clock goes back an hour (NTP corrects a fast clock). Measured on it, the silent
// connection would not be overdue for another hour; on the monotonic clock it is closed after
// three intervals like any other, and the live one stays.
void TestRelayClock::wallClockBackStillClosesTheSilent()
{
    closesOnlyTheSilentAfterWallStep(-kHourMs);
}

// Four frames a second allowed. The wall clock goes back an hour; a device then sends four
// frames in each of two seconds (the test moves the monotonic clock on by a second between
// them): within the limit, served. Measured on the wall clock the window would never have
// ended, and the sixth frame would have been refused as a flood. A real flood still is.
void TestRelayClock::wallClockBackDoesNotRateLimitASlowSender()
{
    RelayLimits limits;
    limits.maxFramesPerSecond = 4;
    CALL(startServer(limits));
    const Identity id = Identity::fresh();
    Peer peer(url());
    VERIFY_PEER(peer.authenticate(id), peer); // hello and auth: two frames
    m_clock.stepWall(-kHourMs);
    for (int second = 0; second < 2; ++second) {
        m_clock.advance(1001);
        for (int frame = 0; frame < 4; ++frame)
            VERIFY_PEER(peer.pullAll(0), peer);
    }
    m_clock.advance(1001);
    for (int frame = 0; frame < 5; ++frame)
        peer.send(Pull{0});
    for (int frame = 0; frame < 4; ++frame) // answered in order, the fifth refused
        VERIFY_PEER(peer.expect<CaughtUp>(), peer);
    VERIFY_PEER(peer.refusedWith(ErrorCode::RateLimited), peer);
}

QTEST_GUILESS_MAIN(TestRelayClock)
#include "tst_relayclock.moc"
