// Restored and cloned profiles end to end, with real processes only: a feedback-relay (env
// FEEDBACK_RELAY) and feedbackctl devices (env FEEDBACKCTL). A profile directory copied back
// into its own place (a backup restored) or the same disk image on two kiosks keeps its device
// id, so the copied-profile check (machine id and path) cannot tell; what the relay holds under
// that id can. Every record must reach every device, and no id may hold two different records.
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <support/FileTree.h>
#include <support/RawDatabase.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>

using namespace Qt::StringLiterals;
using feedback::test::copyFiles;
using feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;
using feedback::test::RawDatabase;
using feedback::test::RelayProcess;

namespace {

const QRegularExpression kRecordId(u"^[0-9a-f]{32}-\\d+$"_s);

// `list --format json` without `synced` (which differs between devices).
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

QMap<QString, QString> orderIdsById(const QJsonArray &records)
{
    QMap<QString, QString> out;
    for (const QJsonValue &v : records)
        out.insert(v[u"id"_s].toString(), v[u"orderId"_s].toString());
    return out;
}

} // namespace

#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

class TestRestore : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void restoredBackupLosesNothing();
    void restoredBackupWithNothingNewContinuesAtOnce();
    void clonedKiosksKeepBothRecords();
    void failedIdentitySwitchKeepsTheOldIdentityAndRetries();

private:
    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(profile(name), args, 90000);
    }
    FeedbackCtlRun sync(const QString &name) const
    {
        return ctl(name, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"60"_s});
    }
    void makeWorkspace(const QStringList &names);
    void submit(const QString &name, const QString &order, QString *id = nullptr);
    void syncOk(const QString &name, FeedbackCtlRun *run = nullptr);
    void list(const QString &name, QJsonArray &out);
    void deviceOf(const QString &name, QString &out);
    void backup(const QString &name, const QString &to);
    void restore(const QString &from, const QString &name);
    // A backup, a record after it (synced), the backup restored in place, a record under the
    // reissued seq. Returns the ids of the two later records (equal: the restore reissued it).
    void restoreOverSyncedRecord(QString &afterBackup, QString &afterRestore);
    // `name` and the dispatcher D hold the same records, with these order ids.
    void expectEverywhere(const QStringList &names, const QSet<QString> &orders);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRestore::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
}

void TestRestore::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestRestore::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestRestore::makeWorkspace(const QStringList &names)
{
    VERIFY_RUN(
        ctl(names.first(), {u"init"_s, u"--name"_s, names.first(), u"--relay"_s, m_relay->url()}));
    for (const QString &name : names.mid(1)) {
        const FeedbackCtlRun invite = ctl(names.first(), {u"invite"_s});
        VERIFY_RUN(invite);
        VERIFY_RUN(ctl(name, {u"join"_s, invite.lastLine(), u"--name"_s, name}));
    }
}

void TestRestore::submit(const QString &name, const QString &order, QString *id)
{
    const FeedbackCtlRun r = ctl(name, {u"submit"_s, u"--order"_s, order, u"--courier"_s, u"7"_s,
                                        u"--rating"_s, u"4"_s, u"--comment"_s, u"secret words"_s});
    VERIFY_RUN(r);
    QVERIFY2(kRecordId.match(r.lastLine()).hasMatch(), r.describe().constData());
    if (id)
        *id = r.lastLine();
}

void TestRestore::syncOk(const QString &name, FeedbackCtlRun *run)
{
    const FeedbackCtlRun r = sync(name);
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s) && r.out.contains(u", 0 pending"_s),
             r.describe().constData());
    // Never feedback text on the console, the note included.
    QVERIFY2(!r.err.contains(u"secret words"_s) && !r.err.contains(u"ORD-"_s),
             r.describe().constData());
    if (run)
        *run = r;
}

void TestRestore::list(const QString &name, QJsonArray &out)
{
    const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    QVERIFY2(doc.isArray(), r.describe().constData());
    out = doc.array();
}

void TestRestore::deviceOf(const QString &name, QString &out)
{
    const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out = QJsonDocument::fromJson(r.out.toUtf8()).object()[u"device"_s].toString();
    QVERIFY2(out.size() == 32, r.describe().constData());
}

void TestRestore::backup(const QString &name, const QString &to)
{
    QVERIFY(copyFiles(profile(name), m_tmp->filePath(to)));
}

void TestRestore::restore(const QString &from, const QString &name)
{
    QVERIFY(QDir(profile(name)).removeRecursively());
    QVERIFY(copyFiles(m_tmp->filePath(from), profile(name)));
}

