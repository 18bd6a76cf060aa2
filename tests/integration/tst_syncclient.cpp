// SyncClient, the device side that keeps a connection alive, against a real feedback-relay
// process (env FEEDBACK_RELAY): exponential backoff with jitter while the relay is away, an
// immediate retry when asked ("Sync now", the network is back), reconnection when the relay
// returns, and the keepalive that notices a relay which stopped answering.
#include <QDateTime>
#include <QSignalSpy>
#include <QTcpServer>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <store/FeedbackStore.h>
#include <support/RelayProcess.h>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/InviteIssuer.h>
#include <sync/SyncTransport.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using feedback::test::RelayProcess;

namespace {

constexpr int kWaitMs = feedback::test::kPatienceMs;

// A port nobody listens on (bound, then given back).
quint16 closedPort()
{
    QTcpServer probe;
    probe.listen(QHostAddress::LocalHost, 0);
    return probe.serverPort();
}

} // namespace

class TestSyncClient : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void backoffDoublesWithJitterUpToItsCap();
    void syncNowRetriesAtOnce();
    void reconnectsWhenTheRelayComesBack();
    void aRestartedRelayIsFoundWithoutALongBackoff();
    void keepaliveNoticesARelayThatStoppedAnswering();
    void aRefusedInviteDoesNotStopLaterSyncs();
    void anInviteNoCodeCanHoldIsRefusedAtIssue();
    void aSendToADeadRelayReportsTheCloseAfterwards();
    void aLiveFullDeviceSendsEachSaveByItself();

private:
    std::unique_ptr<sync::SyncClient> client(const QString &url, int keepaliveMs = 20000,
                                             int maxBackoffMs = 800,
                                             int maxUnreachableBackoffMs = 4000);
    sync::SyncState state() const { return m_client->session().state(); }
    // Starts the relay and a client of it, and waits until the client is up to date.
    void startLive();
    static NewFeedback rating(const QString &orderId, qint64 courier, int stars);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<sync::SyncClient> m_client;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestSyncClient::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    auto opened = store::FeedbackStore::open(m_tmp->filePath(u"feedback.db"_s),
                                             store::SecretKey::random(), {});
    QVERIFY2(opened, qPrintable(opened.error()));
    m_store = std::move(*opened);
    // A device of a new workspace; each test names its relay URL when it makes the client.
    QVERIFY(sync::enrol(store::Profile(m_tmp->path()), *m_store,
                        {u"ws://127.0.0.1:9"_s, sync::WorkspaceKeys::newSecret()}, u"test"_s));
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
}

void TestSyncClient::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("%s", m_relay->describe().constData());
    if (m_relay)
        m_relay->resume(); // in case a test stopped half-way
    m_client.reset();
    m_relay.reset();
    m_store.reset();
}

void TestSyncClient::startLive()
{
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    m_client = client(m_relay->url());
    QVERIFY(m_client);
    m_client->start();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
}

NewFeedback TestSyncClient::rating(const QString &orderId, qint64 courier, int stars)
{
    NewFeedback out;
    out.orderId = orderId;
    out.courierId = courier;
    out.rating = stars;
    return out;
}

std::unique_ptr<sync::SyncClient> TestSyncClient::client(const QString &url, int keepaliveMs,
                                                         int maxBackoffMs,
                                                         int maxUnreachableBackoffMs)
{
    sync::ClientSetup setup = sync::ClientSetup::of(store::Profile(m_tmp->path()), *m_store, url);
    if (setup.refusal() != sync::ClientSetup::Refusal::None) {
        qWarning("no sync client for %s: %s", qPrintable(url), qPrintable(setup.detail()));
        return nullptr;
    }
    // Timings short enough for a test; the backoff caps are what the tests look at.
    sync::SyncClient::Options &options = setup.options();
    options.initialBackoffMs = 100;
    options.maxBackoffMs = maxBackoffMs;
    options.maxUnreachableBackoffMs = maxUnreachableBackoffMs;
    options.keepaliveMs = keepaliveMs;
    return std::unique_ptr<sync::SyncClient>(setup.create(*m_store, nullptr));
}

void TestSyncClient::backoffDoublesWithJitterUpToItsCap()
{
    m_client = client(u"ws://127.0.0.1:%1"_s.arg(closedPort()));
    QVERIFY(m_client);
    QSignalSpy retries(m_client.get(), &sync::SyncClient::retryScheduled);
    m_client->start();
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 6, kWaitMs);
    // Each delay is the backoff give or take 10%: 100, 200, 400, then the cap of 800.
    QList<int> delays;
    for (const QList<QVariant> &args : retries)
        delays.append(args.first().toInt());
    qInfo() << "retry delays" << delays;
    int backoff = 100;
    for (int i = 0; i < 6; ++i) {
        QVERIFY2(
            delays[i] >= backoff * 9 / 10 && delays[i] <= backoff * 11 / 10,
            qPrintable(u"retry %1 after %2 ms, backoff %3"_s.arg(i).arg(delays[i]).arg(backoff)));
        backoff = std::min(backoff * 2, 800);
    }
    QVERIFY(state() == sync::SyncState::Offline || state() == sync::SyncState::Connecting);
}

