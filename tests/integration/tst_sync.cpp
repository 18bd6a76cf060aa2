// Sync end to end with real processes only: feedback-relay (env FEEDBACK_RELAY) on 127.0.0.1 and
// feedbackctl (env FEEDBACKCTL) devices, each with its own profile in a temporary directory.
// Offline first, concurrent edits and a long catch-up. The relay's side (killed in the middle of
// a push, what it keeps on disk, its limits): tst_syncrelay.
#include "SyncTestSupport.h"

#include <QElapsedTimer>
#include <QSet>

using namespace Qt::StringLiterals;
using namespace feedback::test;

namespace {

// Records of `list --format json` without `synced` (which differs between devices).
QJsonArray withoutSynced(const QJsonArray &records)
{
    QJsonArray out;
    for (const QJsonValue &v : records) {
        QJsonObject o = v.toObject();
        o.remove(u"synced"_s);
        out.append(o);
    }
    return out;
}

} // namespace

class TestSync : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init() { freshDirectory(); }
    void cleanup() { tearDown(); }
    void offlineFirstThreeDevicesConverge();
    void concurrentEditsConflictThenResolve();
    void offlineDeviceCatchesUpTenThousand();
};

// A and B write while the relay is down; sync fails with a reason. Once the relay is back, A,
// B, A sync, and C, joining later, needs one sync for everything: three equal lists.
void TestSync::offlineFirstThreeDevicesConverge()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    QVERIFY2(m_relay->terminate(), m_relay->describe().constData()); // SIGTERM: a clean stop

    QString edited;
    CALL(submit(u"A"_s,
                {u"--order"_s, u"OFF-A1"_s, u"--courier"_s, u"11"_s, u"--rating"_s, u"5"_s,
                 u"--comment"_s, u"schnell und freundlich"_s},
                &edited));
    CALL(submit(u"A"_s, {u"--order"_s, u"OFF-A2"_s, u"--courier"_s, u"12"_s, u"--rating"_s, u"2"_s,
                         u"--reason"_s, u"late"_s}));
    CALL(submit(u"B"_s, {u"--order"_s, u"OFF-B1"_s, u"--courier"_s, u"13"_s, u"--rating"_s, u"4"_s,
                         u"--consent"_s}));
    CALL(submit(u"B"_s, {u"--order"_s, u"OFF-B2"_s, u"--courier"_s, u"14"_s, u"--rating"_s, u"1"_s,
                         u"--follow-up"_s}));
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, edited, u"--note"_s, u"called the customer"_s}));
    for (const QString &device : {u"A"_s, u"B"_s}) {
        const FeedbackCtlRun r = sync(device, 20);
        QVERIFY2(r.code == 1 && r.err.contains(u"sync failed: "_s) &&
                     !r.err.section(u"sync failed: "_s, 1).trimmed().isEmpty(),
                 r.describe().constData());
        QJsonObject s;
        CALL(status(device, s));
        QCOMPARE(s[u"pending"_s].toInt(), 2);
    }

    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    for (const QString &device : {u"A"_s, u"B"_s, u"A"_s})
        CALL(syncOk(device));
    CALL(join(u"C"_s, u"A"_s));
    CALL(syncOk(u"C"_s));

    QJsonArray a, b, c;
    CALL(list(u"A"_s, a));
    CALL(list(u"B"_s, b));
    CALL(list(u"C"_s, c));
    QCOMPARE(a.size(), 4);
    QCOMPARE(withoutSynced(b), withoutSynced(a));
    QCOMPARE(withoutSynced(c), withoutSynced(a));
    const QJsonObject withNote = recordById(c, edited);
    QVERIFY2(withNote[u"notes"_s].toArray().size() == 1,
             QJsonDocument(withNote).toJson(QJsonDocument::Compact).constData());
    for (const QString &device : {u"A"_s, u"B"_s, u"C"_s}) {
        QJsonObject s;
        CALL(status(device, s));
        QCOMPARE(s[u"pending"_s].toInt(), 0);
        QCOMPARE(s[u"records"_s].toInt(), 4);
    }
    for (const QJsonValue &v : a)
        QVERIFY(v[u"synced"_s].toBool());
}

