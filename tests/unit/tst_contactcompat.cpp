// The contact fields (keys 10 and 11) are added to format 1 without a version bump, so devices
// of format 1 built with the previous field set keep them as fields of a newer version and pass
// them on (PROTOCOL.md, "Compatibility"). Such a device is this program reading the fields under
// keys it does not know: what this version writes is moved to keys 1010 and 1011 on the way to
// the "previous" device and back on the way out, so its unknown-field path (the same one a
// previous release runs for 10 and 11) holds them. Shown: it keeps them with their dots, merges
// concurrent values and waits for what an overwrite needs as a device that knows them would,
// writes them back in states, record rows and re-encoded deltas, and renames their dots when
// its profile continues under a new id.
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QTest>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <core/DotRenaming.h>
#include <core/FeedbackBook.h>
#endif

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

const ReplicaId kKiosk{0xA1, 1};
const ReplicaId kDeskOne{0xB2, 2};
const ReplicaId kDeskTwo{0xC3, 3};
const ReplicaId kPrevious{0xD4, 4};
constexpr qint64 kContactRequested = 10;
constexpr qint64 kContact = 11;
constexpr qint64 kElsewhere = 1000; // where the previous device finds them: unknown keys

// Moves the record field keys `from` to `from + by` in a delta, state or record row of format 1.
QByteArray moveKeys(const QByteArray &encoded, qint64 by)
{
    const auto moved = [by](const QCborMap &fields) {
        QCborMap out;
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            const qint64 key = it.key().toInteger();
            const bool ours = key == kContactRequested + (by < 0 ? -by : 0) ||
                              key == kContact + (by < 0 ? -by : 0);
            out.insert(ours ? key + by : key, it.value());
        }
        return out;
    };
    QCborArray top = QCborValue::fromCbor(encoded).toArray();
    if (top.at(1).toInteger() == 2) { // a record row: [version, 2, replicas, fields]
        top[3] = moved(top.at(3).toMap());
    } else { // a delta or a state: records [[id, fields]...]
        QCborArray records = top.at(4).toArray();
        for (qsizetype i = 0; i < records.size(); ++i) {
            QCborArray record = records.at(i).toArray();
            record[1] = moved(record.at(1).toMap());
            records[i] = record;
        }
        top[4] = records;
    }
    return QCborValue(top).toCbor();
}
QByteArray toPrevious(const QByteArray &encoded)
{
    return moveKeys(encoded, kElsewhere);
}
QByteArray fromPrevious(const QByteArray &encoded)
{
    return moveKeys(encoded, -kElsewhere);
}

BookDelta decoded(const QByteArray &bytes)
{
    auto delta = BookCodec::decodeDelta(bytes);
    if (!delta)
        qWarning().noquote() << "decode failed:" << delta.error();
    return delta ? *delta : BookDelta{};
}
// A delta of this version as the previous device receives it.
BookDelta asPrevious(const Result<BookDelta> &delta)
{
    return decoded(toPrevious(*BookCodec::encodeDelta(*delta)));
}
BookDelta wire(const Result<BookDelta> &delta)
{
    return decoded(*BookCodec::encodeDelta(*delta));
}

NewFeedback askedToBeCalled()
{
    NewFeedback f;
    f.orderId = u"ORD-000042"_s;
    f.courierId = 17;
    f.rating = 4;
    f.contactRequested = true;
    f.contact = u"+49 30 123456"_s;
    return f;
}

// The state a device of this version decodes from what the previous one wrote.
BookMap readBack(const FeedbackBook &previous)
{
    const auto state =
        BookCodec::decodeState(fromPrevious(BookCodec::encodeState(previous.state())));
    if (!state)
        qWarning().noquote() << "state decode failed:" << state.error();
    return state ? *state : BookMap{};
}

} // namespace

class TestContactCompat : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void previousDeviceKeepsAndPassesOnTheNewFields();
    void previousDeviceMergesThemAsANewOneWould();
    void renamingCoversTheirDots();
};

