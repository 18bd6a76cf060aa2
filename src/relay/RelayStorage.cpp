#include "RelayStorage.h"

#include "RelayLog.h"

#include <QDir>
#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace feedback::relay {

using protocol::ErrorCode;
using protocol::SealedDelta;

RelayStorage::~RelayStorage()
{
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
    QSqlQuery q(m_db);
    for (const char *sql : {
             "PRAGMA journal_mode = WAL",
             "PRAGMA synchronous = FULL",
             "CREATE TABLE IF NOT EXISTS workspaces (id INTEGER PRIMARY KEY, key BLOB NOT NULL "
             "UNIQUE)",
             // Position is the arrival order inside one workspace: serving in it is causal.
             "CREATE TABLE IF NOT EXISTS deltas (ws INTEGER NOT NULL, position INTEGER NOT NULL, "
             "origin BLOB NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT NULL, "
             "PRIMARY KEY (ws, position)) WITHOUT ROWID",
             "CREATE UNIQUE INDEX IF NOT EXISTS deltas_origin ON deltas (ws, origin, seq)",
         }) {
        if (!q.exec(QString::fromLatin1(sql)))
            return QStringLiteral("%1: %2").arg(m_db.databaseName(), q.lastError().text());
    }
    return QString();
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
    m_workspaceIds.insert(workspace, id);
    return id;
}

quint64 RelayStorage::head(const QByteArray &workspace)
{
    const auto ws = workspaceId(workspace, false);
    if (!ws)
        return 0;
    if (const auto it = m_heads.constFind(*ws); it != m_heads.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT COALESCE(MAX(position), 0) FROM deltas WHERE ws = ?"));
    q.addBindValue(*ws);
    const quint64 head = q.exec() && q.next() ? q.value(0).toULongLong() : 0;
    m_heads.insert(*ws, head);
    return head;
}

quint64 RelayStorage::storedUpTo(const QByteArray &workspace, const QByteArray &origin)
{
    const auto ws = workspaceId(workspace, false);
    if (!ws)
        return 0;
    const QByteArray key = QByteArray::number(*ws) + '/' + origin;
    if (const auto it = m_storedUpTo.constFind(key); it != m_storedUpTo.constEnd())
        return *it;
    QSqlQuery q(m_db);
    q.prepare(
        QStringLiteral("SELECT COALESCE(MAX(seq), 0) FROM deltas WHERE ws = ? AND origin = ?"));
    q.addBindValue(*ws);
    q.addBindValue(origin);
    const quint64 upTo = q.exec() && q.next() ? q.value(0).toULongLong() : 0;
    m_storedUpTo.insert(key, upTo);
    return upTo;
}

AppendOutcome RelayStorage::append(const QByteArray &workspace, const QList<SealedDelta> &deltas)
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
    quint64 upTo = storedUpTo(workspace, origin);
    quint64 head = this->head(workspace);
    QSqlQuery existing(m_db);
    existing.prepare(
        QStringLiteral("SELECT sealed FROM deltas WHERE ws = ? AND origin = ? AND seq = ?"));
    QSqlQuery insert(m_db);
    insert.prepare(QStringLiteral("INSERT INTO deltas (ws, position, origin, seq, sealed) "
                                  "VALUES (?, ?, ?, ?, ?)"));
    if (!m_db.transaction())
        return refuse(ErrorCode::Internal, m_db.lastError().text());
    for (const SealedDelta &d : deltas) {
        if (d.origin != origin) {
            m_db.rollback();
            return refuse(ErrorCode::WrongOrigin, QStringLiteral("one push, one origin"));
        }
        if (d.seq <= upTo) {
            // Already stored: the same bytes are a harmless retry, other bytes a cloned profile.
            existing.bindValue(0, *ws);
            existing.bindValue(1, origin);
            existing.bindValue(2, static_cast<qint64>(d.seq));
            if (existing.exec() && existing.next() && existing.value(0).toByteArray() != d.sealed) {
                m_db.rollback();
                return refuse(ErrorCode::ConflictingDuplicate,
                              QStringLiteral("seq %1 of this device is already stored with other "
                                             "content: was this profile copied?")
                                  .arg(d.seq));
            }
            existing.finish();
            continue;
        }
        if (d.seq != upTo + 1) {
            m_db.rollback();
            return refuse(ErrorCode::SequenceGap,
                          QStringLiteral("expected seq %1, got %2").arg(upTo + 1).arg(d.seq));
        }
        SealedDelta stored = d;
        stored.position = ++head;
        insert.bindValue(0, *ws);
        insert.bindValue(1, static_cast<qint64>(stored.position));
        insert.bindValue(2, origin);
        insert.bindValue(3, static_cast<qint64>(stored.seq));
        insert.bindValue(4, stored.sealed);
        if (!insert.exec()) {
            m_db.rollback();
            return refuse(ErrorCode::Internal, insert.lastError().text());
        }
        upTo = d.seq;
        outcome.appended.append(std::move(stored));
    }
    if (!m_db.commit()) {
        m_db.rollback();
        return refuse(ErrorCode::Internal, m_db.lastError().text());
    }
    m_heads.insert(*ws, head);
    m_storedUpTo.insert(QByteArray::number(*ws) + '/' + origin, upTo);
    outcome.storedUpTo = upTo;
    return outcome;
}

std::optional<QList<SealedDelta>> RelayStorage::read(const QByteArray &workspace, quint64 cursor,
                                                     qsizetype limit)
{
    QList<SealedDelta> out;
    const auto ws = workspaceId(workspace, false);
    if (!ws)
        return out;
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT position, origin, seq, sealed FROM deltas WHERE ws = ? AND "
                             "position > ? ORDER BY position LIMIT ?"));
    q.addBindValue(*ws);
    q.addBindValue(static_cast<qint64>(cursor));
    q.addBindValue(static_cast<qint64>(limit));
    if (!q.exec())
        return std::nullopt;
    while (q.next())
        out.append(SealedDelta{q.value(1).toByteArray(), q.value(2).toULongLong(),
                               q.value(3).toByteArray(), q.value(0).toULongLong()});
    return out;
}

} // namespace feedback::relay
