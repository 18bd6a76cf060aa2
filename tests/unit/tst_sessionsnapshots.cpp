// Snapshots on the device's side, without sockets (a fake transport plays the relay): a full
// device that finds the relay lacks what it had acknowledged gives it a snapshot before pushing
// anything, counts its covered pending deltas as acknowledged once the relay stored it, and
// pushes the rest; a snapshot another device made is joined and moves the cursor; a snapshot
// that fails a check (covers that do not match its state, a truncated or foreign part, a maker
// that is not a listed full device) is passed over with nothing applied; the chain value is
// kept with the cursor and sent with the next pull; `diverged` reads the log again from 0.
#include "FakeTransport.h"
#include "OtherDevice.h"

#include <QDateTime>
#include <QRandomGenerator>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <protocol/SnapshotSignature.h>
#include <store/RowSealer.h>
#include <sync/SnapshotParts.h>
#include <sync/SyncBookkeeping.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;
using feedback::test::OtherDevice;

namespace {

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-%1").arg(i);
    f.courierId = 7;
    f.rating = 1 + i % 5;
    f.comment = QStringLiteral("comment %1").arg(i);
    return f;
}

// With a comment deflate cannot shrink (letters from a fixed seed): 300 of them fill two parts.
NewFeedback noisy(int i)
{
    static QRandomGenerator random(20261205);
    NewFeedback f = sample(i);
    f.comment.clear();
    for (int c = 0; c < 1500; ++c)
        f.comment += QChar(u'a' + static_cast<char16_t>(random.bounded(26)));
    return f;
}

QList<SnapshotPart> snapshotOf(const OtherDevice &device, const sync::WorkspaceKeys &workspace)
{
    return *sync::snapshots::make(device.book.state(), workspace, device.origin,
                                  device.keys.secretKey);
}

void resign(const OtherDevice &device, const sync::WorkspaceKeys &workspace, SnapshotPart &part)
{
    part.signature = snapshotsignature::sign(device.keys.secretKey, workspace.workspaceId(),
                                             device.origin, part);
}

} // namespace

