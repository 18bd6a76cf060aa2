// The sealed delta body: raw or zlib, whichever is smaller; bodies written before compression
// (format 0) still open; damaged, unknown or unbounded bodies are refused with a reason, never
// inflated past the frame limit.
#include <QRandomGenerator>
#include <QTest>
#include <QtEndian>

#include <core/BookCodec.h>
#include <core/FeedbackBook.h>
#include <protocol/Messages.h>
#include <support/Workload.h>
#include <sync/WorkspaceKeys.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using sync::DeltaBody;
using sync::WorkspaceKeys;

namespace {

QByteArray randomBytes(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (char &c : out)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return out;
}

// A zlib body whose size header says `declared`.
QByteArray zlibBody(const QByteArray &plain, quint32 declared)
{
    QByteArray compressed = qCompress(plain, 9);
    qToBigEndian(declared, compressed.data());
    return QByteArray(1, '\1') + compressed;
}

// A group body (format 2) around any inflated content, with any declared size.
QByteArray groupBody(const QByteArray &inflated, quint32 declared)
{
    QByteArray compressed = qCompress(inflated, 6); // qCompress: size header, then zlib
    qToBigEndian(declared, compressed.data());
    return QByteArray(1, '\2') + compressed;
}

QList<QByteArray> workloadDeltas(int n)
{
    testsupport::Workload workload;
    FeedbackBook book(workload.replicaId());
    QList<QByteArray> out;
    for (int i = 0; i < n; ++i)
        out.append(*BookCodec::encodeDelta(*book.create(workload.next())));
    return out;
}

} // namespace

class TestWorkspaceKeys : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void typicalDeltasAreCompressedAndOpen();
    void incompressibleDeltasStayRaw();
    void rawBodiesStillOpen();
    void damagedBodiesAreRefused_data();
    void damagedBodiesAreRefused();
    void sealedDeltaOpensOnlyUnderItsOriginAndSeq();
    void groupsOpenWholeAndCompressAcrossRecords();
    void damagedGroupsAreRefused_data();
    void damagedGroupsAreRefused();
    void inflateBudgetIsShared();
};

void TestWorkspaceKeys::typicalDeltasAreCompressedAndOpen()
{
    const auto keys = WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
    QVERIFY(keys);
    testsupport::Workload workload;
    FeedbackBook book(workload.replicaId());
    const QByteArray origin(16, 'o');
    qsizetype raw = 0, sealed = 0;
    for (quint64 seq = 1; seq <= 200; ++seq) {
        const auto delta = book.create(workload.next());
        QVERIFY(delta);
        const QByteArray encoded = *BookCodec::encodeDelta(*delta);
        const QByteArray s = keys->seal(encoded, origin, seq);
        const auto opened = keys->open(protocol::SealedDelta{origin, seq, s});
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(*opened, QList<QByteArray>{encoded});
        raw += encoded.size();
        sealed += s.size();
    }
    // Sealing adds a 24-byte nonce, a 16-byte tag and the format byte: compression must win
    // more than that back, or it is not worth its code.
    const qsizetype overhead = 200 * (24 + 16 + 1);
    qInfo("encoded %lld bytes, sealed %lld (%lld without the seal's overhead)", raw, sealed,
          sealed - overhead);
    QVERIFY(sealed - overhead < raw);
}

void TestWorkspaceKeys::incompressibleDeltasStayRaw()
{
    const QByteArray plain = randomBytes(300);
    const QByteArray body = DeltaBody::encode(plain);
    QCOMPARE(body.at(0), '\0');
    QCOMPARE(body.size(), plain.size() + 1);
    QCOMPARE(*DeltaBody::decode(body), plain);
    // Beyond what a reader would inflate (the frame limit), or a stream too long to bound: sent
    // raw however well it compresses.
    const QByteArray huge(protocol::limits::kDefaultMaxFrameBytes + 1, 'a');
    QCOMPARE(DeltaBody::encode(huge).at(0), '\0');
    QByteArray hex = randomBytes(4000).toHex(); // halves, to ~4 KB of stream
    QCOMPARE(DeltaBody::encode(hex).at(0), '\0');
    QCOMPARE(*DeltaBody::decode(DeltaBody::encode(hex)), hex);
}

