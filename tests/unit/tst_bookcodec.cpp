// The binary encoding of deltas and states (BookCodec): exact round trips of every mutation
// kind, of delta groups and of large states with conflicts; and hostile input (truncation,
// random corruption, CBOR bombs, out-of-range values), which must give an error, never a crash.
// A failing randomised case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>
// (FEEDBACK_TEST_SEEDS=<n> runs n times more cases). FEEDBACK_WRITE_FUZZ_CORPUS=<dir> writes
// valid encodings into <dir> (the seed corpus of tests/fuzz/fuzz_bookcodec).
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDir>
#include <QFile>
#include <QObject>
#include <QTest>

// moc (Qt 6.4 via CMake 3.25) cannot parse the C++20 standard headers; it only needs the class.
#ifndef Q_MOC_RUN
#include "core/BookCodec.h"
#include "core/FeedbackBook.h"
#include "support/CborBombs.h"

#include <array>
#include <random>
#include <vector>
#endif

using namespace feedback;

namespace {

using Rng = std::mt19937_64;

const std::array<ReplicaId, 3> kReplicas = {ReplicaId{0x0123456789ABCDEFULL, 0x1111},
                                            ReplicaId{0xFEDCBA9876543210ULL, 2}, ReplicaId{0, 3}};
constexpr qint64 kHlc = qint64{1700000000000} << 16;
const QString kComment80 = QStringLiteral("Courier was polite and on time, parcel intact; left "
                                          "it at the door as asked! ✓✓✓");

quint64 baseSeed()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0xC0DEC5EEDULL;
}

int caseCount(int base)
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("FEEDBACK_TEST_SEEDS", &ok);
    return base * (ok && factor > 1 ? factor : 1);
}

QByteArray why(quint64 seed, const QString &what)
{
    return QStringLiteral("%1; rerun with FEEDBACK_TEST_SEED=%2").arg(what).arg(seed).toUtf8();
}

// QVERIFY2 that builds its message only on failure; needs `seed` in scope.
#define CHECK(cond, what)                                                                          \
    do {                                                                                           \
        if (!(cond))                                                                               \
            QVERIFY2(cond, why(seed, what).constData());                                           \
    } while (false)

int pick(Rng &rng, int n)
{
    return std::uniform_int_distribution<int>(0, n - 1)(rng);
}

FeedbackBook makeBook(std::size_t r)
{
    const qint64 start = 1700000000000 + static_cast<qint64>(r);
    return FeedbackBook(kReplicas[r], HybridLogicalClock([t = start]() mutable { return t += 3; }));
}

RecordId idOf(const BookDelta &created)
{
    return created.entries.begin()->first;
}

NewFeedback input(int order, qint64 courier, int rating, const QString &comment = QString(),
                  const QStringList &reasons = {}, bool consent = false)
{
    return {QStringLiteral("ORD-%1").arg(order), courier, rating, comment, reasons, consent, {}};
}

template <class F> FeedbackEdit makeEdit(F &&change)
{
    FeedbackEdit e;
    change(e);
    return e;
}

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

// Decodes `bytes` as a state or a delta: {accepted, the decoder's error}. When accepted, the
// error is empty only if the value re-encodes and decodes again to itself.
std::pair<bool, QString> decode(const QByteArray &bytes, bool state)
{
    if (state) {
        const auto s = BookCodec::decodeState(bytes);
        if (!s)
            return {false, s.error()};
        const auto back = BookCodec::decodeState(BookCodec::encodeState(*s));
        return {true, back && *back == *s ? QString() : QStringLiteral("no state round trip")};
    }
    const auto d = BookCodec::decodeDelta(bytes);
    if (!d)
        return {false, d.error()};
    const auto again = BookCodec::encodeDelta(*d);
    const bool same =
        again && BookCodec::decodeDelta(*again) && *BookCodec::decodeDelta(*again) == *d;
    return {true, same ? QString() : QStringLiteral("no delta round trip")};
}

