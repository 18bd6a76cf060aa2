// A relay that lost data, end to end with real processes only: a feedback-relay (env
// FEEDBACK_RELAY) and feedbackctl devices (env FEEDBACKCTL). Restored from last night's backup,
// or replaced by an empty one at the same address, the relay lacks deltas it had acknowledged,
// which the devices then dropped: the devices heal it with snapshots, and every device ends with
// every record, none lost. A device whose cursor lies in the part of the log the restore gave to
// other units finds out through the log's chain instead of skipping them.
#include <QDateTime>
#include <QDir>
#include <QDirIterator>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <support/FileTree.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>

using namespace Qt::StringLiterals;
using feedback::test::copyFiles;
using feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;
using feedback::test::RelayProcess;

namespace {

// `list --format json` by record id, without `synced` (which differs between devices).
QMap<QString, QJsonObject> byId(const QJsonArray &records)
{
    QMap<QString, QJsonObject> out;
    for (const QJsonValue &v : records) {
        QJsonObject o = v.toObject();
        o.remove(u"synced"_s);
        out.insert(o[u"id"_s].toString(), o);
    }
    return out;
}

} // namespace

#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

class TestHealRelay : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void restoredRelayIsHealedWithNothingLost();
    void emptyRelayAtTheSameAddressIsHealed();
    void cursorInARewrittenPartOfTheLogIsFoundOut();
    void snapshotCommandAndANewDeviceStartingFromIt();
    void restoredProfileAfterCompactionNeverReissuesADot();

private:
    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(profile(name), args, 120000);
    }
    void makeWorkspace(const QStringList &names);
    // `count` records from `name` in one import (orders PREFIX-1..), and `edits` edits of them.
    void addRecords(const QString &name, const QString &prefix, int count, int edits);
    void syncOk(const QString &name, FeedbackCtlRun *run = nullptr);
    void list(const QString &name, QMap<QString, QJsonObject> &out);
    void expectAll(const QStringList &names, const QMap<QString, QJsonObject> &expected);
    // Stops the relay, puts `from` (a copy of its data, or nothing) in place of its data and
    // starts it again at the same address.
    void replaceRelayData(const QString &from);
    void backupRelay(const QString &to);
    // A relay at the same address, with a new data directory, that compacts at once.
    void startCompactingRelay();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    QString m_url;
};

void TestHealRelay::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
}

void TestHealRelay::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    m_url = m_relay->url();
}

void TestHealRelay::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestHealRelay::makeWorkspace(const QStringList &names)
{
    VERIFY_RUN(ctl(names.first(), {u"init"_s, u"--name"_s, names.first(), u"--relay"_s, m_url}));
    for (const QString &name : names.mid(1)) {
        const FeedbackCtlRun invite = ctl(names.first(), {u"invite"_s});
        VERIFY_RUN(invite);
        VERIFY_RUN(ctl(name, {u"join"_s, invite.lastLine(), u"--name"_s, name}));
    }
}

void TestHealRelay::addRecords(const QString &name, const QString &prefix, int count, int edits)
{
    QJsonArray items;
    for (int i = 1; i <= count; ++i)
        items.append(QJsonObject{{u"orderId"_s, u"%1-%2"_s.arg(prefix).arg(i)},
                                 {u"courierId"_s, 7},
                                 {u"rating"_s, 1 + i % 5},
                                 {u"comment"_s, u"words of %1 %2"_s.arg(prefix).arg(i)}});
    const QString file = m_tmp->filePath(prefix + u".json"_s);
    QFile out(file);
    QVERIFY(out.open(QIODevice::WriteOnly));
    out.write(QJsonDocument(items).toJson());
    out.close();
    VERIFY_RUN(ctl(name, {u"import-legacy"_s, file}));
    QMap<QString, QJsonObject> records;
    CALL(list(name, records));
    int done = 0;
    for (auto it = records.cbegin(); it != records.cend() && done < edits; ++it) {
        if (!it->value(u"orderId"_s).toString().startsWith(prefix + u'-'))
            continue;
        VERIFY_RUN(ctl(name, {u"edit"_s, it.key(), u"--comment"_s, u"edited by "_s + name}));
        ++done;
    }
    QCOMPARE(done, edits);
}

void TestHealRelay::syncOk(const QString &name, FeedbackCtlRun *run)
{
    const FeedbackCtlRun r = ctl(name, {u"sync"_s, u"--relay"_s, m_url, u"--timeout"_s, u"90"_s});
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s) && r.out.contains(u", 0 pending"_s),
             r.describe().constData());
    if (run)
        *run = r;
}

void TestHealRelay::list(const QString &name, QMap<QString, QJsonObject> &out)
{
    const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    QVERIFY2(doc.isArray(), r.describe().constData());
    out = byId(doc.array());
}

void TestHealRelay::expectAll(const QStringList &names, const QMap<QString, QJsonObject> &expected)
{
    for (const QString &name : names) {
        QMap<QString, QJsonObject> records;
        CALL(list(name, records));
        QCOMPARE(records.size(), expected.size());
        QVERIFY2(records == expected, qPrintable(name));
    }
}

