// RelayStorage's schema: the numbered steps from an empty file or the first layout to the
// current one (run by common/sql's migration runner, each in its own transaction), and the
// pragmas of relay.db. Kept apart from the log operations in RelayStorage.cpp.
#include "RelayStorage.h"

#include <QSqlQuery>
#include <QVariant>

#include <common/LogCategories.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlMigrations.h>

namespace feedback::relay {

namespace {

using sql::SqlMigration;

bool hasTable(QSqlDatabase &db, const QString &name)
{
    QSqlQuery q(db);
    q.prepare(QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = ?"));
    q.addBindValue(name);
    return q.exec() && q.next();
}

const QString kCreateOrigins =
    QStringLiteral("CREATE TABLE origins (id INTEGER PRIMARY KEY, ws INTEGER NOT NULL, "
                   "key BLOB NOT NULL, UNIQUE (ws, key))");
// id = (ws << kPositionBits) | position. A row is one unit of the log (schema 3: `count` deltas,
// a sealed group, ending at `seq`). Position is the arrival order inside one workspace: serving
// in it is causal. Appends go to the end of a workspace's range, so pages fill up instead of
// splitting half-empty.
const QString kCreateDeltas =
    QStringLiteral("CREATE TABLE deltas (id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, "
                   "seq INTEGER NOT NULL, sealed BLOB NOT NULL)");
// Built after a copy: sorted once, pages filled.
const QString kCreateDeltasIndex =
    QStringLiteral("CREATE UNIQUE INDEX deltas_origin ON deltas (origin, seq)");

// Schema 2 from nothing: the layout keyed by position, each device's 16-byte id once in
// `origins` and referred to by a small integer.
Status createKeyedLayout(QSqlDatabase &db)
{
    QSqlQuery q(db);
    for (const QString &sql : {QStringLiteral("CREATE TABLE workspaces (id INTEGER PRIMARY KEY, "
                                              "key BLOB NOT NULL UNIQUE)"),
                               kCreateOrigins, kCreateDeltas, kCreateDeltasIndex}) {
        if (!q.exec(sql))
            return sql::failure(q);
    }
    return Ok{};
}

// Schema 2 from the first layout, in the step's transaction: a failure leaves the first layout
// exactly as it was, and the next start tries again.
Status moveFirstLayout(QSqlDatabase &db)
{
    QSqlQuery q(db);
    auto fail = [&q](const QString &what) {
        return sql::failure(q, what);
    };
    if (!q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(ws), 0), COALESCE(MAX(position), "
                               "0) FROM deltas")) ||
        !q.next())
        return fail(QStringLiteral("reading the log"));
    const qint64 rows = q.value(0).toLongLong();
    if (q.value(1).toLongLong() > RelayStorage::kMaxWorkspaceId ||
        q.value(2).toULongLong() > static_cast<quint64>(RelayStorage::kMaxPosition))
        return Status::failure(
            QStringLiteral("positions or workspace ids beyond the new layout's range"));
    q.finish();
    for (const QString &sql : {
             QStringLiteral("ALTER TABLE deltas RENAME TO deltas_v1"),
             kCreateOrigins,
             // GROUP BY walks the old (ws, origin, seq) index: no sort of the whole log.
             QStringLiteral("INSERT INTO origins (ws, key) SELECT ws, origin FROM deltas_v1 "
                            "GROUP BY ws, origin"),
             kCreateDeltas,
         }) {
        if (!q.exec(sql))
            return fail(sql);
    }
    if (!q.exec(QStringLiteral("INSERT INTO deltas (id, origin, seq, sealed) SELECT (v.ws << "
                               "%1) | v.position, o.id, v.seq, v.sealed FROM deltas_v1 v JOIN "
                               "origins o ON o.ws = v.ws AND o.key = v.origin ORDER BY v.ws, "
                               "v.position")
                    .arg(RelayStorage::kPositionBits)))
        return fail(QStringLiteral("copying the log"));
    if (q.numRowsAffected() != rows)
        return Status::failure(
            QStringLiteral("copied %1 of %2 deltas").arg(q.numRowsAffected()).arg(rows));
    for (const QString &sql : {QStringLiteral("DROP TABLE deltas_v1"), kCreateDeltasIndex}) {
        if (!q.exec(sql))
            return fail(sql);
    }
    // The old pages stay in the file as free pages (see compactAfterFirstLayout).
    qCInfo(lcRelay) << "moved" << rows << "deltas of the first layout";
    return Ok{};
}

// Append only. Never edit a step that has shipped: add a new one.
const sql::SqlMigrations &migrations()
{
    static const sql::SqlMigrations steps(
        {
            {2, QStringLiteral("rows keyed by position, origins by number"),
             [](QSqlDatabase &db) {
                 return hasTable(db, QStringLiteral("deltas")) ? moveFirstLayout(db)
                                                               : createKeyedLayout(db);
             }},
            // Schema 2 had one delta per row: they are units of one. Adding a column with a
            // constant default rewrites nothing.
            SqlMigration::statements(3, QStringLiteral("units: deltas per row"),
                                     {QStringLiteral("ALTER TABLE deltas ADD COLUMN count "
                                                     "INTEGER NOT NULL DEFAULT 1")}),
            // Protocol 3: each device's key (bound by its first certificate) and role, the
            // revocations, and each unit's signature by its origin (NULL for the units stored
            // before: served with an empty signature, which devices take as written before).
            SqlMigration::statements(
                4, QStringLiteral("device trust: devices, revocations, unit signatures"),
                {QStringLiteral("CREATE TABLE devices (ws INTEGER NOT NULL, device BLOB NOT NULL, "
                                "public_key BLOB NOT NULL, certificate BLOB NOT NULL, role "
                                "INTEGER NOT NULL, enrolled_at INTEGER NOT NULL, last_seen "
                                "INTEGER NOT NULL, PRIMARY KEY (ws, device)) WITHOUT ROWID"),
                 QStringLiteral("CREATE TABLE revocations (ws INTEGER NOT NULL, device BLOB NOT "
                                "NULL, revocation BLOB NOT NULL, revoked_at INTEGER NOT NULL, "
                                "PRIMARY KEY (ws, device)) WITHOUT ROWID"),
                 QStringLiteral("ALTER TABLE deltas ADD COLUMN signature BLOB")}),
            // Protocol 4: invites the relay holds, counts and hands out (CBOR lists of bytes).
            SqlMigration::statements(
                5, QStringLiteral("invites"),
                {QStringLiteral("CREATE TABLE invites (id BLOB PRIMARY KEY, handle BLOB NOT NULL "
                                "UNIQUE, ws INTEGER NOT NULL, issuer BLOB NOT NULL, expires_at "
                                "INTEGER NOT NULL, uses INTEGER NOT NULL, claimed INTEGER NOT NULL "
                                "DEFAULT 0, cancelled INTEGER NOT NULL DEFAULT 0, envelopes BLOB "
                                "NOT NULL, devices BLOB NOT NULL) WITHOUT ROWID"),
                 QStringLiteral("CREATE INDEX invites_ws ON invites (ws, expires_at)")}),
            // Protocol 5: key epochs, each statement and its secret sealed to each remaining
            // full device.
            SqlMigration::statements(
                6, QStringLiteral("key epochs"),
                {QStringLiteral("CREATE TABLE epochs (ws INTEGER NOT NULL, epoch INTEGER NOT NULL, "
                                "statement BLOB NOT NULL, PRIMARY KEY (ws, epoch)) WITHOUT ROWID"),
                 QStringLiteral("CREATE TABLE epoch_keys (ws INTEGER NOT NULL, epoch INTEGER NOT "
                                "NULL, device BLOB NOT NULL, envelope BLOB NOT NULL, PRIMARY KEY "
                                "(ws, epoch, device)) WITHOUT ROWID")}),
            // Protocol 6: the log's chain value at each position (NULL for the units stored
            // before: a device's cursor there is not checked), snapshots with their sealed parts,
            // each origin's floor (the seqs a snapshot covers count as stored), and where each
            // workspace's log was compacted up to (units a snapshot covers dropped before it).
            SqlMigration::statements(
                7, QStringLiteral("snapshots and the log's chain"),
                {QStringLiteral("ALTER TABLE deltas ADD COLUMN chain BLOB"),
                 QStringLiteral("ALTER TABLE origins ADD COLUMN floor INTEGER NOT NULL DEFAULT 0"),
                 QStringLiteral("ALTER TABLE workspaces ADD COLUMN compacted_before INTEGER NOT "
                                "NULL DEFAULT 0"),
                 QStringLiteral("CREATE TABLE snapshots (ws INTEGER NOT NULL, position INTEGER NOT "
                                "NULL, id BLOB NOT NULL, maker BLOB NOT NULL, parts INTEGER NOT "
                                "NULL, covers BLOB NOT NULL, essential INTEGER NOT NULL, chain "
                                "BLOB NOT NULL, stored_at INTEGER NOT NULL, bytes INTEGER NOT "
                                "NULL, PRIMARY KEY (ws, position)) WITHOUT ROWID"),
                 QStringLiteral("CREATE TABLE snapshot_parts (ws INTEGER NOT NULL, id BLOB NOT "
                                "NULL, maker BLOB NOT NULL, part INTEGER NOT NULL, sealed BLOB NOT "
                                "NULL, signature BLOB NOT NULL, UNIQUE (ws, id, part))")}),
            // The workspaces the relay serves (by their 32-byte id, so that an operator can admit
            // one before its first device comes). Those it served before stay served.
            SqlMigration::statements(
                8, QStringLiteral("admitted workspaces"),
                {QStringLiteral("CREATE TABLE admitted (key BLOB PRIMARY KEY, admitted_at INTEGER "
                                "NOT NULL) WITHOUT ROWID"),
                 QStringLiteral("INSERT INTO admitted (key, admitted_at) SELECT key, "
                                "CAST(strftime('%s', 'now') AS INTEGER) * 1000 FROM workspaces")}),
            // The operator's admission tokens, by the hash of each (AdmissionToken.h).
            SqlMigration::statements(
                9, QStringLiteral("admission tokens"),
                {QStringLiteral("CREATE TABLE admission_tokens (hash BLOB PRIMARY KEY, expires_at "
                                "INTEGER NOT NULL, created_at INTEGER NOT NULL) WITHOUT ROWID")}),
        },
        [](int found, int known) {
            return QStringLiteral("written by a newer feedback-relay (schema %1; this one knows "
                                  "up to %2): nothing was changed")
                .arg(found)
                .arg(known);
        },
        lcRelay);
    Q_ASSERT(steps.latest() == RelayStorage::kSchemaVersion);
    return steps;
}

} // namespace