void TestSyncClient::syncNowRetriesAtOnce()
{
    m_client = client(u"ws://127.0.0.1:%1"_s.arg(closedPort()));
    QVERIFY(m_client);
    QSignalSpy retries(m_client.get(), &sync::SyncClient::retryScheduled);
    m_client->start();
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 4, kWaitMs); // backing off at 800 ms now
    QCOMPARE(m_client->nextRetryMs(), 800);
    QTRY_VERIFY_WITH_TIMEOUT(state() == sync::SyncState::Offline, kWaitMs);
    QSignalSpy states(&m_client->session(), &sync::SyncSession::stateChanged);
    m_client->syncNow();
    // At once, not after the pending 800 ms, and the backoff starts over.
    QCOMPARE(states.size(), 1);
    QCOMPARE(states.first().first().value<sync::SyncState>(), sync::SyncState::Connecting);
    QTRY_VERIFY_WITH_TIMEOUT(state() == sync::SyncState::Offline, kWaitMs);
    QTRY_COMPARE_WITH_TIMEOUT(retries.last().first().toInt() <= 110, true, kWaitMs);
}

void TestSyncClient::reconnectsWhenTheRelayComesBack()
{
    startLive();
    if (QTest::currentTestFailed())
        return;
    const NewFeedback rating = TestSyncClient::rating(u"ORD-100001"_s, 17, 5);
    m_relay->kill();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::Offline, kWaitMs);
    // Submitted while the relay is away (a live device sends at once: FeedbackStore's commit
    // listener), and nothing to do while offline: it stays pending.
    QVERIFY(m_store->submit(rating));
    m_client->session().pushPending();
    QCOMPARE(m_store->pendingCount(), 1);
    const QString before = m_relay->url();
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    if (m_relay->url() != before)
        QSKIP("the relay's port was taken meanwhile: nothing to reconnect to");
    // The client finds it by itself, on its next retry.
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
    QCOMPARE(m_store->pendingCount(), 0);
    QCOMPARE(m_client->nextRetryMs(), 100); // a sync that got through resets the backoff
}

void TestSyncClient::aRestartedRelayIsFoundWithoutALongBackoff()
{
    // A long backoff for relays that answer and fail (a minute); the relay is away long enough
    // for it to grow far past the short cap of 400 ms for a relay that does not answer at all.
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    m_client = client(m_relay->url(), 20000, 60000, 400);
    QVERIFY(m_client);
    m_client->start();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
    QSignalSpy retries(m_client.get(), &sync::SyncClient::retryScheduled);
    m_relay->kill();
    QTRY_VERIFY_WITH_TIMEOUT(retries.size() >= 8, kWaitMs); // 100, 200, 400, 400, ...
    QVERIFY(m_client->nextRetryMs() > 400);                 // the long backoff grew meanwhile
    QCOMPARE(m_client->session().problem().kind, sync::SyncProblem::Kind::Unreachable);
    QCOMPARE(m_client->session().problem().cause, sync::CloseCause::Refused);
    const QString before = m_relay->url();
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    if (m_relay->url() != before)
        QSKIP("the relay's port was taken meanwhile: nothing to reconnect to");
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
    // Every wait while the relay was away, including the one that found it back, was within
    // the short cap (with its 10% jitter): never the minute the backoff would have reached.
    for (const QList<QVariant> &args : std::as_const(retries))
        QVERIFY2(args.first().toInt() <= 440,
                 qPrintable(u"a retry %1 ms later"_s.arg(args.first().toInt())));
}

void TestSyncClient::keepaliveNoticesARelayThatStoppedAnswering()
{
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    m_client = client(m_relay->url(), 500);
    QVERIFY(m_client);
    m_client->session().setHandshakeTimeout(1000);
    m_client->start();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
    // The relay's machine freezes: its kernel keeps the TCP connection, nothing answers.
    m_relay->pause();
    QElapsedTimer frozen;
    frozen.start();
    QTRY_VERIFY_WITH_TIMEOUT(state() != sync::SyncState::UpToDate, kWaitMs);
    // TCP alone would not notice for hours: the connection itself is still there.
    qInfo("noticed after %lld ms", frozen.elapsed());
    m_relay->resume();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
}

