// The relay's side of sync end to end, with real processes only: feedback-relay (env
// FEEDBACK_RELAY) on 127.0.0.1 and feedbackctl (env FEEDBACKCTL) devices. A relay killed in the
// middle of a push, what it keeps on disk (sealed bytes only), a small batch limit and its frame
// limit against long comments.
#include "SyncTestSupport.h"

#include <QDir>
#include <QDirIterator>
#include <QRandomGenerator>
#include <QSet>

#include <random>
#include <support/RawDatabase.h>
#include <support/TestSeed.h>

using namespace Qt::StringLiterals;
using namespace feedback::test;

namespace {

// Every file under `dir` (data, -wal, -shm, journals), read whole.
QList<std::pair<QString, QByteArray>> filesUnder(const QString &dir)
{
    QList<std::pair<QString, QByteArray>> out;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        QFile f(path);
        if (f.open(QIODevice::ReadOnly))
            out.append({path, f.readAll()});
    }
    return out;
}

// On PostgreSQL the relay's files are the cluster's, shared with everything else it serves: every
// cell of every table of the relay's database instead, one entry per table.
QList<std::pair<QString, QByteArray>> tablesOf(const RelayProcess &relay)
{
    QList<std::pair<QString, QByteArray>> out;
    const auto db = relay.openStorage();
    for (const QVariantList &table : db->rows(u"SELECT table_name FROM information_schema.tables "
                                              "WHERE table_schema = 'public'"_s)) {
        const QString name = table.value(0).toString();
        QByteArray cells;
        for (const QVariantList &row : db->rows(u"SELECT * FROM "_s + name))
            for (const QVariant &cell : row)
                cells += cell.typeId() == QMetaType::QByteArray ? cell.toByteArray()
                                                                : cell.toString().toUtf8();
        out.append({u"table "_s + name, cells});
    }
    return out;
}

// Each row is a unit of the log: one delta or a sealed group of `count`, ending at `seq`.
struct RelayRows
{
    qint64 count = -1;    // deltas held
    qint64 units = -1;    // rows
    qint64 distinct = -1; // distinct (origin, last seq) among the rows
    qint64 maxSeq = -1;
    qint64 snapshots = -1; // stored snapshots (a device's snapshot also covers its pending deltas)
};

// What the relay holds (it may be running or dead): read from a copy of relay.db, or from its
// PostgreSQL database, which outlives the relay's process.
RelayRows relayRows(const RelayProcess &relay, const QString &scratch)
{
    RelayRows rows;
    std::unique_ptr<RawDatabase> db;
    if (RelayProcess::onPostgres()) {
        db = relay.openStorage();
    } else {
        QDir().mkpath(scratch);
        for (const QString &suffix : {u""_s, u"-wal"_s}) {
            QFile::remove(scratch + u"/relay.db"_s + suffix);
            const QString from = relay.dataDir() + u"/relay.db"_s + suffix;
            if (QFile::exists(from) && !QFile::copy(from, scratch + u"/relay.db"_s + suffix))
                return rows;
        }
        db = std::make_unique<RawDatabase>(scratch + u"/relay.db"_s);
    }
    const QVariantList row =
        db->rows(u"SELECT COALESCE(SUM(count), 0), COUNT(*), COUNT(DISTINCT CAST(origin AS TEXT) "
                 "|| '/' || CAST(seq AS TEXT)), COALESCE(MAX(seq), 0) FROM deltas"_s)
            .value(0);
    if (row.size() == 4)
        rows = {row[0].toLongLong(), row[1].toLongLong(), row[2].toLongLong(), row[3].toLongLong(),
                db->value(u"SELECT COUNT(*) FROM snapshots"_s).toLongLong()};
    return rows;
}

// How often `needle` occurs in the file at `path` (0 when it cannot be read).
qsizetype countInFile(const QString &path, const QByteArray &needle)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll().count(needle) : 0;
}
} // namespace

