// Pushes and pulls against a real feedback-relay process (env FEEDBACK_RELAY) over QWebSocket:
// pushes are checked (gaps, conflicting duplicates, another device's origin, oversized batches),
// acknowledged only once durable, and served back in bounded batches and live to caught-up
// connections of the same workspace only.
#include "RelayTestSupport.h"

using namespace feedback::test;

class TestRelayPush : public QObject, public RelayFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startRelay(); }
    void init() { beforeEach(); }
    void cleanup() { afterEach(); }
    void sequenceGapIsRefusedAndNothingStored();
    void conflictingDuplicateIsRefused();
    void pushingAnotherDevicesOriginIsRefused();
    void identicalRepushIsAcknowledged();
    void emptyPushAcknowledgesWhatIsStored();
    void oversizedBatchIsRefusedAsTooLarge();
    void ackedDeltaSurvivesSigkill();
    void pullStreamsInBoundedBatches();
    void liveDeltasReachOnlyCaughtUpPeersOfTheWorkspace();
};

void TestRelayPush::sequenceGapIsRefusedAndNothingStored()
{
    const Identity id = Identity::fresh();
    const Identity sibling = id.sibling();
    CALL(pushAcked(id, {id.delta(1)}, 1));
    CALL(pushRefused(id, {id.delta(3)}, ErrorCode::SequenceGap));
    // A gap inside one batch: the whole batch is refused, its first delta too.
    CALL(pushRefused(id, {id.delta(2), id.delta(3), id.delta(5)}, ErrorCode::SequenceGap));
    CALL(pushRefused(sibling, {sibling.delta(2)}, ErrorCode::SequenceGap)); // must start at 1
    CALL(expectStored(id, 1, 1));
}

// Same origin and seq, other bytes: a cloned profile. Refused; the first bytes stay.
void TestRelayPush::conflictingDuplicateIsRefused()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> original = id.deltas(1, 2);
    CALL(pushAcked(id, original, 2));
    CALL(pushRefused(id, {id.delta(1, original[0].sealed + "x")}, ErrorCode::ConflictingDuplicate));
    // Hidden in a batch that also carries a new delta: nothing of it is stored.
    CALL(pushRefused(id, {id.delta(2), id.delta(3)}, ErrorCode::ConflictingDuplicate));
    CALL(expectStored(id, 2, 2, original));
}

void TestRelayPush::pushingAnotherDevicesOriginIsRefused()
{
    const Identity id = Identity::fresh();
    const Identity other = id.sibling();
    // Two origins in one push: refused, nothing stored.
    CALL(pushRefused(id, {id.delta(1), other.delta(1)}, ErrorCode::WrongOrigin));
    CALL(expectStored(other, 0, 0));
    // One other origin (a copied profile pushing its old identity's deltas): stored under it.
    CALL(pushAcked(id, {other.delta(1)}, 1));
    CALL(expectStored(other, 1, 1));
}

// A retry of the same bytes (the ack was lost) is acknowledged and stored once.
void TestRelayPush::identicalRepushIsAcknowledged()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> all = id.deltas(1, 4);
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    for (const auto &[from, upTo] : {std::pair{0, 3}, {0, 3}, {1, 3}, {2, 4}}) {
        const auto ack = p.push(all.mid(from, upTo - from));
        VERIFY_PEER(ack && ack->upTo == quint64(upTo), p);
    }
    CALL(pushAcked(id, all.mid(1, 2), 4)); // on a new connection too
    CALL(expectStored(id, 4, 4, all));
}

// Ack.upTo is "the highest contiguous seq stored" (as Welcome.storedUpTo): an empty push
// changes nothing, so its ack must not claim less than what is stored.
void TestRelayPush::emptyPushAcknowledgesWhatIsStored()
{
    const Identity id = Identity::fresh();
    CALL(pushAcked(id, id.deltas(1, 2), 2));
    CALL(pushAcked(id, {}, 2));
}

// More deltas in one push than --max-batch: refused as too large (ErrorCode::TooLarge, "frame
// or batch over the limit" in PROTOCOL.md), and nothing is stored.
void TestRelayPush::oversizedBatchIsRefusedAsTooLarge()
{
    const Identity id = Identity::fresh();
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(id), p);
        p.send(Push{id.deltas(1, kMaxBatch + 1)});
        const auto error = p.expect<Error>();
        VERIFY_PEER(error && p.waitClosed(), p);
        CALL(expectStored(id, 0, 0));
        QCOMPARE(errorCodeName(error->code), errorCodeName(ErrorCode::TooLarge));
    }
}

