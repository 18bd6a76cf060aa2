// A record's history (issue 16): each edit logs what it changed, with who made it, in an add-only
// set that replicates like every other field. Shown: the log lists the creation and every field
// changed, with before and after; an edit made on another device arrives with its author; two
// concurrent edits of one field both stay listed after the conflict is resolved, the same on
// both devices; the comment's text is never copied into the log, and after an erasure no state
// holds it; the codec and dot renaming keep the log; a device of the previous version (which
// does not know field 13) keeps it and passes it on; a full log stops growing but edits go on.
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

#include "FieldKeyMove.h"

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

const ReplicaId kKiosk{0xA1, 1};
const ReplicaId kDeskOne{0xB2, 2};
const ReplicaId kDeskTwo{0xC3, 3};
constexpr qint64 kHistoryKey = 13;
constexpr qint64 kElsewhere = 1000; // where a device of the previous version keeps it

const QByteArray kComment = "Left at the door of Anna Schmidt, flat 3"_ba;

BookDelta wire(const Result<BookDelta> &delta)
{
    const auto decoded = BookCodec::decodeDelta(*BookCodec::encodeDelta(*delta));
    if (!decoded)
        qWarning().noquote() << "decode failed:" << decoded.error();
    return decoded ? *decoded : BookDelta{};
}

NewFeedback lowRating()
{
    NewFeedback f;
    f.orderId = u"ORD-1"_s;
    f.courierId = 7;
    f.rating = 2;
    f.comment = QString::fromUtf8(kComment);
    f.reasons = {u"late"_s};
    return f;
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
};

void TestRecordHistory::listsCreationAndEveryChangedField()
{
    FeedbackBook desk(kDeskOne);
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
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
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
    FeedbackEdit rewrite = by(u"Amira"_s);
    rewrite.comment = u"Rewritten by the customer's request"_s;
    QVERIFY(desk.edit(id, rewrite));
    QVERIFY(!BookCodec::encodeState(desk.state()).contains(kComment));
    QCOMPARE(lines(desk.history(id)), QStringList{u"comment:  -> changed (Amira)"_s});

    FeedbackEdit erase = by(u"Amira"_s);
    erase.erase = ErasedField::All;
    QVERIFY(desk.edit(id, erase));
    const QByteArray state = BookCodec::encodeState(desk.state());
    QVERIFY(!state.contains("Rewritten"_ba));
    QVERIFY(!state.contains("ORD-1"_ba));
    QCOMPARE(lines(desk.history(id)),
             (QStringList{u"comment:  -> changed (Amira)"_s, u"comment:  -> erased (Amira)"_s,
                          u"orderId:  -> erased (Amira)"_s}));
}

void TestRecordHistory::codecAndRenamingKeepTheLog()
{
    FeedbackBook desk(kDeskOne);
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
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
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
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
    const auto created = desk.create(lowRating());
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
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

QTEST_GUILESS_MAIN(TestRecordHistory)
#include "tst_recordhistory.moc"