class TestSyncRelay : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkPrograms(); }
    void init() { freshDirectory(); }
    void cleanup() { tearDown(); }
    void relayKilledDuringLargePush();
    void relayDataHoldsNoPlaintext();
    void relayWithSmallBatchLimitStillSyncs();
    void longCommentsFitTheRelayFrameLimit();
};

// SIGKILL while A pushes 20,000 deltas (several frames of sealed groups): whatever the relay
// acknowledged survives the restart, the rest arrives on the next sync, and nothing arrives twice.
// The kill comes a moment after A authenticates. That moment is drawn from the test's seed
// (FEEDBACK_TEST_SEED, printed on failure) so that a failing run can be replayed: it is not a
// synchronisation but the point of the test, a kill at an unplanned place in the push. A push
// that ended before its kill exercised only the restart; then A writes another 20,000 and the
// next attempt waits a shorter seeded moment, the last none at all (no push of 20,000 deltas
// ends within it). When no attempt interrupted a push, the test fails.
void TestSyncRelay::relayKilledDuringLargePush()
{
    constexpr int kRecords = 20000;
    constexpr int kAttempts = 4;
    constexpr int kMaxDelayMs = 150; // a push takes about 0.2 s in a release build
    const quint64 seed = feedback::test::testSeed(0x5EED5CEDULL);
    std::mt19937_64 rng(seed);
    qInfo("FEEDBACK_TEST_SEED=%llu", static_cast<unsigned long long>(seed));
    const auto where = [seed](int attempt, const QByteArray &what) -> QString {
        return u"attempt %1: "_s.arg(attempt) + QString::fromUtf8(what) +
               u"\nrerun with FEEDBACK_TEST_SEED=%1"_s.arg(seed);
    };
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s}));
    QJsonObject s;
    QByteArray device;
    int total = 0;
    bool interruptedPush = false;
    for (int attempt = 1; attempt <= kAttempts && !interruptedPush; ++attempt) {
        const QString prefix = attempt == 1 ? u"BULK"_s : u"BULK%1"_s.arg(attempt);
        CALL(importLegacy(u"A"_s, prefix, kRecords));
        total += kRecords;
        if (attempt == 1) {
            CALL(status(u"A"_s, s));
            device = s[u"device"_s].toString().toLatin1();
        } else {
            QVERIFY2(m_relay->restart(), m_relay->describe().constData());
        }
        const int maxDelayMs = attempt < kAttempts ? kMaxDelayMs >> (attempt - 1) : 0;
        const int delayMs = static_cast<int>(rng() % static_cast<quint64>(maxDelayMs + 1));

        const QStringList syncArgs{u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s,
                                   u"60"_s};
        const QByteArray authenticated = "authenticated 127.0.0.1";
        const qsizetype authenticatedBefore = countInFile(m_relay->logPath(), authenticated);
        const auto syncing = FeedbackCtlRunner::start(profile(u"A"_s), syncArgs);
        // The push starts right after authentication: five frames of sealed groups, about 0.2 s
        // in a release build and longer under ASan.
        QVERIFY2(QTest::qWaitFor(
                     [&] {
                         return countInFile(m_relay->logPath(), authenticated) >
                                authenticatedBefore;
                     },
                     feedback::test::kPatienceMs),
                 qPrintable(where(attempt, m_relay->describe())));
        QTest::qWait(delayMs); // the seeded moment (see above), not a wait for something
        m_relay->kill();
        const FeedbackCtlRun interrupted =
            FeedbackCtlRunner::finish(*syncing, syncArgs, feedback::test::kPatienceMs);
        const RelayRows held =
            relayRows(*m_relay, m_tmp->filePath(u"copy-attempt%1"_s.arg(attempt)));
        CALL(status(u"A"_s, s));
        const qint64 acked = total - s[u"pending"_s].toInt();
        qInfo("attempt %d, killed %d ms after authentication: sync exit %d; relay holds %lld; A "
              "has %lld acknowledged",
              attempt, delayMs, interrupted.code, held.count, acked);
        interruptedPush = !interrupted.ok() && held.count < total;
        if (interruptedPush)
            QVERIFY2(interrupted.code == 1 && interrupted.err.contains(u"sync failed"_s),
                     qPrintable(where(attempt, interrupted.describe())));
        QVERIFY2(held.count >= acked,
                 qPrintable(where(attempt, "the relay lost deltas it had acknowledged")));
        QCOMPARE(held.distinct, held.units);
        QCOMPARE(held.maxSeq, held.count); // contiguous and without overlaps: 1..count
    }
    QVERIFY2(interruptedPush,
             qPrintable(where(kAttempts, "every push ended before its kill: only the restart "
                                         "was exercised")));

    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    CALL(syncOk(u"A"_s));
    CALL(status(u"A"_s, s));
    QCOMPARE(s[u"pending"_s].toInt(), 0);
    const RelayRows after = relayRows(*m_relay, m_tmp->filePath(u"copy2"_s));
    QCOMPARE(after.distinct, after.units);
    QCOMPARE(after.maxSeq, after.count); // contiguous
    // Every delta is a unit of the log, unless the relay asked A for a snapshot meanwhile (a
    // fast build gets there): A's snapshot holds its pending deltas too, and they count as
    // stored. Either way C below gets every record from the relay.
    QVERIFY2(after.count == total || (after.count < total && after.snapshots > 0),
             qPrintable(u"the relay holds %1 of %2 deltas and %3 snapshots"_s.arg(after.count)
                            .arg(total)
                            .arg(after.snapshots)));

    CALL(join(u"C"_s, u"A"_s));
    CALL(syncOk(u"C"_s));
    QJsonArray c;
    CALL(list(u"C"_s, c));
    QCOMPARE(c.size(), total);
    QSet<QString> ids, orders;
    for (const QJsonValue &v : c) {
        ids.insert(v[u"id"_s].toString());
        orders.insert(v[u"orderId"_s].toString());
        QVERIFY(v[u"origin"_s].toString().toLatin1() == device);
    }
    QCOMPARE(ids.size(), total);
    QCOMPARE(orders.size(), total);
    QVERIFY(orders.contains(u"BULK-1"_s) && orders.contains(u"BULK-%1"_s.arg(kRecords)));
}

