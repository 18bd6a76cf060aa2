// feedbackctl mirror against a private PostgreSQL cluster started by the test (PgCluster) and a
// real relay: the table `feedback` equals `list --format json` after submits, edits and a
// conflict; a second run writes nothing and duplicates nothing; an edit rewrites only its row;
// --follow picks up a record synced later; a kiosk is refused.
#include "SyncTestSupport.h"

#include <QDateTime>
#include <QMap>

#include <support/PgCluster.h>

using namespace feedback::test;

namespace {

// Every row as the JSON of `list --format json`, but createdAt as milliseconds (createdAtMs).
const QString kRowsAsJson = u"SELECT jsonb_build_object('id', id, 'orderId', order_id, "
                            "'courierId', courier_id, 'rating', rating, 'comment', comment, "
                            "'reasons', to_jsonb(reasons), 'publishConsent', publish_consent, "
                            "'needsFollowUp', needs_follow_up, 'contactRequested', "
                            "contact_requested, 'contact', contact, 'contactErased', "
                            "contact_erased, 'createdAtMs', (extract(epoch FROM created_at) * "
                            "1000)::bigint, 'origin', origin, 'followUp', follow_up, 'assignee', "
                            "assignee, 'notes', notes, 'retracted', retracted, 'erased', "
                            "to_jsonb(erased), 'conflicts', conflicts, 'synced', synced) FROM "
                            "feedback ORDER BY id"_s;

QJsonObject comparable(QJsonObject record)
{
    const QDateTime created =
        QDateTime::fromString(record.take(u"createdAt"_s).toString(), Qt::ISODateWithMs);
    record.insert(u"createdAtMs"_s, created.toMSecsSinceEpoch());
    return record;
}

} // namespace

class TestMirror : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init();
    void cleanup();
    void tableEqualsTheListAndRunsAgainWithoutDuplicates();
    void followPicksUpARecordSyncedLater();
    void aKioskIsRefused();

private:
    FeedbackCtlRun mirror(const QString &name, const QStringList &extra = {})
    {
        return ctl(name, QStringList{u"mirror"_s, u"--postgres"_s, m_pg->url()} + extra);
    }
    // The table and A's list, record by record.
    void compareWithList(const QString &name);

    std::unique_ptr<PgCluster> m_pg;
};