void TestWorkspaceKeys::rawBodiesStillOpen()
{
    // What every client wrote before compression: format 0 and the encoding.
    const QByteArray plain = "\x85\x01\x00"_ba + QByteArray(100, 'x');
    const auto decoded = DeltaBody::decode(QByteArray(1, '\0') + plain);
    QVERIFY(decoded);
    QCOMPARE(*decoded, plain);
    const QByteArray compressed = DeltaBody::encode(plain);
    QCOMPARE(compressed.at(0), '\1');
    QCOMPARE(*DeltaBody::decode(compressed), plain);
}

void TestWorkspaceKeys::damagedBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    const QByteArray text = QByteArray(500, 'z') + "tail";
    const QByteArray good = DeltaBody::encode(text);
    QVERIFY(good.at(0) == '\1');
    QTest::newRow("empty") << QByteArray() << u"empty body"_s;
    QTest::newRow("unknown format") << QByteArray("\x02"
                                                  "abc")
                                    << u"unknown body format"_s;
    QTest::newRow("only a size") << QByteArray("\x01\x00\x00\x00\x05", 5) << u"outside"_s;
    QTest::newRow("declares nothing") << zlibBody(text, 0) << u"declares 0 bytes"_s;
    QTest::newRow("declares past the frame limit")
        << zlibBody(text, quint32(protocol::limits::kDefaultMaxFrameBytes + 1)) << u"declares"_s;
    QTest::newRow("declares less than it holds") << zlibBody(text, 10) << u"damaged"_s;
    QTest::newRow("declares more than it holds") << zlibBody(text, 600) << u"damaged"_s;
    QByteArray flipped = good;
    flipped[flipped.size() / 2] = static_cast<char>(flipped.at(flipped.size() / 2) ^ 0x55);
    QTest::newRow("corrupt stream") << flipped << u"damaged"_s;
    QTest::newRow("truncated stream") << good.left(good.size() - 3) << u"damaged"_s;
    // 64 MiB of zeros deflate to ~64 KiB: far more stream than a bounded body may hold, so it is
    // refused before anything is inflated, whatever its header claims.
    QTest::newRow("bomb") << zlibBody(QByteArray(64 * 1024 * 1024, '\0'), 100) << u"outside"_s;
}

void TestWorkspaceKeys::damagedBodiesAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, reason);
    const auto decoded = DeltaBody::decode(body);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
}

void TestWorkspaceKeys::sealedDeltaOpensOnlyUnderItsOriginAndSeq()
{
    const auto keys = WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
    const auto other = WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
    const QByteArray origin(16, 'o');
    const QByteArray plain(300, 'p');
    const QByteArray sealed = keys->seal(plain, origin, 7);
    QCOMPARE(*keys->open(protocol::SealedDelta{origin, 7, sealed}), QList<QByteArray>{plain});
    QVERIFY(!keys->open(protocol::SealedDelta{origin, 8, sealed}));
    QVERIFY(!keys->open(protocol::SealedDelta{QByteArray(16, 'x'), 7, sealed}));
    QVERIFY(!other->open(protocol::SealedDelta{origin, 7, sealed}));
}

void TestWorkspaceKeys::groupsOpenWholeAndCompressAcrossRecords()
{
    const auto keys = WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
    const QByteArray origin(16, 'o');
    const QList<QByteArray> deltas = workloadDeltas(128);
    qsizetype singles = 0;
    for (qsizetype i = 0; i < deltas.size(); ++i)
        singles += keys->seal(deltas.at(i), origin, quint64(i) + 5).size();
    const QByteArray sealed = keys->sealGroup(deltas, origin, 5);
    qInfo("128 deltas: %lld bytes sealed one by one, %lld as a group", singles, sealed.size());
    // Deflate finds what records share (ids, field names, words) only across records.
    QVERIFY(sealed.size() * 2 < singles);
    const auto opened = keys->open(protocol::SealedDelta{origin, 5, sealed, 0, 128});
    QVERIFY2(opened, qPrintable(opened.error()));
    QCOMPARE(*opened, deltas);
    // The count and the first seq are bound: no part of a group, no shifted group, no other
    // origin, and not as a single delta.
    QVERIFY(!keys->open(protocol::SealedDelta{origin, 5, sealed, 0, 127}));
    QVERIFY(!keys->open(protocol::SealedDelta{origin, 6, sealed, 0, 128}));
    QVERIFY(!keys->open(protocol::SealedDelta{QByteArray(16, 'x'), 5, sealed, 0, 128}));
    QVERIFY(!keys->open(protocol::SealedDelta{origin, 5, sealed})); // as a single delta
    // A group of one is sealed as a single delta.
    const QByteArray one = keys->sealGroup({deltas.first()}, origin, 9);
    QCOMPARE(*keys->open(protocol::SealedDelta{origin, 9, one}), QList<QByteArray>{deltas.first()});
}

