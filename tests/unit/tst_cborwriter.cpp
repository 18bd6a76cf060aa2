// CborWriter, the book codec's encoder: the same bytes as QCborStreamWriter for every item the
// codec writes (integers and lengths at each head size's bounds, booleans, texts and byte
// strings, array and map heads, encoded items), and for seeded random sequences of them.
// A failing randomised case prints its seed: rerun with FEEDBACK_TEST_SEED=<seed>.
#include <QCborStreamWriter>
#include <QCborValue>
#include <QObject>
#include <QTest>

#include <common/CborWriter.h>
#include <limits>
#include <random>

using namespace feedback;

namespace {

quint64 seedFromEnvironment()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : 0xC0DEULL;
}

// Both writers, fed the same calls.
struct Pair
{
    QByteArray ours;
    QByteArray qts;
    CborWriter w{ours};
    QCborStreamWriter q{&qts};

    void integer(qint64 v)
    {
        w.append(v);
        q.append(v);
    }
    void boolean(bool v)
    {
        w.append(v);
        q.append(v);
    }
    void text(const QByteArray &utf8)
    {
        w.appendTextString(utf8.constData(), utf8.size());
        q.appendTextString(utf8.constData(), utf8.size());
    }
    void bytes(const QByteArray &b)
    {
        w.appendByteString(b.constData(), b.size());
        q.appendByteString(b.constData(), b.size());
    }
    void array(quint64 n)
    {
        w.startArray(n);
        q.startArray(n);
    }
    void map(quint64 n)
    {
        w.startMap(n);
        q.startMap(n);
    }
};

// Every bound where the head's size changes, both sides of it.
QList<quint64> boundaries()
{
    return {0,
            1,
            23,
            24,
            25,
            255,
            256,
            65535,
            65536,
            0xffffffffu,
            0x100000000ull,
            1ull << 62,
            (1ull << 63) - 1};
}

} // namespace

class TestCborWriter : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void integersAtEveryHeadSize()
    {
        Pair p;
        for (quint64 b : boundaries()) {
            p.integer(static_cast<qint64>(b));
            p.integer(-static_cast<qint64>(b) - 1);
        }
        p.integer(std::numeric_limits<qint64>::min());
        p.integer(std::numeric_limits<qint64>::max());
        QCOMPARE(p.ours.toHex(), p.qts.toHex());
        // And what that means: 24 takes two bytes, -1 is major type 1 with argument 0.
        QByteArray small;
        CborWriter w(small);
        w.append(qint64(23));
        w.append(qint64(24));
        w.append(qint64(-1));
        QCOMPARE(small, QByteArray::fromHex("171818"
                                            "20"));
    }

    void containerHeadsAtEveryLength()
    {
        Pair p;
        for (quint64 b : boundaries()) {
            p.array(b);
            p.map(b);
        }
        QCOMPARE(p.ours.toHex(), p.qts.toHex());
    }

    void stringsAndBooleans()
    {
        Pair p;
        p.boolean(true);
        p.boolean(false);
        for (int size : {0, 1, 23, 24, 255, 256, 65535, 65536}) {
            p.text(QByteArray(size, 'a'));
            p.bytes(QByteArray(size, '\x01'));
        }
        p.text(QStringLiteral("Zürich — 東京").toUtf8());
        QCOMPARE(p.ours.toHex(), p.qts.toHex());
        // What was written reads back as the same values.
        const QCborValue round = QCborValue::fromCbor(p.ours.left(2));
        QVERIFY(round.isTrue());
    }

    void encodedItemsGoInAsTheyAre()
    {
        const QCborValue nested = QCborMap{{1, QCborArray{QStringLiteral("x"), -7, 2.5}}};
        Pair p;
        p.array(2);
        p.w.appendEncoded(nested.toCbor());
        nested.toCbor(p.q);
        p.integer(9);
        p.w.endArray();
        p.q.endArray();
        QCOMPARE(p.ours.toHex(), p.qts.toHex());
        QCOMPARE(QCborValue::fromCbor(p.ours), QCborValue(QCborArray{nested, 9}));
    }

    void appendsToWhatIsThere()
    {
        QByteArray out("prefix");
        CborWriter w(out);
        w.append(qint64(1));
        QCOMPARE(out, QByteArray("prefix\x01"));
    }

    void randomSequencesMatch()
    {
        const quint64 seed = seedFromEnvironment();
        std::mt19937_64 rng(seed);
        for (int round = 0; round < 2000; ++round) {
            Pair p;
            const int items = 1 + static_cast<int>(rng() % 40);
            for (int i = 0; i < items; ++i) {
                const quint64 r = rng();
                // A value of a random head size: shift a random word right by 0..63 bits.
                const quint64 value = rng() >> (r % 64);
                switch (r % 7) {
                case 0:
                    p.integer(static_cast<qint64>(value));
                    break;
                case 1:
                    p.integer(-static_cast<qint64>(value >> 1) - 1);
                    break;
                case 2:
                    p.boolean(value % 2 == 0);
                    break;
                case 3:
                    p.text(QByteArray(static_cast<qsizetype>(value % 300), 'x'));
                    break;
                case 4:
                    p.bytes(QByteArray(static_cast<qsizetype>(value % 300), '\xfe'));
                    break;
                // Qt writes no map head above 2^63 pairs (twice that many items overflow).
                case 5:
                    p.array(value >> 1);
                    break;
                default:
                    p.map(value >> 1);
                    break;
                }
            }
            if (p.ours != p.qts)
                QFAIL(qPrintable(QStringLiteral("seed %1, round %2: %3 != %4")
                                     .arg(seed)
                                     .arg(round)
                                     .arg(QString::fromLatin1(p.ours.toHex()),
                                          QString::fromLatin1(p.qts.toHex()))));
        }
    }
};

QTEST_GUILESS_MAIN(TestCborWriter)
#include "tst_cborwriter.moc"
