// RelayStorage on real SQLite files, without a server: the checks of append (gaps, conflicting
// duplicates, one origin per push, idempotent retries), arrival positions per workspace, what
// survives reopening, and the migration of a relay.db written by the first layout.
#include <QFileInfo>
#include <QSqlDatabase>
#include <QSqlError>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <relay/RelayStorage.h>
#include <support/RawDatabase.h>

using namespace Qt::StringLiterals;
using feedback::protocol::ErrorCode;
using feedback::protocol::SealedDelta;
using feedback::relay::RelayStorage;
using feedback::test::RawDatabase;

namespace {

QByteArray id(char c, qsizetype size)
{
    return QByteArray(size, c);
}

SealedDelta delta(const QByteArray &origin, quint64 seq)
{
    return {origin, seq, "sealed " + origin.left(1) + QByteArray::number(seq), 0};
}

SealedDelta group(const QByteArray &origin, quint64 seq, quint64 count)
{
    return {origin, seq, "group " + origin.left(1) + QByteArray::number(seq), 0, count};
}

// Units are written position:origin/seq, and position:origin/first-last for a group.
QString positionsOf(const QList<SealedDelta> &deltas)
{
    QStringList out;
    for (const SealedDelta &d : deltas) {
        QString unit =
            u"%1:%2/%3"_s.arg(d.position).arg(QString::fromLatin1(d.origin.left(1))).arg(d.seq);
        if (d.count != 1)
            unit += u"-%1"_s.arg(d.lastSeq());
        out.append(unit);
    }
    return out.join(u' ');
}

std::optional<QList<SealedDelta>> units(RelayStorage &storage, const QByteArray &ws, quint64 cursor,
                                        qsizetype limit)
{
    const auto page = storage.read(ws, cursor, limit, 1024 * 1024);
    return page ? std::optional(page->units) : std::nullopt;
}

} // namespace

class TestRelayStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void freshFileHasTheCurrentSchema();
    void appendIsCheckedAndPositionsArePerWorkspace();
    void storedDeltasSurviveReopening();
    void largePushesStoreEveryUnit();
    void groupsAreUnitsOfTheLog();
    void readsAreBoundedByBytes();
    void newUnitsAreHandedOutBeforeTheCommit();
    void firstLayoutIsMigrated();
    void schemaTwoGetsGroupCounts();
    void migrationThatCannotFitChangesNothing();
    void newerSchemaIsRefused();
    void checkpointEmptiesTheWriteAheadLog();

private:
    QString dir() const { return m_tmp->path(); }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

void TestRelayStorage::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRelayStorage::freshFileHasTheCurrentSchema()
{
    {
        RelayStorage storage;
        QVERIFY(storage.open(dir()).ok());
    }
    RawDatabase raw(dir() + u"/relay.db"_s);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), RelayStorage::kSchemaVersion);
    QCOMPARE(raw.value(u"PRAGMA page_size"_s).toInt(), 8192);
    QCOMPARE(raw.value(u"PRAGMA auto_vacuum"_s).toInt(),
             2); // incremental: compaction gives pages back
    QCOMPARE(
        raw.value(u"SELECT group_concat(name, ' ') FROM (SELECT name FROM sqlite_schema "
                  "WHERE type = 'table' ORDER BY name)"_s)
            .toString(),
        u"admission_tokens admitted deltas devices epoch_keys epochs invites origins revocations "
        "snapshot_parts snapshots workspaces"_s);
}