class TestSessionSnapshots : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    std::optional<sync::WorkspaceKeys> m_keys;
    std::unique_ptr<OtherDevice> m_laptop;

    void newSession()
    {
        m_session.reset();
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(*m_store, *m_keys, m_transport.get());
        m_session->setDeviceName(u"desk"_s);
    }

    void connectSession(quint64 head, quint64 storedUpTo)
    {
        m_session->start();
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        m_transport->deliver(Welcome{head, storedUpTo});
        m_transport->deliver(Devices{{{m_transport->sentOf<Hello>().first().certificate, 0, {}},
                                      {m_laptop->certificate, 0, {}}}});
    }

    void deliverSnapshot(const QList<SnapshotPart> &parts, quint64 position, const QByteArray &by,
                         const QByteArray &chain)
    {
        for (const SnapshotPart &part : parts)
            m_transport->deliver(SnapshotData{position, by, part,
                                              part.part + 1 == part.parts ? chain : QByteArray()});
    }

    QByteArray self() const { return store::RowSealer::replicaBytes(m_store->deviceId()); }

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_transport.reset();
        m_store.reset();
        QFile::remove(m_dir.filePath(u"s.db"_s));
        auto s =
            store::FeedbackStore::open(m_dir.filePath(u"s.db"_s), store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
        m_keys = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        m_laptop = std::make_unique<OtherDevice>(*m_keys, ReplicaId{0xAB, 0xCD});
        newSession();
    }

    // Three records acknowledged, two pending; the relay comes back holding none of them.
    void lostAcknowledgedDeltasAreHealedWithASnapshot()
    {
        for (int i = 1; i <= 3; ++i)
            QVERIFY(m_store->submit(sample(i)).ok());
        connectSession(0, 0);
        QCOMPARE(m_transport->sentOf<Push>().size(), 1);
        m_transport->deliver(Ack{self(), 3});
        QCOMPARE(m_store->pendingCount(), 0);
        m_session->stop();
        for (int i = 4; i <= 5; ++i)
            QVERIFY(m_store->submit(sample(i)).ok());

        newSession();
        QSignalSpy events(m_session.get(), &sync::SyncSession::event);
        connectSession(0, 0); // a relay restored from before any of it
        // A snapshot first, nothing pushed: covering all five of this device's seqs.
        QVERIFY(m_transport->sentOf<Push>().isEmpty());
        const QList<PutSnapshot> puts = m_transport->sentOf<PutSnapshot>();
        QVERIFY(!puts.isEmpty());
        QCOMPARE(puts.first().part.covers, (QList<SnapshotCover>{{self(), 5}}));
        // It opens, as any device of the workspace would open it, to this device's five records.
        sync::DeviceList list =
            sync::DeviceList::load(*m_store, m_keys->workspaceId(), m_keys->authorities());
        sync::SnapshotReader reader(*m_keys, list);
        Result<std::optional<BookMap>> state = std::optional<BookMap>();
        for (const PutSnapshot &put : puts)
            state = reader.add(SnapshotData{1, self(), put.part, {}});
        QVERIFY2(state.ok() && state->has_value(), qPrintable(state.error()));
        QCOMPARE((*state)->entries().size(), std::size_t{5});
        m_transport->deliver(CaughtUp{0, {}});
        QCOMPARE(m_session->state(), sync::SyncState::Syncing); // not before the relay stored it

        m_transport->deliver(SnapshotStored{puts.first().part.id, 1});
        QCOMPARE(m_store->pendingCount(), 0); // the two pending ones are in the snapshot
        QVERIFY(m_transport->sentOf<Push>().isEmpty());
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QStringList names;
        for (const auto &e : events)
            names << sync::syncEventName(e.at(0).value<sync::SyncEvent>());
        QVERIFY2(names.contains(u"snapshot-uploaded"_s) && names.contains(u"healed"_s),
                 qPrintable(names.join(u' ')));
        QCOMPARE(sync::bookkeeping::lastSnapshotPosition(*m_store), quint64{1});
        // What is written next pushes on after the covered seqs.
        QVERIFY(m_store->submit(sample(6)).ok());
        m_session->pushPending();
        const QList<Push> pushes = m_transport->sentOf<Push>();
        QCOMPARE(pushes.size(), 1);
        QCOMPARE(pushes.first().deltas.first().seq, quint64{6});
    }

    // A snapshot asked for while a push is in flight waits for its ack: the relay counts what a
    // snapshot covers as stored and would acknowledge the push past what it held. No push goes
    // while the snapshot does; the pending ones it covers count as acknowledged.
    void snapshotWaitsForThePushInFlight()
    {
        for (int i = 1; i <= 2; ++i)
            QVERIFY(m_store->submit(sample(i)).ok());
        connectSession(0, 0);
        m_transport->deliver(CaughtUp{0, {}});
        QCOMPARE(m_transport->sentOf<Push>().size(), 1); // seqs 1..2 in flight
        QVERIFY(m_store->submit(sample(3)).ok());
        m_session->requestSnapshot();
        QVERIFY(m_transport->sentOf<PutSnapshot>().isEmpty());
        m_transport->deliver(Ack{self(), 2});
        const QList<PutSnapshot> puts = m_transport->sentOf<PutSnapshot>();
        QVERIFY(!puts.isEmpty());
        QCOMPARE(puts.first().part.covers, (QList<SnapshotCover>{{self(), 3}}));
        QCOMPARE(m_transport->sentOf<Push>().size(), 1); // seq 3 waits for the snapshot
        QCOMPARE(m_session->state(), sync::SyncState::Syncing);
        m_transport->deliver(SnapshotStored{puts.first().part.id, 1});
        QCOMPARE(m_store->pendingCount(), 0);
        QCOMPARE(m_transport->sentOf<Push>().size(), 1);
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
    }

    // The relay confirms a snapshot this device never sent: refused.
    void storedSnapshotMustBeOurs()
    {
        connectSession(0, 0);
        m_transport->deliver(SnapshotStored{QByteArray(16, 'x'), 1});
        QCOMPARE(m_session->state(), sync::SyncState::Error);
    }

    void anotherDevicesSnapshotIsJoined()
    {
        for (int i = 1; i <= 40; ++i)
            QVERIFY(m_laptop->book.create(sample(i)).ok());
        connectSession(7, 0);
        QSignalSpy changed(m_session.get(), &sync::SyncSession::recordsChanged);
        const QByteArray chain(16, 'c');
        deliverSnapshot(snapshotOf(*m_laptop, *m_keys), 7, m_laptop->origin, chain);
        QCOMPARE(m_store->book().size(), std::size_t{40});
        QCOMPARE(m_session->cursor(), quint64{7});
        QVERIFY(!changed.isEmpty());
        // The next pull starts after it, with its chain value; both are kept.
        QCOMPARE(m_transport->sentOf<Pull>().last(), (Pull{7, chain}));
        QCOMPARE(sync::bookkeeping::cursor(*m_store), quint64{7});
        QCOMPARE(sync::bookkeeping::chain(*m_store, 7), chain);
        QCOMPARE(sync::bookkeeping::chain(*m_store, 6), QByteArray()); // another cursor's: none
        // The next session's first pull carries it too.
        m_session->stop();
        newSession();
        connectSession(7, 0);
        QCOMPARE(m_transport->sentOf<Pull>().first(), (Pull{7, chain}));
    }

    void snapshotsThatFailAChecksArePassedOver_data()
    {
        QTest::addColumn<QString>("fault");
        QTest::newRow("covers claim more") << u"covers"_s;
        QTest::newRow("truncated part") << u"truncated"_s;
        QTest::newRow("another workspace") << u"foreign"_s;
        QTest::newRow("maker not listed") << u"unlisted"_s;
        QTest::newRow("maker a kiosk") << u"kiosk"_s;
        QTest::newRow("parts out of order") << u"order"_s;
    }

    void snapshotsThatFailAChecksArePassedOver()
    {
        QFETCH(QString, fault);
        for (int i = 1; i <= 300; ++i)
            QVERIFY(m_laptop->book.create(noisy(i)).ok());
        const auto stranger = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        OtherDevice kiosk(*m_keys, ReplicaId{0x11, 0x22}, Role::Kiosk);
        OtherDevice unlisted(*m_keys, ReplicaId{0x33, 0x44});
        QList<SnapshotPart> parts =
            snapshotOf(*m_laptop, fault == u"foreign"_s ? stranger : *m_keys);
        QByteArray maker = m_laptop->origin;
        if (fault == u"covers"_s) {
            for (SnapshotPart &p : parts) {
                p.covers.first().upTo += 1;
                resign(*m_laptop, *m_keys, p);
            }
        } else if (fault == u"truncated"_s) {
            parts.last().sealed.chop(1);
            resign(*m_laptop, *m_keys, parts.last());
        } else if (fault == u"unlisted"_s || fault == u"kiosk"_s) {
            const OtherDevice &by = fault == u"kiosk"_s ? kiosk : unlisted;
            maker = by.origin;
            parts = *sync::snapshots::make(m_laptop->book.state(), *m_keys, by.origin,
                                           by.keys.secretKey);
        }
        QVERIFY(parts.size() >= 2);
        if (fault == u"order"_s) {
            parts.swapItemsAt(0, 1);
        }
        connectSession(9, 0);
        m_transport->deliver(Devices{{{m_transport->sentOf<Hello>().first().certificate, 0, {}},
                                      {m_laptop->certificate, 0, {}},
                                      {kiosk.certificate, 0, {}}}});
        QSignalSpy events(m_session.get(), &sync::SyncSession::event);
        deliverSnapshot(parts, 9, maker, QByteArray(16, 'c'));
        QCOMPARE(m_store->book().size(), std::size_t{0});      // nothing applied
        QVERIFY(m_session->state() != sync::SyncState::Error); // and the session goes on
        bool refused = false;
        for (const auto &e : events)
            refused =
                refused || e.at(0).value<sync::SyncEvent>() == sync::SyncEvent::SnapshotRefused;
        QVERIFY(refused);
        QCOMPARE(m_session->cursor(), quint64{9}); // passed over, like an unreadable unit
        QCOMPARE(m_transport->sentOf<Pull>().last().cursor, quint64{9});
        // A good one after it still applies.
        deliverSnapshot(snapshotOf(*m_laptop, *m_keys), 10, m_laptop->origin, QByteArray(16, 'd'));
        QCOMPARE(m_store->book().size(), std::size_t{300});
    }

    void divergedLogIsReadAgainFromTheStart()
    {
        connectSession(5, 0);
        m_transport->deliver(Deltas{{}, false, false, {}});
        m_transport->deliver(CaughtUp{5, QByteArray(16, 'c')});
        QCOMPARE(m_session->cursor(), quint64{5});
        m_session->stop();
        newSession();
        connectSession(8, 0);
        QCOMPARE(m_transport->sentOf<Pull>().first(), (Pull{5, QByteArray(16, 'c')}));
        QSignalSpy events(m_session.get(), &sync::SyncSession::event);
        m_transport->deliver(Diverged{8});
        QCOMPARE(m_session->cursor(), quint64{0});
        QCOMPARE(sync::bookkeeping::cursor(*m_store), quint64{0});
        QCOMPARE(m_transport->sentOf<Pull>().last(), (Pull{0, {}}));
        QCOMPARE(events.first().at(0).value<sync::SyncEvent>(), sync::SyncEvent::Diverged);
    }
};

QTEST_GUILESS_MAIN(TestSessionSnapshots)
#include "tst_sessionsnapshots.moc"
