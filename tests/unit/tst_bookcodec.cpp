// The binary encoding of deltas and states (BookCodec): exact round trips of every mutation
// kind, of delta groups and of large states with conflicts, whatever the book produces, and the
// size of a new record's delta. Hostile input: tst_bookcodechostile.
// A failing randomised case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>
// (FEEDBACK_TEST_SEEDS=<n> runs n times more cases). FEEDBACK_WRITE_FUZZ_CORPUS=<dir> writes
// valid encodings into <dir> (the seed corpus of tests/fuzz/fuzz_bookcodec).
#include <QCborArray>
#include <QCborMap>
#include <QCborStreamWriter>
#include <QObject>
#include <QTest>

// moc (Qt 6.4 via CMake 3.25) cannot parse the C++20 standard headers; it only needs the class.
#ifndef Q_MOC_RUN
#include "BookCodecTestSupport.h"

#include <vector>
#endif

using namespace feedback;
using namespace feedback::test;

namespace {

// Empty when the delta survives encode, decode and encode again unchanged.
QString deltaRoundTrip(const BookDelta &delta)
{
    const auto bytes = BookCodec::encodeDelta(delta);
    if (!bytes)
        return QStringLiteral("encode failed: ") + bytes.error();
    const auto decoded = BookCodec::decodeDelta(*bytes);
    if (!decoded)
        return QStringLiteral("decode failed: ") + decoded.error();
    if (!(*decoded == delta))
        return QStringLiteral("decoded delta differs");
    const auto again = BookCodec::encodeDelta(*decoded);
    return again && *again == *bytes ? QString() : QStringLiteral("re-encoding differs");
}

// The same for a whole state, which must also restore into a book with the same views.
QString stateRoundTrip(const FeedbackBook &book)
{
    const QByteArray bytes = BookCodec::encodeState(book.state());
    const auto decoded = BookCodec::decodeState(bytes);
    if (!decoded)
        return QStringLiteral("decode failed: ") + decoded.error();
    if (!(*decoded == book.state()))
        return QStringLiteral("decoded state differs");
    if (BookCodec::encodeState(*decoded) != bytes)
        return QStringLiteral("re-encoding differs");
    FeedbackBook restored = makeBook(2);
    restored.restoreState(*decoded);
    return restored.views() == book.views() ? QString() : QStringLiteral("views differ");
}

bool hasForeignContextDot(const BookDelta &delta)
{
    bool found = false;
    delta.forEachContextDot(
        [&](const crdt::Dot &d) { found = found || !delta.minted.contains(d); });
    return found;
}

} // namespace

class TestBookCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMutationKindRoundTrips();
    void deltaGroupsRoundTrip();
    void largeStatesRoundTrip();
    void bookOutputAlwaysDecodes();
    void newRecordDeltaIsSmall();
    void layoutRulesTheDecoderReliesOn();
};