void TestRestore::restoreOverSyncedRecord(QString &afterBackup, QString &afterRestore)
{
    CALL(submit(u"K"_s, u"ORD-1"_s));
    CALL(syncOk(u"K"_s));
    CALL(backup(u"K"_s, u"backup"_s));
    CALL(submit(u"K"_s, u"ORD-2"_s, &afterBackup));
    CALL(syncOk(u"K"_s));
    CALL(restore(u"backup"_s, u"K"_s));
    CALL(submit(u"K"_s, u"ORD-3"_s, &afterRestore));
    QCOMPARE(afterRestore, afterBackup); // the restored profile reissued the id
}

void TestRestore::expectEverywhere(const QStringList &names, const QSet<QString> &orders)
{
    QJsonArray first;
    CALL(list(names.first(), first));
    const QMap<QString, QString> byId = orderIdsById(first);
    QCOMPARE(byId.size(), orders.size()); // no id holds two records, no record is missing
    QCOMPARE(QSet<QString>(byId.cbegin(), byId.cend()), orders);
    for (const QString &name : names.mid(1)) {
        QJsonArray other;
        CALL(list(name, other));
        QCOMPARE(withoutSynced(other), withoutSynced(first));
    }
}

// Backed up, one more record synced, the backup restored in place, a new record under the
// reissued id, synced: the profile continues under a new id and says so; every device, a
// late joiner included, has all three records, each under its own id; the restored profile
// gets back the record its backup predates.
void TestRestore::restoredBackupLosesNothing()
{
    CALL(makeWorkspace({u"D"_s, u"K"_s}));
    QString before;
    CALL(deviceOf(u"K"_s, before));
    QString id2, id3;
    CALL(restoreOverSyncedRecord(id2, id3));
    FeedbackCtlRun synced;
    CALL(syncOk(u"K"_s, &synced));
    CALL(syncOk(u"D"_s));
    CALL(syncOk(u"K"_s)); // whatever D wrote meanwhile: nothing; K stays who it is now
    const FeedbackCtlRun invite = ctl(u"D"_s, {u"invite"_s});
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(u"E"_s, {u"join"_s, invite.lastLine(), u"--name"_s, u"E"_s}));
    CALL(syncOk(u"E"_s));
    CALL(expectEverywhere({u"D"_s, u"K"_s, u"E"_s}, {u"ORD-1"_s, u"ORD-2"_s, u"ORD-3"_s}));
    QJsonArray records;
    CALL(list(u"D"_s, records));
    QCOMPARE(orderIdsById(records).value(id2), u"ORD-2"_s); // the relay's original keeps its id

    QVERIFY2(synced.err.contains(u"note: "_s) && synced.err.contains(u"new device"_s) &&
                 synced.err.contains(u"restored from a backup"_s),
             synced.describe().constData());
    QString after;
    CALL(deviceOf(u"K"_s, after));
    QVERIFY(after != before);
    QVERIFY(orderIdsById(records).key(u"ORD-3"_s).startsWith(after));

    for (const QString &command : {u"status"_s, u"doctor"_s}) {
        const FeedbackCtlRun r = ctl(u"K"_s, {command});
        VERIFY_RUN(r);
        QVERIFY2(r.out.contains(u"note"_s) &&
                     r.out.contains(u"continued as the new device "_s + after) &&
                     !r.out.contains(u"secret words"_s),
                 r.describe().constData());
    }
}

// Restored in place with nothing new: the relay knows seqs this profile never wrote. The first
// sync continues under a new id and brings the later record back; the next record cannot
// take the old id's seq.
void TestRestore::restoredBackupWithNothingNewContinuesAtOnce()
{
    CALL(makeWorkspace({u"D"_s, u"K"_s}));
    CALL(submit(u"K"_s, u"ORD-1"_s));
    CALL(syncOk(u"K"_s));
    CALL(backup(u"K"_s, u"backup"_s));
    CALL(submit(u"K"_s, u"ORD-2"_s));
    CALL(syncOk(u"K"_s));
    CALL(restore(u"backup"_s, u"K"_s));
    FeedbackCtlRun synced;
    CALL(syncOk(u"K"_s, &synced));
    QVERIFY2(synced.err.contains(u"new device"_s), synced.describe().constData());
    QJsonArray k;
    CALL(list(u"K"_s, k));
    QCOMPARE(k.size(), 2);
    CALL(submit(u"K"_s, u"ORD-3"_s));
    CALL(syncOk(u"K"_s));
    CALL(syncOk(u"D"_s));
    CALL(expectEverywhere({u"D"_s, u"K"_s}, {u"ORD-1"_s, u"ORD-2"_s, u"ORD-3"_s}));
}

