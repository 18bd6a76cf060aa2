// Units a device cannot read, seen by the sync session through a fake transport: they are set
// aside and the cursor moves on; one that later changes prove needed is asked for again, once (a
// fault on the way heals, a unit damaged at its source stays aside and is not asked for twice);
// and the bytes kept of one are tried again when a session starts.
#include "FakeTransport.h"

#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <support/HostileUnits.h>
#include <support/TestCall.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;

namespace {

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = u"ORD-%1"_s.arg(i);
    f.courierId = 7;
    f.rating = 4;
    return f;
}

} // namespace

class TestSyncQuarantine : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    store::SecretKey m_key;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    std::optional<sync::WorkspaceKeys> m_keys;
    // Another device of the workspace: record 1 created at seq 1, edited at seq 2 and 3.
    std::unique_ptr<FeedbackBook> m_other;
    QByteArray m_origin;
    BookDelta m_editSeq2;

    void newSession()
    {
        m_session.reset();
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(*m_store, *m_keys, m_transport.get());
    }
    void connectSession(quint64 head)
    {
        m_session->start();
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        m_transport->deliver(Welcome{head, 0, 1024, 1024 * 1024});
    }
    SealedDelta unit(const BookDelta &delta, quint64 seq, quint64 position) const
    {
        return SealedDelta{m_origin, seq,
                           m_keys->seal(*BookCodec::encodeDelta(delta), m_origin, seq), position};
    }
    RecordId record() const { return RecordId{m_other->replica(), 1}; }
    BookDelta edit(int rating)
    {
        FeedbackEdit e;
        e.rating = rating;
        return *m_other->edit(record(), e);
    }
    // The creation (position 1) arrives damaged while catching up; the first edit (position 2)
    // arrives live and waits for it, which proves it needed.
    void damagedCreationThenAnEditThatNeedsIt(SealedDelta &creation)
    {
        creation = unit(*m_other->create(sample(1)), 1, 1);
        connectSession(1);
        m_transport->deliver(
            Deltas{{SealedDelta{creation.origin, 1, testsupport::tampered(creation.sealed), 1}},
                   false,
                   false});
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_transport->sentOf<Pull>().size(), 1); // nothing needs it yet
        m_editSeq2 = edit(2);
        m_transport->deliver(Deltas{{unit(m_editSeq2, 2, 2)}, false, true});
        QCOMPARE(m_store->book().deferredCount(), std::size_t{1});
        const QList<Pull> pulls = m_transport->sentOf<Pull>();
        QCOMPARE(pulls.size(), 2);
        QCOMPARE(pulls.last().cursor, quint64{0}); // what follows position 0: the unit at 1
        QVERIFY(m_store->unreadable().first().asked);
        // Not "up to date" while the answer is outstanding: `feedbackctl sync` would exit.
        QCOMPARE(m_session->state(), sync::SyncState::Syncing);
    }

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_store.reset();
        QFile::remove(m_dir.filePath(u"q.db"_s));
        m_key = store::SecretKey::random();
        auto s = store::FeedbackStore::open(m_dir.filePath(u"q.db"_s), m_key, {});
        QVERIFY2(s, qPrintable(s.error()));
        m_store = std::move(*s);
        m_keys = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        m_other = std::make_unique<FeedbackBook>(ReplicaId{0xAB, 0xCD});
        m_origin = store::RowSealer::replicaBytes(m_other->replica());
        newSession();
    }

    void undecodableContentAndBadGroupBodyAreSetAside()
    {
        for (int i = 1; i <= 3; ++i) // seqs 1..3: what the member should have sealed
            QVERIFY(m_other->create(sample(i)));
        connectSession(3);
        m_transport->deliver(Deltas{
            {SealedDelta{m_origin, 1, testsupport::undecodableDelta(*m_keys, m_origin, 1), 1},
             SealedDelta{m_origin, 2, testsupport::badGroupBody(*m_keys, m_origin, 2, 2), 2, 2},
             unit(*m_other->create(sample(4)), 4, 3)},
            false,
            false});
        m_transport->deliver(CaughtUp{3});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_store->book().size(), std::size_t{1}); // the next record arrived
        const auto aside = m_store->quarantined();
        QCOMPARE(aside->size(), 2);
        QVERIFY2(aside->at(0).reason.contains(u"does not decode"_s),
                 qPrintable(aside->at(0).reason));
        QCOMPARE(aside->at(1).position, quint64{2});
        QCOMPARE(aside->at(1).firstSeq, quint64{2});
        QCOMPARE(aside->at(1).lastSeq, quint64{3});
        QVERIFY2(aside->at(1).reason.contains(u"group"_s), qPrintable(aside->at(1).reason));
    }

    void neededUnitIsAskedForAgainAndAFaultOnTheWayHeals()
    {
        SealedDelta creation;
        CALL(damagedCreationThenAnEditThatNeedsIt(creation));
        // The relay answers from position 1: the unit intact this time, then the edit again.
        m_transport->deliver(Deltas{{creation, unit(m_editSeq2, 2, 2)}, false, false});
        m_transport->deliver(CaughtUp{2});
        QCOMPARE(m_store->quarantinedCount(), 0);
        QCOMPARE(m_store->book().deferredCount(), std::size_t{0});
        QCOMPARE(m_store->book().view(record())->rating, 2); // the edit that waited applied
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_session->cursor(), quint64{2});
        QCOMPARE(m_transport->sentOf<Pull>().size(), 2);
    }

    void unitDamagedAtItsSourceStaysAsideAndIsNotAskedForTwice()
    {
        SealedDelta creation;
        CALL(damagedCreationThenAnEditThatNeedsIt(creation));
        m_transport->deliver(
            Deltas{{SealedDelta{creation.origin, 1, testsupport::tampered(creation.sealed), 1},
                    unit(m_editSeq2, 2, 2)},
                   false,
                   false});
        m_transport->deliver(CaughtUp{2});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(m_store->quarantinedCount(), 1);
        QVERIFY2(m_store->unreadable().first().reason.startsWith(u"asked the relay again"_s),
                 qPrintable(m_store->unreadable().first().reason));
        // More edits that need it, on this connection and the next: never asked for again.
        m_transport->deliver(Deltas{{unit(edit(3), 3, 3)}, false, true});
        m_transport->deliver(CaughtUp{3});
        QCOMPARE(m_transport->sentOf<Pull>().size(), 2);
        QCOMPARE(m_store->book().deferredCount(), std::size_t{2});
        m_transport->close();
        newSession();
        connectSession(3);
        m_transport->deliver(CaughtUp{3});
        QCOMPARE(m_transport->sentOf<Pull>().size(), 1);
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
    }

    void relayThatNoLongerHoldsTheUnitEndsTheQuestion()
    {
        SealedDelta creation;
        CALL(damagedCreationThenAnEditThatNeedsIt(creation));
        m_transport->deliver(CaughtUp{0}); // nothing follows position 0 any more
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QVERIFY2(m_store->unreadable().first().reason.contains(u"no longer holds"_s),
                 qPrintable(m_store->unreadable().first().reason));
        QCOMPARE(m_session->cursor(), quint64{1});
    }

    void keptBytesAreTriedAgainWhenASessionStarts()
    {
        // A unit an older program could not read, set aside with its bytes; this program can.
        const SealedDelta creation = unit(*m_other->create(sample(1)), 1, 7);
        store::FeedbackStore::RemoteBatch batch;
        batch.unreadable.append({0, store::QuarantinedChange::Kind::Unreadable, 7, m_origin, 1, 1,
                                 u"a delta does not decode: format version 3"_s, false,
                                 creation.sealed});
        QVERIFY(m_store->applyRemote(batch));
        QCOMPARE(m_store->quarantinedCount(), 1);
        connectSession(7);
        m_transport->deliver(CaughtUp{7});
        QCOMPARE(m_store->quarantinedCount(), 0);
        QVERIFY(m_store->book().view(record()));
        QCOMPARE(m_transport->sentOf<Pull>().size(), 1); // from the bytes kept, not the relay
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
    }
};

QTEST_GUILESS_MAIN(TestSyncQuarantine)
#include "tst_syncquarantine.moc"