// Rows go in several to a statement (64, 16, 4, 1): pushes of every size up to past two full
// statements store each unit once, at its position, with retries of stored units among them.
void TestRelayStorage::largePushesStoreEveryUnit()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w = id('W', 32), a = id('a', 16);
    quint64 seq = 0;
    for (quint64 size = 1; size <= 150; size += 7) {
        QList<SealedDelta> push;
        // A retry of the last two stored units first (a lost ack), then the new ones.
        for (quint64 s = seq > 2 ? seq - 1 : 1; s <= seq; ++s)
            push.append(delta(a, s));
        for (quint64 i = 0; i < size; ++i)
            push.append(delta(a, seq + 1 + i));
        // And one retry after the new ones: the rows collected so far are written before it
        // is compared with what is stored.
        push.append(delta(a, seq + 1));
        const auto outcome = storage.append(w, push);
        QVERIFY2(!outcome.refused, qPrintable(outcome.refused ? outcome.refused->text : QString()));
        QCOMPARE(outcome.appended.size(), qsizetype(size));
        seq += size;
        QCOMPARE(outcome.storedUpTo, seq);
        QCOMPARE(storage.head(w), seq);
    }
    const auto all = units(storage, w, 0, 10000);
    QVERIFY(all);
    QCOMPARE(all->size(), qsizetype(seq));
    for (qsizetype i = 0; i < all->size(); ++i) {
        QCOMPARE(all->at(i).position, quint64(i) + 1);
        QCOMPARE(all->at(i).sealed, delta(a, quint64(i) + 1).sealed);
    }
}

void TestRelayStorage::appendIsCheckedAndPositionsArePerWorkspace()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w1 = id('W', 32), w2 = id('V', 32);
    const QByteArray a = id('a', 16), b = id('b', 16);

    auto outcome = storage.append(w1, {delta(a, 1), delta(a, 2)});
    QVERIFY(!outcome.refused);
    QCOMPARE(outcome.storedUpTo, 2u);
    QCOMPARE(positionsOf(outcome.appended), u"1:a/1 2:a/2"_s);
    // The same origin bytes in another workspace: its own log, its own positions and seqs.
    outcome = storage.append(w2, {delta(a, 1)});
    QCOMPARE(positionsOf(outcome.appended), u"1:a/1"_s);
    outcome = storage.append(w1, {delta(b, 1)});
    QCOMPARE(positionsOf(outcome.appended), u"3:b/1"_s);

    // A retry of stored bytes, with one new delta after it: only the new one is appended.
    outcome = storage.append(w1, {delta(a, 2), delta(a, 3)});
    QVERIFY(!outcome.refused);
    QCOMPARE(outcome.storedUpTo, 3u);
    QCOMPARE(positionsOf(outcome.appended), u"4:a/3"_s);

    SealedDelta other = delta(a, 2);
    other.sealed = "other bytes";
    outcome = storage.append(w1, {delta(a, 4), other});
    QVERIFY(outcome.refused && outcome.appended.isEmpty());
    QCOMPARE(outcome.refused->code, ErrorCode::ConflictingDuplicate);
    outcome = storage.append(w1, {delta(a, 4), delta(a, 6)});
    QVERIFY(outcome.refused);
    QCOMPARE(outcome.refused->code, ErrorCode::SequenceGap);
    outcome = storage.append(w1, {delta(a, 4), delta(b, 2)});
    QVERIFY(outcome.refused);
    QCOMPARE(outcome.refused->code, ErrorCode::WrongOrigin);
    // A new origin refused on its first push is not half-registered.
    const QByteArray c = id('c', 16);
    outcome = storage.append(w1, {delta(c, 1), delta(c, 3)});
    QCOMPARE(outcome.refused->code, ErrorCode::SequenceGap);
    QCOMPARE(storage.storedUpTo(w1, c), 0u);

    // Refused pushes stored nothing, not even their valid first deltas.
    QCOMPARE(storage.head(w1), 4u);
    QCOMPARE(storage.storedUpTo(w1, a), 3u);
    QCOMPARE(storage.storedUpTo(w2, a), 1u);
    QCOMPARE(storage.storedUpTo(w2, b), 0u);
    QCOMPARE(storage.head(id('X', 32)), 0u);
    QCOMPARE(positionsOf(*units(storage, w1, 0, 100)), u"1:a/1 2:a/2 3:b/1 4:a/3"_s);
    QCOMPARE(positionsOf(*units(storage, w1, 2, 1)), u"3:b/1"_s);
    QCOMPARE(positionsOf(*units(storage, w1, 4, 100)), QString());
    QCOMPARE(positionsOf(*units(storage, w2, 0, 100)), u"1:a/1"_s);
    const auto all = *units(storage, w1, 0, 100);
    QCOMPARE(all.at(2).sealed, delta(b, 1).sealed);
    QCOMPARE(all.at(2).origin, b);
    outcome = storage.append(w1, {delta(c, 1)});
    QCOMPARE(positionsOf(outcome.appended), u"5:c/1"_s);
}

