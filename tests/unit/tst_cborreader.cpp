// CborReader, the streaming reader under the book codec: bounds that hold when the encoding
// gives no length, text checked as UTF-8, lengths refused before anything is read, the first
// error kept. The codec's own hostile cases are in tst_bookcodechostile.
#include <QCborStreamWriter>
#include <QObject>
#include <QTest>

#include <common/CborReader.h>
#include <limits>

using namespace feedback;

namespace {

// `count` unsigned integers in an array; indefinite when `known` is false.
QByteArray integers(int count, bool known)
{
    QByteArray out;
    QCborStreamWriter w(&out);
    if (known)
        w.startArray(static_cast<quint64>(count));
    else
        w.startArray();
    for (int i = 0; i < count; ++i)
        w.append(quint64(i));
    w.endArray();
    return out;
}

// Reads an array of integers of at most `max` items to its end.
bool readIntegers(CborReader &in, qsizetype max)
{
    qsizetype size = 0;
    if (!in.enterArray(max, size, "numbers"))
        return false;
    while (in.hasNext()) {
        quint64 x = 0;
        if (!in.uint(1000, x, "number"))
            return false;
    }
    return in.leave("numbers");
}

} // namespace

class TestCborReader : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void boundsHoldWithoutAGivenLength_data()
    {
        QTest::addColumn<bool>("known");
        QTest::newRow("length given") << true;
        QTest::newRow("indefinite") << false;
    }
    void boundsHoldWithoutAGivenLength()
    {
        QFETCH(bool, known);
        const QByteArray fits = integers(8, known);
        CborReader ok(fits);
        QVERIFY2(readIntegers(ok, 8), qPrintable(ok.error()));
        QVERIFY(ok.atEnd());

        const QByteArray over = integers(9, known);
        CborReader refused(over);
        QVERIFY(!readIntegers(refused, 8));
        QVERIFY2(refused.error().startsWith(QLatin1String("numbers: ")) &&
                     refused.error().contains(QLatin1String(" 8")),
                 qPrintable(refused.error()));
    }

    void mapsCountEntriesWithoutAGivenLength()
    {
        auto map = [](int pairs) {
            QByteArray out;
            QCborStreamWriter w(&out);
            w.startMap();
            for (int i = 0; i < pairs; ++i) {
                w.append(quint64(i));
                w.append(true);
            }
            w.endMap();
            return out;
        };
        auto read = [](CborReader &in, qsizetype max) {
            qsizetype size = 0;
            if (!in.enterMap(max, size, "flags"))
                return false;
            while (in.hasNext()) {
                quint64 key = 0;
                bool value = false;
                if (!in.uint(100, key, "key") || !in.boolean(value, "flag"))
                    return false;
            }
            return in.leave("flags");
        };
        const QByteArray four = map(4);
        CborReader ok(four);
        QVERIFY2(read(ok, 4), qPrintable(ok.error()));
        const QByteArray five = map(5);
        CborReader refused(five);
        QVERIFY(!read(refused, 4));
        QCOMPARE(refused.error(), QStringLiteral("flags: more than 4 entries"));
    }

    void aTupleOfTheWrongSizeIsRefused()
    {
        const QByteArray three = integers(3, false);
        CborReader in(three);
        quint64 a = 0;
        quint64 b = 0;
        QVERIFY(in.enterTuple(2, "pair"));
        QVERIFY(in.uint(10, a, "a") && in.uint(10, b, "b"));
        QVERIFY(!in.leave("pair"));
        QVERIFY2(in.error().contains(QLatin1String("more items")), qPrintable(in.error()));

        const QByteArray known = integers(3, true);
        CborReader given(known);
        QVERIFY(!given.enterTuple(2, "pair"));
    }

    void textMustBeUtf8AndWithinItsLength()
    {
        const QByteArray invalid = QByteArray::fromHex("62c328"); // "\xc3(": not UTF-8
        CborReader bad(invalid);
        std::string out;
        QVERIFY(!bad.text(10, out, "name"));
        QVERIFY2(bad.error().contains(QLatin1String("malformed")), qPrintable(bad.error()));

        // Claims 65,536 bytes with four present: refused from the header, nothing allocated.
        const QByteArray claims = QByteArray::fromHex("7a0001000061626364");
        CborReader huge(claims);
        QVERIFY(!huge.text(100, out, "comment"));
        QVERIFY2(huge.error().contains(QLatin1String("longer than 100")), qPrintable(huge.error()));

        // A text in chunks is bounded across them; each chunk must be UTF-8 on its own (RFC 8949),
        // so a character split between two is refused.
        const QByteArray chunked = QByteArray::fromHex("7f63e282ac6161ff");
        CborReader pieces(chunked);
        QVERIFY2(pieces.text(2, out, "price"), qPrintable(pieces.error()));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("\u20aca"));
        CborReader piecesTooLong(chunked);
        QVERIFY(!piecesTooLong.text(1, out, "price"));
        const QByteArray split = QByteArray::fromHex("7f62e28261acff");
        CborReader splitChar(split);
        QVERIFY(!splitChar.text(10, out, "price"));

        QByteArray euro;
        QCborStreamWriter(&euro).append(QStringLiteral("\u20ac\u20ac"));
        CborReader twoChars(euro);
        QVERIFY(twoChars.text(2, out, "price"));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("\u20ac\u20ac"));
        CborReader oneChar(euro);
        QVERIFY(!oneChar.text(1, out, "price"));
    }

    // Short texts are read raw into the stack (CborReader::shortText): the same checks hold.
    void shortTextsAreCheckedLikeLongOnes()
    {
        std::string out;
        for (const char *hex : {"62c0af", "63eda080", "61ff", "62e282"}) { // overlong, surrogate,
            const QByteArray bytes = QByteArray::fromHex(hex);             // 0xff, cut short
            CborReader in(bytes);
            QVERIFY2(!in.text(10, out, "name"), hex);
            QVERIFY2(in.error().contains(QLatin1String("malformed")), qPrintable(in.error()));
        }
        auto encoded = [](const QString &s) {
            QByteArray b;
            QCborStreamWriter(&b).append(s);
            return b;
        };
        auto printable = [](QStringView s) {
            return !s.isEmpty() && s.front() != u'\t';
        };
        const QByteArray empty = encoded(QString());
        CborReader none(empty);
        QVERIFY(none.text(5, out, "empty") && out.empty() && none.atEnd());
        CborReader emptyRefused(empty);
        QVERIFY(!emptyRefused.text(5, out, "empty", printable));
        QVERIFY2(emptyRefused.error().contains(QLatin1String("refused by the rules")),
                 qPrintable(emptyRefused.error()));
        const QByteArray tab = encoded(QStringLiteral("\tx"));
        CborReader tabRefused(tab);
        QVERIFY(!tabRefused.text(5, out, "tab", printable));
        // Either side of the short limit, ASCII and not: the same text back, lengths counted
        // in characters.
        for (const qsizetype n :
             {CborReader::kShortText - 1, CborReader::kShortText, CborReader::kShortText + 1}) {
            for (const QString &s : {QString(n, u'a'), QString(n / 2, u'\u00e9')}) {
                const QByteArray bytes = encoded(s);
                CborReader fits(bytes);
                QVERIFY2(fits.text(s.size(), out, "text", printable), qPrintable(fits.error()));
                QCOMPARE(QString::fromStdString(out), s);
                QVERIFY(fits.atEnd());
                CborReader over(bytes);
                QVERIFY(!over.text(s.size() - 1, out, "text"));
                QVERIFY2(over.error().contains(QLatin1String("longer than")),
                         qPrintable(over.error()));
            }
        }
    }

    void theFirstErrorIsKept()
    {
        const QByteArray bytes = integers(2, true);
        CborReader in(bytes);
        bool flag = false;
        quint64 x = 0;
        QVERIFY(!in.boolean(flag, "flag")); // an array, not a boolean
        const QString first = in.error();
        QVERIFY(!in.uint(10, x, "x"));
        QVERIFY(!in.hasNext());
        QCOMPARE(in.error(), first);
        QVERIFY(!in.atEnd());
    }

    void truncatedAndTrailingBytesAreSeen()
    {
        const QByteArray whole = integers(4, true);
        const QByteArray shorter = whole.left(whole.size() - 1);
        CborReader truncated(shorter);
        QVERIFY(!readIntegers(truncated, 10));

        const QByteArray longer = whole + QByteArray(1, '\x01');
        CborReader trailing(longer);
        QVERIFY(readIntegers(trailing, 10));
        QVERIFY(!trailing.atEnd());
    }

    void bytesAreBoundedBeforeTheyAreRead()
    {
        // Claims 65,536 bytes with four present: refused from the header, not as truncated.
        const QByteArray claims = QByteArray::fromHex("5a0001000061626364");
        CborReader in(claims);
        QByteArray out;
        QVERIFY(!in.bytes(16, 16, out, "replica id"));
        QVERIFY2(in.error().contains(QLatin1String("65536 bytes")), qPrintable(in.error()));
    }

    void integersMustBeNonNegativeIntegers()
    {
        quint64 x = 0;
        const QByteArray negative = QByteArray::fromHex("20"); // -1
        CborReader minusOne(negative);
        QVERIFY(!minusOne.uint(10, x, "count"));
        const QByteArray half = QByteArray::fromHex("f93800"); // 0.5 as a half float
        CborReader fraction(half);
        QVERIFY(!fraction.uint(10, x, "count"));
        const QByteArray largest = QByteArray::fromHex("1bffffffffffffffff");
        CborReader big(largest);
        QVERIFY(big.uint(std::numeric_limits<quint64>::max(), x, "count"));
        QCOMPARE(x, std::numeric_limits<quint64>::max());
        CborReader capped(largest);
        QVERIFY(!capped.uint(10, x, "count"));
    }

    void notAtTheEndInsideAContainer()
    {
        const QByteArray bytes = integers(1, true);
        CborReader in(bytes);
        qsizetype size = 0;
        quint64 x = 0;
        QVERIFY(in.enterArray(1, size, "numbers") && in.uint(10, x, "number"));
        QVERIFY(!in.atEnd());
        QVERIFY(in.leave("numbers"));
        QVERIFY(in.atEnd());
    }

    // Items a corrupting byte rarely makes, judged as Qt judges them (exactCbor: QCborValue).
    void edgesAsQtJudgesThem()
    {
        const auto qtReads = [](const char *hex) {
            return !exactCbor(QByteArray::fromHex(hex)).isUndefined();
        };
        const auto readBoolean = [](const char *hex) {
            const QByteArray bytes = QByteArray::fromHex(hex);
            CborReader in(bytes);
            bool b = false;
            return in.boolean(b, "flag") && in.atEnd();
        };
        QVERIFY(readBoolean("f5") && readBoolean("f4"));
        QVERIFY(!readBoolean("f90014")); // a half float whose bits are those of false
        QVERIFY(!readBoolean("f814") && !qtReads("f814")); // false in two bytes: malformed
        const auto readText = [](const char *hex, std::string &out) {
            const QByteArray bytes = QByteArray::fromHex(hex);
            CborReader in(bytes);
            return in.text(10, out, "text") && in.atEnd();
        };
        std::string out = "x";
        QVERIFY(readText("7fff", out) && qtReads("7fff")); // no chunks: an empty text
        QCOMPARE(out, std::string());
        QVERIFY(!readText("7f6161", out) && !qtReads("7f6161"));     // no break
        QVERIFY(!readText("7f7fffff", out) && !qtReads("7f7fffff")); // a chunk without a length
        QVERIFY(!readText("7f4161ff", out) && !qtReads("7f4161ff")); // a chunk of bytes
        // A leading byte order mark is dropped, as Qt's own reading drops it.
        QVERIFY(readText("64efbbbf61", out));
        QCOMPARE(QString::fromStdString(out),
                 exactCbor(QByteArray::fromHex("64efbbbf61")).toString());
        QByteArray bytes;
        const QByteArray mixed = QByteArray::fromHex("5f4100616161ff"); // a chunk of text
        QVERIFY(!CborReader(mixed).bytes(0, 9, bytes, "b"));
        QVERIFY(!qtReads("5f4100616161ff"));
        // A map whose last key has no value, and a tag where an integer belongs.
        const QByteArray oddMap = QByteArray::fromHex("bf01ff");
        CborReader map(oddMap);
        qsizetype size = 0;
        quint64 x = 0;
        QVERIFY(map.enterMap(4, size, "map"));
        while (map.hasNext())
            QVERIFY(map.uint(9, x, "key"));
        QVERIFY(!map.leave("map") && !qtReads("bf01ff"));
        const QByteArray tagged = QByteArray::fromHex("c101");
        QVERIFY(!CborReader(tagged).uint(9, x, "number"));
    }
};

QTEST_APPLESS_MAIN(TestCborReader)
#include "tst_cborreader.moc"
