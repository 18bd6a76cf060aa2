// Erasure (GDPR art. 17) as a CRDT rule: a grow-only mask of erased fields, and every join and
// apply drops the values of what it names. Shown: the erase wins over earlier, concurrent and
// later values in any delivery order and through full-state joins, no state holds the erased
// bytes afterwards, concurrent erasures add up, an erased field is never written again, and a
// device of the previous version (which does not know field 12) keeps the mask, passes it on
// and still drops the text when it joins a newer device's state.
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTest>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <core/DotRenaming.h>
#include <core/FeedbackBook.h>
#endif

#include "RecordCodecHelpers.h"

using namespace feedback;
using namespace Qt::StringLiterals;

using test::wire;

namespace {

const ReplicaId kKiosk{0xA1, 1};
const ReplicaId kDeskOne{0xB2, 2};
const ReplicaId kDeskTwo{0xC3, 3};
const ReplicaId kPrevious{0xD4, 4};
constexpr qint64 kErasedKey = 12;
constexpr qint64 kElsewhere = 1000; // where the previous device finds it: an unknown key

const QByteArray kComment = "Ring twice, Anna Schmidt, flat 3"_ba;
const QByteArray kConcurrent = "Anna again: ring three times"_ba;
const QByteArray kOrder = "ORD-77-ANNA"_ba;
const QByteArray kContact = "anna.schmidt@example.org"_ba;

NewFeedback personal()
{
    NewFeedback f;
    f.orderId = QString::fromUtf8(kOrder);
    f.courierId = 17;
    f.rating = 2;
    f.comment = QString::fromUtf8(kComment);
    f.contactRequested = true;
    f.contact = QString::fromUtf8(kContact);
    return f;
}

FeedbackEdit erase(quint8 fields)
{
    FeedbackEdit e;
    e.erase = fields;
    return e;
}

FeedbackEdit comment(const QByteArray &text)
{
    FeedbackEdit e;
    e.comment = QString::fromUtf8(text);
    return e;
}

// Whether any of the personal bytes is left in a state, its record rows included.
bool holdsPersonalData(const BookMap &state)
{
    const QByteArray bytes = BookCodec::encodeState(state);
    return bytes.contains(kComment) || bytes.contains(kConcurrent) || bytes.contains(kOrder) ||
           bytes.contains(kContact);
}

// Moves field 12 by `by` in a delta or a state (back with a negative `by`).
QByteArray moveErased(const QByteArray &encoded, qint64 by)
{
    return by < 0 ? test::moveFieldKey(encoded, kErasedKey - by, kErasedKey)
                  : test::moveFieldKey(encoded, kErasedKey, kErasedKey + by);
}

} // namespace

class TestErasureMerge : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void eraseWinsInEveryDeliveryOrder();
    void fullStateJoinsDropTheText();
    void concurrentErasuresAddUp();
    void anErasedFieldIsNeverWrittenAgain();
    void codecAndRenamingKeepTheMask();
    void previousDeviceKeepsTheMaskAndDropsTextOnJoin();
};