void TestWorkspaceKeys::damagedGroupsAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<quint64>("count");
    QTest::addColumn<QString>("reason");
    const QByteArray good = DeltaBody::encodeGroup({"first", "second", "third"});
    QVERIFY(DeltaBody::decodeGroup(good, 3));
    QTest::newRow("fewer than counted") << good << quint64(4) << u"holds 3 deltas, not 4"_s;
    QTest::newRow("more than counted") << good << quint64(2) << u"does not hold 2"_s;
    QTest::newRow("single format") << DeltaBody::encode("x") << quint64(2) << u"unknown"_s;
    QTest::newRow("only a size") << QByteArray("\x02\x00\x00\x00\x05", 5) << quint64(2)
                                 << u"unknown"_s;
    QTest::newRow("declares past the limit") << groupBody(QByteArray("\x01"
                                                                     "a"
                                                                     "\x01"
                                                                     "b"),
                                                          quint32(DeltaBody::kMaxGroupBytes + 1))
                                             << quint64(2) << u"declares"_s;
    QTest::newRow("declares less than it holds") << groupBody(QByteArray("\x01"
                                                                         "a"
                                                                         "\x01"
                                                                         "b"),
                                                              3)
                                                 << quint64(2) << u"damaged"_s;
    QTest::newRow("declares more than it holds") << groupBody(QByteArray("\x01"
                                                                         "a"
                                                                         "\x01"
                                                                         "b"),
                                                              5)
                                                 << quint64(2) << u"damaged"_s;
    // 64 MiB of zeros that claim 4 bytes: inflation stops at the declared size.
    QTest::newRow("bomb") << groupBody(QByteArray(64 * 1024 * 1024, '\0'), 4) << quint64(2)
                          << u"damaged"_s;
    QTest::newRow("length past the end") << groupBody(QByteArray("\x01"
                                                                 "a"
                                                                 "\x09"
                                                                 "b"),
                                                      4)
                                         << quint64(2) << u"does not hold"_s;
    QTest::newRow("empty delta") << groupBody(QByteArray("\x00\x01"
                                                         "b",
                                                         3),
                                              3)
                                 << quint64(2) << u"does not hold"_s;
    QTest::newRow("endless length")
        << groupBody("\xff\xff\xff\xff\xff\xff", 6) << quint64(2) << u"does not hold"_s;
    QByteArray flipped = good;
    flipped[flipped.size() - 3] = static_cast<char>(flipped.at(flipped.size() - 3) ^ 0x55);
    QTest::newRow("corrupt stream") << flipped << quint64(3) << u"damaged"_s;
}

void TestWorkspaceKeys::damagedGroupsAreRefused()
{
    QFETCH(QByteArray, body);
    QFETCH(quint64, count);
    QFETCH(QString, reason);
    const auto decoded = DeltaBody::decodeGroup(body, count);
    QVERIFY(!decoded);
    QVERIFY2(decoded.error().contains(reason), qPrintable(decoded.error()));
}

void TestWorkspaceKeys::inflateBudgetIsShared()
{
    const QByteArray group = DeltaBody::encodeGroup({QByteArray(600, 'a'), QByteArray(600, 'b')});
    const QByteArray single = DeltaBody::encode(QByteArray(600, 'c'));
    sync::InflateBudget budget(2000);
    QVERIFY(DeltaBody::decodeGroup(group, 2, &budget));
    QVERIFY(DeltaBody::decode(single, &budget));
    // 1,204 + 600 spent of 2,000: the next group does not fit, whatever it holds.
    const auto refused = DeltaBody::decodeGroup(group, 2, &budget);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"inflate too far"_s), qPrintable(refused.error()));
}

QTEST_GUILESS_MAIN(TestWorkspaceKeys)
#include "tst_workspacekeys.moc"
