// RelayStorage on PostgreSQL (--database), against a private cluster the test starts (PgCluster):
// its checks and positions as on SQLite, snapshots and compaction, what survives a reconnect, a
// newer schema refused; and two storages in two threads whose pushes to one workspace interleave
// (the second waits for the first's commit, so no reader sees a later position before an
// earlier one). Several relay processes on one database: tst_relaycluster.
#include <QScopeGuard>
#include <QSemaphore>
#include <QTest>
#include <QThread>

#include <relay/RelayStorage.h>
#include <support/PgCluster.h>

using namespace Qt::StringLiterals;
using namespace feedback::test;
using feedback::Status;
using feedback::protocol::ErrorCode;
using feedback::protocol::SealedDelta;
using feedback::protocol::SnapshotCover;
using feedback::protocol::SnapshotPart;
using feedback::relay::AppendOutcome;
using feedback::relay::RelayStorage;
using feedback::sql::PostgresTarget;

namespace {

SealedDelta delta(const QByteArray &origin, quint64 seq, quint64 count = 1)
{
    return {origin, seq, "sealed " + origin.left(1) + QByteArray::number(seq), 0, count};
}

// position:origin/seq for each unit.
QString positionsOf(const QList<SealedDelta> &units)
{
    QStringList out;
    for (const SealedDelta &d : units)
        out.append(
            u"%1:%2/%3"_s.arg(d.position).arg(QString::fromLatin1(d.origin.left(1))).arg(d.seq));
    return out.join(u' ');
}

QString readAll(RelayStorage &storage, const QByteArray &ws)
{
    const auto page = storage.read(ws, 0, 1000, 1 << 20);
    return page ? positionsOf(page->units) : u"read failed: "_s + page.error();
}

} // namespace

class TestRelayPostgres : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup() { m_pg.reset(); } // stopped, even after a failure
    void appendIsCheckedAsOnSqlite();
    void snapshotsAndCompactionWork();
    void interleavedPushesGetPositionsInCommitOrder();

private:
    PostgresTarget target() const
    {
        return *PostgresTarget::parse(m_pg->url(), QString(), u"--database"_s);
    }

    std::unique_ptr<PgCluster> m_pg;
};

void TestRelayPostgres::init()
{
    m_pg = std::make_unique<PgCluster>();
    const QString failed = m_pg->start();
    QVERIFY2(failed.isEmpty(), qPrintable(failed));
}