void TestErasureMerge::eraseWinsInEveryDeliveryOrder()
{
    for (const bool eraseFirst : {true, false}) {
        FeedbackBook kiosk(kKiosk);
        FeedbackBook one(kDeskOne);
        FeedbackBook two(kDeskTwo);
        const auto created = kiosk.create(personal());
        QVERIFY(created);
        const RecordId id = *created->minted.begin();
        QCOMPARE(one.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(two.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);

        // Desk two rewrites the comment while desk one, not having heard of it, erases all.
        const auto rewritten = two.edit(id, comment(kConcurrent));
        const auto erased = one.edit(id, erase(ErasedField::All));
        QVERIFY(rewritten && erased);
        QVERIFY(!holdsPersonalData(one.state())); // dropped at once where it was made
        if (eraseFirst) {
            QCOMPARE(two.apply(wire(erased)), FeedbackBook::ApplyOutcome::Applied);
            QCOMPARE(one.apply(wire(rewritten)), FeedbackBook::ApplyOutcome::Applied);
        } else {
            QCOMPARE(one.apply(wire(rewritten)), FeedbackBook::ApplyOutcome::Applied);
            QCOMPARE(two.apply(wire(erased)), FeedbackBook::ApplyOutcome::Applied);
        }
        QCOMPARE(kiosk.apply(wire(erased)), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(kiosk.apply(wire(rewritten)), FeedbackBook::ApplyOutcome::Applied);

        for (const FeedbackBook *book : {&kiosk, &one, &two}) {
            const auto v = book->view(id);
            QVERIFY(v);
            QCOMPARE(v->comment, QString());
            QCOMPARE(v->orderId, QString());
            QCOMPARE(v->contact, QString());
            QVERIFY(v->contactErased);
            QCOMPARE(v->erased, QStringList({u"comment"_s, u"contact"_s, u"orderId"_s}));
            QVERIFY(v->conflicts.isEmpty()); // the erased comment is no conflict any more
            QCOMPARE(v->rating, 2);          // what is not personal stays
            QVERIFY(!holdsPersonalData(book->state()));
        }
        QVERIFY(one.state() == two.state());
        QVERIFY(kiosk.state() == one.state());
    }
}

void TestErasureMerge::fullStateJoinsDropTheText()
{
    FeedbackBook kiosk(kKiosk);
    FeedbackBook one(kDeskOne);
    const auto created = kiosk.create(personal());
    const RecordId id = *created->minted.begin();
    QCOMPARE(one.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(one.edit(id, erase(ErasedField::Comment)));

    // The erased state joins one that still holds the text, and the other way round.
    FeedbackBook stale(kDeskTwo);
    stale.join(kiosk.state());
    stale.join(one.state());
    QVERIFY(!BookCodec::encodeState(stale.state()).contains(kComment));
    one.join(kiosk.state());
    QVERIFY(!BookCodec::encodeState(one.state()).contains(kComment));
    QVERIFY(stale.state() == one.state());
    QCOMPARE(one.view(id)->orderId, QString::fromUtf8(kOrder)); // only the comment was asked for
    QCOMPARE(one.view(id)->erased, QStringList{u"comment"_s});
}

void TestErasureMerge::concurrentErasuresAddUp()
{
    FeedbackBook kiosk(kKiosk);
    FeedbackBook one(kDeskOne);
    FeedbackBook two(kDeskTwo);
    const auto created = kiosk.create(personal());
    const RecordId id = *created->minted.begin();
    QCOMPARE(one.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(two.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    const auto a = one.edit(id, erase(ErasedField::Comment));
    const auto b = two.edit(id, erase(ErasedField::Contact));
    QCOMPARE(one.apply(wire(b)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(two.apply(wire(a)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(one.view(id)->erased, QStringList({u"comment"_s, u"contact"_s}));
    QVERIFY(one.state() == two.state());

    // A later erase of the order id overwrites both values it has seen, and keeps their bits.
    const auto c = one.edit(id, erase(ErasedField::OrderId));
    QVERIFY(c);
    QCOMPARE(two.apply(wire(c)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(two.view(id)->erased, QStringList({u"comment"_s, u"contact"_s, u"orderId"_s}));
    QCOMPARE(two.state().find(id)->dispatch().erased.entries().size(), std::size_t{1});
    QVERIFY(!holdsPersonalData(two.state()));
}

void TestErasureMerge::anErasedFieldIsNeverWrittenAgain()
{
    FeedbackBook one(kDeskOne);
    const auto created = one.create(personal());
    const RecordId id = *created->minted.begin();
    QVERIFY(one.edit(id, erase(ErasedField::Comment)));
    const auto again = one.edit(id, erase(ErasedField::Comment));
    QVERIFY(!again);
    QVERIFY2(again.error().contains(u"Already erased"_s), qPrintable(again.error()));
    const auto write = one.edit(id, comment("new text"_ba));
    QVERIFY(!write);
    QVERIFY2(write.error().contains(u"cannot be written again"_s), qPrintable(write.error()));
    QVERIFY(!one.edit(id, erase(0x08)));            // no such field
    QVERIFY(one.edit(id, erase(ErasedField::All))); // the rest still can be
    FeedbackEdit details;
    details.contact = u"+49 30 123456"_s;
    QVERIFY(!one.edit(id, details));
    FeedbackEdit rating;
    rating.rating = 5;
    QVERIFY(one.edit(id, rating)); // what is not personal stays editable
}

void TestErasureMerge::codecAndRenamingKeepTheMask()
{
    FeedbackBook one(kDeskOne);
    const auto created = one.create(personal());
    const RecordId id = *created->minted.begin();
    const auto erased = one.edit(id, erase(ErasedField::All));
    QVERIFY(wire(erased) == *erased);
    const auto state = BookCodec::decodeState(BookCodec::encodeState(one.state()));
    QVERIFY2(state, qPrintable(state.error()));
    QVERIFY(*state == one.state());
    const auto row =
        BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, *one.state().find(id)));
    QVERIFY2(row, qPrintable(row.error()));
    QVERIFY(*row == *one.state().find(id));

    // A profile continuing under a new id renames the mask's dot like every other.
    const DotRenaming renaming(kDeskOne, 0, kDeskTwo); // every dot of desk one
    const BookMap renamed = renaming.state(one.state());
    const FeedbackRecordState &record = *renamed.find(renaming(id));
    QCOMPARE(record.erasedMask(), quint8{ErasedField::All});
    for (const auto &entry : record.dispatch().erased.entries())
        QCOMPARE(entry.first.replica, kDeskTwo);
    QVERIFY(renaming.delta(*erased).entries.begin()->second.erased->store.begin()->first.replica ==
            kDeskTwo);
}

void TestErasureMerge::previousDeviceKeepsTheMaskAndDropsTextOnJoin()
{
    FeedbackBook kiosk(kKiosk);
    FeedbackBook one(kDeskOne);
    FeedbackBook previous(kPrevious);
    const auto created = kiosk.create(personal());
    const RecordId id = *created->minted.begin();
    QCOMPARE(one.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(previous.apply(wire(created)), FeedbackBook::ApplyOutcome::Applied);
    const auto erased = one.edit(id, erase(ErasedField::All));

    // The erase delta as the previous device reads it: field 12 is one of a newer version.
    const auto asPrevious =
        BookCodec::decodeDelta(moveErased(*BookCodec::encodeDelta(*erased), kElsewhere));
    QVERIFY2(asPrevious, qPrintable(asPrevious.error()));
    QCOMPARE(previous.apply(*asPrevious), FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(previous.state().find(id)->unknown().fields.count(kErasedKey + kElsewhere));
    QCOMPARE(previous.view(id)->comment, QString::fromUtf8(kComment)); // it cannot know better

    // It passes the mask on: a device of this version reading its state erases.
    const auto passedOn =
        BookCodec::decodeState(moveErased(BookCodec::encodeState(previous.state()), -kElsewhere));
    QVERIFY2(passedOn, qPrintable(passedOn.error()));
    QVERIFY(!holdsPersonalData(*passedOn)); // its rows and states are read without the text
    FeedbackBook fresh(kDeskTwo);
    fresh.join(*passedOn);
    QVERIFY(!holdsPersonalData(fresh.state()));
    QVERIFY(fresh.state() == one.state());

    // Joining a newer device's state (a snapshot), it drops the text too: the comment's dot is
    // seen and gone there, and the erased order id is the smaller of two creations.
    const auto snapshot =
        BookCodec::decodeState(moveErased(BookCodec::encodeState(one.state()), kElsewhere));
    QVERIFY2(snapshot, qPrintable(snapshot.error()));
    previous.join(*snapshot);
    QVERIFY(!BookCodec::encodeState(previous.state()).contains(kComment));
    QVERIFY(!BookCodec::encodeState(previous.state()).contains(kOrder));
    QCOMPARE(previous.view(id)->orderId, QString::fromUtf8(FeedbackRecordState::kErasedOrderId));
}

QTEST_GUILESS_MAIN(TestErasureMerge)
#include "tst_erasuremerge.moc"