// The relay refuses an invite (here: it expires later than the relay allows, as from a device
// whose clock is far ahead) and closes the connection. The invite is dropped with a reason, and
// the next connection syncs as usual: it is not sent again to be refused again.
void TestSyncClient::aRefusedInviteDoesNotStopLaterSyncs()
{
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    m_client = client(m_relay->url());
    QVERIFY(m_client);
    m_client->start();
    QTRY_COMPARE_WITH_TIMEOUT(state(), sync::SyncState::UpToDate, kWaitMs);
    sync::InviteRequest request;
    request.relayUrl = m_relay->url();
    request.expiresAtMs = QDateTime::currentMSecsSinceEpoch() + 40LL * 24 * 3600 * 1000;
    const auto issued = sync::InviteIssuer::issue(*m_store, request);
    QVERIFY2(issued, qPrintable(issued.error()));
    QSignalSpy refused(&m_client->session(), &sync::SyncSession::inviteRefused);
    m_client->session().offerInvite(issued->offer);
    QTRY_COMPARE_WITH_TIMEOUT(refused.size(), 1, kWaitMs);
    QCOMPARE(refused.first().at(0).toByteArray(), issued->offer.id);
    QVERIFY2(refused.first().at(1).toString().contains(u"30 days"_s),
             qPrintable(refused.first().at(1).toString()));

    NewFeedback f;
    f.orderId = u"ORD-AFTER-INVITE"_s;
    f.courierId = 7;
    f.rating = 4;
    QVERIFY(m_store->submit(f));
    m_client->syncNow();
    QTRY_VERIFY_WITH_TIMEOUT(state() == sync::SyncState::UpToDate && m_store->pendingCount() == 0,
                             kWaitMs);
    QCOMPARE(refused.size(), 1);
}

// Further relays whose URLs no code can hold (join refuses a code that long) are refused when
// the invite is made, before any relay holds it.
void TestSyncClient::anInviteNoCodeCanHoldIsRefusedAtIssue()
{
    sync::InviteRequest request;
    request.relayUrl = u"ws://127.0.0.1:1"_s;
    request.expiresAtMs = QDateTime::currentMSecsSinceEpoch() + 3600 * 1000;
    request.fallbackRelays = QStringList(8, u"ws://127.0.0.1:2/"_s + QString(600, u'p'));
    const auto issued = sync::InviteIssuer::issue(*m_store, request);
    QVERIFY(!issued);
    QVERIFY2(issued.error().contains(u"too long"_s), qPrintable(issued.error()));
    request.fallbackRelays = {u"ws://127.0.0.1:2"_s};
    QVERIFY(sync::InviteIssuer::issue(*m_store, request));
}

// A send writes at once (QWebSocket::flush), so a write to a connection the relay's death reset
// fails inside send(). Its close must still come from the event loop: a session that reacted to
// it inside send() would go on with state the close had already cleared.
void TestSyncClient::aSendToADeadRelayReportsTheCloseAfterwards()
{
    QVERIFY(m_relay->start());
    sync::WebSocketTransport transport(QUrl(m_relay->url()));
    QSignalSpy opened(&transport, &sync::SyncTransport::opened);
    bool sending = false;
    int closedInsideSend = 0;
    int closes = 0;
    connect(&transport, &sync::SyncTransport::closed, this, [&] {
        ++closes;
        closedInsideSend += sending ? 1 : 0;
    });
    transport.open();
    QTRY_VERIFY_WITH_TIMEOUT(opened.count() == 1, kWaitMs);
    m_relay->kill(); // reaped: its sockets are closed, and the loopback resets the next write
    // The first write draws the reset, a later one fails at once (EPIPE), all before this test
    // lets the event loop see the relay's end.
    for (int i = 0; i < 8 && closes == 0; ++i) {
        sending = true;
        transport.send(QByteArray(64, 'x'));
        sending = false;
    }
    QCOMPARE(closedInsideSend, 0);
    QTRY_COMPARE_WITH_TIMEOUT(closes, 1, kWaitMs);
    QCOMPARE(closedInsideSend, 0);
}

// A full device's store tells its client of each committed save (FeedbackStore's commit
// listener): the change goes out with nobody calling pushPending, before the disk's flush.
void TestSyncClient::aLiveFullDeviceSendsEachSaveByItself()
{
    startLive();
    if (QTest::currentTestFailed())
        return;
    const NewFeedback rating = TestSyncClient::rating(u"ORD-100002"_s, 18, 4);
    QVERIFY(m_store->submit(rating));
    QTRY_COMPARE_WITH_TIMEOUT(m_store->pendingCount(), 0, kWaitMs); // sent and acknowledged
    m_client.reset(); // the listener's session is gone with the client: saves stay pending
    QVERIFY(m_store->submit(rating));
    QCOMPARE(m_store->pendingCount(), 1);
}

QTEST_GUILESS_MAIN(TestSyncClient)
#include "tst_syncclient.moc"