void TestHealRelay::backupRelay(const QString &to)
{
    // Stopped, as an operator's backup is taken (the write-ahead log folded in at shutdown).
    QVERIFY(m_relay->terminate());
    QVERIFY(copyFiles(m_relay->dataDir(), m_tmp->filePath(to)));
    QVERIFY2(m_relay->start(m_relay->port()), m_relay->describe().constData());
    QCOMPARE(m_relay->url(), m_url);
}

void TestHealRelay::startCompactingRelay()
{
    const quint16 port = m_relay->port();
    m_relay->kill();
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"compacting"_s),
                                             QStringList{u"--keep-history"_s, u"0"_s});
    QVERIFY2(m_relay->start(port), m_relay->describe().constData());
    m_url = m_relay->url();
}

void TestHealRelay::replaceRelayData(const QString &from)
{
    m_relay->kill();
    QVERIFY(QDir(m_relay->dataDir()).removeRecursively());
    if (!from.isEmpty())
        QVERIFY(copyFiles(m_tmp->filePath(from), m_relay->dataDir()));
    QVERIFY2(m_relay->start(m_relay->port()), m_relay->describe().constData());
    QCOMPARE(m_relay->url(), m_url);
}

// The backup is taken (relay stopped), three devices sync 1,000 more records and edits, the
// backup comes back: each device syncs without an error (the first ones heal the relay with a
// snapshot), and all three end with exactly the records they had before the restore.
void TestHealRelay::restoredRelayIsHealedWithNothingLost()
{
    const QStringList devices{u"A"_s, u"B"_s, u"C"_s};
    CALL(makeWorkspace(devices));
    for (const QString &name : devices) {
        CALL(addRecords(name, u"old-"_s + name, 20, 3));
        CALL(syncOk(name));
    }
    CALL(backupRelay(u"backup"_s));
    const int counts[] = {400, 300, 300};
    for (int i = 0; i < 3; ++i)
        CALL(addRecords(devices[i], u"new-"_s + devices[i], counts[i], 10));
    for (int round = 0; round < 2; ++round)
        for (const QString &name : devices)
            CALL(syncOk(name));
    QMap<QString, QJsonObject> before;
    CALL(list(u"A"_s, before));
    QCOMPARE(before.size(), 1060);
    CALL(expectAll(devices, before));

    CALL(replaceRelayData(u"backup"_s));
    FeedbackCtlRun healed;
    CALL(syncOk(u"A"_s, &healed));
    for (int round = 0; round < 2; ++round)
        for (const QString &name : devices)
            CALL(syncOk(name));
    CALL(expectAll(devices, before));
    // And the relay holds it all again: a device that only ever talks to it gets everything.
    const FeedbackCtlRun invite = ctl(u"A"_s, {u"invite"_s});
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(u"D"_s, {u"join"_s, invite.lastLine(), u"--name"_s, u"D"_s}));
    CALL(syncOk(u"D"_s));
    CALL(expectAll({u"D"_s}, before));
    // Nothing of the feedback on the console.
    QVERIFY2(!healed.err.contains(u"words of"_s) && !healed.out.contains(u"words of"_s),
             healed.describe().constData());
}

// The relay moves to a new machine without its data: the same address, an empty log.
void TestHealRelay::emptyRelayAtTheSameAddressIsHealed()
{
    const QStringList devices{u"A"_s, u"B"_s, u"C"_s};
    CALL(makeWorkspace(devices));
    for (const QString &name : devices) {
        CALL(addRecords(name, u"r-"_s + name, 30, 5));
        CALL(syncOk(name));
    }
    for (const QString &name : devices)
        CALL(syncOk(name));
    QMap<QString, QJsonObject> before;
    CALL(list(u"A"_s, before));
    QCOMPARE(before.size(), 90);
    CALL(replaceRelayData(QString()));
    // Each heals with its own snapshot; what one device wrote offline meanwhile goes too.
    CALL(addRecords(u"B"_s, u"offline-B"_s, 5, 1));
    for (int round = 0; round < 2; ++round)
        for (const QString &name : devices)
            CALL(syncOk(name));
    QMap<QString, QJsonObject> after;
    CALL(list(u"B"_s, after));
    QCOMPARE(after.size(), 95);
    for (auto it = before.cbegin(); it != before.cend(); ++it)
        QCOMPARE(after.value(it.key()), it.value());
    CALL(expectAll(devices, after));
}

