// RelayStorage's schema: creating the current layout and migrating the first one (kept apart
// from the log operations in RelayStorage.cpp).
#include "RelayLog.h"
#include "RelayStorage.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

namespace feedback::relay {

namespace {

QString failure(const QSqlQuery &q)
{
    return q.lastError().text();
}

} // namespace

QString RelayStorage::execInTransaction(const QStringList &statements)
{
    if (!m_db.transaction())
        return m_db.lastError().text();
    QSqlQuery q(m_db);
    for (const QString &sql : statements) {
        if (!q.exec(sql)) {
            const QString error = failure(q);
            m_db.rollback();
            return error;
        }
    }
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return error;
    }
    return QString();
}

QString RelayStorage::createSchema()
{
    return execInTransaction({
        QStringLiteral("CREATE TABLE IF NOT EXISTS workspaces (id INTEGER PRIMARY KEY, "
                       "key BLOB NOT NULL UNIQUE)"),
        // Each device's 16-byte id once; the log refers to it by a small integer.
        QStringLiteral("CREATE TABLE origins (id INTEGER PRIMARY KEY, ws INTEGER NOT NULL, "
                       "key BLOB NOT NULL, UNIQUE (ws, key))"),
        // id = (ws << kPositionBits) | position. A row is one unit of the log: `count` deltas
        // (a sealed group) ending at `seq`. Position is the arrival order inside one workspace:
        // serving in it is causal. Appends go to the end of a workspace's range, so pages fill
        // up instead of splitting half-empty.
        QStringLiteral("CREATE TABLE deltas (id INTEGER PRIMARY KEY, origin INTEGER NOT NULL, "
                       "seq INTEGER NOT NULL, sealed BLOB NOT NULL, count INTEGER NOT NULL "
                       "DEFAULT 1)"),
        QStringLiteral("CREATE UNIQUE INDEX deltas_origin ON deltas (origin, seq)"),
        QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
    });
}

QString RelayStorage::addGroupCounts()
{
    // Schema 2 had one delta per row: they are units of one. Adding a column with a constant
    // default rewrites nothing.
    const QString error = execInTransaction({
        QStringLiteral("ALTER TABLE deltas ADD COLUMN count INTEGER NOT NULL DEFAULT 1"),
        QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
    });
    if (error.isEmpty())
        qCInfo(lcRelay) << "migrated relay.db to schema" << kSchemaVersion;
    return error;
}

QString RelayStorage::migrateFromFirstLayout()
{
    // One transaction: a crash or a failure leaves the first layout exactly as it was, and the
    // next start tries again.
    if (!m_db.transaction())
        return m_db.lastError().text();
    QSqlQuery q(m_db);
    auto fail = [this, &q](const QString &what) {
        const QString error = QStringLiteral("migrating to schema %1: %2: %3")
                                  .arg(kSchemaVersion)
                                  .arg(what, failure(q));
        q.finish();
        m_db.rollback();
        return error;
    };
    if (!q.exec(QStringLiteral("SELECT COUNT(*), COALESCE(MAX(ws), 0), COALESCE(MAX(position), "
                               "0) FROM deltas")) ||
        !q.next())
        return fail(QStringLiteral("reading the log"));
    const qint64 rows = q.value(0).toLongLong();
    if (q.value(1).toLongLong() > kMaxWorkspaceId ||
        q.value(2).toULongLong() > static_cast<quint64>(kMaxPosition))
        return fail(QStringLiteral("positions or workspace ids beyond the new layout's range"));
    q.finish();
    const QString move = QStringLiteral(
        "INSERT INTO deltas (id, origin, seq, sealed) SELECT (v.ws << %1) | v.position, o.id, "
        "v.seq, v.sealed FROM deltas_v1 v JOIN origins o ON o.ws = v.ws AND o.key = v.origin "
        "ORDER BY v.ws, v.position");
    for (const QString &sql : {
             QStringLiteral("ALTER TABLE deltas RENAME TO deltas_v1"),
             QStringLiteral("CREATE TABLE origins (id INTEGER PRIMARY KEY, ws INTEGER NOT NULL, "
                            "key BLOB NOT NULL, UNIQUE (ws, key))"),
             // GROUP BY walks the old (ws, origin, seq) index: no sort of the whole log.
             QStringLiteral("INSERT INTO origins (ws, key) SELECT ws, origin FROM deltas_v1 "
                            "GROUP BY ws, origin"),
             QStringLiteral("CREATE TABLE deltas (id INTEGER PRIMARY KEY, origin INTEGER NOT "
                            "NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, count INTEGER "
                            "NOT NULL DEFAULT 1)"),
         }) {
        if (!q.exec(sql))
            return fail(sql);
    }
    if (!q.exec(move.arg(kPositionBits)))
        return fail(QStringLiteral("copying the log"));
    if (q.numRowsAffected() != rows)
        return fail(QStringLiteral("copied %1 of %2 deltas").arg(q.numRowsAffected()).arg(rows));
    for (const QString &sql : {
             QStringLiteral("DROP TABLE deltas_v1"),
             // Built after the copy: sorted once, pages filled.
             QStringLiteral("CREATE UNIQUE INDEX deltas_origin ON deltas (origin, seq)"),
             QStringLiteral("PRAGMA user_version = %1").arg(kSchemaVersion),
         }) {
        if (!q.exec(sql))
            return fail(sql);
    }
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return error;
    }
    // The old pages stay in the file as free pages, which new deltas fill first.
    qCInfo(lcRelay) << "migrated relay.db to schema" << kSchemaVersion << "with" << rows
                    << "deltas";
    return QString();
}

} // namespace feedback::relay
