// What a session accepts from its relay: frames within the limits the relay announced in its
// welcome (the protocol's defaults before it), and nothing from a connection it stopped. With a
// fake transport, as tst_syncsession.
#include "FakeTransport.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;

class TestSyncReceive : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    std::unique_ptr<QSignalSpy> m_events;
    QByteArray m_secret;
    int m_opened = 0;

    void handshake()
    {
        m_session->start();
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
    }
    void connectSession(quint64 maxBatch, quint64 maxFrameBytes)
    {
        handshake();
        m_transport->deliver(Welcome{0, 0, maxBatch, maxFrameBytes});
    }
    // `count` units of another device, `bytes` each, that nobody can open: set aside, not fatal.
    static QList<SealedDelta> unreadableUnits(int count, qsizetype bytes)
    {
        const QByteArray origin(16, '\x42');
        QList<SealedDelta> units;
        for (int i = 0; i < count; ++i) {
            const QByteArray sealed(bytes, static_cast<char>('a' + i % 26));
            units.append(SealedDelta{origin, quint64(i + 1), sealed, quint64(i + 1)});
        }
        return units;
    }
    int eventsOf(sync::SyncEvent kind) const
    {
        int n = 0;
        for (const QList<QVariant> &e : *m_events)
            n += e.at(0).value<sync::SyncEvent>() == kind;
        return n;
    }

private Q_SLOTS:
    void init()
    {
        m_events.reset();
        m_session.reset();
        m_transport.reset();
        m_store.reset();
        const QString path = m_dir.filePath(u"s%1.db"_s.arg(++m_opened));
        auto s = store::FeedbackStore::open(path, store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
        m_secret = sync::WorkspaceKeys::newSecret();
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(
            *m_store, *sync::WorkspaceKeys::fromSecret(m_secret), m_transport.get());
        m_events = std::make_unique<QSignalSpy>(m_session.get(), &sync::SyncSession::event);
    }

    // A relay run with --max-batch above the old fixed 4096 serves batches that large.
    void batchesAsLargeAsTheRelayAnnouncedAreTaken()
    {
        connectSession(5000, 1024 * 1024);
        m_transport->deliver(Deltas{unreadableUnits(4500, 64), true, false});
        QVERIFY2(m_session->state() != sync::SyncState::Error, qPrintable(m_session->lastError()));
        QCOMPARE(m_store->quarantinedCount(), 4500);
        QCOMPARE(m_session->cursor(), quint64{4500});
    }

    // The relay said 4096 bytes a frame: what is far beyond that (more than twice it and more
    // than twice the largest unit) is a bad frame, not something to buffer and parse.
    void framesFarBeyondTheAnnouncedLimitAreRefused()
    {
        connectSession(1024, 4096);
        const Deltas big{unreadableUnits(4, 200 * 1024), true, false};
        QVERIFY(encode(big).size() > 2 * protocol::limits::kMaxSealedDeltaBytes);
        QVERIFY(encode(big).size() < 8 * 1024 * 1024);
        m_transport->deliver(big);
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY2(m_session->lastError().startsWith(u"the relay sent a bad frame"_s),
                 qPrintable(m_session->lastError()));
        QCOMPARE(m_store->quarantinedCount(), 0);
        QCOMPARE(eventsOf(sync::SyncEvent::Error), 1);
    }

    // Before the welcome the protocol's default frame limit holds.
    void beforeTheWelcomeTheDefaultLimitHolds()
    {
        handshake();
        const Deltas big{unreadableUnits(6, 250 * 1024), false, false};
        QVERIFY(encode(big).size() > protocol::limits::kDefaultMaxFrameBytes);
        m_transport->deliver(big);
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY2(m_session->lastError().startsWith(u"the relay sent a bad frame"_s),
                 qPrintable(m_session->lastError()));
    }

    // Once stopped, nothing more from that connection counts: the caller may reset the cursor
    // (another relay) before the close is reported.
    void framesAfterStopAreIgnored()
    {
        connectSession(1024, 1024 * 1024);
        m_transport->deliver(CaughtUp{0});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        m_transport->closeLater = true;
        m_session->stop();
        m_transport->deliver(Deltas{unreadableUnits(3, 64), false, true});
        m_transport->deliver(CaughtUp{3});
        QCOMPARE(m_store->quarantinedCount(), 0);
        QCOMPARE(m_session->cursor(), quint64{0});
        QCOMPARE(eventsOf(sync::SyncEvent::Quarantined), 0);
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate); // until the close is reported
        m_transport->reportClosed();
        QCOMPARE(m_session->state(), sync::SyncState::Offline);
    }
};

QTEST_GUILESS_MAIN(TestSyncReceive)
#include "tst_syncreceive.moc"
