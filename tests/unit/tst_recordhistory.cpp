// A record's history (issue 16): each edit logs what it changed, with who made it, in an add-only
// set that replicates like every other field. Shown: the log lists the creation and every field
// changed, with before and after; an edit made on another device arrives with its author; two
// concurrent edits of one field both stay listed after the conflict is resolved, the same on
// both devices; the comment's text is never copied into the log, and after an erasure no state
// holds it; the codec and dot renaming keep the log; a device of the previous version (which
// does not know field 13) keeps it and passes it on, even its largest entry; a full log stops
// growing but edits go on; a name the rules refuse is made printable instead of refusing the
// edit; a delta whose history context reaches beyond its entries is refused.
#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <core/DotRenaming.h>
#include <core/FeedbackBook.h>
#include <core/RecordExport.h>
#include <core/RecordHistory.h>
#endif

#include "RecordCodecHelpers.h"

using namespace feedback;
using namespace Qt::StringLiterals;

using test::wire;

namespace {

const ReplicaId kKiosk{0xA1, 1};
const ReplicaId kDeskOne{0xB2, 2};
const ReplicaId kDeskTwo{0xC3, 3};
constexpr qint64 kHistoryKey = 13;
constexpr qint64 kElsewhere = 1000; // where a device of the previous version keeps it

const QByteArray kComment = "Left at the door of Anna Schmidt, flat 3"_ba;

const QByteArray kContact = "anna.schmidt@example.org"_ba;

NewFeedback lowRating()
{
    NewFeedback f;
    f.orderId = u"ORD-1"_s;
    f.courierId = 7;
    f.rating = 2;
    f.comment = QString::fromUtf8(kComment);
    f.reasons = {u"late"_s};
    f.contactRequested = true;
    f.contact = QString::fromUtf8(kContact);
    return f;
}

RecordId created(FeedbackBook &book)
{
    const auto delta = book.create(lowRating());
    return delta ? *delta->minted.begin() : RecordId{};
}

FeedbackEdit by(const QString &name)
{
    FeedbackEdit e;
    e.by = name;
    return e;
}

// The history as "field: from -> to (by)" lines, the creation left out.
QStringList lines(const QList<RecordChange> &changes)
{
    QStringList out;
    for (const RecordChange &c : changes)
        if (c.field != QLatin1String(RecordHistory::kCreated))
            out.append(u"%1: %2 -> %3 (%4)"_s.arg(c.field, c.from, c.to, c.by));
    return out;
}

} // namespace

class TestRecordHistory : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void listsCreationAndEveryChangedField();
    void anEditOnAnotherDeviceArrivesWithItsAuthor();
    void bothSidesOfAConflictStayListed();
    void commentTextIsNeverCopiedAndErasureLeavesNone();
    void codecAndRenamingKeepTheLog();
    void previousVersionKeepsAndPassesItOn();
    void aFullLogStopsGrowingButEditsGoOn();
    void exportsJsonWithTheNamedFields();
    void aNameTheRulesRefuseNeverRefusesTheEdit();
    void aDeltaThatWouldDeleteEntriesIsRefused();
    void theLargestEntryFitsThePreviousRelease();
    void renamedDeltasCarryTheLog();
};

void TestRecordHistory::listsCreationAndEveryChangedField()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit e = by(u"Amira"_s);
    e.followUp = FollowUpStatus::InProgress;
    e.assignee = u"Amira"_s;
    e.rating = 2; // unchanged: not logged
    e.reasons = QStringList{u"rude"_s, u"late"_s};
    e.noteText = u"Called the customer"_s;
    e.noteAuthor = u"Amira"_s;
    QVERIFY(desk.edit(id, e));
    FeedbackEdit retract = by(u"Bo"_s);
    retract.retract = true;
    QVERIFY(desk.edit(id, retract));

    const QList<RecordChange> history = desk.history(id);
    QVERIFY(!history.isEmpty());
    QCOMPARE(history.first().field, u"created"_s);
    QCOMPARE(history.first().device, kDeskOne);
    QCOMPARE(
        lines(history),
        (QStringList{u"reasons: late -> late, rude (Amira)"_s,
                     u"followUp: open -> in_progress (Amira)"_s, u"assignee:  -> Amira (Amira)"_s,
                     u"note:  -> added (Amira)"_s, u"retracted: false -> true (Bo)"_s}));
    for (qsizetype i = 1; i < history.size(); ++i)
        QVERIFY(history[i - 1].at <= history[i].at);
    QVERIFY(desk.history(RecordId{kDeskTwo, 1}).isEmpty());
}