void TestRelayPostgres::appendIsCheckedAsOnSqlite()
{
    const QByteArray w1(32, 'W'), w2(32, 'V'), a(16, 'a'), b(16, 'b');
    {
        RelayStorage storage;
        const Status opened = storage.openPostgres(target());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QVERIFY(storage.isShared());
        QCOMPARE(m_pg->query(u"SELECT version FROM relay_schema"_s),
                 QString::number(RelayStorage::kPostgresSchemaVersion));

        AppendOutcome outcome = storage.append(w1, {delta(a, 1), delta(a, 2)});
        QVERIFY2(!outcome.refused, qPrintable(outcome.refused ? outcome.refused->text : QString()));
        QCOMPARE(outcome.storedUpTo, 2u);
        QCOMPARE(positionsOf(outcome.appended), u"1:a/1 2:a/2"_s);
        QCOMPARE(positionsOf(storage.append(w2, {delta(a, 1)}).appended), u"1:a/1"_s);
        QCOMPARE(positionsOf(storage.append(w1, {delta(b, 1, 5)}).appended), u"3:b/1"_s);
        // A retry with one new unit after it: only the new one.
        outcome = storage.append(w1, {delta(a, 2), delta(a, 3)});
        QVERIFY(!outcome.refused);
        QCOMPARE(positionsOf(outcome.appended), u"4:a/3"_s);

        SealedDelta other = delta(a, 2);
        other.sealed = "other bytes";
        QCOMPARE(storage.append(w1, {delta(a, 4), other}).refused->code,
                 ErrorCode::ConflictingDuplicate);
        QCOMPARE(storage.append(w1, {delta(a, 4), delta(a, 6)}).refused->code,
                 ErrorCode::SequenceGap);
        QCOMPARE(storage.append(w1, {delta(a, 4), delta(b, 6)}).refused->code,
                 ErrorCode::WrongOrigin);
        QCOMPARE(storage.head(w1), 4u);
        QCOMPARE(storage.storedUpTo(w1, b), 5u);
        QVERIFY(storage.health().ok());
        QVERIFY(storage.bytesOnDisk() > 0);

        QVERIFY(*storage.admit(w1, 1000));
        QVERIFY(!*storage.admit(w1, 2000));
        QVERIFY(*storage.isAdmitted(w1));
        QVERIFY(!*storage.isAdmitted(w2));
        QVERIFY(*storage.storedBytes(w1) > 0);
        QVERIFY(*storage.admit(w2, 3000));
    }
    // A second connection (another relay, or this one restarted) finds everything.
    RelayStorage again;
    QVERIFY(again.openPostgres(target()).ok());
    QCOMPARE(readAll(again, w1), u"1:a/1 2:a/2 3:b/1 4:a/3"_s);
    QCOMPARE(readAll(again, w2), u"1:a/1"_s);
    QCOMPARE(again.storedUpTo(w1, a), 3u);
    QCOMPARE(positionsOf(again.append(w1, {delta(a, 4)}).appended), u"5:a/4"_s);
    // (The list's loop reads what each stores: a streamed result would lose its second row.)
    QCOMPARE(again.admitted()->size(), 2);

    // A database the previous release made (schema 8, no admission tokens) gets the tables added
    // since, keeps what it stored, and keeps its number, so that a relay of that release still
    // opens it beside this one.
    m_pg->query(u"DROP TABLE admission_tokens"_s);
    {
        RelayStorage upgraded;
        const Status opened = upgraded.openPostgres(target());
        QVERIFY2(opened.ok(), qPrintable(opened.error()));
        QCOMPARE(m_pg->query(u"SELECT version FROM relay_schema"_s), u"8"_s);
        QCOMPARE(m_pg->query(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
        QCOMPARE(readAll(upgraded, w1), u"1:a/1 2:a/2 3:b/1 4:a/3 5:a/4"_s);
        QVERIFY(upgraded.addAdmissionToken(QByteArray(32, 't'), 2, 1).ok());
        QCOMPARE(*upgraded.admissionTokenValid(QByteArray(32, 't'), 1), true);
        // Spent once: on a new workspace, not on another; the one it admitted is admitted.
        const QByteArray w3(32, 'U'), w4(32, 'T');
        QCOMPARE(*upgraded.redeemAdmissionToken(QByteArray(32, 't'), w3, 1), true);
        QCOMPARE(*upgraded.redeemAdmissionToken(QByteArray(32, 't'), w4, 1), false);
        QCOMPARE(*upgraded.redeemAdmissionToken(QByteArray(32, 't'), w3, 1), true);
        QCOMPARE(*upgraded.isAdmitted(w4), false);
    }

    // A database a newer relay wrote is refused, and left as it was.
    m_pg->query(u"UPDATE relay_schema SET version = 99"_s);
    RelayStorage newer;
    const Status refused = newer.openPostgres(target());
    QVERIFY(!refused.ok());
    QVERIFY2(refused.error().contains(u"newer"_s), qPrintable(refused.error()));
    QCOMPARE(m_pg->query(u"SELECT version FROM relay_schema"_s), u"99"_s);
}

void TestRelayPostgres::snapshotsAndCompactionWork()
{
    RelayStorage storage;
    QVERIFY(storage.openPostgres(target()).ok());
    const QByteArray w(32, 'W'), a(16, 'a'), b(16, 'b'), maker(16, 'm');
    QVERIFY(!storage.append(w, {delta(a, 1), delta(a, 2)}).refused);
    QVERIFY(!storage.append(w, {delta(b, 1)}).refused);

    SnapshotPart part{QByteArray(16, 's'), 0,           2,
                      {{a, 2}, {b, 1}},    "part zero", QByteArray(64, 'x')};
    QVERIFY(storage.putSnapshotPart(w, maker, part).ok());
    QVERIFY(storage.putSnapshotPart(w, maker, part).ok()); // a retry replaces it
    part.part = 1;
    part.sealed = "part one";
    QVERIFY(storage.putSnapshotPart(w, maker, part).ok());
    const auto stored = storage.commitSnapshot(w, maker, part, 5000);
    QVERIFY2(stored, qPrintable(stored.error()));
    QCOMPARE(stored->position, 4u);
    QCOMPARE(storage.head(w), 4u);
    const auto parts = storage.snapshotParts(w, *stored);
    QVERIFY(parts);
    QCOMPARE(parts->size(), 2);
    QCOMPARE(parts->at(0).sealed, QByteArray("part zero"));

    // Compaction drops what the snapshot covers; a fresh device starts from the snapshot.
    const auto dropped = storage.compact(10000, 0);
    QVERIFY2(dropped, qPrintable(dropped.error()));
    QCOMPARE(*dropped, 3); // every unit: the snapshot covers them all
    QCOMPARE(m_pg->query(u"SELECT count(*) FROM deltas"_s), u"0"_s);
    const auto plan = storage.planFor(w, 0);
    QVERIFY(plan && plan->has_value());
    QCOMPARE((*plan)->position, 4u);
    // Pushes after the compaction find their place; covered seqs are still known.
    QCOMPARE(positionsOf(storage.append(w, {delta(a, 3)}).appended), u"5:a/3"_s);
    QVERIFY(!storage.append(w, {delta(a, 1)}).refused);
    QCOMPARE(storage.storedUpTo(w, a), 3u);
}

// Two relays push to one workspace at the same moment: B's push waits for A's commit (the
// workspace's row lock), then takes the positions after A's. Without the lock B would read the
// head A has not committed yet and take A's positions: refused once A commits (or, with
// positions from a sequence, committed before A's and seen by a reader that never goes back).
void TestRelayPostgres::interleavedPushesGetPositionsInCommitOrder()
{
    const QByteArray w(32, 'W'), a(16, 'a'), b(16, 'b');
    const PostgresTarget where = target();
    {
        RelayStorage setup; // the tables and the workspace, before the race
        QVERIFY(setup.openPostgres(where).ok());
        QVERIFY(!setup.append(w, {}).refused);
    }
    QSemaphore aOpened, aGo, aBeforeCommit, aCommit, bOpened, bGo;
    AppendOutcome outcomeA, outcomeB;
    QString errorA, errorB;
    std::unique_ptr<QThread> relayA(QThread::create([&] {
        RelayStorage storage; // its connection lives and dies in this thread
        if (const Status opened = storage.openPostgres(where); !opened)
            errorA = opened.error();
        aOpened.release();
        aGo.acquire();
        outcomeA = storage.append(w, {delta(a, 1), delta(a, 2), delta(a, 3)}, [&](const auto &) {
            aBeforeCommit.release();
            aCommit.acquire();
        });
        aBeforeCommit.release(); // when nothing was appended, do not leave the test waiting
    }));
    std::unique_ptr<QThread> relayB(QThread::create([&] {
        RelayStorage storage;
        if (const Status opened = storage.openPostgres(where); !opened)
            errorB = opened.error();
        bOpened.release();
        bGo.acquire();
        outcomeB = storage.append(w, {delta(b, 1), delta(b, 2)});
    }));
    // A failed check below must not leave the threads waiting (a running QThread destroyed
    // aborts the process).
    const auto unblock = qScopeGuard([&] {
        for (QSemaphore *s : {&aGo, &aCommit, &bGo})
            s->release();
        relayA->wait();
        relayB->wait();
    });
    relayA->start();
    relayB->start();
    aOpened.acquire();
    bOpened.acquire();
    QVERIFY2(errorA.isEmpty() && errorB.isEmpty(), qPrintable(errorA + errorB));

    aGo.release();
    aBeforeCommit.acquire(); // A holds its positions, uncommitted
    bGo.release();
    // B waits for A's lock: PostgreSQL shows a lock not granted.
    QTRY_VERIFY_WITH_TIMEOUT(
        m_pg->query(u"SELECT count(*) FROM pg_locks WHERE NOT granted"_s).toInt() > 0, 30000);
    RelayStorage reader;
    QVERIFY(reader.openPostgres(where).ok());
    QCOMPARE(readAll(reader, w), QString()); // nothing committed yet
    aCommit.release();
    QVERIFY(relayA->wait(60000));
    QVERIFY(relayB->wait(60000));

    QVERIFY2(!outcomeA.refused, qPrintable(outcomeA.refused ? outcomeA.refused->text : QString()));
    QVERIFY2(!outcomeB.refused, qPrintable(outcomeB.refused ? outcomeB.refused->text : QString()));
    QCOMPARE(positionsOf(outcomeA.appended), u"1:a/1 2:a/2 3:a/3"_s);
    QCOMPARE(positionsOf(outcomeB.appended), u"4:b/1 5:b/2"_s);
    QCOMPARE(readAll(reader, w), u"1:a/1 2:a/2 3:a/3 4:b/1 5:b/2"_s);
    // The chain runs through both: B's continues from A's last value.
    QCOMPARE(reader.chainAt(w, 5)->value_or(QByteArray()), outcomeB.chain);
    QVERIFY(!outcomeB.chain.isEmpty() && outcomeB.chain != outcomeA.chain);
}

QTEST_GUILESS_MAIN(TestRelayPostgres)
#include "tst_relaypostgres.moc"