void TestContactCompat::previousDeviceKeepsAndPassesOnTheNewFields()
{
    FeedbackBook kiosk(kKiosk);
    const auto created = kiosk.create(askedToBeCalled());
    const RecordId id = *created->minted.begin();
    FeedbackBook previous(kPrevious);
    QCOMPARE(previous.apply(asPrevious(created)), FeedbackBook::ApplyOutcome::Applied);

    // It shows what it knows (the dispatcher's flag is an old field) and holds the rest aside.
    const auto seen = previous.view(id);
    QCOMPARE(seen->rating, 4);
    QVERIFY(seen->needsFollowUp);
    QVERIFY(!seen->contactRequested);
    QVERIFY(seen->contact.isEmpty());
    const FeedbackRecordState &held = *previous.state().find(id);
    QVERIFY(held.contact().empty());
    QCOMPARE(held.unknown().fields.size(), std::size_t{2});
    QVERIFY(held.unknown().fields.count(kContactRequested + kElsewhere));
    QVERIFY(held.unknown().fields.count(kContact + kElsewhere));

    // What it passes on reads back, on a device of this version, as what the kiosk wrote:
    // through its state, its record row and a delta it re-encodes (its deferred queue does).
    QVERIFY(readBack(previous) == kiosk.state());
    const auto row = BookCodec::decodeRecord(id, fromPrevious(BookCodec::encodeRecord(id, held)));
    QVERIFY2(row, qPrintable(row.error()));
    QVERIFY(*row == *kiosk.state().find(id));
    const auto again = BookCodec::encodeDelta(asPrevious(created));
    QVERIFY(again);
    QVERIFY(decoded(fromPrevious(*again)) == *created);

    // Its own edits leave them alone.
    FeedbackEdit rate;
    rate.rating = 2;
    const auto rated = previous.edit(id, rate);
    QVERIFY(rated);
    QVERIFY(kiosk.apply(wire(rated)) == FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(readBack(previous) == kiosk.state());
    QCOMPARE(kiosk.view(id)->contact, u"tel:+4930123456"_s);
    QCOMPARE(kiosk.view(id)->rating, 2);
}

void TestContactCompat::previousDeviceMergesThemAsANewOneWould()
{
    // The kiosk's record; two desks of this version then, concurrently, one erases the details
    // and withdraws the request, the other confirms the request (with the later clock).
    const qint64 wall = 1'700'000'000'000;
    FeedbackBook kiosk(kKiosk, HybridLogicalClock([&] { return wall; }));
    FeedbackBook one(kDeskOne, HybridLogicalClock([&] { return wall; }));
    FeedbackBook two(kDeskTwo, HybridLogicalClock([&] { return wall + 60'000; }));
    const auto created = kiosk.create(askedToBeCalled());
    const RecordId id = *created->minted.begin();
    QVERIFY(one.apply(wire(created)) == FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(two.apply(wire(created)) == FeedbackBook::ApplyOutcome::Applied);
    FeedbackEdit eraseAndWithdraw;
    eraseAndWithdraw.contact = QString();
    eraseAndWithdraw.contactRequested = false;
    FeedbackEdit confirm;
    confirm.contactRequested = true;
    const auto fromOne = one.edit(id, eraseAndWithdraw);
    const auto fromTwo = two.edit(id, confirm);
    QVERIFY(fromOne && fromTwo);
    // The reference: a device of this version with everything.
    FeedbackBook reference(ReplicaId{0xE5, 5});
    for (const auto *d : {&created, &fromOne, &fromTwo})
        QVERIFY(reference.apply(wire(*d)) == FeedbackBook::ApplyOutcome::Applied);
    const auto shown = reference.view(id);
    QVERIFY(!shown->contactRequested); // withdrawal wins
    QVERIFY(shown->contactErased);
    QCOMPARE(shown->conflicts.size(), 1);

    // The previous device gets the edits first: they wait for the record in its deferred queue,
    // which it stores re-encoded, fields it does not know included, and apply once it came.
    FeedbackBook previous(kPrevious);
    QCOMPARE(previous.apply(asPrevious(fromOne)), FeedbackBook::ApplyOutcome::Deferred);
    QCOMPARE(previous.apply(asPrevious(fromTwo)), FeedbackBook::ApplyOutcome::Deferred);
    const auto waiting = BookCodec::encodeDelta(previous.deferred().front());
    QVERIFY(decoded(fromPrevious(*waiting)) == *fromOne); // the deferred queue as stored
    QCOMPARE(previous.apply(asPrevious(created)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(previous.deferredCount(), std::size_t{0});
    // Both concurrent requests and the erasure are kept, by their dots, as on the reference.
    const auto &requested =
        previous.state().find(id)->unknown().fields.at(kContactRequested + kElsewhere);
    QCOMPARE(requested.entries().size(), std::size_t{2});
    QVERIFY(readBack(previous) == reference.state());
    // Full-state joins through the previous device converge as well.
    FeedbackBook joined(ReplicaId{0xF6, 6});
    joined.join(readBack(previous));
    QCOMPARE(joined.view(id), reference.view(id));
}

void TestContactCompat::renamingCoversTheirDots()
{
    // A profile restored from a backup continues under a new id: every dot it made after the
    // last one the relay confirmed is renamed, in the fields it knows and in those it does not.
    const ReplicaId renamedTo{0x99, 9};
    FeedbackBook kiosk(kKiosk);
    const auto first = kiosk.create(askedToBeCalled());
    const auto second = kiosk.create(askedToBeCalled());
    const RecordId id = *second->minted.begin();
    FeedbackBook previous(kPrevious);
    QVERIFY(previous.apply(asPrevious(first)) == FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(previous.apply(asPrevious(second)) == FeedbackBook::ApplyOutcome::Applied);
    const DotRenaming rename(kKiosk, 1, renamedTo);
    const auto keepsOldDots = [&](const FeedbackRecordState &record) {
        bool old = false;
        record.forEachDot([&](const crdt::Dot &dot) { old = old || rename.renames(dot); });
        return old;
    };
    QVERIFY(keepsOldDots(*kiosk.state().find(id)));
    QVERIFY(!keepsOldDots(rename.record(*kiosk.state().find(id))));
    QVERIFY(!keepsOldDots(rename.record(*previous.state().find(id))));
    // Renamed on either device, the state reads back the same.
    const BookMap renamedHere = rename.state(kiosk.state());
    const BookMap renamedThere = rename.state(previous.state());
    const auto back = BookCodec::decodeState(fromPrevious(BookCodec::encodeState(renamedThere)));
    QVERIFY2(back, qPrintable(back.error()));
    QVERIFY(*back == renamedHere);
    // And so does a renamed delta (the outbox is renamed too).
    const BookDelta renamedDelta = rename.delta(asPrevious(second));
    QVERIFY(decoded(fromPrevious(*BookCodec::encodeDelta(renamedDelta))) == rename.delta(*second));
}

QTEST_GUILESS_MAIN(TestContactCompat)
#include "tst_contactcompat.moc"