void TestRecordHistory::anEditOnAnotherDeviceArrivesWithItsAuthor()
{
    FeedbackBook kiosk(kKiosk);
    FeedbackBook desk(kDeskOne);
    FeedbackBook laptop(kDeskTwo);
    const auto created = kiosk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
    QCOMPARE(desk.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(laptop.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    FeedbackEdit e = by(u"Yusuf"_s);
    e.rating = 4;
    const auto edited = laptop.edit(id, e);
    QVERIFY(edited);
    QCOMPARE(desk.apply(wire(edited)), FeedbackBook::ApplyOutcome::Applied);

    const QList<RecordChange> history = desk.history(id);
    QCOMPARE(history.size(), 2);
    QCOMPARE(history[0].device, kKiosk);
    QCOMPARE(history[1].device, kDeskTwo);
    QCOMPARE(history[1].by, u"Yusuf"_s);
    QCOMPARE(history[1].field, u"rating"_s);
    QCOMPARE(history[1].from, u"2"_s);
    QCOMPARE(history[1].to, u"4"_s);
    QCOMPARE(history, laptop.history(id));
}

void TestRecordHistory::bothSidesOfAConflictStayListed()
{
    FeedbackBook one(kDeskOne);
    FeedbackBook two(kDeskTwo);
    const auto created = one.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
    QCOMPARE(two.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    FeedbackEdit a = by(u"Amira"_s);
    a.followUp = FollowUpStatus::Resolved;
    FeedbackEdit b = by(u"Bo"_s);
    b.followUp = FollowUpStatus::InProgress;
    const auto fromOne = one.edit(id, a);
    const auto fromTwo = two.edit(id, b);
    QVERIFY(fromOne && fromTwo);
    QCOMPARE(one.apply(wire(fromTwo)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(two.apply(wire(fromOne)), FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(one.view(id)->conflicts.size() == 1);

    // Resolved on desk one ("keep" writes the value again over both).
    FeedbackEdit keep = by(u"Amira"_s);
    keep.followUp = FollowUpStatus::Resolved;
    const auto kept = one.edit(id, keep);
    QVERIFY(kept);
    QCOMPARE(two.apply(wire(kept)), FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(one.view(id)->conflicts.isEmpty());

    const QStringList expected = lines(one.history(id));
    QVERIFY2(expected.contains(u"followUp: open -> resolved (Amira)"_s),
             qPrintable(expected.join(u'\n')));
    QVERIFY(expected.contains(u"followUp: open -> in_progress (Bo)"_s));
    QCOMPARE(expected.size(), 3);               // both sides, then the value kept
    QCOMPARE(one.history(id), two.history(id)); // the same order on both
}

void TestRecordHistory::commentTextIsNeverCopiedAndErasureLeavesNone()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit rewrite = by(u"Amira"_s);
    rewrite.comment = u"Rewritten by the customer's request"_s;
    rewrite.contact = u"+49 30 1234567"_s;
    QVERIFY(desk.edit(id, rewrite));
    const QByteArray rewritten = BookCodec::encodeState(desk.state());
    QVERIFY(!rewritten.contains(kComment));
    QVERIFY(!rewritten.contains(kContact));
    QCOMPARE(lines(desk.history(id)),
             (QStringList{u"comment:  -> changed (Amira)"_s, u"contact:  -> changed (Amira)"_s}));

    FeedbackEdit erase = by(u"Amira"_s);
    erase.erase = ErasedField::All;
    QVERIFY(desk.edit(id, erase));
    const QByteArray state = BookCodec::encodeState(desk.state());
    QVERIFY(!state.contains("Rewritten"_ba));
    QVERIFY(!state.contains("ORD-1"_ba));
    QVERIFY(!state.contains("1234567"_ba));
    QCOMPARE(lines(desk.history(id)),
             (QStringList{u"comment:  -> changed (Amira)"_s, u"contact:  -> changed (Amira)"_s,
                          u"comment:  -> erased (Amira)"_s, u"contact:  -> erased (Amira)"_s,
                          u"orderId:  -> erased (Amira)"_s}));
}

void TestRecordHistory::codecAndRenamingKeepTheLog()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit e = by(u"Amira ✓"_s);
    e.assignee = u"Zoë"_s;
    QVERIFY(desk.edit(id, e));
    const auto decoded = BookCodec::decodeState(BookCodec::encodeState(desk.state()));
    QVERIFY(decoded);
    FeedbackBook restored(kDeskOne);
    restored.restoreState(*decoded);
    QCOMPARE(restored.history(id), desk.history(id));

    const DotRenaming renaming(kDeskOne, 0, kDeskTwo); // every dot of desk one
    const BookMap renamed = renaming.state(desk.state());
    const RecordId newId = renaming(id);
    const auto *record = renamed.find(newId);
    QVERIFY(record);
    const QList<RecordChange> after = RecordHistory::read(newId, *record);
    QCOMPARE(after.size(), 2);
    QCOMPARE(after[1].device, kDeskTwo);
    QCOMPARE(after[1].to, u"Zoë"_s);
}

void TestRecordHistory::previousVersionKeepsAndPassesItOn()
{
    FeedbackBook desk(kDeskOne);
    FeedbackBook previous(kDeskTwo); // reads field 13 under an unknown key
    FeedbackBook third(kKiosk);
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
    QCOMPARE(previous.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    FeedbackEdit first = by(u"Amira"_s);
    first.rating = 1;
    FeedbackEdit second = by(u"Bo"_s);
    second.rating = 3;
    for (const FeedbackEdit &e : {first, second}) {
        const auto edited = desk.edit(id, e);
        QVERIFY(edited);
        const auto old = BookCodec::decodeDelta(
            test::moveFieldKey(*BookCodec::encodeDelta(*edited), kHistoryKey, kElsewhere));
        QVERIFY(old);
        QCOMPARE(previous.apply(*old), FeedbackBook::ApplyOutcome::Applied);
    }
    // The previous device holds both entries as an unknown register and passes them on whole.
    const auto back = BookCodec::decodeState(
        test::moveFieldKey(BookCodec::encodeState(previous.state()), kElsewhere, kHistoryKey));
    QVERIFY(back);
    third.join(*back);
    QCOMPARE(third.history(id), desk.history(id));
    QCOMPARE(lines(third.history(id)),
             (QStringList{u"rating: 2 -> 1 (Amira)"_s, u"rating: 1 -> 3 (Bo)"_s}));
}

void TestRecordHistory::aFullLogStopsGrowingButEditsGoOn()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    for (int i = 0; i <= limits::kMaxHistory; ++i) {
        FeedbackEdit e = by(u"Amira"_s);
        e.assignee = u"courier desk %1"_s.arg(i);
        QVERIFY(desk.edit(id, e));
    }
    QCOMPARE(desk.history(id).size(), 1 + limits::kMaxHistory);
    QCOMPARE(desk.view(id)->assignee, u"courier desk %1"_s.arg(limits::kMaxHistory));
    const auto decoded = BookCodec::decodeState(BookCodec::encodeState(desk.state()));
    QVERIFY2(decoded, decoded ? "" : qPrintable(decoded.error()));
}

void TestRecordHistory::exportsJsonWithTheNamedFields()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit e;
    e.rating = 5; // no name given: the JSON names the device
    QVERIFY(desk.edit(id, e));
    const QJsonArray json = RecordExport::historyToJson(desk.history(id));
    QCOMPARE(json.size(), 2);
    const QJsonObject change = json.at(1).toObject();
    QCOMPARE(change.value(u"field"_s).toString(), u"rating"_s);
    QCOMPARE(change.value(u"from"_s).toString(), u"2"_s);
    QCOMPARE(change.value(u"to"_s).toString(), u"5"_s);
    QVERIFY(change.value(u"by"_s).toString().startsWith(u"device "_s));
    QVERIFY(change.value(u"at"_s).toString().endsWith(u'Z'));
}

void TestRecordHistory::aNameTheRulesRefuseNeverRefusesTheEdit()
{
    FeedbackBook desk(kDeskOne);
    FeedbackBook other(kDeskTwo);
    const auto made = desk.create(lowRating());
    QVERIFY(made);
    const RecordId id = *made->minted.begin();
    QCOMPARE(other.apply(wire(made)), FeedbackBook::ApplyOutcome::Applied);
    // A device named with an escape sequence and a zero-width joiner (not printable).
    FeedbackEdit e = by(u"desk \x1b[31m👩\u200d💻 "_s + QString(120, u'x'));
    e.rating = 1;
    const auto edited = desk.edit(id, e);
    QVERIFY2(edited, edited ? "" : qPrintable(edited.error()));
    QCOMPARE(other.apply(wire(edited)), FeedbackBook::ApplyOutcome::Applied); // strict rules
    const RecordChange change = other.history(id).last();
    QVERIFY2(change.by.startsWith(u"desk \uFFFD[31m👩\uFFFD💻 x"_s), qPrintable(change.by));
    QVERIFY(change.by.endsWith(u'…'));
    QVERIFY(textrules::name(change.by));
    // The local row reads back too.
    QVERIFY(BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, *desk.state().find(id))));
}

void TestRecordHistory::aDeltaThatWouldDeleteEntriesIsRefused()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit first = by(u"Amira"_s);
    first.rating = 4;
    QVERIFY(desk.edit(id, first));
    FeedbackEdit second = by(u"Mallory"_s);
    second.rating = 5;
    auto forged = desk.edit(id, second);
    QVERIFY(forged);
    // The second edit's history leaf also "saw" the first edit's dot: applied, it would drop
    // the first entry everywhere.
    auto &history = forged->entries.begin()->second.history;
    QVERIFY(history);
    history->context.insert(crdt::Dot{kDeskOne, 2});
    const auto decoded = BookCodec::decodeDelta(*BookCodec::encodeDelta(*forged));
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().contains(u"history"_s), qPrintable(decoded.error()));
}