void TestBookCodec::everyMutationKindRoundTrips()
{
    FeedbackBook a = makeBook(0);
    std::vector<std::pair<QString, Result<BookDelta>>> cases;
    auto create = [&](const char *label, const NewFeedback &in) {
        cases.emplace_back(QString::fromLatin1(label), a.create(in));
        return cases.back().second ? idOf(*cases.back().second) : RecordId();
    };
    const QStringList reasons = {QStringLiteral("late"), QStringLiteral("damaged")};
    const RecordId full = create("create, all fields", input(1, 42, 2, kComment80, reasons, true));
    const RecordId bare = create("create, no comment, no reasons", input(2, 1, 5));
    NewFeedback noFollowUp = input(3, 4294967295, 1);
    noFollowUp.needsFollowUp = false;
    create("create, explicit follow-up flag", noFollowUp);
    const std::vector<std::pair<const char *, FeedbackEdit>> edits = {
        {"rating", makeEdit([](auto &e) { e.rating = 1; })},
        {"comment", makeEdit([](auto &e) { e.comment = QStringLiteral("Changed: ünïcödé 👍"); })},
        {"empty comment", makeEdit([](auto &e) { e.comment = QString(); })},
        {"consent", makeEdit([](auto &e) { e.publishConsent = false; })},
        {"needs follow-up", makeEdit([](auto &e) { e.needsFollowUp = true; })},
        {"follow-up in progress",
         makeEdit([](auto &e) { e.followUp = FollowUpStatus::InProgress; })},
        {"follow-up resolved", makeEdit([](auto &e) { e.followUp = FollowUpStatus::Resolved; })},
        {"assignee", makeEdit([](auto &e) { e.assignee = QStringLiteral("Dana"); })},
        {"note", makeEdit([](auto &e) {
             e.noteAuthor = QStringLiteral("S"), e.noteText = QStringLiteral("Hi");
         })},
        {"note without author", makeEdit([](auto &e) { e.noteText = QStringLiteral("Sent\tok"); })},
        {"reasons swap", makeEdit([](auto &e) {
             e.reasons = QStringList{QStringLiteral("late"), QStringLiteral("fast")};
         })},
        {"reasons removal", makeEdit([](auto &e) { e.reasons = QStringList(); })},
        {"multi-field", makeEdit([](auto &e) {
             e.rating = 4, e.comment = QStringLiteral("better"), e.publishConsent = true;
             e.reasons = QStringList{QStringLiteral("rude")}, e.followUp = FollowUpStatus::Open;
             e.assignee = QStringLiteral("Lee"), e.noteText = QStringLiteral("merged");
         })},
        {"retract", makeEdit([](auto &e) { e.retract = true; })},
    };
    for (const auto &[label, e] : edits)
        cases.emplace_back(QString::fromLatin1(label), a.edit(full, e));
    cases.emplace_back(QStringLiteral("first comment"),
                       a.edit(bare, makeEdit([](auto &e) { e.comment = QStringLiteral("new"); })));

    FeedbackBook b = makeBook(1); // receives every decoded delta
    for (const auto &[label, result] : cases) {
        QVERIFY2(result.ok(), qPrintable(label + QStringLiteral(": ") + result.error()));
        const QString error = deltaRoundTrip(*result);
        QVERIFY2(error.isEmpty(), qPrintable(label + QStringLiteral(": ") + error));
        const auto decoded = BookCodec::decodeDelta(*BookCodec::encodeDelta(*result));
        QCOMPARE(b.apply(*decoded), FeedbackBook::ApplyOutcome::Applied);
    }
    QVERIFY(b.views() == a.views());
    writeSeed("delta-create", *BookCodec::encodeDelta(*cases.front().second));
    writeSeed("delta-multi-edit", *BookCodec::encodeDelta(*cases[cases.size() - 3].second));

    BookDelta forged = *cases.front().second; // its entries name dots it does not mint
    forged.minted = {};
    QVERIFY(!BookCodec::encodeDelta(forged).error().isEmpty());
}

