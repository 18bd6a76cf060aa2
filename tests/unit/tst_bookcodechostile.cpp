// BookCodec against hostile input: truncation, random corruption, values out of range or of the
// wrong type, CBOR bombs; each must give an error, never a crash. Round trips: tst_bookcodec.
// A failing randomised case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>
// (FEEDBACK_TEST_SEEDS=<n> runs n times more cases). FEEDBACK_WRITE_FUZZ_CORPUS=<dir> writes
// valid encodings into <dir> (the seed corpus of tests/fuzz/fuzz_bookcodec).
#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QObject>
#include <QTest>

// moc (Qt 6.4 via CMake 3.25) cannot parse the C++20 standard headers; it only needs the class.
#ifndef Q_MOC_RUN
#include "BookCodecTestSupport.h"
#include "support/CborBombs.h"
#endif

using namespace feedback;
using namespace feedback::test;

namespace {

int caseCount(int base)
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("FEEDBACK_TEST_SEEDS", &ok);
    return base * (ok && factor > 1 ? factor : 1);
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

class TestBookCodecHostile : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void truncationsAreRejected();
    void randomCorruptionNeverCrashes();
    void hostileInput_data();
    void hostileInput();
    void bombsAreRejected();
};

void TestBookCodecHostile::truncationsAreRejected()
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

void TestBookCodecHostile::randomCorruptionNeverCrashes()
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

void TestBookCodecHostile::hostileInput_data()
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
    state("state records as a map", {4}, QCborMap());
    QCborArray newer = kState; // a newer format may have more items: the version says so first
    newer[0] = 2;
    newer.append(QCborArray());
    QTest::newRow("state of a newer version with six items")
        << newer.toCborValue().toCbor() << true << false << QStringLiteral("update required");
    // Records are written in id order; a state that is not (written by hand) still reads.
    QCborArray reversed = kState;
    reversed[4] = QCborArray{
        QCborArray{QCborArray{0, 2}, QCborMap{{0, QCborArray{QStringLiteral("P"), 8, kHlc}}}},
        kState.at(4).toArray().at(0)};
    QTest::newRow("state records out of order")
        << reversed.toCborValue().toCbor() << true << true << QString();
    QTest::newRow("state trailing bytes")
        << QByteArray(kState.toCborValue().toCbor() + '\x01') << true << false << QString();
}

void TestBookCodecHostile::hostileInput()
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
void TestBookCodecHostile::bombsAreRejected()
{
    for (const auto &[name, bytes] : testsupport::cborBombs()) {
        for (const bool state : {false, true}) {
            const auto [ok, error] = decode(bytes, state);
            QVERIFY2(!ok && !error.isEmpty(), name);
        }
    }
}

QTEST_APPLESS_MAIN(TestBookCodecHostile)
#include "tst_bookcodechostile.moc"