// The relay stores sealed deltas only: no order id, comment, note or assignee of any record
// appears in its data directory (or its log), in UTF-8 or UTF-16LE, running or stopped.
void TestSyncRelay::relayDataHoldsNoPlaintext()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    const QStringList needles{
        u"ORD-CANARY-5f0e2"_s,
        u"Paket beschädigt, Fahrer sehr freundlich – canary-9d3b"_s,
        u"ORD-ÜMLAUT-Ωμέγα-77"_s,
        u"配達員はとても親切でした canary-c0de"_s,
        u"note-canary-a81c: customer called back"_s,
        u"Assignee-Canary-Q"_s,
    };
    QString first, second;
    CALL(submit(u"A"_s,
                {u"--order"_s, needles[0], u"--courier"_s, u"77"_s, u"--rating"_s, u"2"_s,
                 u"--comment"_s, needles[1]},
                &first));
    CALL(submit(u"B"_s,
                {u"--order"_s, needles[2], u"--courier"_s, u"78"_s, u"--rating"_s, u"5"_s,
                 u"--comment"_s, needles[3]},
                &second));
    VERIFY_RUN(ctl(u"A"_s, {u"edit"_s, first, u"--note"_s, needles[4]}));
    VERIFY_RUN(ctl(u"B"_s, {u"edit"_s, second, u"--assignee"_s, needles[5]}));
    for (const QString &device : {u"A"_s, u"B"_s, u"A"_s})
        CALL(syncOk(device));
    QJsonArray a;
    CALL(list(u"A"_s, a));
    QCOMPARE(recordById(a, second)[u"assignee"_s].toString(), needles[5]); // it did travel

    QList<QByteArray> encoded;
    for (const QString &n : needles) {
        encoded.append(n.toUtf8());
        encoded.append(QByteArray(reinterpret_cast<const char *>(n.utf16()), n.size() * 2));
        for (const QString &word : n.split(u' '))
            if (word.size() >= 8 && word.contains(u"canary"_s, Qt::CaseInsensitive))
                encoded.append(word.toUtf8());
    }
    const auto check = [&](const QString &when) {
        auto files =
            RelayProcess::onPostgres() ? tablesOf(*m_relay) : filesUnder(m_relay->dataDir());
        QVERIFY2(!files.isEmpty(), qPrintable(when));
        QFile log(m_relay->logPath());
        if (log.open(QIODevice::ReadOnly))
            files.append({log.fileName(), log.readAll()});
        for (const auto &[path, bytes] : std::as_const(files))
            for (const QByteArray &needle : std::as_const(encoded))
                QVERIFY2(!bytes.contains(needle), qPrintable(u"%1: %2 holds \"%3\""_s.arg(
                                                      when, path, QString::fromUtf8(needle))));
    };
    CALL(check(u"running"_s));
    QVERIFY2(m_relay->terminate(), m_relay->describe().constData());
    CALL(check(u"stopped"_s));
}