// One disk image on two kiosks (same machine id, same path: same device id, and the
// copied-profile check stays silent). Both submit, each printing the same id; both sync: the
// dispatcher has both records, and each kiosk has the other's too.
void TestRestore::clonedKiosksKeepBothRecords()
{
    CALL(makeWorkspace({u"D"_s, u"K"_s}));
    CALL(syncOk(u"K"_s));
    CALL(backup(u"K"_s, u"image"_s));
    QString first, second;
    CALL(submit(u"K"_s, u"ORD-A"_s, &first)); // kiosk A
    QVERIFY(QDir().rename(profile(u"K"_s), profile(u"A-parked"_s)));
    CALL(restore(u"image"_s, u"K"_s)); // kiosk B, from the same image, at the same path
    CALL(submit(u"K"_s, u"ORD-B"_s, &second));
    QCOMPARE(second, first);
    CALL(syncOk(u"K"_s)); // B first: its record keeps the id
    QVERIFY(QDir().rename(profile(u"K"_s), profile(u"B-parked"_s)));
    QVERIFY(QDir().rename(profile(u"A-parked"_s), profile(u"K"_s)));
    FeedbackCtlRun synced;
    CALL(syncOk(u"K"_s, &synced)); // then A: it finds B's record under its seq 1
    CALL(syncOk(u"D"_s));
    CALL(expectEverywhere({u"D"_s, u"K"_s}, {u"ORD-A"_s, u"ORD-B"_s}));
    QJsonArray records;
    CALL(list(u"D"_s, records));
    QCOMPARE(orderIdsById(records).value(first), u"ORD-B"_s);
    QVERIFY2(synced.err.contains(u"new device"_s), synced.describe().constData());
    QString a;
    CALL(deviceOf(u"K"_s, a));
    // B, back in place, gets A's record; it keeps its id (its record was the relay's).
    QVERIFY(QDir().rename(profile(u"K"_s), profile(u"A-parked"_s)));
    QVERIFY(QDir().rename(profile(u"B-parked"_s), profile(u"K"_s)));
    CALL(syncOk(u"K"_s));
    QString b;
    CALL(deviceOf(u"K"_s, b));
    QVERIFY(b != a && first.startsWith(b));
    CALL(expectEverywhere({u"D"_s, u"K"_s}, {u"ORD-A"_s, u"ORD-B"_s}));
}

// The identity switch is one transaction: a write refused inside it (a trigger on the real
// file refuses the last one, the note) fails the sync, and the profile is as it was: same id,
// same pending record under the reissued id. Without the fault the next sync switches, and
// a further sync changes nothing.
void TestRestore::failedIdentitySwitchKeepsTheOldIdentityAndRetries()
{
    CALL(makeWorkspace({u"D"_s, u"K"_s}));
    QString before;
    CALL(deviceOf(u"K"_s, before));
    QString id2, id3;
    CALL(restoreOverSyncedRecord(id2, id3));
    const QString database = profile(u"K"_s) + u"/feedback.db"_s;
    QVERIFY(RawDatabase::execOn(database,
                                u"CREATE TRIGGER inject BEFORE INSERT ON meta WHEN NEW.key = "
                                "'value/identity/note' BEGIN SELECT RAISE(ABORT, 'injected "
                                "fault'); END"_s));
    const FeedbackCtlRun failed = sync(u"K"_s);
    QVERIFY2(failed.code == 1 && failed.err.contains(u"injected fault"_s),
             failed.describe().constData());
    QString device;
    CALL(deviceOf(u"K"_s, device));
    QCOMPARE(device, before);
    QJsonArray k;
    CALL(list(u"K"_s, k));
    QCOMPARE(orderIdsById(k).value(id3), u"ORD-3"_s);
    QCOMPARE(k.size(), 2);
    const FeedbackCtlRun status = ctl(u"K"_s, {u"status"_s, u"--format"_s, u"json"_s});
    QCOMPARE(QJsonDocument::fromJson(status.out.toUtf8()).object()[u"pending"_s].toInt(), 1);
    VERIFY_RUN(ctl(u"K"_s, {u"doctor"_s}));

    QVERIFY(RawDatabase::execOn(database, u"DROP TRIGGER inject"_s));
    CALL(syncOk(u"K"_s));
    QString after;
    CALL(deviceOf(u"K"_s, after));
    QVERIFY(after != before);
    FeedbackCtlRun again;
    CALL(syncOk(u"K"_s, &again));
    QVERIFY2(!again.err.contains(u"note"_s), again.describe().constData());
    QString still;
    CALL(deviceOf(u"K"_s, still));
    QCOMPARE(still, after);
    CALL(syncOk(u"D"_s));
    CALL(expectEverywhere({u"D"_s, u"K"_s}, {u"ORD-1"_s, u"ORD-2"_s, u"ORD-3"_s}));
}

QTEST_GUILESS_MAIN(TestRestore)
#include "tst_restore.moc"
