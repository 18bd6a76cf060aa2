#include "RelayStorage.h"

#include "RelayStorageKeys.h"

#include <QDir>
#include <QFileInfo>
#include <QScopeGuard>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

#include <common/LogCategories.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlMigrations.h>

namespace feedback::relay {

using protocol::SealedDelta;
using namespace storagekeys;

RelayStorage::RelayStorage()
    : m_connection(QStringLiteral("relay-storage"))
{
    m_idleCheckpoint.setSingleShot(true);
    QObject::connect(&m_idleCheckpoint, &QTimer::timeout, &m_idleCheckpoint,
                     [this] { checkpointIfQuiet(); });
    QObject::connect(&m_compaction, &QTimer::timeout, &m_compaction, [this] { compactNow(); });
}

RelayStorage::~RelayStorage()
{
    m_idleCheckpoint.stop();
    m_compaction.stop();
    m_connectionCheck.stop();
    m_existing = QSqlQuery();
    m_inserts.fill(QSqlQuery());
}

Status RelayStorage::open(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return Status::failure(QStringLiteral("cannot create the data directory %1").arg(dataDir));
    const QString path = QDir(dataDir).filePath(QStringLiteral("relay.db"));
    m_path = path;
    if (Status opened = m_connection.open(path); !opened)
        return opened;
    const auto located = [&path](const Status &error) {
        return Status::failure(QStringLiteral("%1: %2").arg(path, error.error()),
                               error.errorKind());
    };
    const Result<int> version = sql::SqlMigrations::version(m_connection.db());
    if (!version)
        return located(Status::failure(version));
    // A newer file is refused before the pragmas below write to it.
    if (Status newer = refuseNewer(*version); !newer)
        return located(newer);
    if (Status set = setPragmas(); !set)
        return located(set);
    const bool firstLayout = hasFirstLayout(*version);
    if (Status migrated = migrate(); !migrated)
        return located(migrated);
    if (*version < 7 && !firstLayout)
        vacuumForIncrementalVacuum();
    if (firstLayout) {
        compactAfterFirstLayout();
        if (Status wal = m_connection.exec({QStringLiteral("PRAGMA journal_mode = WAL")},
                                           QStringLiteral("setting up"));
            !wal)
            return located(wal);
    } else if (*version >= 2) {
        // A relay that was killed left its write-ahead log behind: fold it in now.
        if (Status folded = checkpoint(); !folded)
            qCWarning(lcRelay).noquote() << "relay.db keeps its write-ahead log:" << folded.error();
    }
    return Ok{};
}

void RelayStorage::checkpointIfQuiet()
{
    if (!m_walDirty)
        return;
    // Coarse timers may fire a little early: then wait for the rest.
    if (const qint64 quiet = m_lastAppend.elapsed(); quiet < kQuietCheckpointMs) {
        if (!m_idleCheckpoint.isActive())
            m_idleCheckpoint.start(static_cast<int>(kQuietCheckpointMs - quiet));
        return;
    }
    if (checkpoint().ok())
        m_walDirty = false;
    else
        m_idleCheckpoint.start(kQuietCheckpointMs); // try again later
}

Status RelayStorage::checkpoint()
{
    QSqlQuery q(m_connection.db());
    // Returns (busy, log frames, checkpointed frames); busy = 1 when it could not finish.
    if (!q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) || !q.next())
        return sql::failure(q, QStringLiteral("checkpoint"));
    if (q.value(0).toInt() != 0)
        return Status::failure(QStringLiteral("checkpoint: a reader kept the log busy"));
    return Ok{};
}

Result<std::optional<qint64>> RelayStorage::findWorkspace(const QByteArray &workspace)
{
    using R = Result<std::optional<qint64>>;
    if (const auto it = m_workspaceIds.constFind(workspace); it != m_workspaceIds.constEnd())
        return std::optional<qint64>(*it);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT id FROM workspaces WHERE key = ?"));
    q.addBindValue(workspace);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the workspaces")));
    if (!q.next())
        return std::optional<qint64>();
    const qint64 id = q.value(0).toLongLong();
    m_workspaceIds.insert(workspace, id);
    return std::optional<qint64>(id);
}

