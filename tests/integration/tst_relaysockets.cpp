// Sockets that never speak, against real relay processes (env FEEDBACK_RELAY): every accepted
// socket counts against a limit, overall and per source address, and must authenticate within a
// deadline; a relay out of file descriptors makes room and keeps accepting; the soft descriptor
// limit is raised to the hard one. Before, 250 silent sockets took every descriptor of a relay
// allowed 200, Qt stopped accepting, and no device could ever sync with it again.
#include <QFile>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTemporaryDir>

#include <memory>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>
#include <sys/resource.h>
#include <vector>

using namespace feedback::test;

namespace {

using Sockets = std::vector<std::unique_ptr<QTcpSocket>>;

// A TCP connection to the relay that never sends a byte (no WebSocket upgrade at all).
std::unique_ptr<QTcpSocket> silentSocket(quint16 port)
{
    auto socket = std::make_unique<QTcpSocket>();
    socket->connectToHost(u"127.0.0.1"_s, port);
    if (!socket->waitForConnected(kWaitMs))
        return nullptr;
    return socket;
}

int stillOpen(const Sockets &sockets)
{
    int open = 0;
    for (const auto &s : sockets)
        open += s->state() == QAbstractSocket::ConnectedState ? 1 : 0;
    return open;
}

// A TCP relay between a device and the relay that can stop reading what the relay sends, as a
// device on a stalled link would: the relay's output then waits in its own memory.
class StallingProxy : public QObject
{
public:
    explicit StallingProxy(quint16 target)
        : m_target(target)
    {
        QObject::connect(&m_server, &QTcpServer::newConnection, this, [this] {
            m_device.reset(m_server.nextPendingConnection());
            m_relay = std::make_unique<QTcpSocket>();
            QObject::connect(m_device.get(), &QIODevice::readyRead, this,
                             [this] { m_relay->write(m_device->readAll()); });
            QObject::connect(m_relay.get(), &QIODevice::readyRead, this, [this] {
                if (!m_stalled)
                    m_device->write(m_relay->readAll());
            });
            m_relay->connectToHost(u"127.0.0.1"_s, m_target);
            m_relay->waitForConnected(kWaitMs);
            m_relay->write(m_device->readAll());
        });
        m_server.listen(QHostAddress::LocalHost, 0);
    }
    QString url() const { return u"ws://127.0.0.1:%1"_s.arg(m_server.serverPort()); }
    // From now on nothing more is read from the relay (Qt stops reading at a full buffer).
    void stall()
    {
        m_stalled = true;
        m_relay->setReadBufferSize(1);
    }
    // Reads again, dropping it all: a stalled socket does not notice that the relay closed.
    void drain()
    {
        m_relay->setReadBufferSize(0);
        QObject::connect(m_relay.get(), &QIODevice::readyRead, this,
                         [this] { m_relay->readAll(); });
        m_relay->readAll();
    }
    bool relayClosed() const
    {
        return m_relay && m_relay->state() == QAbstractSocket::UnconnectedState;
    }

private:
    quint16 m_target;
    QTcpServer m_server;
    std::unique_ptr<QTcpSocket> m_device, m_relay;
    bool m_stalled = false;
};

} // namespace

class TestRelaySockets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void silentSocketsNeverLockDevicesOut();
    void oneAddressMakesRoomFromItsOwnOldest();
    void softDescriptorLimitIsRaisedToTheHardOne();
    void aReaderFarBehindIsDroppedNotBuffered();

private:
    bool startRelay(const QStringList &args, int softDescriptors = 0, int hardDescriptors = 0);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelaySockets::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRelaySockets::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
}

bool TestRelaySockets::startRelay(const QStringList &args, int softDescriptors, int hardDescriptors)
{
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s), args);
    m_relay->setDescriptorLimit(softDescriptors, hardDescriptors);
    return m_relay->start();
}

// 300 silent sockets against a relay that may hold 200 descriptors (and cannot raise that):
// every one of them is accepted (the relay never stops accepting), a device then authenticates
// and pushes while they are still there, and the relay closes them all at the deadline.
void TestRelaySockets::silentSocketsNeverLockDevicesOut()
{
    QVERIFY2(startRelay({u"--auth-timeout-ms"_s, u"2000"_s}, 200, 200),
             m_relay->describe().constData());
    Sockets silent;
    for (int i = 0; i < 300; ++i) {
        auto socket = silentSocket(m_relay->port());
        QVERIFY2(socket, qPrintable(u"silent socket %1 was never accepted"_s.arg(i)));
        silent.push_back(std::move(socket));
    }
    const Identity id = Identity::fresh();
    Peer device(m_relay->url());
    VERIFY_PEER(device.authenticate(id), device);
    const auto ack = device.push(id.deltas(1, 5));
    VERIFY_PEER(ack && ack->upTo == 5, device);
    // The relay held no more than its descriptors allow, then closed every silent one.
    QTRY_COMPARE(stillOpen(silent), 0);
    QVERIFY(!device.isClosed());
    VERIFY_PEER(device.push(id.deltas(6, 6)), device);
    QFile log(m_relay->logPath());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray said = log.readAll();
    QVERIFY2(said.contains("only 200 file descriptors"), said.constData());
}