Status RelayStorage::setPragmas()
{
    // Rows are ~250 bytes: 8 KiB pages waste less of each page than 4 KiB ones. Only takes
    // effect when the file is created (or vacuumed outside WAL mode).
    // Incremental vacuum gives back what a compaction freed (set when the file is created; an
    // older file gets it with one VACUUM after its upgrade to schema 7).
    return m_connection.exec(
        QStringList{QStringLiteral("PRAGMA page_size = 8192"),
                    QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL")} +
            sql::SqlConnection::durableWriterPragmas() +
            QStringList{
                // Checkpoint after 4 MiB of log (SQLite's 1,000 pages would be 8 MiB here),
                // and give back what a large push made the write-ahead log grow to.
                QStringLiteral("PRAGMA wal_autocheckpoint = 512"),
                QStringLiteral("PRAGMA journal_size_limit = 4194304"),
            },
        QStringLiteral("setting up"));
}

Status RelayStorage::refuseNewer(int version)
{
    return migrations().refuseNewer(version);
}

Status RelayStorage::migrate()
{
    return migrations().migrate(m_connection);
}

bool RelayStorage::hasFirstLayout(int version)
{
    return version < 2 && hasTable(m_connection.db(), QStringLiteral("deltas"));
}

void RelayStorage::vacuumForIncrementalVacuum()
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("PRAGMA auto_vacuum")) || !q.next() || q.value(0).toInt() == 2)
        return;
    // Once, for a file made before schema 7: compaction's free pages can then be given back.
    const Status done = m_connection.exec(
        {QStringLiteral("PRAGMA auto_vacuum = INCREMENTAL"), QStringLiteral("VACUUM")},
        QStringLiteral("vacuuming"));
    if (!done)
        qCWarning(lcRelay).noquote()
            << "relay.db keeps free pages after compaction:" << done.error();
}

void RelayStorage::compactAfterFirstLayout()
{
    // The first layout's pages are free now, about half of the file: give them back once, and
    // take the new page size on the way (which VACUUM only does outside WAL mode). Failing
    // here costs space, not data: the migrated file is complete.
    const Status compacted = m_connection.exec(
        {QStringLiteral("PRAGMA journal_mode = DELETE"), QStringLiteral("VACUUM")},
        QStringLiteral("compacting"));
    if (!compacted)
        qCWarning(lcRelay).noquote() << "relay.db keeps its free pages:" << compacted.error();
}

} // namespace feedback::relay
