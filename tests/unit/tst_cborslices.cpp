// cborslices::split, which finds where a snapshot's records lie by the CBOR heads alone: the
// same slices QCborStreamReader finds in well-formed input, every truncation and every
// malformation it refuses, and random corruption compared with QCborStreamReader's own walk.
// A failing randomised case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>.
#include <QCborStreamReader>
#include <QCborStreamWriter>
#include <QObject>
#include <QTest>

#include <common/CborSlices.h>
#include <random>

using namespace feedback;

namespace {

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0x51CE5ULL;
}

// A state-like value: [1, "head", {map}, [records...]] with records of every kind of item
// (indefinite strings and containers, tags, floats, simple values, negative integers).
QByteArray sample(int records)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    w.startArray(4);
    w.append(1);
    w.append(QStringLiteral("head"));
    w.startMap(1);
    w.append(QByteArrayLiteral("k"));
    w.append(-5);
    w.endMap();
    w.startArray(static_cast<quint64>(records));
    for (int i = 0; i < records; ++i) {
        if (i % 3 == 0)
            w.startArray();
        else
            w.startArray(5);
        w.append(quint64(i) << (i % 64));
        w.append(QStringLiteral("r\u00e9cord %1").arg(i));
        w.append(QCborTag(1));
        w.append(static_cast<double>(i) / 3);
        w.startMap();
        w.append(QCborSimpleType(40));
        w.append(i % 2 == 0);
        w.endMap();
        w.append(QCborKnownTags::PositiveBignum);
        w.append(QByteArray(i % 40, 'x'));
        w.endArray();
    }
    w.endArray();
    w.endArray();
    return out;
}

// The outer array's items and item `inner`'s items, as QCborStreamReader finds them; nullopt
// when it finds the bytes malformed or not an array of arrays as split() expects.
std::optional<cborslices::ArraySlices> reference(QByteArrayView bytes, qsizetype inner)
{
    QCborStreamReader r(bytes.data(), bytes.size());
    if (!r.isArray() || !r.enterContainer())
        return std::nullopt;
    cborslices::ArraySlices out;
    auto skip = [&](std::vector<QByteArrayView> &into) {
        const qint64 start = r.currentOffset();
        // Qt reads a tag as an element of its own, before the item it tags: one item here.
        while (r.isTag() && r.next())
            ;
        if (!r.next(1024) || r.lastError() != QCborError::NoError)
            return false;
        into.push_back(bytes.sliced(start, r.currentOffset() - start));
        return true;
    };
    while (r.lastError() == QCborError::NoError && r.hasNext()) {
        const qint64 start = r.currentOffset();
        if (static_cast<qsizetype>(out.items.size()) != inner || !r.isArray()) {
            if (!skip(out.items))
                return std::nullopt;
            continue;
        }
        if (!r.enterContainer())
            return std::nullopt;
        out.innerIsArray = true;
        while (r.lastError() == QCborError::NoError && r.hasNext()) {
            if (!skip(out.inner))
                return std::nullopt;
        }
        if (r.lastError() != QCborError::NoError || !r.leaveContainer())
            return std::nullopt;
        out.items.push_back(bytes.sliced(start, r.currentOffset() - start));
    }
    if (r.lastError() != QCborError::NoError || !r.leaveContainer() ||
        r.currentOffset() != bytes.size())
        return std::nullopt;
    return out;
}

bool sameSlices(const cborslices::ArraySlices &a, const cborslices::ArraySlices &b)
{
    auto same = [](const std::vector<QByteArrayView> &x, const std::vector<QByteArrayView> &y) {
        if (x.size() != y.size())
            return false;
        for (std::size_t i = 0; i < x.size(); ++i) {
            if (x[i].data() != y[i].data() || x[i].size() != y[i].size())
                return false;
        }
        return true;
    };
    return a.innerIsArray == b.innerIsArray && same(a.items, b.items) && same(a.inner, b.inner);
}

// Whether QCborValue refuses `bytes` for invalid UTF-8 (its reader may check texts, which
// split() leaves to the decoder).
bool refusedForUtf8(QByteArrayView bytes)
{
    QCborStreamReader r(bytes.data(), bytes.size());
    const QCborValue v = QCborValue::fromCbor(r);
    Q_UNUSED(v);
    return r.lastError() == QCborError::InvalidUtf8String;
}

} // namespace