// A relay run with --max-batch 50 ("most deltas in one frame") must still accept a device with
// more than 50 pending deltas; feedbackctl pushes up to 256 per frame whatever the relay takes.
void TestSyncRelay::relayWithSmallBatchLimitStillSyncs()
{
    CALL(startRelay({u"--max-batch"_s, u"50"_s}));
    CALL(makeWorkspace({u"A"_s}));
    CALL(importLegacy(u"A"_s, u"SMALL"_s, 60));
    CALL(syncOk(u"A"_s));
    QJsonObject s;
    CALL(status(u"A"_s, s));
    QCOMPARE(s[u"pending"_s].toInt(), 0);
}

// 200 valid records whose comments are 2,000 random CJK Extension B characters (the longest a
// comment may be, and barely compressible: ~5.7 KB sealed each) fit the default relay.
void TestSyncRelay::longCommentsFitTheRelayFrameLimit()
{
    constexpr int kRecords = 200;
    CALL(startRelay());
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    QRandomGenerator random(20240611);
    QJsonArray items;
    for (int i = 1; i <= kRecords; ++i) {
        QString comment;
        for (int k = 0; k < 2000; ++k) {
            const char32_t ch = 0x20000 + random.bounded(0xA6D0u);
            comment += QChar(QChar::highSurrogate(ch));
            comment += QChar(QChar::lowSurrogate(ch));
        }
        items.append(QJsonObject{{u"orderId"_s, u"LONG-%1"_s.arg(i)},
                                 {u"courierId"_s, i},
                                 {u"rating"_s, 3},
                                 {u"comment"_s, comment}});
    }
    const QString file = m_tmp->filePath(u"long.json"_s);
    QVERIFY(writeFile(file, QJsonDocument(items).toJson(QJsonDocument::Compact)));
    const FeedbackCtlRun imported = ctl(u"A"_s, {u"import-legacy"_s, file});
    QVERIFY2(imported.ok() && imported.out.startsWith(u"imported: %1\n"_s.arg(kRecords)),
             imported.describe().constData());
    CALL(syncOk(u"A"_s));
    CALL(syncOk(u"B"_s));
    QJsonObject s;
    CALL(status(u"B"_s, s));
    QCOMPARE(s[u"records"_s].toInt(), kRecords);
}

QTEST_GUILESS_MAIN(TestSyncRelay)
#include "tst_syncrelay.moc"
