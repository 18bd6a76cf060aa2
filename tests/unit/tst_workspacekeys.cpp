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
        const auto opened = keys->open(s, origin, seq);
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(*opened, encoded);
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
    const QByteArray body = WorkspaceKeys::encodeBody(plain);
    QCOMPARE(body.at(0), '\0');
    QCOMPARE(body.size(), plain.size() + 1);
    QCOMPARE(*WorkspaceKeys::decodeBody(body), plain);
    // Beyond what a reader would inflate (the frame limit), or a stream too long to bound: sent
    // raw however well it compresses.
    const QByteArray huge(protocol::limits::kDefaultMaxFrameBytes + 1, 'a');
    QCOMPARE(WorkspaceKeys::encodeBody(huge).at(0), '\0');
    QByteArray hex = randomBytes(4000).toHex(); // halves, to ~4 KB of stream
    QCOMPARE(WorkspaceKeys::encodeBody(hex).at(0), '\0');
    QCOMPARE(*WorkspaceKeys::decodeBody(WorkspaceKeys::encodeBody(hex)), hex);
}

void TestWorkspaceKeys::rawBodiesStillOpen()
{
    // What every client wrote before compression: format 0 and the encoding.
    const QByteArray plain = "\x85\x01\x00"_ba + QByteArray(100, 'x');
    const auto decoded = WorkspaceKeys::decodeBody(QByteArray(1, '\0') + plain);
    QVERIFY(decoded);
    QCOMPARE(*decoded, plain);
    const QByteArray compressed = WorkspaceKeys::encodeBody(plain);
    QCOMPARE(compressed.at(0), '\1');
    QCOMPARE(*WorkspaceKeys::decodeBody(compressed), plain);
}

void TestWorkspaceKeys::damagedBodiesAreRefused_data()
{
    QTest::addColumn<QByteArray>("body");
    QTest::addColumn<QString>("reason");
    const QByteArray text = QByteArray(500, 'z') + "tail";
    const QByteArray good = WorkspaceKeys::encodeBody(text);
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
    const auto decoded = WorkspaceKeys::decodeBody(body);
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
    QCOMPARE(*keys->open(sealed, origin, 7), plain);
    QVERIFY(!keys->open(sealed, origin, 8));
    QVERIFY(!keys->open(sealed, QByteArray(16, 'x'), 7));
    QVERIFY(!other->open(sealed, origin, 7));
}

QTEST_GUILESS_MAIN(TestWorkspaceKeys)
#include "tst_workspacekeys.moc"
