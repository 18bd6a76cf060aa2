// SafeText (UTF-8 checks on the way in, control escapes on the way out) and every text output of
// RecordExport, on records built in memory with the values a hostile member could sync: ESC/OSC
// sequences, CR, NUL, C1 controls, bidirectional overrides. None may come out raw; printable
// text, any script or emoji, must come out as it went in.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

#include <core/RecordExport.h>
#include <core/SafeText.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

const QString kHostile = u"ok\x1b]52;c;cHduZWQ=\x07 \x1b[2J\rover\0write \x9b"
                         "31m \u202Egnp.exe"_s;
const QString kPrintable = u"Straße, niño, 配達 👍🏽 — «merci»"_s;

// Raw controls that are never all right in a terminal; `lineBreaks` allows \n (and \t).
bool hasRawControl(const QString &text, bool lineBreaks)
{
    for (const QChar ch : text) {
        const char16_t c = ch.unicode();
        if (lineBreaks && (c == u'\n' || c == u'\t'))
            continue;
        if (c < 0x20 || (c >= 0x7F && c < 0xA0) || (c >= 0x202A && c <= 0x202E) ||
            (c >= 0x2066 && c <= 0x2069))
            return true;
    }
    return false;
}

FeedbackRecordView hostileRecord()
{
    FeedbackRecordView r;
    r.id = RecordId{ReplicaId{1, 2}, 7};
    r.orderId = u"ORD-\x1b[8m1"_s;
    r.courierId = 7;
    r.rating = 3;
    r.comment = kHostile + u"\nsecond line\t"_s + kPrintable;
    r.reasons = {u"late\x1b[0m"_s};
    r.assignee = u"Ana\r\x1b[1A"_s;
    r.notes = {FeedbackNote{u"Bob\x1b]0;title\x07"_s, kHostile, 0}};
    r.conflicts = {FieldConflict{u"comment"_s, {kHostile, kPrintable}, {}}};
    return r;
}

RecordExport::SyncedFn notSynced()
{
    return [](const RecordId &) {
        return false;
    };
}

} // namespace

