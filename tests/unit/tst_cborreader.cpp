// CborReader, the streaming reader under the book codec: bounds that hold when the encoding
// gives no length, text checked as UTF-8, lengths refused before anything is read, the first
// error kept. The codec's own hostile cases are in tst_bookcodechostile.
#include <QCborStreamWriter>
#include <QObject>
#include <QTest>

#include <common/CborReader.h>

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
        QVERIFY2(refused.error().contains(QLatin1String("limit 8")), qPrintable(refused.error()));
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

        QByteArray euro;
        QCborStreamWriter(&euro).append(QStringLiteral("\u20ac\u20ac"));
        CborReader twoChars(euro);
        QVERIFY(twoChars.text(2, out, "price"));
        QCOMPARE(QString::fromStdString(out), QStringLiteral("\u20ac\u20ac"));
        CborReader oneChar(euro);
        QVERIFY(!oneChar.text(1, out, "price"));
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
        QByteArray encoded;
        QCborStreamWriter(&encoded).appendByteString("0123456789abcdef0", 17);
        CborReader in(encoded);
        QByteArray out;
        QVERIFY(!in.bytes(16, 16, out, "replica id"));
        QVERIFY2(in.error().contains(QLatin1String("17 bytes")), qPrintable(in.error()));
    }
};

QTEST_APPLESS_MAIN(TestCborReader)
#include "tst_cborreader.moc"
