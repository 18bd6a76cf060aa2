// RelayStorage's reads around snapshots (protocol 6): which snapshot a catch-up starts from
// (planFor) and what of the log before it still has to be sent (readUncovered), where an
// essential snapshot cuts the log, and when the relay asks a device for a new snapshot.
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>

namespace feedback::relay {

using protocol::SnapshotCover;
using namespace storagekeys;

bool StoredSnapshot::dominates(const StoredSnapshot &other) const
{
    QHash<QByteArray, quint64> mine;
    for (const SnapshotCover &c : covers)
        mine.insert(c.origin, c.upTo);
    for (const SnapshotCover &c : other.covers)
        if (mine.value(c.origin) < c.upTo)
            return false;
    return true;
}

Result<std::optional<StoredSnapshot>> RelayStorage::planFor(const QByteArray &workspace,
                                                            quint64 cursor)
{
    using R = Result<std::optional<StoredSnapshot>>;
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value())
        return std::optional<StoredSnapshot>();
    const Result<quint64> compacted = compactedBefore(**ws);
    if (!compacted)
        return R::failure(compacted);
    // A device that has read past what compaction dropped reads the log as always.
    if (cursor != 0 && cursor >= *compacted)
        return std::optional<StoredSnapshot>();
    R newest = snapshotWhere(**ws, QStringLiteral("position > ? ORDER BY position DESC"),
                             {static_cast<qint64>(cursor)});
    if (!newest || !newest->has_value() || *compacted == 0)
        return newest;
    // Units the compaction dropped are only in the snapshot it was made against, or in a later
    // one that holds all of it.
    R base = snapshotWhere(**ws, QStringLiteral("position = ?"), {static_cast<qint64>(*compacted)});
    if (!base || !base->has_value())
        return base ? R::failure(QStringLiteral("the log was compacted against a snapshot it no "
                                                "longer holds"))
                    : base;
    return (*newest)->dominates(**base) ? newest : base;
}

Result<bool> RelayStorage::wantsSnapshot(const QByteArray &workspace, const SnapshotPolicy &policy,
                                         qint64 nowMs)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    if (!ws->has_value())
        return false;
    const Result<std::optional<StoredSnapshot>> last =
        snapshotWhere(**ws, QStringLiteral("TRUE ORDER BY position DESC"), {});
    if (!last)
        return Result<bool>::failure(last);
    const quint64 since = last->has_value() ? (*last)->position : 0;
    // Every welcome asks: the log after the snapshot is measured once, then kept up to date by
    // the appends (and dropped when a snapshot is stored).
    auto tail = m_tails.find(**ws);
    if (tail == m_tails.end() || tail->since != since) {
        QSqlQuery q(m_connection.db());
        q.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(length(sealed)), 0) FROM deltas "
                                 "WHERE id > ? AND id <= ?"));
        q.addBindValue(rowKey(**ws, since));
        q.addBindValue(rowKey(**ws, kMaxPosition));
        if (!q.exec() || !q.next())
            return Result<bool>::failure(sql::failure(q, QStringLiteral("measuring the log")));
        tail =
            m_tails.insert(**ws, LogTail{since, q.value(0).toULongLong(), q.value(1).toLongLong()});
    }
    const quint64 units = tail->units;
    const qint64 bytes = tail->bytes;
    // A small log is read faster than a snapshot is made: by size, only past kMinTailBytes.
    constexpr qint64 kMinTailBytes = 256 * 1024;
    if (units == 0)
        return false; // nothing new since the last one
    if (policy.everyUnits > 0 && units >= policy.everyUnits)
        return true;
    if (!last->has_value())
        return bytes >= kMinTailBytes;
    return (bytes >= kMinTailBytes && bytes > (*last)->bytes) ||
           nowMs - (*last)->storedAtMs >= policy.everyMs;
}

Result<quint64> RelayStorage::nextEssentialSnapshot(qint64 ws, quint64 cursor,
                                                    const StoredSnapshot *plan)
{
    quint64 from = std::min(cursor, kMaxPosition);
    for (;;) {
        const Result<std::optional<StoredSnapshot>> next =
            snapshotWhere(ws, QStringLiteral("position > ? AND essential = 1 ORDER BY position"),
                          {static_cast<qint64>(from)});
        if (!next)
            return Result<quint64>::failure(next);
        if (!next->has_value())
            return quint64{0};
        // Before a plan's snapshot, one that the plan holds all of is passed over.
        if (!plan || (*next)->position >= plan->position || !plan->dominates(**next))
            return (*next)->position;
        from = (*next)->position;
    }
}

Result<LogPage> RelayStorage::readUncovered(qint64 ws, quint64 cursor, quint64 end, qsizetype limit,
                                            qsizetype maxBytes, const StoredSnapshot &plan)
{
    using R = Result<LogPage>;
    QHash<QByteArray, quint64> covered;
    for (const SnapshotCover &c : plan.covers)
        covered.insert(c.origin, c.upTo);
    // Per origin, by the (origin, seq) index: only the units past what the plan covers are
    // read (a row's seq is its unit's last), however long the covered history before them.
    // Not forward-only: the loop runs another statement (see RelayStorage::admitted).
    QSqlQuery origins(m_connection.db());
    origins.prepare(QStringLiteral("SELECT id, key FROM origins WHERE ws = ?"));
    origins.addBindValue(ws);
    if (!origins.exec())
        return R::failure(sql::failure(origins, QStringLiteral("reading the origins")));
    QList<qint64> ids;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT id FROM deltas WHERE origin = ? AND seq > ? AND id > ? AND "
                             "id <= ? ORDER BY id LIMIT ?"));
    while (origins.next()) {
        q.addBindValue(origins.value(0).toLongLong());
        q.addBindValue(static_cast<qint64>(covered.value(origins.value(1).toByteArray())));
        q.addBindValue(rowKey(ws, cursor));
        q.addBindValue(rowKey(ws, end));
        q.addBindValue(static_cast<qint64>(limit) + 1);
        if (!q.exec())
            return R::failure(sql::failure(q, QStringLiteral("reading the log")));
        while (q.next())
            ids.append(q.value(0).toLongLong());
    }
    std::sort(ids.begin(), ids.end());
    LogPage page;
    qsizetype bytes = 0;
    q.prepare(QStringLiteral("SELECT d.id, o.key, d.seq, d.count, d.sealed, d.signature, d.chain "
                             "FROM deltas d JOIN origins o ON o.id = d.origin WHERE d.id = ?"));
    for (qint64 id : std::as_const(ids)) {
        q.addBindValue(id);
        if (!q.exec() || !q.next())
            return R::failure(sql::failure(q, QStringLiteral("reading the log")));
        if (!addRow(page, q, limit, maxBytes, bytes))
            break;
    }
    return page;
}

Result<quint64> RelayStorage::compactedBefore(qint64 ws)
{
    if (const std::optional<quint64> kept = m_compactedBefore.find(ws))
        return *kept;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT compacted_before FROM workspaces WHERE id = ?"));
    q.addBindValue(ws);
    if (!q.exec() || !q.next())
        return Result<quint64>::failure(sql::failure(q, QStringLiteral("reading a workspace")));
    const quint64 before = q.value(0).toULongLong();
    m_compactedBefore.insert(ws, before);
    return before;
}

} // namespace feedback::relay
