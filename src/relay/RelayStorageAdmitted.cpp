// RelayStorage's admission list and what each workspace stores: the workspaces the operator
// admitted (`feedback-relay admit`, or the first hello on an `--open` relay), and the bytes of
// each workspace's log and snapshots, counted once and then kept up to date, for its quota.
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>

namespace feedback::relay {

using namespace storagekeys;

Result<bool> RelayStorage::isAdmitted(const QByteArray &workspace)
{
    // Read every time: `feedback-relay admit` changes the list from another process.
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT 1 FROM admitted WHERE key = ?"));
    q.addBindValue(workspace);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("reading the admitted list")));
    return q.next();
}

Result<bool> RelayStorage::admit(const QByteArray &workspace, qint64 nowMs)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("INSERT INTO admitted (key, admitted_at) VALUES (?, ?) ON CONFLICT "
                             "(key) DO NOTHING"));
    q.addBindValue(workspace);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("admitting a workspace")));
    return q.numRowsAffected() == 1;
}

Result<bool> RelayStorage::dismiss(const QByteArray &workspace)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM admitted WHERE key = ?"));
    q.addBindValue(workspace);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("dismissing a workspace")));
    return q.numRowsAffected() == 1;
}

Result<QList<AdmittedWorkspace>> RelayStorage::admitted()
{
    using R = Result<QList<AdmittedWorkspace>>;
    // Not forward-only: the loop runs other statements, which on PostgreSQL would drop the rows
    // a forward-only (streamed) result had not given yet.
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT a.key, a.admitted_at, w.id IS NOT NULL FROM admitted a "
                               "LEFT JOIN workspaces w ON w.key = a.key ORDER BY a.admitted_at, "
                               "a.key")))
        return R::failure(sql::failure(q, QStringLiteral("reading the admitted list")));
    QList<AdmittedWorkspace> list;
    while (q.next()) {
        AdmittedWorkspace entry{q.value(0).toByteArray(), q.value(1).toLongLong(), 0};
        if (q.value(2).toBool()) {
            const Result<qint64> bytes = storedBytes(entry.workspace);
            if (!bytes)
                return R::failure(bytes);
            entry.storedBytes = *bytes;
        }
        list.append(entry);
    }
    return list;
}

Status RelayStorage::measureLog(qint64 ws, LogBytes &log)
{
    QSqlQuery rows(m_connection.db());
    rows.prepare(QStringLiteral(
        "SELECT COALESCE(SUM(length(sealed)), 0), MAX(id) FROM deltas WHERE id BETWEEN ? AND ?"));
    rows.addBindValue(std::max(log.upToRow + 1, rowKey(ws, 0)));
    rows.addBindValue(rowKey(ws, kMaxPosition));
    if (!rows.exec() || !rows.next())
        return sql::failure(rows, QStringLiteral("measuring what a workspace stores"));
    log.bytes += rows.value(0).toLongLong();
    if (!rows.value(1).isNull())
        log.upToRow = rows.value(1).toLongLong();
    return Ok{};
}

Result<qint64> RelayStorage::storedBytes(const QByteArray &workspace, bool again)
{
    using R = Result<qint64>;
    const Result<std::optional<qint64>> ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value())
        return qint64(0);
    const qint64 id = **ws;
    if (again) {
        m_logBytes.remove(id);
        m_snapshotBytes.remove(id);
    }
    // The log: measured once, then only the rows after the last one measured, for every append
    // (this relay's or, on a shared database, another's) lands after it and positions become
    // visible in order. SQLite takes a blob's length from its row header, without reading it.
    LogBytes &log = m_logBytes[id];
    if (!log.counted) {
        if (Status measured = measureLog(id, log); !measured) {
            m_logBytes.remove(id);
            return R::failure(measured);
        }
        log.counted = !m_shared; // other relays append to a shared log: measured every time
    }
    // The snapshots: measured again after a part came (a few rows).
    qint64 snapshots = 0;
    if (const std::optional<qint64> kept = m_snapshotBytes.find(id)) {
        snapshots = *kept;
    } else {
        QSqlQuery q(m_connection.db());
        q.prepare(QStringLiteral(
            "SELECT COALESCE(SUM(length(sealed)), 0) FROM snapshot_parts WHERE ws = ?"));
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return R::failure(sql::failure(q, QStringLiteral("measuring what a workspace stores")));
        snapshots = q.value(0).toLongLong();
        m_snapshotBytes.insert(id, snapshots);
    }
    return log.bytes + snapshots;
}

} // namespace feedback::relay
