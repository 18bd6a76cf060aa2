#include "RelayStorage.h"

#include "RelayLog.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

namespace feedback::relay {

using protocol::ErrorCode;
using protocol::SealedDelta;

namespace {

// The write-ahead log is folded back into relay.db once no push arrived for this long, so a
// relay whose writers paused holds just the log itself (SQLite alone keeps up to
// journal_size_limit of it around for good).
constexpr int kQuietCheckpointMs = 1000;

qint64 rowKey(qint64 ws, quint64 position)
{
    return (ws << RelayStorage::kPositionBits) | static_cast<qint64>(position);
}

quint64 positionOf(qint64 key)
{
    return static_cast<quint64>(key) & RelayStorage::kMaxPosition;
}

QByteArray originKey(qint64 ws, const QByteArray &origin)
{
    QByteArray key(8, Qt::Uninitialized);
    qToLittleEndian(ws, key.data());
    return key + origin;
}

QString failure(const QSqlQuery &q)
{
    return q.lastError().text();
}

} // namespace

RelayStorage::RelayStorage()
{
    m_idleCheckpoint.setSingleShot(true);
    QObject::connect(&m_idleCheckpoint, &QTimer::timeout, &m_idleCheckpoint,
                     [this] { checkpointIfQuiet(); });
}

RelayStorage::~RelayStorage()
{
    m_idleCheckpoint.stop();
    m_existing = QSqlQuery();
    m_insert = QSqlQuery();
    m_db.close();
    m_db = QSqlDatabase();
    if (!m_connection.isEmpty())
        QSqlDatabase::removeDatabase(m_connection);
}

QString RelayStorage::open(const QString &dataDir)
{
    if (!QDir().mkpath(dataDir))
        return QStringLiteral("cannot create the data directory %1").arg(dataDir);
    m_connection = QStringLiteral("relay-storage");
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_connection);
    m_db.setDatabaseName(QDir(dataDir).filePath(QStringLiteral("relay.db")));
    if (!m_db.open())
        return m_db.lastError().text();
    const auto located = [this](const QString &error) {
        return QStringLiteral("%1: %2").arg(m_db.databaseName(), error);
    };
    QSqlQuery q(m_db);
    for (const char *sql : {
             // Rows are ~250 bytes: 8 KiB pages waste less of each page than 4 KiB ones. Only
             // takes effect when the file is created (or vacuumed outside WAL mode).
             "PRAGMA page_size = 8192",
             "PRAGMA journal_mode = WAL",
             "PRAGMA synchronous = FULL",
             // Checkpoint after 4 MiB of log (SQLite's 1,000 pages would be 8 MiB here), and
             // give back what a large push made the write-ahead log grow to.
             "PRAGMA wal_autocheckpoint = 512",
             "PRAGMA journal_size_limit = 4194304",
         }) {
        if (!q.exec(QString::fromLatin1(sql)))
            return located(failure(q));
    }
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return located(failure(q));
    const int version = q.value(0).toInt();
    q.finish();
    if (version > kSchemaVersion)
        return located(QStringLiteral("written by a newer feedback-relay (schema %1; this one "
                                      "knows up to %2): nothing was changed")
                           .arg(version)
                           .arg(kSchemaVersion));
    if (version == 2) {
        const QString error = addGroupCounts();
        if (!error.isEmpty())
            return located(error);
    }
    if (version == kSchemaVersion || version == 2) {
        // A relay that was killed left its write-ahead log behind: fold it in now.
        checkpoint();
        return QString();
    }
    if (!q.exec(QStringLiteral("SELECT 1 FROM sqlite_schema WHERE type = 'table' AND name = "
                               "'deltas'")))
        return located(failure(q));
    const bool firstLayout = q.next();
    q.finish();
    if (!firstLayout) {
        const QString error = createSchema();
        return error.isEmpty() ? QString() : located(error);
    }
    if (const QString error = migrateFromFirstLayout(); !error.isEmpty())
        return located(error);
    // The first layout's pages are free now, about half of the file: give them back once, and
    // take the new page size on the way (which VACUUM only does outside WAL mode). Failing
    // here costs space, not data: the migrated file is complete.
    for (const char *sql : {"PRAGMA journal_mode = DELETE", "VACUUM"}) {
        if (!q.exec(QString::fromLatin1(sql))) {
            qCWarning(lcRelay).noquote() << "relay.db keeps its free pages:" << failure(q);
            break;
        }
    }
    if (!q.exec(QStringLiteral("PRAGMA journal_mode = WAL")))
        return located(failure(q));
    return QString();
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
    if (checkpoint())
        m_walDirty = false;
    else
        m_idleCheckpoint.start(kQuietCheckpointMs); // try again later
}

bool RelayStorage::checkpoint()
{
    QSqlQuery q(m_db);
    // Returns (busy, log frames, checkpointed frames); busy = 1 when it could not finish.
    return q.exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)")) && q.next() &&
           q.value(0).toInt() == 0;
}