bool hasForeignContextDot(const BookDelta &delta)
{
    bool found = false;
    delta.forEachContextDot(
        [&](const crdt::Dot &d) { found = found || !delta.minted.contains(d); });
    return found;
}

void writeSeed(const char *name, const QByteArray &bytes)
{
    const QString dir = qEnvironmentVariable("FEEDBACK_WRITE_FUZZ_CORPUS");
    QFile file(QDir(dir).filePath(QString::fromLatin1(name)));
    if (!dir.isEmpty() && QDir().mkpath(dir) && file.open(QIODevice::WriteOnly))
        file.write(bytes);
}

NewFeedback randomFeedback(Rng &rng, int n)
{
    static const QStringList comments = {QString(), QStringLiteral("Fast and friendly"),
                                         QStringLiteral("Le colis était abîmé — très déçu"),
                                         QStringLiteral("📦 arrived late 🙁\nsecond line"),
                                         kComment80};
    NewFeedback in = input(100000 + n, 1 + pick(rng, 500), 1 + pick(rng, 5),
                           comments.at(pick(rng, 5)), {}, pick(rng, 2) == 0);
    for (const QString &tag : ReasonCatalog::defaultTags())
        if (pick(rng, 4) == 0)
            in.reasons.append(tag);
    if (pick(rng, 4) == 0)
        in.needsFollowUp = pick(rng, 2) == 0;
    return in;
}

FeedbackEdit randomEdit(Rng &rng)
{
    FeedbackEdit e;
    for (int i = 0, n = 1 + pick(rng, 3); i < n; ++i) {
        const int kind = pick(rng, 9);
        const int x = pick(rng, 100);
        if (kind == 0)
            e.rating = 1 + x % 5;
        else if (kind == 1)
            e.comment = QStringLiteral("edited %1 ✎").arg(x);
        else if (kind == 2)
            e.reasons = ReasonCatalog::defaultTags().mid(x % 7, x % 3), e.rating = 1 + x % 5;
        else if (kind == 3 || kind == 4)
            (kind == 3 ? e.publishConsent : e.needsFollowUp) = x % 2 == 0;
        else if (kind == 5)
            e.followUp = static_cast<FollowUpStatus>(x % 3);
        else if (kind == 6)
            e.assignee = QStringLiteral("agent-%1").arg(x % 4);
        else if (kind == 7)
            e.noteAuthor = QStringLiteral("Sam"), e.noteText = QStringLiteral("call %1").arg(x);
        else
            e.retract = x % 3 == 0;
    }
    if (e.isEmpty())
        e.rating = 3;
    return e;
}

// Hostile input: a minimal valid delta or state in CBOR, with one value replaced by `value`.
// The path leads to it through arrays (by index) and maps (by key).
QCborValue replaced(const QCborValue &at, const QCborValue *step, const QCborValue *end,
                    const QCborValue &value)
{
    if (step == end)
        return value;
    if (at.isArray()) {
        QCborArray a = at.toArray();
        a[step->toInteger()] = replaced(a.at(step->toInteger()), step + 1, end, value);
        return a;
    }
    QCborMap m = at.toMap();
    m[*step] = replaced(m.value(*step), step + 1, end, value);
    return m;
}
QByteArray changed(const QCborValue &root, std::initializer_list<QCborValue> path,
                   const QCborValue &value)
{
    return replaced(root, path.begin(), path.end(), value).toCbor();
}

QCborArray leaf(const QCborValue &value, const QCborArray &extra = {})
{
    return QCborArray{QCborArray{QCborArray{0, value}}, extra};
}

const QCborArray kReplicaTable{QByteArray(16, '\x2a')};
// [version, kind, replicas, minted, [[record id, fields]]]
const QCborArray kDelta{
    1, 0, kReplicaTable, QCborArray{QCborArray{0, 1, kHlc}},
    QCborArray{QCborArray{0, QCborMap{{0, QCborArray{QStringLiteral("O"), 7}}, {1, leaf(4)}}}}};