void TestRecordHistory::theLargestEntryFitsThePreviousRelease()
{
    FeedbackBook desk(kDeskOne);
    FeedbackBook previous(kDeskTwo);
    const auto made = desk.create(lowRating());
    QVERIFY(made);
    const RecordId id = *made->minted.begin();
    QCOMPARE(previous.apply(wire(made)), FeedbackBook::ApplyOutcome::Applied);
    // Every field at once, the names at their longest in 4-byte characters.
    const QString longest = u"𝒜"_s.repeated(limits::kNameMaxChars);
    FeedbackEdit e = by(longest);
    e.rating = 5;
    e.comment = u"changed"_s;
    e.reasons = ReasonCatalog::defaultTags();
    e.publishConsent = true;
    e.needsFollowUp = false;
    e.contactRequested = false;
    e.contact = QString(); // erased
    e.followUp = FollowUpStatus::Resolved;
    e.assignee = longest;
    e.noteAuthor = longest;
    e.noteText = u"n"_s;
    e.retract = true;
    e.erase = ErasedField::OrderId;
    const auto edited = desk.edit(id, e);
    QVERIFY2(edited, edited ? "" : qPrintable(edited.error()));
    const auto old = BookCodec::decodeDelta(
        test::moveFieldKey(*BookCodec::encodeDelta(*edited), kHistoryKey, kElsewhere));
    QVERIFY2(old, old ? "" : qPrintable(old.error()));
    QCOMPARE(previous.apply(*old), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(desk.history(id).size(), 1 + 12); // the creation, then one line a field
}

void TestRecordHistory::renamedDeltasCarryTheLog()
{
    FeedbackBook desk(kDeskOne);
    const RecordId id = created(desk);
    FeedbackEdit e = by(u"Amira"_s);
    e.rating = 4;
    const auto edited = desk.edit(id, e);
    QVERIFY(edited);
    const DotRenaming renaming(kDeskOne, 0, kDeskTwo);
    const BookDelta renamed = renaming.delta(*edited);
    const auto &history = renamed.entries.begin()->second.history;
    QVERIFY(history && history->store.size() == 1);
    QCOMPARE(history->store.begin()->first.replica, kDeskTwo);
    QVERIFY(history->context.contains(history->store.begin()->first));
}

QTEST_GUILESS_MAIN(TestRecordHistory)
#include "tst_recordhistory.moc"