class TestCborSlices : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void wellFormedInputSplitsAsQtReadsIt()
    {
        const QByteArray bytes = sample(60);
        const auto mine = cborslices::split(bytes, 8, 3, 1000, "sample");
        QVERIFY2(mine, qPrintable(mine.error()));
        const auto theirs = reference(bytes, 3);
        QVERIFY(theirs);
        QCOMPARE(mine->items.size(), std::size_t(4));
        QCOMPARE(mine->inner.size(), std::size_t(60));
        QVERIFY(sameSlices(*mine, *theirs));
    }

    void everyTruncationIsRefused()
    {
        const QByteArray bytes = sample(6);
        for (qsizetype n = 0; n < bytes.size(); ++n) {
            const auto s = cborslices::split(bytes.left(n), 8, 3, 1000, "sample");
            QVERIFY2(!s, qPrintable(QString::number(n)));
            QCOMPARE(s.errorKind(), ErrorKind::BadData);
        }
    }

    void malformedHeadsAreRefused_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        // Each is an outer array of one item, the item as given.
        auto row = [](const char *name, const char *hex) {
            QTest::newRow(name) << (QByteArray::fromHex("81") + QByteArray::fromHex(hex));
        };
        row("reserved info 28", "1c");
        row("reserved info 30", "5e");
        row("indefinite integer", "1f");
        row("indefinite tag", "df00");
        row("break outside an indefinite item", "ff");
        row("simple value under 32 in two bytes", "f810");
        row("byte string longer than the input", "5a00010000aa");
        row("text in chunks of another type", "7f4161ff");
        row("text chunk itself indefinite", "7f7f6161ffff");
        row("indefinite map with a key alone", "bf01ff");
        row("array claiming more items than bytes", "9b00000000ffffffff01");
        row("map claiming 2^63 entries", "bb800000000000000001");
        row("indefinite array without its break", "9f0102");
        row("float cut short", "fb3ff0");
        row("tag without its item", "c1");
    }

    void malformedHeadsAreRefused()
    {
        QFETCH(QByteArray, bytes);
        QVERIFY(!reference(bytes, 3)); // Qt refuses each too
        const auto s = cborslices::split(bytes, 8, 3, 1000, "sample");
        QVERIFY(!s);
        QCOMPARE(s.errorKind(), ErrorKind::BadData);
        QVERIFY2(s.error().startsWith(QLatin1String("sample: ")), qPrintable(s.error()));
    }

    void wellFormedOddItemsAreAccepted()
    {
        // Strings in chunks, an empty indefinite array, a simple value of 32, half floats.
        const QByteArray bytes = QByteArray::fromHex("84"
                                                     "5f4161420102ff"
                                                     "9fff"
                                                     "f820"
                                                     "83"
                                                     "f93c00"
                                                     "7f6161ff"
                                                     "80");
        const auto s = cborslices::split(bytes, 8, 3, 1000, "sample");
        QVERIFY2(s, qPrintable(s.error()));
        QVERIFY(sameSlices(*s, *reference(bytes, 3)));
        QCOMPARE(s->inner.size(), std::size_t(3));
    }

    void nestingIsBounded()
    {
        QByteArray deep = QByteArray::fromHex("81") + QByteArray(2000, '\x81') + '\x01';
        QVERIFY(!cborslices::split(deep, 8, 3, 1000, "sample"));
        QByteArray fine = QByteArray::fromHex("81") + QByteArray(500, '\x81') + '\x01';
        QVERIFY(cborslices::split(fine, 8, 3, 1000, "sample"));
    }

    void countsAreBounded()
    {
        const QByteArray bytes = sample(60);
        const auto inner = cborslices::split(bytes, 8, 3, 59, "sample");
        QVERIFY(!inner);
        QVERIFY2(inner.error().contains(QLatin1String("more than 59 items in item 3")),
                 qPrintable(inner.error()));
        QVERIFY(!cborslices::split(bytes, 3, 3, 1000, "sample"));
        QVERIFY(
            !cborslices::split(QByteArray(bytes + '\x00'), 8, 3, 1000, "sample")); // trailing byte
        // The same bounds when no length is given.
        QByteArray open = QByteArray::fromHex("9f9f0102ffff");
        QVERIFY(cborslices::split(open, 8, 0, 2, "sample"));
        QVERIFY(!cborslices::split(open, 8, 0, 1, "sample"));
        QVERIFY(!cborslices::split(open, 0, 0, 2, "sample"));
    }

    void randomCorruptionMatchesQt()
    {
        const quint64 seed = seedFromEnvironment();
        std::mt19937_64 rng(seed);
        const QByteArray valid = sample(20);
        int accepted = 0;
        for (int i = 0; i < 20000; ++i) {
            QByteArray bytes = valid;
            const int flips = 1 + static_cast<int>(rng() % 3);
            for (int f = 0; f < flips; ++f)
                bytes[static_cast<qsizetype>(rng() % static_cast<quint64>(bytes.size()))] =
                    static_cast<char>(rng());
            const auto mine = cborslices::split(bytes, 8, 3, 1000, "sample");
            const auto theirs = reference(bytes, 3);
            const QByteArray why = QStringLiteral("case %1; rerun with FEEDBACK_TEST_SEED=%2")
                                       .arg(i)
                                       .arg(seed)
                                       .toUtf8();
            // Qt's walk may refuse a text that is not UTF-8, which split() leaves to the decoder;
            // otherwise both judge alike and find the same slices.
            if (theirs) {
                QVERIFY2(mine && sameSlices(*mine, *theirs), why.constData());
                ++accepted;
            } else if (mine) {
                QVERIFY2(refusedForUtf8(bytes), why.constData());
            }
        }
        qInfo("20000 corrupted inputs (seed %llu): %d well-formed", seed, accepted);
    }
};

QTEST_GUILESS_MAIN(TestCborSlices)
#include "tst_cborslices.moc"