// At its address's limit a new socket closes that address's oldest unauthenticated one; when
// every socket there belongs to a device, the newcomer is closed and the devices keep going.
void TestRelaySockets::oneAddressMakesRoomFromItsOwnOldest()
{
    QVERIFY2(startRelay({u"--max-connections-per-address"_s, u"3"_s}),
             m_relay->describe().constData());
    const Identity id = Identity::fresh();
    Peer first(m_relay->url()), second(m_relay->url());
    VERIFY_PEER(first.authenticate(id), first);
    VERIFY_PEER(second.authenticate(id.sibling()), second);
    auto oldSilent = silentSocket(m_relay->port());
    QVERIFY(oldSilent);
    auto newSilent = silentSocket(m_relay->port()); // the fourth: the oldest silent one goes
    QVERIFY(newSilent);
    QTRY_COMPARE(oldSilent->state(), QAbstractSocket::UnconnectedState);
    Peer third(m_relay->url()); // takes the room of the other silent one
    VERIFY_PEER(third.authenticate(id.sibling()), third);
    QTRY_COMPARE(newSilent->state(), QAbstractSocket::UnconnectedState);
    auto tooMany = silentSocket(m_relay->port()); // three devices: no room for it
    if (tooMany)
        QTRY_COMPARE(tooMany->state(), QAbstractSocket::UnconnectedState);
    VERIFY_PEER(first.push(id.deltas(1, 2)), first);
    VERIFY_PEER(third.push({}), third);
    QVERIFY(!second.isClosed());
}

void TestRelaySockets::softDescriptorLimitIsRaisedToTheHardOne()
{
    rlimit own{};
    if (getrlimit(RLIMIT_NOFILE, &own) != 0 || own.rlim_max < 4096)
        QSKIP("this process may not give the relay a hard limit of 4096 descriptors");
    QVERIFY2(startRelay({}, 256, 4096), m_relay->describe().constData());
    QFile limits(u"/proc/%1/limits"_s.arg(m_relay->processId()));
    QVERIFY(limits.open(QIODevice::ReadOnly));
    QByteArray line;
    for (const QByteArray &l : limits.readAll().split('\n'))
        if (l.startsWith("Max open files"))
            line = l.simplified();
    QCOMPARE(line, QByteArray("Max open files 4096 4096 files"));
}

// A device that pulls and never reads makes the relay queue its answers. Past --max-queued-mb
// for all connections together, the relay drops the one furthest behind (it would catch up when
// back) instead of holding its output; everyone else goes on.
void TestRelaySockets::aReaderFarBehindIsDroppedNotBuffered()
{
    QVERIFY2(startRelay({u"--max-queued-mb"_s, u"8"_s}), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    Peer writer(m_relay->url());
    VERIFY_PEER(writer.authenticate(id), writer);
    for (quint64 seq = 1; seq <= 5; ++seq) // a megabyte of log, about one frame per pull
        VERIFY_PEER(writer.push({id.delta(seq, randomBytes(200 * 1024))}), writer);
    StallingProxy proxy(m_relay->port());
    Peer stalled(proxy.url());
    VERIFY_PEER(stalled.authenticate(id.sibling()), stalled);
    proxy.stall();
    // 40 answers of about a megabyte: more than the kernel's buffers and the budget together,
    // and under the relay's 16 MiB for one connection only with the budget.
    for (int i = 0; i < 40; ++i)
        stalled.send(Pull{0});
    auto relaySaid = [this](const QByteArray &words) {
        QFile log(m_relay->logPath());
        return log.open(QIODevice::ReadOnly) && log.readAll().contains(words);
    };
    QTRY_VERIFY(relaySaid("over --max-queued-mb"));
    proxy.drain();
    QTRY_VERIFY(proxy.relayClosed());
    VERIFY_PEER(writer.push({id.delta(6)}), writer);
    Peer reader(m_relay->url());
    VERIFY_PEER(reader.authenticate(id.sibling()), reader);
    VERIFY_PEER(reader.pullAll(0), reader);
}

QTEST_GUILESS_MAIN(TestRelaySockets)
#include "tst_relaysockets.moc"
