// feedbackctl's upkeep of a profile, as real processes (env FEEDBACKCTL) on a fresh temporary
// profile per test: import-legacy, export to a file, doctor on healthy, tampered and damaged
// files, and purge, which keeps what is not synced.
#include "FeedbackCtlTestSupport.h"

#include <QFileInfo>
#include <QJsonArray>

#include <support/RawDatabase.h>

using namespace Qt::StringLiterals;
using namespace feedback::test;

class TestFeedbackCtlMaintenance : public QObject, public FeedbackCtlFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkFeedbackCtl(); }
    void init() { freshProfile(); }
    void importLegacy();
    void exportToFile();
    void doctorHealthyThenTamperedRecord();
    void doctorFindsDamagedFile();
    void purgeKeepsUnsyncedRecords();
};

void TestFeedbackCtlMaintenance::importLegacy()
{
    QVERIFY(initProfile());
    const QString file = m_tmp->filePath(u"queue.json"_s);
    QVERIFY(writeFile(file, R"([
        {"orderId": "L-1", "courierId": 3, "rating": 5, "comment": "great",
         "reasons": ["fast"], "synced": false},
        {"orderId": "L-2", "courierId": "4", "rating": "2", "synced": true},
        {"orderId": "L-3", "courierId": 3, "rating": 9},
        {"courierId": 3, "rating": 4},
        "not an object",
        {"orderId": "L-6", "courierId": 3, "rating": 4, "reasons": ["teleported"]}])"));
    const auto import = [this](const QString &path, int imported, int already) {
        const Run r = ctl(u"import-legacy"_s, {path});
        const bool ok = r.code == 0 && r.out.contains(u"\nalready imported: %1\n"_s.arg(already)) &&
                        r.out.startsWith(u"imported: %1\n"_s.arg(imported));
        if (!ok)
            qWarning("%s", r.describe().constData());
        return ok ? r.out : QString();
    };
    const QString first = import(file, 2, 0);
    QVERIFY(first.contains(u"skipped (invalid): 4\n"_s));
    for (const char *line :
         {"\n  item 3: rating", "\n  item 4: orderId", "\n  item 5: not an", "\n  item 6: reasons"})
        QVERIFY2(first.contains(QLatin1String(line)), qPrintable(first));
    QVERIFY(!first.contains(u"item 1:"_s) && !first.contains(u"item 2:"_s));
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
    QVERIFY(import(file, 0, 2).contains(u"skipped (invalid): 4\n"_s));
    // The same items with `synced` flipped (and the keys in another order) are the same items.
    const QString flipped = m_tmp->filePath(u"flipped.json"_s);
    QVERIFY(writeFile(flipped, R"([
        {"synced": true, "reasons": ["fast"], "comment": "great", "rating": 5,
         "courierId": 3, "orderId": "L-1"},
        {"orderId": "L-2", "courierId": "4", "rating": "2", "synced": false}])"));
    QVERIFY(!import(flipped, 0, 2).isEmpty());
    const QJsonArray records = json(u"list --format json"_s).array();
    QCOMPARE(records.size(), 2);
    for (const QJsonValue &v : records)
        QVERIFY(v[u"orderId"_s] != u"L-2"_s || (v[u"courierId"_s] == 4 && v[u"rating"_s] == 2));

    const QString bad = m_tmp->filePath(u"bad.json"_s);
    for (const char *bytes : {"{not json", R"({"orderId": "x"})"}) {
        QVERIFY(writeFile(bad, bytes));
        const Run r = ctl(u"import-legacy"_s, {bad});
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(bad));
    }
    EXPECT(ctl(u"import-legacy"_s), 2, true);
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
}

void TestFeedbackCtlMaintenance::exportToFile()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit({u"--comment"_s, u"a,b"_s}).isEmpty());
    const QString csv = m_tmp->filePath(u"out.csv"_s);
    const QString js = m_tmp->filePath(u"out.json"_s);
    for (const QString &path : {csv, js}) {
        const Run r = ctl(u"export --output"_s, {path, u"--format"_s, QFileInfo(path).suffix()});
        EXPECT(r, 0, r.out.isEmpty() && r.err.contains(u"exported 2 records"_s));
    }
    QCOMPARE(parseCsv(QString::fromUtf8(fileBytes(csv))).size(), 3);
    QCOMPARE(QJsonDocument::fromJson(fileBytes(js)).array().size(), 2);
    QCOMPARE(json(u"export --format json"_s).array().size(), 2);
    const QString other = m_tmp->filePath(u"none.csv"_s);
    const Run r = ctl(u"export --output"_s, {other});
    EXPECT(r, 2, r.out.isEmpty() && r.err.contains(u"--format"_s) && !QFile::exists(other));
}

void TestFeedbackCtlMaintenance::doctorHealthyThenTamperedRecord()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    const Run healthy = ctl(u"doctor"_s);
    EXPECT(healthy, 0,
           healthy.out.contains(u"\ndoctor: no problems found\n"_s) &&
               healthy.out.contains(u"integrity: ok"_s) && !healthy.out.contains(u"PROBLEM"_s));
    {
        feedback::test::RawDatabase db(m_profile + u"/feedback.db"_s);
        const QVariantList row = db.rows(u"SELECT id, state FROM records LIMIT 1"_s).value(0);
        QVERIFY2(row.size() == 2, db.describe().constData());
        const QByteArray key = row[0].toByteArray();
        QByteArray state = row[1].toByteArray();
        state[state.size() / 2] = static_cast<char>(state[state.size() / 2] ^ 0x01);
        QVERIFY2(db.exec(u"UPDATE records SET state = ? WHERE id = ?"_s, {state, key}) &&
                     db.changes() == 1,
                 db.describe().constData());
    }
    const Run r = ctl(u"doctor"_s);
    QVERIFY2(r.code != 0 && r.out.contains(u"PROBLEM: record "_s) &&
                 r.out.contains(u"doctor: problems found"_s),
             r.describe().constData());
}

void TestFeedbackCtlMaintenance::doctorFindsDamagedFile()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    QFile db(m_profile + u"/feedback.db"_s);
    QVERIFY(db.open(QIODevice::ReadWrite) && db.size() >= 4 * 4096);
    const qint64 size = db.size();
    QVERIFY(db.seek(size / 4) && db.write(QByteArray(size / 2, '\xA5')) == size / 2);
    db.close();
    const Run r = ctl(u"doctor"_s);
    QVERIFY2(r.code != 0 && r.out.contains(u"PROBLEM: "_s), r.describe().constData());
}

void TestFeedbackCtlMaintenance::purgeKeepsUnsyncedRecords()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    for (const QString &days : {u"30"_s, u"0"_s}) { // 0: unsynced records are never dropped
        const Run r = ctl(u"purge --days "_s + days);
        EXPECT(r, 0, r.out == u"dropped: 0\n"_s);
    }
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
    for (const QString &bad : {u"purge --days -1"_s, u"purge --days x"_s, u"purge"_s})
        EXPECT(ctl(bad), 2, true);
}

QTEST_GUILESS_MAIN(TestFeedbackCtlMaintenance)
#include "tst_feedbackctl_maintenance.moc"