// The same field edited on two devices: after sync all show the same conflict and the same
// display value; a later edit on one device settles it everywhere.
void TestSync::concurrentEditsConflictThenResolve()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    QString id;
    CALL(submit(u"A"_s,
                {u"--order"_s, u"CONFLICT-1"_s, u"--courier"_s, u"5"_s, u"--rating"_s, u"3"_s},
                &id));
    CALL(syncOk(u"A"_s));
    CALL(syncOk(u"B"_s));
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, id, u"--rating"_s, u"1"_s}));
    VERIFY_RUN(ctl(u"B"_s, {u"edit"_s, id, u"--rating"_s, u"5"_s}));
    for (const QString &device : {u"A"_s, u"B"_s, u"A"_s})
        CALL(syncOk(device));
    CALL(join(u"C"_s, u"B"_s));
    CALL(syncOk(u"C"_s));

    QJsonArray a, b, c;
    CALL(list(u"A"_s, a));
    CALL(list(u"B"_s, b));
    CALL(list(u"C"_s, c));
    const QJsonObject ra = recordById(a, id);
    const QJsonObject conflicts = ra[u"conflicts"_s].toObject();
    QVERIFY2(conflicts.contains(u"rating"_s),
             QJsonDocument(ra).toJson(QJsonDocument::Compact).constData());
    QSet<int> values;
    for (const QJsonValue &v : conflicts[u"rating"_s].toArray())
        values.insert(v.toInt());
    QCOMPARE(values, (QSet<int>{1, 5}));
    QVERIFY(values.contains(ra[u"rating"_s].toInt()));
    for (const QJsonArray *other : {&b, &c}) {
        const QJsonObject r = recordById(*other, id);
        QCOMPARE(r[u"conflicts"_s].toObject(), conflicts);
        QCOMPARE(r[u"rating"_s], ra[u"rating"_s]);
    }
    QCOMPARE(withoutSynced(b), withoutSynced(a));
    QCOMPARE(withoutSynced(c), withoutSynced(a));

    VERIFY_RUN(ctl(u"C"_s, {u"edit"_s, id, u"--rating"_s, u"4"_s}));
    for (const QString &device : {u"C"_s, u"A"_s, u"B"_s})
        CALL(syncOk(device));
    CALL(list(u"A"_s, a));
    CALL(list(u"B"_s, b));
    CALL(list(u"C"_s, c));
    for (const QJsonArray *records : {&a, &b, &c}) {
        const QJsonObject r = recordById(*records, id);
        QCOMPARE(r[u"rating"_s].toInt(), 4);
        QVERIFY2(r[u"conflicts"_s].toObject().isEmpty(),
                 QJsonDocument(r).toJson(QJsonDocument::Compact).constData());
    }
    QCOMPARE(withoutSynced(b), withoutSynced(a));
    QCOMPARE(withoutSynced(c), withoutSynced(a));
}

// B syncs, goes offline while A creates 10,000 records; B, and C joining afterwards, catch up
// completely (in bounded batches: the relay serves at most 256 per frame).
void TestSync::offlineDeviceCatchesUpTenThousand()
{
    constexpr int kRecords = 10000;
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(submit(u"A"_s, {u"--order"_s, u"FIRST"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"4"_s}));
    CALL(syncOk(u"A"_s));
    CALL(syncOk(u"B"_s));
    CALL(importLegacy(u"A"_s, u"MANY"_s, kRecords));
    QElapsedTimer timer;
    timer.start();
    CALL(syncOk(u"A"_s));
    qInfo("A pushed %d records in %lld ms", kRecords, timer.restart());
    CALL(syncOk(u"B"_s));
    qInfo("B caught up in %lld ms", timer.restart());
    CALL(join(u"C"_s, u"B"_s));
    CALL(syncOk(u"C"_s));
    qInfo("C (new) caught up in %lld ms", timer.restart());

    QJsonArray a, b, c;
    CALL(list(u"A"_s, a));
    CALL(list(u"B"_s, b));
    CALL(list(u"C"_s, c));
    QCOMPARE(a.size(), kRecords + 1);
    QSet<QString> ids;
    for (const QJsonValue &v : c)
        ids.insert(v[u"id"_s].toString());
    QCOMPARE(ids.size(), kRecords + 1);
    QCOMPARE(withoutSynced(b), withoutSynced(a));
    QCOMPARE(withoutSynced(c), withoutSynced(a));
}

QTEST_GUILESS_MAIN(TestSync)
#include "tst_sync.moc"