// [version, kind, replicas, [version vector, cloud], [[record id, fields]]]
const QCborArray kState{
    1, 1, kReplicaTable, QCborArray{QCborArray{QCborArray{0, 3}}, QCborArray{}},
    QCborArray{QCborArray{QCborArray{0, 1}, QCborMap{{0, QCborArray{QStringLiteral("O"), 7, kHlc}},
                                                     {1, QCborArray{QCborArray{0, 1, kHlc, 4}}}}}}};

} // namespace

class TestBookCodec : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyMutationKindRoundTrips();
    void deltaGroupsRoundTrip();
    void largeStatesRoundTrip();
    void bookOutputAlwaysDecodes();
    void truncationsAreRejected();
    void randomCorruptionNeverCrashes();
    void hostileInput_data();
    void hostileInput();
    void bombsAreRejected();
    void newRecordDeltaIsSmall();
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

void TestBookCodec::truncationsAreRejected()
{
    FeedbackBook a = makeBook(0);
    FeedbackBook b = makeBook(1);
    const BookDelta created =
        *a.create(input(7, 7, 1, QStringLiteral("late again"), {QStringLiteral("late")}));
    b.apply(created);
    QVERIFY(b.edit(idOf(created),
                   makeEdit([](auto &e) { e.rating = 2, e.noteText = QStringLiteral("n"); })));
    const QByteArray delta = *BookCodec::encodeDelta(created);
    const QByteArray state = BookCodec::encodeState(b.state());
    writeSeed("state-small", state);
    QVERIFY(decode(delta, false).first && decode(state, true).first);
    for (const auto &[bytes, isState] : {std::pair(delta, false), std::pair(state, true)}) {
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            const auto [ok, error] = decode(bytes.left(n), isState);
            QVERIFY2(!ok && !error.isEmpty(), qPrintable(QString::number(n)));
        }
    }
}

void TestBookCodec::randomCorruptionNeverCrashes()
{
    const quint64 seed = baseSeed();
    Rng rng(seed);
    FeedbackBook a = makeBook(0);
    FeedbackBook b = makeBook(1);
    BookDelta group;
    for (int n = 0; n < 4; ++n) {
        const auto d = a.create(randomFeedback(rng, n));
        b.apply(*d);
        const auto e = b.edit(idOf(*d), randomEdit(rng));
        a.apply(*e);
        group.join(*d), group.join(*e);
    }
    const std::array<QByteArray, 3> valid = {*BookCodec::encodeDelta(group),
                                             BookCodec::encodeState(a.state()),
                                             BookCodec::encodeState(b.state())};
    writeSeed("delta-group-random", valid[0]);
    writeSeed("state-random", valid[1]);
    int accepted = 0;
    const int iterations = caseCount(3000);
    for (int i = 0; i < iterations && !QTest::currentTestFailed(); ++i) {
        QByteArray bytes = valid[static_cast<std::size_t>(pick(rng, 3))];
        for (int k = 0, n = 1 + pick(rng, 4); k < n; ++k) { // flip, replace, insert, delete
            const auto at = static_cast<qsizetype>(pick(rng, static_cast<int>(bytes.size()) + 1));
            const char byte = static_cast<char>(pick(rng, 256));
            const int op = pick(rng, 4);
            if (op == 2)
                bytes.insert(at, byte);
            else if (at < bytes.size() && op == 3)
                bytes.remove(at, 1);
            else if (at < bytes.size())
                bytes[at] = op == 0 ? static_cast<char>(bytes[at] ^ (1 << pick(rng, 8))) : byte;
        }
        for (const bool state : {false, true}) {
            const auto [ok, error] = decode(bytes, state);
            accepted += ok ? 1 : 0;
            CHECK(ok == error.isEmpty(), QStringLiteral("case %1 (%2): %3")
                                             .arg(i)
                                             .arg(QString::fromLatin1(bytes.toHex()),
                                                  ok ? error : QStringLiteral("no message")));
        }
    }
    qInfo("%d corrupted inputs (seed %llu): %d decoded, the rest rejected", iterations,
          static_cast<unsigned long long>(seed), accepted);
}

