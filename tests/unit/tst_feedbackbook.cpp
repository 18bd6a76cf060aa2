// The feedback book's local mutations and reads: one dot per mutation, every field editable,
// the display rules, deferral of out-of-order deltas.
#include <QTest>

#include <core/FeedbackBook.h>

using namespace feedback;

namespace {
const ReplicaId kA{0xA, 1};
const ReplicaId kB{0xB, 2};

NewFeedback sample(int rating = 4)
{
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-000042");
    f.courierId = 17;
    f.rating = rating;
    f.comment = QStringLiteral("Left at the door");
    f.reasons = {QStringLiteral("late"), QStringLiteral("rude")};
    f.publishConsent = true;
    return f;
}

// A clock the test steps by hand.
HybridLogicalClock manualClock(qint64 &wall)
{
    return HybridLogicalClock([&wall] { return wall; });
}
} // namespace

class TestFeedbackBook : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void createThenRead()
    {
        qint64 wall = 1'700'000'000'000;
        FeedbackBook book(kA, manualClock(wall));
        const auto delta = book.create(sample());
        QVERIFY2(delta.ok(), qPrintable(delta.error()));
        QCOMPARE(delta->minted.size(), std::size_t{1});
        const RecordId id = *delta->minted.begin();
        QCOMPARE(id, (RecordId{kA, 1}));
        const auto v = book.view(id);
        QVERIFY(v);
        QCOMPARE(v->orderId, QStringLiteral("ORD-000042"));
        QCOMPARE(v->courierId, 17u);
        QCOMPARE(v->rating, 4);
        QCOMPARE(v->comment, QStringLiteral("Left at the door"));
        QCOMPARE(v->reasons, (QStringList{QStringLiteral("late"), QStringLiteral("rude")}));
        QVERIFY(v->publishConsent);
        QVERIFY(!v->needsFollowUp);
        QVERIFY(!v->followUp);
        QCOMPARE(v->origin, kA);
        QCOMPARE(HybridLogicalClock::millisOf(v->createdAt), wall);
        QVERIFY(v->conflicts.isEmpty());
        QVERIFY(!v->retracted);
    }

    void lowRatingNeedsFollowUpByDefault()
    {
        FeedbackBook book(kA);
        const RecordId id = *book.create(sample(2))->minted.begin();
        QVERIFY(book.view(id)->needsFollowUp);
        QCOMPARE(book.view(id)->followUp, std::optional(FollowUpStatus::Open));
        NewFeedback f = sample(1);
        f.needsFollowUp = false; // the customer declined
        const RecordId other = *book.create(f)->minted.begin();
        QVERIFY(!book.view(other)->needsFollowUp);
    }

    void everyMutationMintsExactlyOneDot()
    {
        FeedbackBook book(kA);
        const RecordId id = *book.create(sample())->minted.begin();
        QCOMPARE(book.sequence(), quint64{1});
        FeedbackEdit edit;
        edit.rating = 2;
        edit.comment = QStringLiteral("Changed my mind");
        edit.reasons = QStringList{QStringLiteral("late"), QStringLiteral("damaged")};
        edit.publishConsent = false;
        edit.needsFollowUp = true;
        edit.followUp = FollowUpStatus::InProgress;
        edit.assignee = QStringLiteral("Dana");
        edit.noteAuthor = QStringLiteral("Dana");
        edit.noteText = QStringLiteral("Called the customer");
        const auto delta = book.edit(id, edit);
        QVERIFY2(delta.ok(), qPrintable(delta.error()));
        QCOMPARE(delta->minted.size(), std::size_t{1});
        QCOMPARE(*delta->minted.begin(), (crdt::Dot{kA, 2}));
        QCOMPARE(book.sequence(), quint64{2});
        const auto v = book.view(id);
        QCOMPARE(v->rating, 2);
        QCOMPARE(v->comment, QStringLiteral("Changed my mind"));
        QCOMPARE(v->reasons, (QStringList{QStringLiteral("damaged"), QStringLiteral("late")}));
        QVERIFY(!v->publishConsent);
        QVERIFY(v->needsFollowUp);
        QCOMPARE(v->followUp, std::optional(FollowUpStatus::InProgress));
        QCOMPARE(v->assignee, QStringLiteral("Dana"));
        QCOMPARE(v->notes.size(), 1);
        QCOMPARE(v->notes.first().author, QStringLiteral("Dana"));
        QCOMPARE(v->notes.first().text, QStringLiteral("Called the customer"));

        FeedbackEdit retract;
        retract.retract = true;
        QVERIFY(book.edit(id, retract).ok());
        QVERIFY(book.view(id)->retracted);
        QCOMPARE(book.sequence(), quint64{3});
    }

    void editOfUnknownRecordFails()
    {
        FeedbackBook book(kA);
        FeedbackEdit edit;
        edit.rating = 3;
        const auto result = book.edit(RecordId{kB, 9}, edit);
        QVERIFY(!result.ok());
        QVERIFY(result.error().startsWith(QStringLiteral("No record with id")));
        QCOMPARE(book.sequence(), quint64{0});
    }

    void remoteDeltaReproducesTheMutation()
    {
        FeedbackBook a(kA);
        FeedbackBook b(kB);
        const auto created = a.create(sample());
        QCOMPARE(b.apply(*created), FeedbackBook::ApplyOutcome::Applied);
        const RecordId id = *created->minted.begin();
        FeedbackEdit edit;
        edit.noteText = QStringLiteral("first");
        const auto edited = a.edit(id, edit);
        QCOMPARE(b.apply(*edited), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(b.apply(*edited), FeedbackBook::ApplyOutcome::Duplicate);
        QCOMPARE(b.state(), a.state());
        QCOMPARE(b.view(id), a.view(id));
    }

    void concurrentEditsShowAConflictUntilResolved()
    {
        qint64 wall = 1'700'000'000'000;
        FeedbackBook a(kA, manualClock(wall));
        FeedbackBook b(kB, manualClock(wall));
        const auto created = a.create(sample());
        b.apply(*created);
        const RecordId id = *created->minted.begin();
        FeedbackEdit toTwo;
        toTwo.rating = 2;
        FeedbackEdit toFive;
        toFive.rating = 5;
        wall += 10;
        const auto fromA = a.edit(id, toTwo);
        wall += 10; // B writes later: B's value is displayed
        const auto fromB = b.edit(id, toFive);
        a.apply(*fromB);
        b.apply(*fromA);
        QCOMPARE(a.view(id), b.view(id));
        QCOMPARE(a.view(id)->rating, 5);
        QCOMPARE(a.view(id)->conflicts.size(), 1);
        QCOMPARE(a.view(id)->conflicts.first().field, QStringLiteral("rating"));
        QCOMPARE(a.view(id)->conflicts.first().values, (QVariantList{5, 2}));
        // Each value names the device and time that wrote it.
        const QList<ValueOrigin> origins{{kB, HybridLogicalClock::make(wall, 0)},
                                         {kA, HybridLogicalClock::make(wall - 10, 0)}};
        QCOMPARE(a.view(id)->conflicts.first().origins, origins);
        // "Keep this one": writing a value after seeing both resolves it everywhere.
        const auto resolve = a.edit(id, toTwo);
        b.apply(*resolve);
        QVERIFY(b.view(id)->conflicts.isEmpty());
        QCOMPARE(b.view(id)->rating, 2);
    }

    void aDomainRuleWinnerKeepsItsOwnOrigin()
    {
        // Consent: a withdrawal wins even when it is older; the labels must move with it.
        qint64 wall = 1'700'000'000'000;
        FeedbackBook a(kA, manualClock(wall));
        FeedbackBook b(kB, manualClock(wall));
        NewFeedback input = sample();
        input.publishConsent = true;
        const auto created = a.create(input);
        b.apply(*created);
        const RecordId id = *created->minted.begin();
        FeedbackEdit withdraw;
        withdraw.publishConsent = false;
        FeedbackEdit give;
        give.publishConsent = true;
        wall += 10;
        const auto fromA = a.edit(id, withdraw);
        wall += 10;
        const auto fromB = b.edit(id, give);
        a.apply(*fromB);
        b.apply(*fromA);
        const auto view = a.view(id);
        QCOMPARE(view->conflicts.size(), 1);
        const FieldConflict &c = view->conflicts.first();
        QCOMPARE(c.values, (QVariantList{false, true}));
        QCOMPARE(c.origins.size(), 2);
        QCOMPARE(c.origins[0].device, kA);
        QCOMPARE(c.origins[0].at, HybridLogicalClock::make(wall - 10, 0));
        QCOMPARE(c.origins[1].device, kB);
        QCOMPARE(c.origins[1].at, HybridLogicalClock::make(wall, 0));
    }

    void outOfOrderDeltaIsDeferredUntilReady()
    {
        FeedbackBook a(kA);
        FeedbackBook b(kB);
        const auto created = a.create(sample());
        const RecordId id = *created->minted.begin();
        FeedbackEdit edit;
        edit.comment = QStringLiteral("updated");
        const auto edited = a.edit(id, edit);
        QCOMPARE(b.apply(*edited), FeedbackBook::ApplyOutcome::Deferred);
        QCOMPARE(b.deferredCount(), std::size_t{1});
        QVERIFY(!b.view(id));
        QCOMPARE(b.apply(*created), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(b.deferredCount(), std::size_t{0});
        QCOMPARE(b.view(id)->comment, QStringLiteral("updated"));
        QCOMPARE(b.state(), a.state());
    }

    void deferredDeltasAreBoundedPerOrigin()
    {
        // kB floods edits of a record the reader never received; kA's creation is missing too.
        FeedbackBook a(kA);
        FeedbackBook flood(kB);
        FeedbackBook reader(ReplicaId{0xC, 3});
        reader.setMaxDeferredPerOrigin(3);
        const auto created = a.create(sample());
        const RecordId id = *created->minted.begin();
        flood.apply(*created);
        FeedbackEdit edit;
        for (int i = 0; i < 5; ++i) {
            edit.rating = i % 5 + 1;
            QCOMPARE(reader.apply(*flood.edit(id, edit)),
                     i < 3 ? FeedbackBook::ApplyOutcome::Deferred
                           : FeedbackBook::ApplyOutcome::Rejected);
        }
        QCOMPARE(reader.deferredCount(kB), std::size_t{3});
        // Another origin still has room.
        edit.comment = QStringLiteral("from a");
        QCOMPARE(reader.apply(*a.edit(id, edit)), FeedbackBook::ApplyOutcome::Deferred);
        QCOMPARE(reader.deferredCount(kA), std::size_t{1});
        // What the waiting deltas need (the creation, and each flood edit the one before it),
        // and what they do not: their own dots.
        QVERIFY(reader.awaits(kA, 1, 1));
        QVERIFY(!reader.awaits(kA, 2, 9));
        QVERIFY(reader.awaits(kB, 1, 2));
        QVERIFY(!reader.awaits(kB, 3, 9));
        QCOMPARE(reader.apply(*created), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(reader.deferredCount(), std::size_t{0});
        QCOMPARE(reader.deferredCount(kB), std::size_t{0});
        QVERIFY(!reader.awaits(kA, 1, 1));
    }

    void recordIdsRoundTripAsText()
    {
        const RecordId id{ReplicaId{0x0123456789abcdefULL, 0xfedcba9876543210ULL}, 77};
        const QString text = recordIdToString(id);
        QCOMPARE(text, QStringLiteral("0123456789abcdeffedcba9876543210-77"));
        QCOMPARE(recordIdFromString(text), std::optional(id));
        QVERIFY(!recordIdFromString(QStringLiteral("nonsense")));
        QVERIFY(!recordIdFromString(QStringLiteral("0123456789abcdeffedcba9876543210-0")));
        QVERIFY(!recordIdFromString(QStringLiteral("0123456789abcdeffedcba987654321g-1")));
    }

    void viewsAreOrderedByCreation()
    {
        qint64 wall = 1'700'000'000'000;
        FeedbackBook book(kA, manualClock(wall));
        for (int i = 0; i < 5; ++i) {
            wall += 1000;
            QVERIFY(book.create(sample(i + 1)).ok());
        }
        const auto views = book.views();
        QCOMPARE(views.size(), 5);
        for (int i = 1; i < views.size(); ++i)
            QVERIFY(views.at(i - 1).createdAt < views.at(i).createdAt);
        QCOMPARE(views.first().rating, 1);
    }

    // A state taken by move (a snapshot joined): an empty book adopts it, a book that has seen
    // all of it touches nothing, any other book joins it exactly as a copy would.
    void joiningATakenStateAdoptsSkipsOrJoins()
    {
        FeedbackBook a(kA);
        const RecordId first = *a.create(sample(2))->minted.begin();
        QVERIFY(a.create(sample(5)).ok());
        FeedbackEdit edit;
        edit.noteText = QStringLiteral("called back");
        QVERIFY(a.edit(first, edit).ok());

        FeedbackBook fresh(kB);
        fresh.setTrackTouched(true);
        fresh.join(BookMap(a.state()));
        QCOMPARE(fresh.state(), a.state());
        QCOMPARE(fresh.views(), a.views());
        QCOMPARE(fresh.takeTouched().size(), std::size_t(2));

        a.setTrackTouched(true);
        a.join(BookMap(fresh.state())); // its own state coming back
        QCOMPARE(a.touchedCount(), std::size_t(0));

        // b holds a record a lacks and an edit of `first` made concurrently with a's note.
        FeedbackBook b(kB);
        b.restoreState(fresh.state());
        QVERIFY(b.create(sample(3)).ok());
        FeedbackEdit other;
        other.rating = 1;
        QVERIFY(b.edit(first, other).ok());
        FeedbackBook byCopy(kA);
        byCopy.restoreState(a.state());
        byCopy.join(b.state());
        a.join(BookMap(b.state()));
        QCOMPARE(a.state(), byCopy.state());
        QCOMPARE(a.size(), std::size_t(3));
        QCOMPARE(a.touchedCount(), std::size_t(3)); // what the joined state holds
    }
};

QTEST_APPLESS_MAIN(TestFeedbackBook)
#include "tst_feedbackbook.moc"