Result<qint64> RelayStorage::registerWorkspace(const QByteArray &workspace)
{
    const Result<std::optional<qint64>> known = findWorkspace(workspace);
    if (!known)
        return Result<qint64>::failure(known);
    if (known->has_value())
        return **known;
    QSqlQuery q(m_connection.db());
    // Another relay on the same database may add it at the same moment: then its id is taken.
    q.prepare(QStringLiteral("INSERT INTO workspaces (key) VALUES (?) ON CONFLICT (key) DO "
                             "NOTHING"));
    q.addBindValue(workspace);
    if (!q.exec())
        return Result<qint64>::failure(sql::failure(q, QStringLiteral("adding a workspace")));
    const Result<std::optional<qint64>> added = findWorkspace(workspace);
    if (!added || !added->has_value())
        return Result<qint64>::failure(added ? QStringLiteral("adding a workspace: it is not there")
                                             : added.error());
    const qint64 id = **added;
    if (id > kMaxWorkspaceId) {
        // The id would not fit in the rows' keys. Unreachable in practice (8 million
        // workspaces); refuse rather than mix logs.
        qCWarning(lcRelay) << "workspace id" << id << "is beyond" << kMaxWorkspaceId;
        m_workspaceIds.remove(workspace);
        q.prepare(QStringLiteral("DELETE FROM workspaces WHERE id = ?"));
        q.addBindValue(id);
        if (!q.exec())
            qCWarning(lcRelay).noquote() << sql::failure(q).error();
        return Result<qint64>::failure(QStringLiteral("too many workspaces"));
    }
    m_workspaceIds.insert(workspace, id);
    return id;
}

Result<std::optional<RelayStorage::Origin>> RelayStorage::findOrigin(qint64 ws,
                                                                     const QByteArray &origin)
{
    using R = Result<std::optional<Origin>>;
    const QByteArray key = originKey(ws, origin);
    if (const std::optional<Origin> kept = m_origins.find(key))
        return kept;
    QSqlQuery q(m_connection.db());
    q.prepare(
        QStringLiteral("SELECT o.id, (SELECT COALESCE(MAX(seq), 0) FROM deltas WHERE "
                       "origin = o.id), o.floor FROM origins o WHERE o.ws = ? AND o.key = ?"));
    q.addBindValue(ws);
    q.addBindValue(origin);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the origins")));
    if (!q.next())
        return std::optional<Origin>();
    // What a snapshot covers counts as stored (a relay that lost units, healed by a device).
    const quint64 floor = q.value(2).toULongLong();
    const Origin found{q.value(0).toLongLong(), std::max(q.value(1).toULongLong(), floor), floor};
    m_origins.insert(key, found);
    return std::optional<Origin>(found);
}

quint64 RelayStorage::head(const QByteArray &workspace)
{
    const auto found = findWorkspace(workspace);
    if (!found || !found->has_value())
        return 0;
    const qint64 ws = **found;
    if (const std::optional<quint64> kept = m_heads.find(ws))
        return *kept;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT MAX(id) FROM deltas WHERE id > ? AND id <= ?"));
    q.addBindValue(rowKey(ws, 0));
    q.addBindValue(rowKey(ws, kMaxPosition));
    if (!q.exec() || !q.next())
        return 0;
    quint64 head = q.value(0).isNull() ? 0 : positionOf(q.value(0).toLongLong());
    // A snapshot takes a position of the log too.
    q.prepare(QStringLiteral("SELECT MAX(position) FROM snapshots WHERE ws = ?"));
    q.addBindValue(ws);
    if (!q.exec() || !q.next())
        return 0;
    head = std::max<quint64>(head, q.value(0).toULongLong());
    m_heads.insert(ws, head);
    return head;
}

quint64 RelayStorage::storedUpTo(const QByteArray &workspace, const QByteArray &origin)
{
    const auto ws = findWorkspace(workspace);
    if (!ws || !ws->has_value())
        return 0;
    const auto found = findOrigin(**ws, origin);
    return found && found->has_value() ? (*found)->storedUpTo : 0;
}

