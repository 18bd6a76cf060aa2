// The sync session as a state machine, without sockets: a fake transport records what the
// session sends and feeds it what a relay (honest or not) would answer.
#include "FakeTransport.h"

#include <QHash>
#include <QList>
#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <support/HostileUnits.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;

namespace {

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-%1").arg(i);
    f.courierId = 7;
    f.rating = 4;
    return f;
}

} // namespace

class TestSyncSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    QByteArray m_secret;
    store::SecretKey m_key;

    // Connects and authenticates; the relay holds `head` positions, `stored` of ours.
    void connectSession(quint64 head = 0, quint64 stored = 0, quint64 maxBatch = 1024,
                        quint64 maxFrameBytes = 1024 * 1024)
    {
        m_session->start();
        QVERIFY(!m_transport->sentOf<Hello>().isEmpty());
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        QCOMPARE(m_transport->sentOf<Auth>().size(), 1);
        m_transport->deliver(Welcome{head, stored, maxBatch, maxFrameBytes});
    }

    QByteArray device() const { return store::RowSealer::replicaBytes(m_store->deviceId()); }

    // A delta another device of the workspace wrote, sealed as it would be.
    SealedDelta foreignDelta(const BookDelta &delta, const QByteArray &origin, quint64 seq,
                             quint64 position) const
    {
        const auto keys = sync::WorkspaceKeys::fromSecret(m_secret);
        return SealedDelta{origin, seq, keys->seal(*BookCodec::encodeDelta(delta), origin, seq),
                           position};
    }

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_transport.reset();
        m_store.reset();
        QFile::remove(m_dir.filePath(QStringLiteral("s.db")));
        m_key = store::SecretKey::random();
        auto s = store::FeedbackStore::open(m_dir.filePath(QStringLiteral("s.db")), m_key, {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
        m_secret = sync::WorkspaceKeys::newSecret();
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(
            *m_store, *sync::WorkspaceKeys::fromSecret(m_secret), m_transport.get());
    }

    void pullsBeforePushingAndRespectsTheRelaysBatchLimit()
    {
        // 300 pending deltas are sealed in groups of 128, 128 and 44; the relay takes two
        // units per push.
        QList<store::ImportItem> items;
        for (int i = 0; i < 300; ++i)
            items.append({QByteArray::number(i), sample(i)});
        QVERIFY(m_store->importItems(items));
        connectSession(0, 0, 2);
        QVERIFY(std::holds_alternative<Pull>(m_transport->sent.at(2)));
        QVERIFY(std::holds_alternative<Push>(m_transport->sent.at(3)));
        const Push first = m_transport->sentOf<Push>().first();
        QCOMPARE(first.deltas.size(), 2);
        QCOMPARE(first.deltas.at(0).seq, quint64{1});
        QCOMPARE(first.deltas.at(0).count, quint64{128});
        QCOMPARE(first.deltas.at(1).seq, quint64{129});
        QCOMPARE(first.deltas.at(1).count, quint64{128});
        m_transport->deliver(Ack{device(), 256});
        QCOMPARE(m_store->pendingCount(), 44);
        const Push second = m_transport->sentOf<Push>().last();
        QCOMPARE(second.deltas.size(), 1);
        QCOMPARE(second.deltas.first().seq, quint64{257});
        QCOMPARE(second.deltas.first().count, quint64{44});
        // What the relay would serve opens into the very deltas that were pending.
        const auto keys = sync::WorkspaceKeys::fromSecret(m_secret);
        const auto opened = keys->open(second.deltas.first());
        QVERIFY2(opened, qPrintable(opened.error()));
        const auto pending = m_store->pendingOutbox(100);
        QCOMPARE(opened->size(), pending->size());
        for (qsizetype i = 0; i < pending->size(); ++i)
            QCOMPARE(opened->at(i), pending->at(i).delta);
    }

    void groupsFitASmallFrameLimit()
    {
        QList<store::ImportItem> items;
        for (int i = 0; i < 200; ++i)
            items.append({QByteArray::number(i), sample(i)});
        QVERIFY(m_store->importItems(items));
        connectSession(0, 0, 1024, 4096); // the smallest frame limit a device accepts
        const Push push = m_transport->sentOf<Push>().first();
        QVERIFY(push.deltas.size() > 1);
        QVERIFY(encode(push).size() <= 4096);
        quint64 next = 1;
        for (const SealedDelta &unit : push.deltas) {
            QCOMPARE(unit.seq, next);
            next = unit.lastSeq() + 1;
        }
    }

    void stoppingSavesTheCursorAndALateCloseWritesNothing()
    {
        connectSession(0, 0);
        m_transport->deliver(CaughtUp{0});
        m_transport->deliver(CaughtUp{7}); // confirmations while live
        m_transport->closeLater = true;    // as a WebSocket does: the close is reported later
        m_session->stop();
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("7")));
        // Whoever stopped it starts over on another relay; the old connection's close, reported
        // late, must not bring the old cursor back.
        QVERIFY(m_store->setValue(QStringLiteral("sync/cursor"), QByteArray("0")));
        m_transport->reportClosed();
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("0")));
    }

    void groupFromTheRelayIsAppliedWhole()
    {
        connectSession(2, 0);
        FeedbackBook other(ReplicaId{0xAB, 0xCD});
        const QByteArray origin = store::RowSealer::replicaBytes(other.replica());
        const auto keys = sync::WorkspaceKeys::fromSecret(m_secret);
        QList<QByteArray> deltas;
        for (int i = 0; i < 3; ++i)
            deltas.append(*BookCodec::encodeDelta(*other.create(sample(i))));
        // Sealed one seq off: the dots inside do not match, and nothing of it is taken.
        m_transport->deliver(Deltas{
            {SealedDelta{origin, 2, keys->sealGroup(deltas, origin, 2), 1, 3}}, true, false});
        QCOMPARE(m_store->book().size(), std::size_t{0});
        QCOMPARE(m_store->quarantinedCount(), 1);

        init();
        connectSession(2, 0);
        const auto now = sync::WorkspaceKeys::fromSecret(m_secret);
        m_transport->deliver(Deltas{
            {SealedDelta{origin, 1, now->sealGroup(deltas, origin, 1), 1, 3}}, false, false});
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(m_store->book().size(), std::size_t{3});
        QCOMPARE(m_session->cursor(), quint64{1});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
    }

    void ackBeyondWhatWasPushedIsAnError()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_store->submit(sample(i)).ok());
        connectSession(0, 0, 1);
        m_transport->deliver(Ack{device(), 4}); // seqs 1..3 were pushed, as one group
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QCOMPARE(m_store->pendingCount(), 3); // nothing dropped from the outbox
    }

    void deltaMintingDotsInAnotherNameIsSetAside()
    {
        connectSession(1, 0);
        FeedbackBook other(ReplicaId{0xAB, 0xCD});
        const BookDelta delta = *other.create(sample(1));
        // Sealed as seq 5 of a third device, but it minted (0xAB:0xCD, 1).
        const QByteArray liar = store::RowSealer::replicaBytes(ReplicaId{0xEE, 0xFF});
        m_transport->deliver(Deltas{{foreignDelta(delta, liar, 5, 1)}, false, false});
        QVERIFY(m_session->state() != sync::SyncState::Error);
        QCOMPARE(m_store->book().size(), std::size_t{0});
        QCOMPARE(m_store->unreadable().size(), 1);
        QVERIFY(m_store->unreadable().first().reason.contains(u"origin and sequence"_s));
        QCOMPARE(m_session->cursor(), quint64{1});
    }

    void unreadableUnitIsSetAsideAndTheCursorMovesOn()
    {
        connectSession(3, 0);
        FeedbackBook other(ReplicaId{0xAB, 0xCD});
        const QByteArray origin = store::RowSealer::replicaBytes(other.replica());
        const SealedDelta good = foreignDelta(*other.create(sample(1)), origin, 1, 1);
        SealedDelta bad = foreignDelta(*other.create(sample(2)), origin, 2, 2);
        bad.sealed = testsupport::tampered(bad.sealed);
        // The same origin's next record does not depend on the damaged one.
        const SealedDelta later = foreignDelta(*other.create(sample(3)), origin, 3, 3);
        m_transport->deliver(Deltas{{good, bad, later}, false, false});
        m_transport->deliver(CaughtUp{3});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_session->cursor(), quint64{3});
        QCOMPARE(m_store->value(u"sync/cursor"_s), std::optional(QByteArray("3")));
        QCOMPARE(m_store->book().size(), std::size_t{2});
        QVERIFY(m_store->book().view(RecordId{other.replica(), 3}));
        // Nothing waits for it: the relay was not asked for it again.
        QCOMPARE(m_transport->sentOf<Pull>().size(), 1);
        // Set aside with where it came from and why, durably, its bytes kept to try again.
        m_session.reset();
        m_store.reset();
        auto reopened = store::FeedbackStore::open(m_dir.filePath(u"s.db"_s), m_key, {});
        QVERIFY2(reopened, qPrintable(reopened.error()));
        m_store = std::move(*reopened);
        QCOMPARE(m_store->quarantinedCount(), 1);
        const store::QuarantinedChange unit = m_store->unreadable().first();
        QCOMPARE(unit.position, quint64{2});
        QCOMPARE(unit.origin, origin);
        QCOMPARE(unit.firstSeq, quint64{2});
        QCOMPARE(unit.lastSeq, quint64{2});
        QVERIFY2(unit.reason.contains(u"does not open"_s), qPrintable(unit.reason));
        QVERIFY(!unit.asked);
        QCOMPARE(*m_store->quarantinedBody(unit), bad.sealed);
    }

    void goodDeltasAreAppliedAndTheCursorSaved()
    {
        connectSession(1, 0);
        FeedbackBook other(ReplicaId{0xAB, 0xCD});
        const QByteArray origin = store::RowSealer::replicaBytes(other.replica());
        m_transport->deliver(
            Deltas{{foreignDelta(*other.create(sample(1)), origin, 1, 1)}, false, false});
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(m_store->book().size(), std::size_t{1});
        QCOMPARE(m_session->cursor(), quint64{1});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("1")));
    }

    void liveDeltasCountOnlyOnceConfirmed()
    {
        connectSession(0, 0);
        m_transport->deliver(CaughtUp{0});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        FeedbackBook other(ReplicaId{0xAB, 0xCD});
        const QByteArray origin = store::RowSealer::replicaBytes(other.replica());
        // The relay fans out before its commit: applied at once, but position 1 is not this
        // device's cursor until the relay confirms it durable.
        m_transport->deliver(
            Deltas{{foreignDelta(*other.create(sample(1)), origin, 1, 1)}, false, true});
        QCOMPARE(m_store->book().size(), std::size_t{1});
        QCOMPARE(m_session->cursor(), quint64{0});
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("0")));
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(m_session->cursor(), quint64{1});
        // Saved with the next deltas applied...
        m_transport->deliver(
            Deltas{{foreignDelta(*other.create(sample(2)), origin, 2, 2)}, false, true});
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("1")));
        m_transport->deliver(CaughtUp{2});
        // ...or when the connection ends.
        m_transport->close();
        QCOMPARE(m_store->value(QStringLiteral("sync/cursor")), std::optional(QByteArray("2")));
    }

    // A relay restored from an older backup lacks seqs it had confirmed: this full device gives
    // it a snapshot instead of pushing into a gap (tst_sessionsnapshots has the rest).
    void relayThatLostAcknowledgedDeltasIsHealed()
    {
        for (int i = 0; i < 5; ++i)
            QVERIFY(m_store->submit(sample(i)).ok());
        QVERIFY(m_store->acknowledge(m_store->deviceId(), 4)); // the relay had confirmed 1..4
        QCOMPARE(*m_store->acknowledgedUpTo(), quint64{4});
        connectSession(2, 1); // restored: it holds only seq 1 now
        QVERIFY(m_session->state() != sync::SyncState::Error);
        QVERIFY(m_transport->sentOf<Push>().isEmpty());
        QVERIFY(!m_transport->sentOf<PutSnapshot>().isEmpty());
        QCOMPARE(m_store->pendingCount(), 1); // nothing dropped before the relay stored it
    }

    void cursorPastTheRelaysLogPullsEverythingAgain()
    {
        QVERIFY(m_store->setValue(QStringLiteral("sync/cursor"), QByteArray("500")));
        m_session = std::make_unique<sync::SyncSession>(
            *m_store, *sync::WorkspaceKeys::fromSecret(m_secret), m_transport.get());
        connectSession(10, 0); // a relay restored from an older backup
        QCOMPARE(m_transport->sentOf<Pull>().first().cursor, quint64{0});
    }

    void handshakeThatNeverCompletesTimesOut()
    {
        m_session->setHandshakeTimeout(50);
        m_session->start();
        QCOMPARE(m_transport->sentOf<Hello>().size(), 1);
        // The relay accepted the connection, then says nothing.
        QTRY_COMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY(m_session->lastError().contains(QStringLiteral("handshake")));
    }

    void copiedProfilePushesItsOldIdentitysPendingDeltas()
    {
        // A profile with two pending submissions is copied elsewhere (another home): it goes on
        // as a new device, and the two deltas under the old id must still reach the relay.
        m_session.reset();
        m_store.reset();
        const QString path = m_dir.filePath(QStringLiteral("copied.db"));
        const auto key = store::SecretKey::random();
        store::FeedbackStore::Options here;
        here.home = QByteArrayLiteral("machine-a|/profile");
        ReplicaId old;
        {
            auto original = store::FeedbackStore::open(path, key, here);
            QVERIFY(original.ok());
            old = (*original)->deviceId();
            QVERIFY((*original)->submit(sample(1)).ok());
            QVERIFY((*original)->submit(sample(2)).ok());
        }
        store::FeedbackStore::Options there;
        there.home = QByteArrayLiteral("machine-b|/profile");
        auto copy = store::FeedbackStore::open(path, key, there);
        QVERIFY(copy.ok());
        m_store = std::move(*copy);
        QVERIFY(m_store->deviceId() != old);
        QVERIFY(m_store->submit(sample(3)).ok()); // the new identity's first delta
        m_session = std::make_unique<sync::SyncSession>(
            *m_store, *sync::WorkspaceKeys::fromSecret(m_secret), m_transport.get());
        connectSession();
        // The old identity's deltas wait for the catch-up (the original may have sent them).
        m_transport->deliver(CaughtUp{0});
        const QByteArray oldBytes = store::RowSealer::replicaBytes(old);
        // Two pushes, one origin each (in whichever order the ids sort), both acknowledged.
        QHash<QByteArray, int> pushedPerOrigin;
        for (int round = 0; round < 2; ++round) {
            const QList<Push> pushes = m_transport->sentOf<Push>();
            QCOMPARE(pushes.size(), round + 1);
            const Push &push = pushes.last();
            const QByteArray origin = push.deltas.first().origin;
            for (const SealedDelta &d : push.deltas)
                QCOMPARE(d.origin, origin);
            pushedPerOrigin[origin] +=
                static_cast<int>(push.deltas.last().lastSeq() - push.deltas.first().seq + 1);
            m_transport->deliver(Ack{origin, push.deltas.last().lastSeq()});
        }
        QCOMPARE(pushedPerOrigin.value(oldBytes), 2);
        QCOMPARE(pushedPerOrigin.value(store::RowSealer::replicaBytes(m_store->deviceId())), 1);
        QCOMPARE(m_store->pendingCount(), 0); // nothing stranded under the old id
    }
};

QTEST_GUILESS_MAIN(TestSyncSession)
#include "tst_syncsession.moc"