class TestSafeText : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void utf8_data()
    {
        QTest::addColumn<QByteArray>("bytes");
        QTest::addColumn<qsizetype>("invalidAt");
        QTest::newRow("ascii") << QByteArray("plain") << qsizetype(-1);
        QTest::newRow("two, three, four bytes")
            << QByteArray("\xc3\x9f \xe9\x85\x8d \xf0\x9f\x91\x8d") << qsizetype(-1);
        QTest::newRow("highest code point") << QByteArray("\xf4\x8f\xbf\xbf") << qsizetype(-1);
        QTest::newRow("latin-1") << QByteArray("caf\xe9") << qsizetype(3);
        QTest::newRow("lone continuation") << QByteArray("a\x80") << qsizetype(1);
        QTest::newRow("ff fe") << QByteArray("\xff\xfe") << qsizetype(0);
        QTest::newRow("overlong slash") << QByteArray("x\xc0\xaf") << qsizetype(1);
        QTest::newRow("overlong three bytes") << QByteArray("\xe0\x80\xaf") << qsizetype(0);
        QTest::newRow("overlong four bytes") << QByteArray("\xf0\x80\x80\xaf") << qsizetype(0);
        QTest::newRow("surrogate") << QByteArray("ab\xed\xa0\x80") << qsizetype(2);
        QTest::newRow("past U+10FFFF") << QByteArray("\xf4\x90\x80\x80") << qsizetype(0);
        QTest::newRow("f5") << QByteArray("\xf5\x80\x80\x80") << qsizetype(0);
        QTest::newRow("truncated") << QByteArray("ok\xe2\x82") << qsizetype(2);
        QTest::newRow("bad third byte") << QByteArray("\xe2\x82\x41") << qsizetype(0);
    }
    void utf8()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(qsizetype, invalidAt);
        QCOMPARE(safetext::invalidUtf8At(bytes), invalidAt);
        QCOMPARE(safetext::isUtf8(bytes), invalidAt < 0);
    }

    void escapesEveryControl()
    {
        QCOMPARE(safetext::escapeControls(u"a\x1b[31mb\x07\r\n\t\0z"_s),
                 u"a\\x1b[31mb\\x07\\r\\n\\t\\x00z"_s);
        QCOMPARE(safetext::escapeControls(u"\x7f\x9b\x85"_s), u"\\x7f\\x9b\\x85"_s);
        QCOMPARE(safetext::escapeControls(u"\u202Eevil\u2066"_s), u"\\u{202e}evil\\u{2066}"_s);
        QCOMPARE(safetext::escapeControls(QString(QChar(0xD800)) + u'x'), u"\\u{d800}x"_s);
        QCOMPARE(safetext::escapeControls(u"a\nb\tc\rd"_s, safetext::LineBreaks::Keep),
                 u"a\nb\tc\\rd"_s);
        QCOMPARE(safetext::quoted(u"x\x1b"_s), u"\"x\\x1b\""_s);
    }

    void printableTextIsUnchanged()
    {
        QCOMPARE(safetext::escapeControls(kPrintable), kPrintable);
        // Joiners and variation selectors are format characters, not controls: emoji keep them.
        const QString family = u"👩\u200D👩\u200D👧 ❤\uFE0F \\ back\\slash"_s;
        QCOMPARE(safetext::escapeControls(family), family);
    }

    void jsonKeepsItsValueAndLosesRawControls()
    {
        const QJsonObject o{{u"text"_s, QString(kHostile + kPrintable)}, {u"n"_s, 1}};
        const QByteArray plain = QJsonDocument(o).toJson(QJsonDocument::Indented);
        QVERIFY2(hasRawControl(QString::fromUtf8(plain), true), "Qt's writer left them raw");
        const QByteArray safe = safetext::escapeJsonControls(plain);
        QVERIFY2(!hasRawControl(QString::fromUtf8(safe), true), safe.constData());
        QCOMPARE(QJsonDocument::fromJson(safe).object(), o);
        QVERIFY(QString::fromUtf8(safe).contains(kPrintable));
    }

    void tableEscapesAndStaysOneLinePerRecord()
    {
        const QString table = RecordExport::toTable({hostileRecord()}, notSynced());
        QVERIFY2(!hasRawControl(table, true), qPrintable(table));
        QCOMPARE(table.count(u'\n'), 2);
        QVERIFY(table.contains(u"ORD-\\x1b[8m1"_s));
        QVERIFY(table.contains(u"ok\\x1b]52;c;cHduZWQ=\\x07"_s));
    }

    void textEscapesEveryField()
    {
        const FeedbackRecordView r = hostileRecord();
        const QString text = RecordExport::toText(r, false);
        QVERIFY2(!hasRawControl(text, true), qPrintable(text));
        // One line per field: a line break in a value cannot start a fake field.
        QCOMPARE(text.count(u'\n'), RecordExport::toJson(r, false).size());
        for (const QString &shown :
             {u"\\x1b[2J\\rover\\x00write \\x9b31m \\u{202e}gnp.exe\\nsecond line\\t"_s,
              u"Ana\\r\\x1b[1A"_s, u"[\"late\\u001b[0m\"]"_s, kPrintable})
            QVERIFY2(text.contains(shown), qPrintable(shown));
    }

    void csvKeepsLineBreaksInQuotedCellsOnly()
    {
        const QString csv = QString::fromUtf8(RecordExport::toCsv({hostileRecord()}, notSynced()));
        // Rows end in CRLF (RFC 4180); nothing else is raw but line breaks in quoted cells.
        QVERIFY2(!hasRawControl(QString(csv).replace(u"\r\n"_s, u"\n"_s), true), qPrintable(csv));
        QVERIFY(csv.contains(u"\"ok\\x1b]52;c;cHduZWQ=\\x07 \\x1b[2J\\rover\\x00write \\x9b31m "
                             "\\u{202e}gnp.exe\nsecond line\t"_s +
                             kPrintable + u'"'));
        QVERIFY(csv.contains(u",Ana\\r\\x1b[1A,"_s));
    }

    void jsonExportRoundTrips()
    {
        const FeedbackRecordView r = hostileRecord();
        const QByteArray json = RecordExport::toJsonDocument({r}, notSynced());
        QVERIFY2(!hasRawControl(QString::fromUtf8(json), true), json.constData());
        const QJsonObject back = QJsonDocument::fromJson(json).array().first().toObject();
        QCOMPARE(back, RecordExport::toJson(r, false));
        QCOMPARE(back[u"comment"_s].toString(), r.comment);
    }
};

QTEST_GUILESS_MAIN(TestSafeText)
#include "tst_safetext.moc"