// A group of deltas is one unit: one position, stored up to its last seq; a retry of the same
// unit is acknowledged again, anything else over the same seqs is a copied profile.
void TestRelayStorage::groupsAreUnitsOfTheLog()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w = id('W', 32), a = id('a', 16), b = id('b', 16);
    auto outcome = storage.append(w, {group(a, 1, 100), delta(a, 101), group(a, 102, 3)});
    QVERIFY(!outcome.refused);
    QCOMPARE(outcome.storedUpTo, 104u);
    QCOMPARE(positionsOf(outcome.appended), u"1:a/1-100 2:a/101 3:a/102-104"_s);
    QCOMPARE(storage.storedUpTo(w, a), 104u);
    QCOMPARE(storage.head(w), 3u);

    outcome = storage.append(w, {group(a, 102, 3), group(a, 105, 2)});
    QVERIFY(!outcome.refused);
    QCOMPARE(positionsOf(outcome.appended), u"4:a/105-106"_s);
    // The same seqs cut differently, or sealed again: other bytes.
    QCOMPARE(storage.append(w, {group(a, 102, 2)}).refused->code, ErrorCode::ConflictingDuplicate);
    SealedDelta resealed = group(a, 105, 2);
    resealed.sealed = "sealed again";
    QCOMPARE(storage.append(w, {resealed}).refused->code, ErrorCode::ConflictingDuplicate);
    // Overlapping the end of what is stored.
    QCOMPARE(storage.append(w, {group(a, 106, 5)}).refused->code, ErrorCode::ConflictingDuplicate);
    QCOMPARE(storage.append(w, {group(a, 108, 2)}).refused->code, ErrorCode::SequenceGap);
    QCOMPARE(storage.append(w, {group(b, 2, 2)}).refused->code, ErrorCode::SequenceGap);
    QCOMPARE(storage.storedUpTo(w, a), 106u);

    QCOMPARE(positionsOf(*units(storage, w, 0, 100)),
             u"1:a/1-100 2:a/101 3:a/102-104 4:a/105-106"_s);
    const auto read = *units(storage, w, 2, 1);
    QCOMPARE(read.size(), 1);
    QCOMPARE(read.first(), (SealedDelta{a, 102, group(a, 102, 3).sealed, 3, 3}));
}

void TestRelayStorage::readsAreBoundedByBytes()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w = id('W', 32), a = id('a', 16);
    QList<SealedDelta> batch;
    for (quint64 seq = 1; seq <= 10; ++seq)
        batch.append({a, seq, QByteArray(1000, 'x'), 0});
    QVERIFY(!storage.append(w, batch).refused);
    const qsizetype unit = 1000 + RelayStorage::kFramingBytes;
    auto page = storage.read(w, 0, 100, 3 * unit);
    QCOMPARE(page->units.size(), 3);
    QVERIFY(page->more);
    // The first unit comes even when it alone is over the budget: a reader always advances.
    page = storage.read(w, 0, 100, 10);
    QCOMPARE(page->units.size(), 1);
    QVERIFY(page->more);
    page = storage.read(w, 0, 4, 100 * unit);
    QCOMPARE(page->units.size(), 4);
    QVERIFY(page->more);
    page = storage.read(w, 6, 4, 100 * unit);
    QCOMPARE(page->units.size(), 4);
    QVERIFY(!page->more);
    page = storage.read(w, 10, 4, 100 * unit);
    QCOMPARE(page->units.size(), 0);
    QVERIFY(!page->more);
}