void TestMirror::init()
{
    freshDirectory();
    m_pg = std::make_unique<PgCluster>();
    const QString failed = m_pg->start();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestMirror::cleanup()
{
    m_pg.reset(); // stopped, even after a failure
    tearDown();
}

void TestMirror::compareWithList(const QString &name)
{
    QJsonArray listed;
    CALL(list(name, listed));
    QMap<QString, QJsonObject> table;
    for (const QString &line : m_pg->query(kRowsAsJson).split(u'\n', Qt::SkipEmptyParts)) {
        const QJsonObject row = QJsonDocument::fromJson(line.toUtf8()).object();
        table.insert(row[u"id"_s].toString(), row);
    }
    QCOMPARE(table.size(), listed.size());
    for (const QJsonValue &v : std::as_const(listed)) {
        const QJsonObject expected = comparable(v.toObject());
        const QJsonObject row = table.value(expected[u"id"_s].toString());
        QVERIFY2(row == expected,
                 qPrintable(u"table: "_s + QString::fromUtf8(QJsonDocument(row).toJson()) +
                            u"\nlist: "_s + QString::fromUtf8(QJsonDocument(expected).toJson())));
    }
}

void TestMirror::tableEqualsTheListAndRunsAgainWithoutDuplicates()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    QString conflicted, edited;
    CALL(submit(u"A"_s,
                {u"--order"_s, u"MIRROR-1"_s, u"--courier"_s, u"5"_s, u"--rating"_s, u"3"_s},
                &conflicted));
    CALL(submit(u"A"_s,
                {u"--order"_s, u"MIRROR-2"_s, u"--courier"_s, u"6"_s, u"--rating"_s, u"2"_s,
                 u"--reason"_s, u"late"_s, u"--comment"_s, u"cold, \"late\""_s},
                &edited));
    CALL(submit(u"B"_s,
                {u"--order"_s, u"MIRROR-3"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"5"_s}));
    for (const QString &device : {u"A"_s, u"B"_s, u"A"_s})
        CALL(syncOk(device));
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, conflicted, u"--rating"_s, u"1"_s}));
    VERIFY_RUN(ctl(u"B"_s, {u"edit"_s, conflicted, u"--rating"_s, u"4"_s}));
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, edited, u"--note"_s, u"called the customer"_s}));
    for (const QString &device : {u"A"_s, u"B"_s, u"A"_s})
        CALL(syncOk(device));

    const FeedbackCtlRun first = mirror(u"A"_s);
    QVERIFY2(first.ok() && first.out.contains(u"mirrored 3 records: 3 written, 0 removed"_s),
             first.describe().constData());
    CALL(compareWithList(u"A"_s));
    QVERIFY(m_pg->query(u"SELECT jsonb_typeof(conflicts->'rating') FROM feedback WHERE id = '"_s +
                        conflicted + u"'"_s) == u"array"_s);

    const FeedbackCtlRun again = mirror(u"A"_s);
    QVERIFY2(again.ok() && again.out.contains(u"3 records: 0 written"_s),
             again.describe().constData());
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM feedback"_s), u"3"_s);

    const QString before = m_pg->query(u"SELECT max(updated_at) FROM feedback"_s);
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, edited, u"--assignee"_s, u"dispatcher 2"_s}));
    const FeedbackCtlRun afterEdit = mirror(u"A"_s);
    QVERIFY2(afterEdit.ok() && afterEdit.out.contains(u"1 written"_s),
             afterEdit.describe().constData());
    CALL(compareWithList(u"A"_s));
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM feedback WHERE updated_at > '"_s + before + u"'"_s),
             u"1"_s);
}

void TestMirror::followPicksUpARecordSyncedLater()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(submit(u"A"_s, {u"--order"_s, u"F-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"4"_s}));
    CALL(syncOk(u"A"_s));
    const QStringList args{u"mirror"_s, u"--postgres"_s, m_pg->url(), u"--follow"_s};
    const auto follow = FeedbackCtlRunner::start(profile(u"A"_s), args);
    QTRY_COMPARE_WITH_TIMEOUT(m_pg->query(u"SELECT count(*) FROM feedback"_s), u"1"_s, kPatienceMs);
    CALL(submit(u"B"_s, {u"--order"_s, u"F-2"_s, u"--courier"_s, u"2"_s, u"--rating"_s, u"5"_s}));
    CALL(syncOk(u"B"_s));
    QTRY_COMPARE_WITH_TIMEOUT(
        m_pg->query(u"SELECT count(*) FROM feedback WHERE order_id = 'F-2'"_s), u"1"_s,
        kPatienceMs);
    follow->terminate();
    const FeedbackCtlRun stopped = FeedbackCtlRunner::finish(*follow, args);
    QVERIFY2(stopped.out.contains(u"mirrored 2 records"_s), stopped.describe().constData());
}

void TestMirror::aKioskIsRefused()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    const FeedbackCtlRun invite =
        ctl(u"A"_s, {u"invite"_s, u"--role"_s, u"kiosk"_s, u"--relay"_s, m_relay->url()});
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(u"K"_s, {u"join"_s, invite.lastLine(), u"--name"_s, u"K"_s}));
    const FeedbackCtlRun refused = mirror(u"K"_s);
    QCOMPARE(refused.code, 2);
    QVERIFY2(refused.err.contains(u"kiosk"_s), refused.describe().constData());
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM pg_tables WHERE tablename = 'feedback'"_s), u"0"_s);
}

QTEST_GUILESS_MAIN(TestMirror)
#include "tst_mirror.moc"
