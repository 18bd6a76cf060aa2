#include "Schema.h"

#include "StoreDatabase.h"
#include "StoreLog.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QStringList>

namespace feedback::store {

namespace {

struct Migration
{
    int version;
    const char *purpose;
    QStringList statements;
};

// Append only. Never edit a step that has shipped: add a new one.
const QList<Migration> &migrations()
{
    static const QList<Migration> steps = {
        {1,
         "records, causal context, outbox",
         {QStringLiteral("CREATE TABLE meta (key TEXT PRIMARY KEY, value BLOB NOT NULL) "
                         "WITHOUT ROWID"),
          // One sealed row per record: the CBOR state of the record.
          QStringLiteral("CREATE TABLE records (id BLOB PRIMARY KEY, state BLOB NOT NULL) "
                         "WITHOUT ROWID"),
          // This device's deltas, sealed, in sequence order; acked once the relay has them.
          QStringLiteral("CREATE TABLE outbox (origin BLOB NOT NULL, seq INTEGER NOT NULL, "
                         "record BLOB NOT NULL, delta BLOB NOT NULL, "
                         "acked INTEGER NOT NULL DEFAULT 0, PRIMARY KEY (origin, seq)) "
                         "WITHOUT ROWID"),
          QStringLiteral("CREATE INDEX outbox_unacked ON outbox (acked, record)")}},
        {2,
         "legacy import ledger, deferred remote deltas",
         {// Keyed hashes of imported legacy items: importing twice adds nothing.
          QStringLiteral("CREATE TABLE imports (hash BLOB PRIMARY KEY, record BLOB NOT NULL) "
                         "WITHOUT ROWID"),
          // Remote deltas that arrived before what they depend on.
          QStringLiteral("CREATE TABLE deferred (id BLOB PRIMARY KEY, delta BLOB NOT NULL) "
                         "WITHOUT ROWID")}},
        {3,
         "quarantined remote changes",
         {// Changes of other devices set aside instead of stopping sync: units of the relay's
          // log that do not open or decode (kind 0, body: the unit's sealed bytes as received)
          // and deltas over the deferred bound (kind 1, body: the delta's encoding). Bodies are
          // sealed with the database key; the reason names no feedback.
          QStringLiteral("CREATE TABLE quarantine (id INTEGER PRIMARY KEY, kind INTEGER NOT NULL, "
                         "position INTEGER NOT NULL, origin BLOB NOT NULL, "
                         "first_seq INTEGER NOT NULL, last_seq INTEGER NOT NULL, "
                         "reason TEXT NOT NULL, asked INTEGER NOT NULL DEFAULT 0, "
                         "body BLOB NOT NULL, UNIQUE (kind, origin, first_seq))")}},
    };
    return steps;
}

} // namespace

int Schema::currentVersion()
{
    return migrations().last().version;
}

Result<int> Schema::version(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Result<int>::failure(q.lastError().text());
    return q.value(0).toInt();
}

Status Schema::migrate(QSqlDatabase &db, int target)
{
    if (target < 0)
        target = currentVersion();
    const auto current = version(db);
    if (!current)
        return Status::failure(
            QStringLiteral("Cannot read the schema version: %1").arg(current.error()));
    if (*current > currentVersion())
        return Status::failure(
            QStringLiteral("This profile was written by a newer Courier Feedback (schema %1; this "
                           "program knows up to %2). Update the program; the profile was not "
                           "changed.")
                .arg(*current)
                .arg(currentVersion()));
    for (const Migration &step : migrations()) {
        if (step.version <= *current || step.version > target)
            continue;
        if (!db.transaction())
            return Status::failure(db.lastError().text(), StoreDatabase::kindOf(db.lastError()));
        QSqlQuery q(db);
        for (const QString &sql : step.statements) {
            if (!q.exec(sql)) {
                const QSqlError error = q.lastError();
                db.rollback();
                return Status::failure(QStringLiteral("Migration to schema %1 failed: %2")
                                           .arg(step.version)
                                           .arg(error.text()),
                                       StoreDatabase::kindOf(error));
            }
        }
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version)) || !db.commit()) {
            const QSqlError error = q.lastError().isValid() ? q.lastError() : db.lastError();
            db.rollback();
            return Status::failure(QStringLiteral("Migration to schema %1 failed: %2")
                                       .arg(step.version)
                                       .arg(error.text()),
                                   StoreDatabase::kindOf(error));
        }
        qCInfo(lcStore) << "migrated the database to schema" << step.version << step.purpose;
    }
    return Ok{};
}

} // namespace feedback::store