void TestBookCodec::hostileInput_data()
{
    QTest::addColumn<QByteArray>("bytes");
    QTest::addColumn<bool>("isState");
    QTest::addColumn<bool>("valid");
    QTest::addColumn<QString>("mention"); // a word the error must contain
    auto delta = [](const char *name, const QByteArray &bytes, bool valid = false,
                    const char *mention = "") {
        QTest::newRow(name) << bytes << false << valid << QString::fromLatin1(mention);
    };
    auto state = [](const char *name, std::initializer_list<QCborValue> path,
                    const QCborValue &value, bool valid = false) {
        QTest::newRow(name) << changed(kState, path, value) << true << valid << QString();
    };
    auto at = [](std::initializer_list<QCborValue> path, const QCborValue &value) {
        return changed(kDelta, path, value);
    };
    auto field = [](qint64 key, const QCborValue &value) {
        return changed(kDelta, {4, 0, 1, key}, value);
    };
    const QString text2000(2000, QLatin1Char('x'));
    QCborArray four = kDelta;
    four.removeLast();
    delta("control", kDelta.toCborValue().toCbor(), true);
    delta("comment of 2000 characters", field(2, leaf(text2000)), true);
    delta("comment of 2000 emoji", field(2, leaf(QStringLiteral("😀").repeated(2000))), true);
    delta("comment of 2001 characters", field(2, leaf(QString(text2000 + QLatin1Char('x')))), false,
          "comment");
    delta("version 2", at({0}, 2), false, "update required");
    delta("version 5000", at({0}, 5000), false, "update required");
    delta("version 0", at({0}, 0), false, "not supported");
    delta("state kind", at({1}, 1), false, "kind");
    delta("header of 4 items", four.toCborValue().toCbor(), false, "5-item");
    delta("field key of a newer version", field(12, leaf(1)), true); // tst_forwardcompat
    delta("field key 65536", field(65536, leaf(1)), false, "field key");
    delta("text field key", changed(kDelta, {4, 0, 1, QStringLiteral("1")}, leaf(1)));
    delta("field key 1.5", changed(kDelta, {4, 0, 1, 1.5}, leaf(1)), false, "field key");
    delta("field key 1e300", changed(kDelta, {4, 0, 1, 1e300}, leaf(1)), false, "field key");
    delta("rating 0", field(1, leaf(0)), false, "rating");
    delta("rating 6", field(1, leaf(6)), false, "rating");
    delta("rating -1", field(1, leaf(-1)), false, "rating");
    delta("rating as text", field(1, leaf(QStringLiteral("5"))), false, "rating");
    delta("follow-up status 3", field(5, leaf(3)), false, "follow-up");
    delta("consent as integer", field(3, leaf(1)), false, "consent");
    delta("empty order id", field(0, QCborArray{QString(), 7}), false, "order id");
    delta("order id of 65 characters", field(0, QCborArray{QString(65, QLatin1Char('o')), 7}));
    delta("courier 0", field(0, QCborArray{QStringLiteral("O"), 0}), false, "courier");
    delta("courier 2^32", field(0, QCborArray{QStringLiteral("O"), qint64{1} << 32}));
    delta("replica id of 15 bytes", at({2, 0}, QByteArray(15, 'r')), false, "replica id");
    delta("replica id of 17 bytes", at({2, 0}, QByteArray(17, 'r')), false, "replica id");
    delta("zero replica id", at({2, 0}, QByteArray(16, '\0')), false, "replica id");
    delta("duplicate replica id", at({2, 1}, kReplicaTable.at(0)), false, "duplicate");
    delta("counter 0", at({3, 0, 1}, 0), false, "counter");
    delta("negative hlc", at({3, 0, 2}, -5), false, "hlc");
    delta("no minted dot", at({3}, QCborArray()), false, "minted");
    delta("duplicate minted dot", at({3, 1}, kDelta.at(3).toArray().at(0)), false, "duplicate");
    delta("minted dot of unknown replica", at({3, 0, 0}, 1), false, "replica");
    delta("entry names minted index 1 of 1", at({4, 0, 1, 1, 0, 0, 0}, 1), false, "entry");
    delta("context names minted index 7", field(1, leaf(4, {7})), false, "minted");
    delta("record id names minted index 1", at({4, 0, 0}, 1), false, "minted");
    delta("creation of a dot not minted", at({4, 0, 0}, QCborArray{0, 9}), false, "creation");
    delta("record without fields", at({4, 0, 1}, QCborMap()), false, "empty");
    delta("duplicate record", at({4, 1}, kDelta.at(4).toArray().at(0)), false, "duplicate");
    delta("empty reason tag", field(8, QCborMap{{QString(), leaf(4).at(0).toArray()}}));
    delta("entry with a stray item", at({4, 0, 1, 1, 0, 0, 2}, 4), false, "entry");
    delta("trailing bytes", kDelta.toCborValue().toCbor() + QByteArray(1, '\0'), false, "trailing");
    delta("oversized", QByteArray(codec_limits::kMaxDeltaBytes + 1, '\0'), false, "limit");
    delta("not CBOR", QByteArray("\xff\xff", 2));
    delta("empty input", QByteArray());

    const QCborArray rating{QCborArray{0, 1, kHlc, 4}};
    state("state control", {}, kState, true);
    state("state with a cloud dot", {3, 1, 0}, QCborArray{0, 9}, true);
    state("state of delta kind", {1}, 0);
    state("state rating 6", {4, 0, 1, 1, 0, 3}, 6);
    state("state follow-up status 3", {4, 0, 1, 5}, QCborArray{QCborArray{0, 1, kHlc, 3}});
    state("state empty register", {4, 0, 1, 1}, QCborArray());
    state("state entry without value", {4, 0, 1, 1, 0}, QCborArray{0, 1, 0});
    state("state entry outside the context", {4, 0, 1, 1, 0, 1}, 4);
    state("state record id outside the context", {4, 0, 0}, QCborArray{0, 4});
    state("state record id as minted index", {4, 0, 0}, 0);
    state("state version vector counter 0", {3, 0, 0, 1}, 0);
    state("state dot of unknown replica", {3, 0, 0, 0}, 1);
    state("state record without creation", {4, 0, 1}, QCborMap{{1, rating}});
    state("state creation without time", {4, 0, 1, 0}, QCborArray{QStringLiteral("O"), 7});
    state("state replica id of 15 bytes", {2, 0}, QByteArray(15, 'r'));
    state("state field key of a newer version", {4, 0, 1, 12}, rating, true);
    state("state field key -1", {4, 0, 1, -1}, rating);
    state("state duplicate record", {4, 1}, kState.at(4).toArray().at(0));
    QTest::newRow("state trailing bytes")
        << QByteArray(kState.toCborValue().toCbor() + '\x01') << true << false << QString();
}

void TestBookCodec::hostileInput()
{
    QFETCH(QByteArray, bytes);
    QFETCH(bool, isState);
    QFETCH(bool, valid);
    QFETCH(QString, mention);
    const auto [ok, error] = decode(bytes, isState);
    QVERIFY2(ok == valid, qPrintable(error));
    QVERIFY2(ok ? error.isEmpty() : !error.isEmpty(), qPrintable(error));
    QVERIFY2(error.contains(mention, Qt::CaseInsensitive), qPrintable(error));
    QVERIFY(!decode(bytes, !isState).first);
}

// Every bomb is refused with an error, as a state and as a delta. How long that takes is the
// benchmark figure `codec.bomb_reject_max_ms` (bench_crdt): a time bound here would flake on a
// loaded machine, and the input size cap (checked before parsing) is what bounds the work.
void TestBookCodec::bombsAreRejected()
{
    for (const auto &[name, bytes] : testsupport::cborBombs()) {
        for (const bool state : {false, true}) {
            const auto [ok, error] = decode(bytes, state);
            QVERIFY2(!ok && !error.isEmpty(), name);
        }
    }
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

QTEST_APPLESS_MAIN(TestBookCodec)
#include "tst_bookcodec.moc"