// Ack means committed: SIGKILL right after the ack, restart, the deltas are there.
void TestRelayPush::ackedDeltaSurvivesSigkill()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> batch = id.deltas(1, 3);
    Peer p(url());
    VERIFY_PEER(p.authenticate(id), p);
    const auto ack = p.push(batch);
    VERIFY_PEER(ack && ack->upTo == 3, p);
    m_relay->kill();
    VERIFY_PEER(p.waitClosed(), p);
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    CALL(openObserver());
    CALL(expectStored(id, 3, 3, batch));
}

// 120 deltas, --max-batch 50: 50 (more), 50 (more), 20 (no more), then CaughtUp at 120.
void TestRelayPush::pullStreamsInBoundedBatches()
{
    const Identity id = Identity::fresh();
    const QList<SealedDelta> all = id.deltas(1, 120);
    for (qsizetype from = 0; from < all.size(); from += kMaxBatch)
        CALL(pushAcked(id, all.mid(from, kMaxBatch), std::min<qsizetype>(from + kMaxBatch, 120)));
    Peer reader(url());
    const auto welcome = reader.authenticate(id.sibling());
    VERIFY_PEER(welcome && welcome->head == 120, reader);
    reader.send(Pull{0});
    const QList<std::pair<qsizetype, bool>> expected{{50, true}, {50, true}, {20, false}};
    quint64 position = 0;
    for (const auto &[size, more] : expected) {
        const auto batch = reader.expect<Deltas>();
        VERIFY_PEER(batch, reader);
        QCOMPARE(batch->deltas.size(), size);
        QCOMPARE(batch->more, more);
        QVERIFY(!batch->live);
        QVERIFY(sameDeltas(batch->deltas, all.mid(qsizetype(position), size), position + 1));
        position += quint64(size);
        // One batch in flight: nothing more comes until the client asks.
        if (more) {
            VERIFY_PEER(reader.quiet(), reader);
            reader.send(Pull{position});
        }
    }
    const auto caughtUp = reader.expect<CaughtUp>();
    VERIFY_PEER(caughtUp && caughtUp->cursor == 120, reader);
}

// A push reaches, live, the caught-up connections of its workspace, not the pusher, not a
// connection still catching up (it will pull it), and never another workspace.
void TestRelayPush::liveDeltasReachOnlyCaughtUpPeersOfTheWorkspace()
{
    const Identity a = Identity::fresh();
    const Identity other = Identity::fresh();
    Peer listener(url()), stranger(url()), notCaughtUp(url()), pusher(url());
    VERIFY_PEER(listener.authenticate(a.sibling()), listener);
    VERIFY_PEER(listener.pullAll(0), listener);
    VERIFY_PEER(stranger.authenticate(other), stranger);
    VERIFY_PEER(stranger.pullAll(0), stranger);
    VERIFY_PEER(notCaughtUp.authenticate(a.sibling()), notCaughtUp);
    VERIFY_PEER(pusher.authenticate(a), pusher);
    VERIFY_PEER(pusher.pullAll(0), pusher);

    const QList<SealedDelta> batch = a.deltas(1, 2);
    VERIFY_PEER(pusher.push(batch), pusher);
    const auto live = listener.expect<Deltas>();
    VERIFY_PEER(live && live->live && !live->more && live->deltas.size() == 2, listener);
    QVERIFY(sameDeltas(live->deltas, batch, 1));
    // Live deltas leave before the relay's commit; a caughtUp confirms them once durable, to
    // every caught-up device of the workspace (the writer too, whose cursor may pass its own).
    const auto confirmed = listener.expect<CaughtUp>();
    VERIFY_PEER(confirmed && confirmed->cursor == live->deltas.last().position, listener);
    const auto ownConfirmed = pusher.expect<CaughtUp>();
    VERIFY_PEER(ownConfirmed && ownConfirmed->cursor == confirmed->cursor, pusher);
    // A retry of the same bytes stores nothing new and is not sent again.
    VERIFY_PEER(pusher.push(batch), pusher);
    VERIFY_PEER(listener.quiet(), listener);
    VERIFY_PEER(stranger.quiet(), stranger);
    VERIFY_PEER(pusher.quiet(), pusher);
    VERIFY_PEER(notCaughtUp.quiet(), notCaughtUp);
    QList<Deltas> frames;
    VERIFY_PEER(notCaughtUp.pullAll(0, &frames), notCaughtUp);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().deltas.size(), 2);
    // The other workspace's own pushes do reach it, and not the first workspace.
    const Identity otherDevice = other.sibling();
    Peer otherPusher(url());
    VERIFY_PEER(otherPusher.authenticate(otherDevice), otherPusher);
    VERIFY_PEER(otherPusher.push(otherDevice.deltas(1, 1)), otherPusher);
    VERIFY_PEER(stranger.expect<Deltas>(), stranger);
    VERIFY_PEER(listener.quiet() && notCaughtUp.quiet(), listener);
}

QTEST_GUILESS_MAIN(TestRelayPush)
#include "tst_relaypush.moc"