// The relay fans a push out while its commit flushes: append() hands the new units, with their
// positions, to the caller before they are committed (another connection does not see them
// yet), and only when every check passed; a refused push hands out nothing.
void TestRelayStorage::newUnitsAreHandedOutBeforeTheCommit()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w = id('W', 32), a = id('a', 16);
    QVERIFY(!storage.append(w, {delta(a, 1)}).refused);
    RawDatabase raw(dir() + u"/relay.db"_s);
    QList<SealedDelta> handedOut;
    int visibleMeanwhile = -1;
    const auto outcome = storage.append(
        w, {delta(a, 1), delta(a, 2), group(a, 3, 4)}, [&](const QList<SealedDelta> &units) {
            handedOut = units;
            visibleMeanwhile = raw.value(u"SELECT COUNT(*) FROM deltas"_s).toInt();
        });
    QVERIFY(!outcome.refused);
    QCOMPARE(positionsOf(handedOut), u"2:a/2 3:a/3-6"_s); // the retry of seq 1 is not new
    QCOMPARE(visibleMeanwhile, 1);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas"_s).toInt(), 3);
    bool called = false;
    QCOMPARE(storage
                 .append(w, {delta(a, 7), delta(a, 9)},
                         [&](const QList<SealedDelta> &) { called = true; })
                 .refused->code,
             ErrorCode::SequenceGap);
    QVERIFY(!called);
    QVERIFY(!storage.append(w, {group(a, 3, 4)}, [&](const QList<SealedDelta> &) { called = true; })
                 .refused);
    QVERIFY(!called); // a retry stores nothing new: nothing to fan out
}

void TestRelayStorage::storedDeltasSurviveReopening()
{
    const QByteArray w = id('W', 32), a = id('a', 16);
    {
        RelayStorage storage;
        QVERIFY(storage.open(dir()).ok());
        QVERIFY(!storage.append(w, {delta(a, 1), delta(a, 2)}).refused);
    }
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    QCOMPARE(storage.head(w), 2u);
    QCOMPARE(storage.storedUpTo(w, a), 2u);
    QCOMPARE(storage.append(w, {delta(a, 2)}).storedUpTo, 2u);
    QCOMPARE(positionsOf(storage.append(w, {delta(a, 3)}).appended), u"3:a/3"_s);
}