Result<LogPage> RelayStorage::read(const QByteArray &workspace, quint64 cursor, qsizetype limit,
                                   qsizetype maxBytes, const StoredSnapshot *plan)
{
    // A relay busy serving catch-ups may not run its timers for a long while (Qt runs timers
    // at idle priority once they fire often): reads check for a quiet log too.
    if (!m_shared)
        checkpointIfQuiet();
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<LogPage>::failure(ws);
    if (!ws->has_value() || cursor >= kMaxPosition)
        return LogPage();
    // On a database other relays write to, the snapshot's place and the units are read from one
    // view: else a snapshot and a unit after it committed between the two reads would let this
    // page pass the snapshot by.
    if (m_shared) {
        QSqlQuery begin(m_connection.db());
        if (!begin.exec(QStringLiteral("BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY")))
            return Result<LogPage>::failure(sql::failure(begin, QStringLiteral("reading the log")));
    }
    const auto ended = qScopeGuard([this] {
        if (m_shared)
            QSqlQuery(m_connection.db()).exec(QStringLiteral("COMMIT"));
    });
    // A snapshot comes in the log's order: the units before it, then it alone. An essential one
    // in its place; a plan's (a catch-up that starts from a snapshot) after the units before it
    // that it does not cover.
    const Result<quint64> essential = nextEssentialSnapshot(**ws, cursor, plan);
    if (!essential)
        return Result<LogPage>::failure(essential);
    quint64 stop = *essential;
    const bool planned = plan && plan->position > cursor;
    if (planned && (stop == 0 || plan->position < stop))
        stop = plan->position;
    const quint64 end = stop != 0 ? stop - 1 : kMaxPosition;
    Result<LogPage> page = planned ? readUncovered(**ws, cursor, end, limit, maxBytes, *plan)
                                   : readRange(**ws, cursor, end, limit, maxBytes);
    if (page && stop != 0) {
        if (page->units.isEmpty())
            page->snapshot = stop;
        else
            page->more = true; // the snapshot follows
    }
    return page;
}

Result<LogPage> RelayStorage::readRange(qint64 ws, quint64 cursor, quint64 end, qsizetype limit,
                                        qsizetype maxBytes)
{
    LogPage page;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral(
        "SELECT d.id, o.key, d.seq, d.count, d.sealed, d.signature, d.chain FROM deltas d JOIN "
        "origins o ON o.id = d.origin WHERE d.id > ? AND d.id <= ? ORDER BY "
        "d.id LIMIT ?"));
    q.addBindValue(rowKey(ws, cursor));
    q.addBindValue(rowKey(ws, end));
    q.addBindValue(static_cast<qint64>(limit) + 1); // one more tells whether more follow
    if (!q.exec())
        return Result<LogPage>::failure(sql::failure(q, QStringLiteral("reading the log")));
    qsizetype bytes = 0;
    while (q.next()) {
        if (!addRow(page, q, limit, maxBytes, bytes))
            break;
    }
    // PostgreSQL streams a forward-only result: the rows left must go before the next statement.
    q.finish();
    return page;
}

bool RelayStorage::addRow(LogPage &page, const QSqlQuery &q, qsizetype limit, qsizetype maxBytes,
                          qsizetype &bytes)
{
    const QByteArray sealed = q.value(4).toByteArray();
    bytes += sealed.size() + kFramingBytes;
    // At least one unit per batch, even one over the budget (a unit is at most 256 KiB).
    if (page.units.size() == limit || (!page.units.isEmpty() && bytes > maxBytes)) {
        page.more = true;
        return false;
    }
    const quint64 count = q.value(3).toULongLong();
    const quint64 last = q.value(2).toULongLong();
    // NULL (a unit stored under protocol 2) is served as an empty signature.
    page.units.append(SealedDelta{q.value(1).toByteArray(), last - count + 1, sealed,
                                  positionOf(q.value(0).toLongLong()), count,
                                  q.value(5).toByteArray()});
    page.chain = q.value(6).toByteArray();
    return true;
}

Status RelayStorage::health()
{
    if (m_shared)
        return postgresHealth();
    if (!QFileInfo::exists(m_path))
        return Status::failure(QStringLiteral("the database file is gone from %1").arg(m_path));
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM sqlite_master")) || !q.next())
        return Status::failure(
            QStringLiteral("the database does not answer: %1").arg(q.lastError().text()));
    return Ok{};
}

qint64 RelayStorage::bytesOnDisk() const
{
    if (m_shared)
        return postgresBytes();
    qint64 total = 0;
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        total += QFileInfo(m_path + suffix).size();
    return total;
}

Result<qint64> RelayStorage::workspaceCount()
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM workspaces")) || !q.next())
        return Result<qint64>::failure(q.lastError().text());
    return q.value(0).toLongLong();
}

} // namespace feedback::relay
