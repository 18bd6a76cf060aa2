#include "Schema.h"

#include <QSqlQuery>

#include <common/LogCategories.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlMigrations.h>

namespace feedback::store {

namespace {

using sql::SqlMigration;

// Step 4. An acknowledgement deletes the outbox rows it covers: every row is pending. Rows that
// builds before that left marked are acknowledged: they go the same way. The flag's index
// becomes one on the record, which the outbox is asked by (settled records, purge). A file
// whose outbox has no flag (altered by hand, or a half-restored copy) only gets the index.
Status dropOutboxAckedFlag(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('outbox') "
                               "WHERE name = 'acked'")) ||
        !q.next())
        return sql::failure(q);
    QStringList statements;
    if (q.value(0).toInt() > 0)
        statements << QStringLiteral("DELETE FROM outbox WHERE acked = 1")
                   << QStringLiteral("DROP INDEX IF EXISTS outbox_unacked")
                   << QStringLiteral("ALTER TABLE outbox DROP COLUMN acked");
    statements << QStringLiteral("CREATE INDEX IF NOT EXISTS outbox_record ON outbox (record)");
    for (const QString &statement : std::as_const(statements)) {
        if (!q.exec(statement))
            return sql::failure(q);
    }
    return Ok{};
}

// Append only. Never edit a step that has shipped: add a new one.
const sql::SqlMigrations &migrations()
{
    static const sql::SqlMigrations steps(
        {
            SqlMigration::statements(
                1, QStringLiteral("records, causal context, outbox"),
                {QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) "
                                "WITHOUT ROWID"),
                 // One sealed row per record: the CBOR state of the record.
                 QStringLiteral("CREATE TABLE records (id BLOB PRIMARY KEY, state BLOB NOT NULL) "
                                "WITHOUT ROWID"),
                 // This device's deltas, sealed, in sequence order; acked once the relay has
                 // them.
                 QStringLiteral("CREATE TABLE outbox (origin BLOB NOT NULL, seq INTEGER NOT "
                                "NULL, record BLOB NOT NULL, delta BLOB NOT NULL, "
                                "acked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (origin, seq)) "
                                "WITHOUT ROWID"),
                 QStringLiteral("CREATE INDEX outbox_unacked ON outbox (acked, record)")}),
            SqlMigration::statements(
                2, QStringLiteral("legacy import ledger, deferred remote deltas"),
                {// Keyed hashes of imported legacy items: importing twice adds nothing.
                 QStringLiteral("CREATE TABLE imports (hash BLOB PRIMARY KEY, record BLOB NOT "
                                "NULL) WITHOUT ROWID"),
                 // Remote deltas that arrived before what they depend on.
                 QStringLiteral("CREATE TABLE deferred (id BLOB PRIMARY KEY, delta BLOB NOT "
                                "NULL) WITHOUT ROWID")}),
            SqlMigration::statements(
                3, QStringLiteral("quarantined remote changes"),
                {// Changes of other devices set aside instead of stopping sync: units of the
                 // relay's log that do not open or decode (kind 0, body: the unit's sealed
                 // bytes as received) and deltas over the deferred bound (kind 1, body: the
                 // delta's encoding). Bodies are sealed with the database key; the reason
                 // names no feedback.
                 QStringLiteral("CREATE TABLE quarantine (id INTEGER PRIMARY KEY, kind INTEGER "
                                "NOT NULL, position INTEGER NOT NULL, origin BLOB NOT NULL, "
                                "first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, "
                                "reason TEXT NOT NULL, asked INTEGER NOT NULL DEFAULT 0, "
                                "body BLOB NOT NULL, UNIQUE (kind, origin, first_seq))")}),
            {4, QStringLiteral("outbox without the acked flag"), dropOutboxAckedFlag},
        },
        [](int found, int known) {
            return QStringLiteral("This profile was written by a newer Courier Feedback (schema "
                                  "%1; this program knows up to %2). Update the program; the "
                                  "profile was not changed.")
                .arg(found)
                .arg(known);
        },
        lcStore);
    return steps;
}

} // namespace

int Schema::currentVersion()
{
    return migrations().latest();
}

Result<int> Schema::version(QSqlDatabase &db)
{
    return sql::SqlMigrations::version(db);
}

Status Schema::refuseNewer(int version)
{
    return migrations().refuseNewer(version);
}

Status Schema::migrate(QSqlDatabase &db, int target)
{
    return migrations().migrate(db, target);
}

Status Schema::migrate(sql::SqlConnection &connection)
{
    return migrations().migrate(connection);
}

} // namespace feedback::store
