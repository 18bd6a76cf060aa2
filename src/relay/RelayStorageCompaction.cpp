// RelayStorage's compaction (protocol 6): once a snapshot is older than `--keep-history`, the
// units before it that it covers go, and so do the snapshots before it that it holds all of. The
// origins' floors (raised when the snapshot was stored) keep what counts as stored, so pushes of
// pending deltas still find their place; a device whose cursor is before the compaction point
// starts from the snapshot (planFor). The freed pages go back to the file system.
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QDateTime>
#include <QSqlQuery>
#include <QVariant>

#include <common/LogCategories.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>

namespace feedback::relay {

using namespace storagekeys;

void RelayStorage::setKeepHistory(qint64 keepMs)
{
    m_keepHistoryMs = keepMs;
    m_compaction.start(kCompactionIntervalMs);
    compactNow();
}

void RelayStorage::compactNow()
{
    const Result<qint64> dropped = compact(QDateTime::currentMSecsSinceEpoch(), m_keepHistoryMs);
    if (!dropped)
        qCWarning(lcRelay).noquote() << "cannot compact the log:" << dropped.error();
}

void RelayStorage::snapshotStored(const QByteArray &workspace)
{
    if (m_keepHistoryMs != 0)
        return; // the hourly compaction takes it once it is old enough
    const Result<qint64> dropped =
        compactWorkspace(workspace, QDateTime::currentMSecsSinceEpoch(), 0);
    if (!dropped)
        qCWarning(lcRelay).noquote() << "cannot compact the log:" << dropped.error();
}

void RelayStorage::giveBackFreePages()
{
    // auto_vacuum = INCREMENTAL. Through QtSql each run of the pragma frees one page (it yields a
    // row per page, which QtSql does not step through): run it once per free page, in one
    // transaction. Failing costs space only. (PostgreSQL's autovacuum does this by itself.)
    if (m_shared)
        return;
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("PRAGMA freelist_count")) || !q.next())
        return;
    const qint64 free = q.value(0).toLongLong();
    q.finish();
    if (free <= 0)
        return;
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return;
    for (qint64 i = 0; i < free; ++i) {
        if (!q.exec(QStringLiteral("PRAGMA incremental_vacuum(1)"))) {
            qCWarning(lcRelay).noquote()
                << "relay.db keeps its free pages:" << sql::failure(q).error();
            return;
        }
        q.finish();
    }
    if (Status committed = transaction->commit(); !committed)
        qCWarning(lcRelay).noquote() << "relay.db keeps its free pages:" << committed.error();
}

bool RelayStorage::compactedPast(const QByteArray &workspace, quint64 cursor)
{
    const auto ws = findWorkspace(workspace);
    if (!ws || !ws->has_value())
        return false;
    const Result<quint64> before = compactedBefore(**ws);
    return !before || *before > cursor; // unreadable: as if it did
}

Result<qint64> RelayStorage::compact(qint64 nowMs, qint64 keepMs)
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT DISTINCT ws FROM snapshots")))
        return Result<qint64>::failure(sql::failure(q, QStringLiteral("reading the snapshots")));
    QList<qint64> workspaces;
    while (q.next())
        workspaces.append(q.value(0).toLongLong());
    qint64 dropped = 0;
    for (qint64 ws : std::as_const(workspaces)) {
        const Result<qint64> one = compactWorkspace(ws, nowMs, keepMs);
        if (!one)
            return one;
        dropped += *one;
    }
    return dropped;
}

Result<qint64> RelayStorage::compactWorkspace(const QByteArray &workspace, qint64 nowMs,
                                              qint64 keepMs)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<qint64>::failure(ws);
    return ws->has_value() ? compactWorkspace(**ws, nowMs, keepMs) : Result<qint64>(qint64{0});
}

Result<qint64> RelayStorage::compactWorkspace(qint64 ws, qint64 nowMs, qint64 keepMs)
{
    using R = Result<qint64>;
    m_logBytes.remove(ws); // measured again when asked
    m_snapshotBytes.remove(ws);
    // Everything is read under the workspace's lock: another relay may commit a snapshot or
    // compact the same workspace meanwhile.
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return R::failure(transaction);
    if (Status locked = lockWorkspace(ws); !locked)
        return R::failure(locked);
    const Result<quint64> before = compactedBefore(ws);
    if (!before)
        return R::failure(before);
    const Result<std::optional<StoredSnapshot>> found =
        snapshotWhere(ws, QStringLiteral("position > ? AND stored_at <= ? ORDER BY position DESC"),
                      {static_cast<qint64>(*before), nowMs - keepMs});
    if (!found)
        return R::failure(found);
    if (!found->has_value())
        return qint64{0};
    const StoredSnapshot &snapshot = **found;
    QList<StoredSnapshot> older;
    for (quint64 from = 0;;) {
        const Result<std::optional<StoredSnapshot>> next =
            snapshotWhere(ws, QStringLiteral("position > ? AND position < ? ORDER BY position"),
                          {static_cast<qint64>(from), static_cast<qint64>(snapshot.position)});
        if (!next)
            return R::failure(next);
        if (!next->has_value())
            break;
        older.append(**next);
        from = (*next)->position;
    }
    // What an earlier compaction dropped is only in the snapshot it was made against: a newer
    // one that does not hold all of it must wait (the next snapshot will).
    for (const StoredSnapshot &s : std::as_const(older))
        if (s.position == *before && !snapshot.dominates(s))
            return qint64{0};
    QSqlQuery q(m_connection.db());
    qint64 dropped = 0;
    q.prepare(QStringLiteral("DELETE FROM deltas WHERE origin = ? AND seq <= ? AND id > ? AND id "
                             "< ?"));
    for (const protocol::SnapshotCover &c : snapshot.covers) {
        const Result<std::optional<Origin>> origin = findOrigin(ws, c.origin);
        if (!origin)
            return R::failure(origin);
        if (!origin->has_value())
            continue;
        q.addBindValue((*origin)->id);
        q.addBindValue(static_cast<qint64>(c.upTo));
        q.addBindValue(rowKey(ws, 0));
        q.addBindValue(rowKey(ws, snapshot.position));
        if (!q.exec())
            return R::failure(sql::failure(q, QStringLiteral("compacting the log")));
        dropped += q.numRowsAffected();
    }
    // The snapshots before it that it holds all of (the one compacted against included).
    for (const StoredSnapshot &s : std::as_const(older)) {
        if (s.essential && !snapshot.dominates(s))
            continue;
        for (const QString &drop :
             {QStringLiteral("DELETE FROM snapshot_parts WHERE ws = ? AND id = ?"),
              QStringLiteral("DELETE FROM snapshots WHERE ws = ? AND id = ?")}) {
            q.prepare(drop);
            q.addBindValue(ws);
            q.addBindValue(s.id);
            if (!q.exec())
                return R::failure(sql::failure(q, QStringLiteral("dropping a snapshot")));
        }
    }
    q.prepare(QStringLiteral("UPDATE workspaces SET compacted_before = ? WHERE id = ?"));
    q.addBindValue(static_cast<qint64>(snapshot.position));
    q.addBindValue(ws);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("compacting the log")));
    if (Status committed = transaction->commit(); !committed)
        return R::failure(committed);
    m_compactedBefore.insert(ws, snapshot.position);
    qCInfo(lcRelay) << "compacted" << dropped << "units before position" << snapshot.position;
    giveBackFreePages();
    return dropped;
}

} // namespace feedback::relay