void TestBookCodec::deltaGroupsRoundTrip()
{
    FeedbackBook a = makeBook(0);
    FeedbackBook b = makeBook(1);
    const BookDelta d1 = *a.create(input(9, 9, 3));
    const BookDelta d2 = *a.create(input(10, 10, 2, QStringLiteral("slow")));
    const RecordId r1 = idOf(d1);
    const RecordId r2 = idOf(d2);
    QCOMPARE(b.apply(d1), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(b.apply(d2), FeedbackBook::ApplyOutcome::Applied);
    const BookDelta e1 =
        *b.edit(r1, makeEdit([](auto &e) { e.rating = 1, e.comment = QString(); }));
    const BookDelta e2 = *a.edit(r1, makeEdit([](auto &e) { e.rating = 5; })); // concurrent
    const BookDelta e3 = *a.edit(r2, makeEdit([](auto &e) { e.noteText = QStringLiteral("n"); }));
    const BookDelta e4 = *b.edit(
        r2, makeEdit([](auto &e) { e.retract = true, e.followUp = FollowUpStatus::Resolved; }));
    const BookDelta e5 =
        *b.edit(r1, makeEdit([](auto &e) { e.reasons = QStringList{QStringLiteral("fast")}; }));
    QVERIFY(hasForeignContextDot(e1)); // overwrites a's rating: a dot it did not mint

    auto group = [](std::initializer_list<const BookDelta *> parts) {
        BookDelta g;
        for (const BookDelta *p : parts)
            g.join(*p);
        return g;
    };
    const BookDelta fromA = group({&d1, &d2, &e2, &e3});
    const BookDelta fromB = group({&e1, &e4, &e5});
    const BookDelta mixed = group({&e5, &d2, &e1, &e3, &d1, &e4, &e2});
    QVERIFY(hasForeignContextDot(fromB));
    for (const BookDelta *g : {&fromA, &fromB, &mixed}) {
        const QString error = deltaRoundTrip(*g);
        QVERIFY2(error.isEmpty(), qPrintable(error));
    }
    writeSeed("delta-group", *BookCodec::encodeDelta(mixed));

    FeedbackBook c = makeBook(2); // everything through one decoded group
    QCOMPARE(c.apply(*BookCodec::decodeDelta(*BookCodec::encodeDelta(mixed))),
             FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(a.apply(*BookCodec::decodeDelta(*BookCodec::encodeDelta(fromB))),
             FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(b.apply(*BookCodec::decodeDelta(*BookCodec::encodeDelta(fromA))),
             FeedbackBook::ApplyOutcome::Applied);
    QVERIFY(c.views() == a.views());
    QVERIFY(c.views() == b.views());
    QVERIFY(!c.view(r1)->conflicts.isEmpty());
}

void TestBookCodec::largeStatesRoundTrip()
{
    const quint64 seed = baseSeed();
    Rng rng(seed);
    std::vector<FeedbackBook> books;
    for (std::size_t r = 0; r < 3; ++r)
        books.push_back(makeBook(r));
    std::vector<RecordId> ids;
    for (int n = 0; n < 300; ++n) { // every creation reaches every replica
        const std::size_t r = static_cast<std::size_t>(n % 3);
        const auto d = books[r].create(randomFeedback(rng, n));
        CHECK(d.ok(), QStringLiteral("create: ") + d.error());
        CHECK(deltaRoundTrip(*d).isEmpty(), QStringLiteral("create round trip"));
        ids.push_back(idOf(*d));
        for (std::size_t q = 0; q < 3; ++q)
            CHECK(q == r || books[q].apply(*d) == FeedbackBook::ApplyOutcome::Applied,
                  QStringLiteral("sync"));
    }
    for (int n = 0; n < 600; ++n) { // concurrent edits, each delivered with probability 1/2
        const std::size_t r = static_cast<std::size_t>(pick(rng, 3));
        const RecordId &id = ids[static_cast<std::size_t>(pick(rng, 300))];
        const auto d = books[r].edit(id, randomEdit(rng));
        CHECK(d.ok(), QStringLiteral("edit: ") + d.error());
        const QString error = deltaRoundTrip(*d);
        CHECK(error.isEmpty(), QStringLiteral("edit %1: %2").arg(n).arg(error));
        for (std::size_t q = 0; q < 3; ++q)
            if (q != r && pick(rng, 2) == 0)
                books[q].apply(*d);
    }
    bool gaps = false;
    for (const FeedbackBook &book : books) { // partial states, with gaps in their contexts
        gaps = gaps || !book.state().context().cloud().empty();
        const QString error = stateRoundTrip(book);
        CHECK(error.isEmpty(), QStringLiteral("replica state: ") + error);
    }
    CHECK(gaps, QStringLiteral("some replica has a dot cloud"));
    FeedbackBook merged = makeBook(0);
    for (const FeedbackBook &book : books)
        merged.join(book.state());
    qsizetype conflicts = 0;
    for (const FeedbackRecordView &v : merged.views())
        conflicts += v.conflicts.size();
    CHECK(merged.size() == 300 && conflicts > 0, QStringLiteral("300 records with conflicts"));
    const QString error = stateRoundTrip(merged);
    CHECK(error.isEmpty(), QStringLiteral("merged state: ") + error);
    qInfo("state of %zu records from 3 replicas, %lld conflicting fields: %lld bytes",
          merged.size(), static_cast<long long>(conflicts),
          static_cast<long long>(BookCodec::encodeState(merged.state()).size()));
}

// Whatever the book's mutations and apply() produce must encode and decode again.
void TestBookCodec::bookOutputAlwaysDecodes()
{
    FeedbackBook a = makeBook(0);
    FeedbackBook b = makeBook(1);
    const auto created = a.create(input(1, 1, 4));
    const RecordId id = idOf(*created);
    // Setting the reasons a record already has changes nothing: refused, and no dot minted
    // (an empty delta could never be encoded, leaving a gap in the sequence).
    const quint64 sequence = a.sequence();
    const auto same = a.edit(id, makeEdit([](auto &e) { e.reasons = QStringList(); }));
    QVERIFY(!same.ok());
    QCOMPARE(a.sequence(), sequence);
    // A note overwrites nothing, yet waits for the record's creation: applied before it, the
    // record would have no creation and its state could not be encoded.
    const BookDelta note = *a.edit(id, makeEdit([](auto &e) { e.noteText = QStringLiteral("n"); }));
    QVERIFY2(deltaRoundTrip(note).isEmpty(), qPrintable(deltaRoundTrip(note)));
    QCOMPARE(b.apply(note), FeedbackBook::ApplyOutcome::Deferred);
    QVERIFY(!b.view(id));
    QCOMPARE(b.apply(*created), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(b.deferredCount(), std::size_t{0});
    QCOMPARE(b.view(id)->notes.size(), 1);
    const auto decoded = BookCodec::decodeState(BookCodec::encodeState(b.state()));
    QVERIFY2(decoded.ok(), qPrintable(decoded.error()));
}

void TestBookCodec::newRecordDeltaIsSmall()
{
    FeedbackBook book = makeBook(0);
    QCOMPARE(kComment80.size(), qsizetype(80));
    const QStringList reasons = {QStringLiteral("fast"), QStringLiteral("friendly")};
    const auto delta = book.create(input(123456, 437, 4, kComment80, reasons, true));
    QVERIFY2(delta.ok(), qPrintable(delta.error()));
    const QByteArray bytes = *BookCodec::encodeDelta(*delta);
    qInfo("new-record delta: %lld bytes", static_cast<long long>(bytes.size()));
    QVERIFY2(bytes.size() <= 250, qPrintable(QString::number(bytes.size())));
}

// PROTOCOL.md, "Compatibility": a row's creation comes first and every array gives its length.
// What this program writes keeps both; bytes that break them are refused, never misread.
void TestBookCodec::layoutRulesTheDecoderReliesOn()
{
    FeedbackBook book = makeBook(0);
    const auto delta = book.create(input(4711, 12, 5, QStringLiteral("on time")));
    QVERIFY2(delta.ok(), qPrintable(delta.error()));
    const RecordId id = idOf(*delta);
    const QByteArray row = BookCodec::encodeRecord(id, *book.state().find(id));
    QVERIFY(BookCodec::decodeRecord(id, row).ok());

    // The same fields with the creation last: its entries ([value]) would have no stamp yet.
    QCborArray top = QCborValue::fromCbor(row).toArray();
    const QCborMap fields = top.at(3).toMap();
    QVERIFY(fields.value(1).isArray()); // the rating, written by the creation as [[5]]
    QCborMap reordered;
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it)
        if (it.key().toInteger() != 0)
            reordered.insert(it.key(), it.value());
    reordered.insert(0, fields.value(0));
    top[3] = reordered;
    const auto late = BookCodec::decodeRecord(id, top.toCborValue().toCbor());
    QVERIFY(!late.ok());
    QVERIFY2(late.error().contains(QLatin1String("before the creation")), qPrintable(late.error()));

    // A state whose top array gives no length and holds a sixth item.
    const QCborArray state = QCborValue::fromCbor(BookCodec::encodeState(book.state())).toArray();
    QByteArray open;
    {
        QCborStreamWriter w(&open);
        w.startArray();
        for (const QCborValue &item : state)
            item.toCbor(w);
        QCborValue(0).toCbor(w);
        w.endArray();
    }
    const auto six = BookCodec::decodeState(open);
    QVERIFY(!six.ok());
    QVERIFY2(six.error().contains(QLatin1String("5-item")), qPrintable(six.error()));
}

QTEST_APPLESS_MAIN(TestBookCodec)
#include "tst_bookcodec.moc"