std::optional<qint64> RelayStorage::workspaceId(const QByteArray &workspace, bool create)
{
    if (const auto it = m_workspaceIds.constFind(workspace); it != m_workspaceIds.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT id FROM workspaces WHERE key = ?"));
    q.addBindValue(workspace);
    if (q.exec() && q.next()) {
        const qint64 id = q.value(0).toLongLong();
        m_workspaceIds.insert(workspace, id);
        return id;
    }
    if (!create)
        return std::nullopt;
    q.prepare(QStringLiteral("INSERT INTO workspaces (key) VALUES (?)"));
    q.addBindValue(workspace);
    if (!q.exec())
        return std::nullopt;
    const qint64 id = q.lastInsertId().toLongLong();
    if (id > kMaxWorkspaceId) {
        // The id would not fit in the rows' keys. Unreachable in practice (8 million
        // workspaces); refuse rather than mix logs.
        qCWarning(lcRelay) << "workspace id" << id << "is beyond" << kMaxWorkspaceId;
        q.prepare(QStringLiteral("DELETE FROM workspaces WHERE id = ?"));
        q.addBindValue(id);
        q.exec();
        return std::nullopt;
    }
    m_workspaceIds.insert(workspace, id);
    return id;
}

std::optional<RelayStorage::Origin> RelayStorage::findOrigin(qint64 ws, const QByteArray &origin,
                                                             bool *failed)
{
    *failed = false;
    const QByteArray key = originKey(ws, origin);
    if (const auto it = m_origins.constFind(key); it != m_origins.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT o.id, (SELECT COALESCE(MAX(seq), 0) FROM deltas WHERE "
                             "origin = o.id) FROM origins o WHERE o.ws = ? AND o.key = ?"));
    q.addBindValue(ws);
    q.addBindValue(origin);
    if (!q.exec()) {
        *failed = true;
        return std::nullopt;
    }
    if (!q.next())
        return std::nullopt;
    const Origin found{q.value(0).toLongLong(), q.value(1).toULongLong()};
    m_origins.insert(key, found);
    return found;
}

quint64 RelayStorage::head(const QByteArray &workspace)
{
    const auto ws = workspaceId(workspace, false);
    if (!ws)
        return 0;
    if (const auto it = m_heads.constFind(*ws); it != m_heads.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT MAX(id) FROM deltas WHERE id > ? AND id <= ?"));
    q.addBindValue(rowKey(*ws, 0));
    q.addBindValue(rowKey(*ws, kMaxPosition));
    if (!q.exec() || !q.next())
        return 0;
    const quint64 head = q.value(0).isNull() ? 0 : positionOf(q.value(0).toLongLong());
    m_heads.insert(*ws, head);
    return head;
}

quint64 RelayStorage::storedUpTo(const QByteArray &workspace, const QByteArray &origin)
{
    const auto ws = workspaceId(workspace, false);
    if (!ws)
        return 0;
    bool failed = false;
    const auto found = findOrigin(*ws, origin, &failed);
    return found ? found->storedUpTo : 0;
}

AppendOutcome RelayStorage::append(const QByteArray &workspace, const QList<SealedDelta> &deltas,
                                   const BeforeCommit &beforeCommit)
{
    AppendOutcome outcome;
    auto refuse = [&outcome](ErrorCode code, const QString &text) {
        outcome.refused = protocol::Error{code, text};
        outcome.appended.clear();
        return outcome;
    };
    const auto ws = workspaceId(workspace, true);
    if (!ws)
        return refuse(ErrorCode::Internal, QStringLiteral("cannot register the workspace"));
    if (deltas.isEmpty())
        return outcome;
    const QByteArray origin = deltas.first().origin;
    for (const SealedDelta &d : deltas) {
        if (d.origin != origin)
            return refuse(ErrorCode::WrongOrigin, QStringLiteral("one push, one origin"));
    }
    bool failed = false;
    const std::optional<Origin> known = findOrigin(*ws, origin, &failed);
    if (failed)
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
    Origin entry = known.value_or(Origin{});
    quint64 head = this->head(workspace);
    if (!m_prepared) {
        // Rows carry a unit's last seq (so MAX(seq) is what is stored) and its count.
        m_existing = QSqlQuery(m_db);
        m_insert = QSqlQuery(m_db);
        m_prepared =
            m_existing.prepare(
                QStringLiteral("SELECT sealed, count FROM deltas WHERE origin = ? AND seq = ?")) &&
            m_insert.prepare(QStringLiteral(
                "INSERT INTO deltas (id, origin, seq, count, sealed) VALUES (?, ?, ?, ?, ?)"));
        if (!m_prepared)
            return refuse(ErrorCode::Internal, QStringLiteral("cannot prepare the log's queries"));
    }
    QSqlQuery &existing = m_existing;
    QSqlQuery &insert = m_insert;
    if (!m_db.transaction())
        return refuse(ErrorCode::Internal, m_db.lastError().text());
    auto rollback = [&](ErrorCode code, const QString &text) {
        existing.finish();
        m_db.rollback();
        return refuse(code, text);
    };
    for (const SealedDelta &d : deltas) {
        if (d.seq <= entry.storedUpTo) {
            // Already stored: the same unit with the same bytes is a harmless retry; anything
            // else reusing these seqs is a cloned profile.
            existing.bindValue(0, entry.id);
            existing.bindValue(1, static_cast<qint64>(d.lastSeq()));
            if (!existing.exec())
                return rollback(ErrorCode::Internal,
                                QStringLiteral("cannot read seq %1 of the log").arg(d.seq));
            const bool same = existing.next() && existing.value(1).toULongLong() == d.count &&
                              existing.value(0).toByteArray() == d.sealed;
            existing.finish();
            if (!same)
                return rollback(ErrorCode::ConflictingDuplicate,
                                QStringLiteral("seq %1 of this device is already stored with "
                                               "other content: was this profile copied?")
                                    .arg(d.seq));
            continue;
        }
        if (d.seq != entry.storedUpTo + 1)
            return rollback(
                ErrorCode::SequenceGap,
                QStringLiteral("expected seq %1, got %2").arg(entry.storedUpTo + 1).arg(d.seq));
        if (head >= kMaxPosition)
            return rollback(ErrorCode::Internal, QStringLiteral("this workspace's log is full"));
        if (entry.id == 0) {
            // First delta of this origin: its row commits with the delta, or not at all.
            QSqlQuery add(m_db);
            add.prepare(QStringLiteral("INSERT INTO origins (ws, key) VALUES (?, ?)"));
            add.addBindValue(*ws);
            add.addBindValue(origin);
            if (!add.exec())
                return rollback(ErrorCode::Internal, failure(add));
            entry.id = add.lastInsertId().toLongLong();
        }
        SealedDelta stored = d;
        stored.position = ++head;
        insert.bindValue(0, rowKey(*ws, stored.position));
        insert.bindValue(1, entry.id);
        insert.bindValue(2, static_cast<qint64>(stored.lastSeq()));
        insert.bindValue(3, static_cast<qint64>(stored.count));
        insert.bindValue(4, stored.sealed);
        if (!insert.exec())
            return rollback(ErrorCode::Internal, failure(insert));
        entry.storedUpTo = d.lastSeq();
        outcome.appended.append(std::move(stored));
    }
    if (beforeCommit && !outcome.appended.isEmpty())
        beforeCommit(outcome.appended);
    if (!m_db.commit()) {
        const QString error = m_db.lastError().text();
        m_db.rollback();
        return refuse(ErrorCode::Internal, error);
    }
    // Only what committed is cached: after a rollback the next push reads the file again.
    m_heads.insert(*ws, head);
    if (entry.id != 0)
        m_origins.insert(originKey(*ws, origin), entry);
    outcome.storedUpTo = entry.storedUpTo;
    if (!outcome.appended.isEmpty()) {
        m_walDirty = true;
        m_lastAppend.start();
        m_idleCheckpoint.start(kQuietCheckpointMs);
    }
    return outcome;
}

std::optional<QList<SealedDelta>> RelayStorage::read(const QByteArray &workspace, quint64 cursor,
                                                     qsizetype limit, qsizetype maxBytes,
                                                     bool *more)
{
    // A relay busy serving catch-ups may not run its timers for a long while (Qt runs timers
    // at idle priority once they fire often): reads check for a quiet log too.
    checkpointIfQuiet();
    QList<SealedDelta> out;
    *more = false;
    const auto ws = workspaceId(workspace, false);
    if (!ws || cursor >= kMaxPosition)
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.id, o.key, d.seq, d.count, d.sealed FROM deltas d JOIN "
                             "origins o ON o.id = d.origin WHERE d.id > ? AND d.id <= ? ORDER BY "
                             "d.id LIMIT ?"));
    q.addBindValue(rowKey(*ws, cursor));
    q.addBindValue(rowKey(*ws, kMaxPosition));
    q.addBindValue(static_cast<qint64>(limit) + 1); // one more tells whether more follow
    if (!q.exec())
        return std::nullopt;
    qsizetype bytes = 0;
    while (q.next()) {
        const QByteArray sealed = q.value(4).toByteArray();
        bytes += sealed.size() + kFramingBytes;
        // At least one unit per batch, even one over the budget (a unit is at most 256 KiB).
        if (out.size() == limit || (!out.isEmpty() && bytes > maxBytes)) {
            *more = true;
            break;
        }
        const quint64 count = q.value(3).toULongLong();
        const quint64 last = q.value(2).toULongLong();
        out.append(SealedDelta{q.value(1).toByteArray(), last - count + 1, sealed,
                               positionOf(q.value(0).toLongLong()), count});
    }
    return out;
}

} // namespace feedback::relay