// After the restore, C pushes first and takes the positions B had already read past (B read
// A's records there before the restore). B's cursor is below the relay's new head: without the
// chain it would pull on from there and never see C's records. It is told the log diverged,
// reads it again from the start, and ends with everything; A heals the records the relay lost.
void TestHealRelay::cursorInARewrittenPartOfTheLogIsFoundOut()
{
    const QStringList devices{u"A"_s, u"B"_s, u"C"_s};
    CALL(makeWorkspace(devices));
    for (const QString &name : devices) {
        CALL(addRecords(name, u"first-"_s + name, 3, 0));
        CALL(syncOk(name));
    }
    CALL(backupRelay(u"backup"_s));
    // Five units of A, each its own push, so that B's cursor moves five positions.
    for (int i = 1; i <= 5; ++i) {
        CALL(addRecords(u"A"_s, u"lost-%1"_s.arg(i), 1, 0));
        CALL(syncOk(u"A"_s));
    }
    CALL(syncOk(u"B"_s));
    CALL(replaceRelayData(u"backup"_s));
    CALL(addRecords(u"C"_s, u"after"_s, 8, 0));
    for (int i = 1; i <= 8; ++i) {
        CALL(addRecords(u"C"_s, u"after-unit-%1"_s.arg(i), 1, 0));
        CALL(syncOk(u"C"_s));
    }
    FeedbackCtlRun reread;
    CALL(syncOk(u"B"_s, &reread));
    QMap<QString, QJsonObject> b;
    CALL(list(u"B"_s, b));
    int fromC = 0;
    for (const QJsonObject &o : std::as_const(b))
        fromC += o[u"orderId"_s].toString().startsWith(u"after"_s) ? 1 : 0;
    QCOMPARE(fromC, 16);
    for (int round = 0; round < 2; ++round)
        for (const QString &name : devices)
            CALL(syncOk(name));
    QMap<QString, QJsonObject> all;
    CALL(list(u"A"_s, all));
    QCOMPARE(all.size(), 9 + 5 + 16);
    CALL(expectAll(devices, all));
}

// `feedbackctl snapshot` syncs and gives the relay a snapshot (status shows when); with
// --keep-history 0 the relay keeps nothing before it, and a device that joins later gets
// everything from it.
void TestHealRelay::snapshotCommandAndANewDeviceStartingFromIt()
{
    CALL(startCompactingRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(addRecords(u"A"_s, u"snap"_s, 40, 6));
    CALL(addRecords(u"B"_s, u"other"_s, 10, 2));
    CALL(syncOk(u"B"_s));
    const FeedbackCtlRun snapshot =
        ctl(u"A"_s, {u"snapshot"_s, u"--relay"_s, m_url, u"--timeout"_s, u"90"_s});
    QVERIFY2(snapshot.ok() && snapshot.out.contains(u"snapshot stored at position "_s) &&
                 snapshot.out.contains(u"up to date: 50 records, 0 pending"_s),
             snapshot.describe().constData());
    const FeedbackCtlRun status = ctl(u"A"_s, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(status);
    QVERIFY2(
        QDateTime::fromString(
            QJsonDocument::fromJson(status.out.toUtf8())[u"lastSnapshot"_s].toString(), Qt::ISODate)
            .isValid(),
        status.describe().constData());
    const FeedbackCtlRun neverMade = ctl(u"B"_s, {u"status"_s, u"--format"_s, u"json"_s});
    QCOMPARE(QJsonDocument::fromJson(neverMade.out.toUtf8())[u"lastSnapshot"_s].toString(),
             QString());
    const FeedbackCtlRun invite = ctl(u"A"_s, {u"invite"_s});
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(u"C"_s, {u"join"_s, invite.lastLine(), u"--name"_s, u"C"_s}));
    CALL(syncOk(u"C"_s));
    QMap<QString, QJsonObject> a;
    CALL(list(u"A"_s, a));
    QCOMPARE(a.size(), 50);
    CALL(expectAll({u"C"_s}, a));
}

// A profile restored from its own backup after the relay compacted what it wrote since: the
// relay's floor says it holds seqs this profile never wrote, so it continues under a new device
// id (no dot of the old one is issued again), gets its later records back from the snapshot, and
// every device ends with every record, each under its own id.
void TestHealRelay::restoredProfileAfterCompactionNeverReissuesADot()
{
    CALL(startCompactingRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(addRecords(u"A"_s, u"kept"_s, 5, 0));
    CALL(syncOk(u"A"_s));
    QVERIFY(copyFiles(profile(u"A"_s), m_tmp->filePath(u"A-backup"_s)));
    CALL(addRecords(u"A"_s, u"later"_s, 5, 2));
    VERIFY_RUN(ctl(u"A"_s, {u"snapshot"_s, u"--relay"_s, m_url, u"--timeout"_s, u"90"_s}));
    QVERIFY(QDir(profile(u"A"_s)).removeRecursively());
    QVERIFY(copyFiles(m_tmp->filePath(u"A-backup"_s), profile(u"A"_s)));
    CALL(addRecords(u"A"_s, u"restored"_s, 3, 0)); // under seqs the relay holds other content of
    FeedbackCtlRun synced;
    CALL(syncOk(u"A"_s, &synced));
    QVERIFY2(synced.err.contains(u"new device"_s), synced.describe().constData());
    CALL(syncOk(u"B"_s));
    CALL(syncOk(u"A"_s));
    QMap<QString, QJsonObject> records;
    CALL(list(u"B"_s, records));
    QCOMPARE(records.size(), 13);
    CALL(expectAll({u"A"_s}, records));
}

QTEST_GUILESS_MAIN(TestHealRelay)
#include "tst_healrelay.moc"