// A relay.db exactly as the first layout wrote it: two workspaces, three origins, positions
// interleaved. Opening migrates it in place; everything reads back the same and the checks
// go on from where they were.
void TestRelayStorage::firstLayoutIsMigrated()
{
    const QByteArray w1 = id('W', 32), w2 = id('V', 32);
    const QByteArray a = id('a', 16), b = id('b', 16), c = id('c', 16);
    {
        RawDatabase raw(dir() + u"/relay.db"_s);
        for (const QString &sql : {
                 u"PRAGMA journal_mode = WAL"_s,
                 u"CREATE TABLE workspaces (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE)"_s,
                 u"CREATE TABLE deltas (ws INTEGER NOT NULL, position INTEGER NOT NULL, origin "
                 "BLOB NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (ws, "
                 "position)) WITHOUT ROWID"_s,
                 u"CREATE UNIQUE INDEX deltas_origin ON deltas (ws, origin, seq)"_s,
             })
            QVERIFY(raw.exec(sql));
        QSqlQuery q(raw.db());
        q.prepare(u"INSERT INTO workspaces (id, key) VALUES (?, ?)"_s);
        for (const auto &[wsId, key] : {std::pair{1, w1}, std::pair{2, w2}}) {
            q.addBindValue(wsId);
            q.addBindValue(key);
            QVERIFY(q.exec());
        }
        q.prepare(u"INSERT INTO deltas VALUES (?, ?, ?, ?, ?)"_s);
        const struct
        {
            int ws;
            int position;
            QByteArray origin;
            int seq;
        } rows[] = {{1, 1, a, 1}, {1, 2, b, 1}, {2, 1, a, 1}, {1, 3, a, 2},
                    {2, 2, c, 1}, {1, 4, b, 2}, {1, 5, a, 3}, {2, 3, c, 2}};
        for (const auto &r : rows) {
            q.addBindValue(r.ws);
            q.addBindValue(r.position);
            q.addBindValue(r.origin);
            q.addBindValue(r.seq);
            q.addBindValue(delta(r.origin, quint64(r.seq)).sealed);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
        QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), 0);
    }
    {
        RelayStorage storage;
        QVERIFY(storage.open(dir()).ok());
        QCOMPARE(storage.head(w1), 5u);
        QCOMPARE(storage.head(w2), 3u);
        QCOMPARE(storage.storedUpTo(w1, a), 3u);
        QCOMPARE(storage.storedUpTo(w1, b), 2u);
        QCOMPARE(storage.storedUpTo(w1, c), 0u);
        QCOMPARE(storage.storedUpTo(w2, c), 2u);
        const auto read1 = *units(storage, w1, 0, 100);
        QCOMPARE(positionsOf(read1), u"1:a/1 2:b/1 3:a/2 4:b/2 5:a/3"_s);
        for (const SealedDelta &d : read1)
            QCOMPARE(d.sealed, delta(d.origin, d.seq).sealed);
        QCOMPARE(positionsOf(*units(storage, w2, 1, 100)), u"2:c/1 3:c/2"_s);
        // The checks work on migrated rows: a retry, other bytes, a gap, then a new delta.
        QVERIFY(!storage.append(w1, {delta(a, 2), delta(a, 3)}).refused);
        SealedDelta other = delta(b, 1);
        other.sealed = "other";
        QCOMPARE(storage.append(w1, {other}).refused->code, ErrorCode::ConflictingDuplicate);
        QCOMPARE(storage.append(w2, {delta(c, 4)}).refused->code, ErrorCode::SequenceGap);
        QCOMPARE(positionsOf(storage.append(w2, {delta(c, 3)}).appended), u"4:c/3"_s);
        QCOMPARE(positionsOf(storage.append(w1, {delta(c, 1)}).appended), u"6:c/1"_s);
    }
    RawDatabase raw(dir() + u"/relay.db"_s);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), RelayStorage::kSchemaVersion);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM sqlite_schema WHERE name = 'deltas_v1'"_s).toInt(),
             0);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM origins"_s).toInt(), 5); // W: a, b, c; V: a, c
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas"_s).toInt(), 10);
    QCOMPARE(raw.value(u"PRAGMA integrity_check"_s).toString(), u"ok"_s);
    // The old pages were given back, and the file took the new page size on the way.
    QCOMPARE(raw.value(u"PRAGMA freelist_count"_s).toInt(), 0);
    QCOMPARE(raw.value(u"PRAGMA page_size"_s).toInt(), 8192);
    QCOMPARE(raw.value(u"PRAGMA auto_vacuum"_s).toInt(),
             2); // incremental: compaction gives pages back
    QCOMPARE(raw.value(u"PRAGMA journal_mode"_s).toString(), u"wal"_s);
    // Opening the migrated file again changes nothing.
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    QCOMPARE(storage.head(w1), 6u);
}

// A first-layout file whose positions do not fit the new keys: refused, left as it was.
void TestRelayStorage::migrationThatCannotFitChangesNothing()
{
    {
        RawDatabase raw(dir() + u"/relay.db"_s);
        for (const QString &sql : {
                 u"CREATE TABLE workspaces (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE)"_s,
                 u"CREATE TABLE deltas (ws INTEGER NOT NULL, position INTEGER NOT NULL, origin "
                 "BLOB NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, PRIMARY KEY (ws, "
                 "position)) WITHOUT ROWID"_s,
                 u"CREATE UNIQUE INDEX deltas_origin ON deltas (ws, origin, seq)"_s,
                 u"INSERT INTO deltas VALUES (1, 1, x'61', 1, x'01')"_s,
                 u"INSERT INTO deltas VALUES (1, 1099511627776, x'61', 2, x'02')"_s,
             })
            QVERIFY(raw.exec(sql));
    }
    {
        RelayStorage storage;
        const QString error = storage.open(dir()).error();
        QVERIFY2(error.contains(u"beyond"_s), qPrintable(error));
    }
    RawDatabase raw(dir() + u"/relay.db"_s);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), 0);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas WHERE position > 0"_s).toInt(), 2);
    QCOMPARE(raw.value(u"SELECT COUNT(*) FROM sqlite_schema WHERE name = 'origins'"_s).toInt(), 0);
}

// A relay.db of schema 2 (one delta per row, no count): opened in place, every row a unit
// of one, and groups are stored after them.
void TestRelayStorage::schemaTwoGetsGroupCounts()
{
    const QByteArray w = id('W', 32), a = id('a', 16);
    {
        RawDatabase raw(dir() + u"/relay.db"_s);
        for (const QString &sql : {
                 u"PRAGMA page_size = 8192"_s,
                 u"PRAGMA journal_mode = WAL"_s,
                 u"CREATE TABLE workspaces (id INTEGER PRIMARY KEY, key BLOB NOT NULL UNIQUE)"_s,
                 u"CREATE TABLE origins (id INTEGER PRIMARY KEY, ws INTEGER NOT NULL, key BLOB "
                 "NOT NULL, UNIQUE (ws, key))"_s,
                 u"CREATE TABLE deltas (id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, seq "
                 "INTEGER NOT NULL, sealed BLOB NOT NULL)"_s,
                 u"CREATE UNIQUE INDEX deltas_origin ON deltas (origin, seq)"_s,
                 u"INSERT INTO workspaces VALUES (1, x'%1')"_s.arg(QString::fromLatin1(w.toHex())),
                 u"INSERT INTO origins VALUES (1, 1, x'%1')"_s.arg(QString::fromLatin1(a.toHex())),
                 u"PRAGMA user_version = 2"_s,
             })
            QVERIFY(raw.exec(sql));
        QSqlQuery q(raw.db());
        q.prepare(u"INSERT INTO deltas VALUES (?, 1, ?, ?)"_s);
        for (quint64 seq = 1; seq <= 2; ++seq) {
            q.addBindValue(static_cast<qint64>((quint64(1) << RelayStorage::kPositionBits) | seq));
            q.addBindValue(static_cast<qint64>(seq));
            q.addBindValue(delta(a, seq).sealed);
            QVERIFY2(q.exec(), qPrintable(q.lastError().text()));
        }
    }
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    QCOMPARE(storage.storedUpTo(w, a), 2u);
    QVERIFY(!storage.append(w, {delta(a, 2), group(a, 3, 4)}).refused);
    const auto read = *units(storage, w, 0, 100);
    QCOMPARE(positionsOf(read), u"1:a/1 2:a/2 3:a/3-6"_s);
    QCOMPARE(read.at(1).sealed, delta(a, 2).sealed);
    RawDatabase raw(dir() + u"/relay.db"_s);
    QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), RelayStorage::kSchemaVersion);
}

void TestRelayStorage::newerSchemaIsRefused()
{
    {
        RawDatabase raw(dir() + u"/relay.db"_s);
        QVERIFY(raw.exec(u"PRAGMA user_version = %1"_s.arg(RelayStorage::kSchemaVersion + 1)));
    }
    RelayStorage storage;
    const QString error = storage.open(dir()).error();
    QVERIFY2(error.contains(u"newer feedback-relay"_s), qPrintable(error));
}

void TestRelayStorage::checkpointEmptiesTheWriteAheadLog()
{
    RelayStorage storage;
    QVERIFY(storage.open(dir()).ok());
    const QByteArray w = id('W', 32), a = id('a', 16);
    QList<SealedDelta> batch;
    for (quint64 seq = 1; seq <= 200; ++seq)
        batch.append({a, seq, QByteArray(200, 'x'), 0});
    QVERIFY(!storage.append(w, batch).refused);
    QVERIFY(!units(storage, w, 0, 10)->isEmpty());
    const QFileInfo wal(dir() + u"/relay.db-wal"_s);
    QVERIFY(wal.exists() && wal.size() > 0);
    QVERIFY(storage.checkpoint().ok());
    QCOMPARE(QFileInfo(wal.filePath()).size(), 0);
    // Appends go on afterwards, and the idle checkpoint empties the log by itself.
    QVERIFY(!storage.append(w, {{a, 201, QByteArray(200, 'y'), 0}}).refused);
    QVERIFY(QFileInfo(wal.filePath()).size() > 0);
    QTRY_COMPARE(QFileInfo(wal.filePath()).size(), 0);
    QCOMPARE(storage.head(w), 201u);
}

QTEST_GUILESS_MAIN(TestRelayStorage)
#include "tst_relaystorage.moc"
