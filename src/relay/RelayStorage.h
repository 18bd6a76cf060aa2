// The relay's durable logs: per workspace, opaque sealed deltas by (origin, seq), each with an
// arrival position. Appends are idempotent and checked (no gaps, no conflicting duplicates);
// a push is acknowledged only after its transaction committed. SQLite through QtSql.
#pragma once

#include <QHash>
#include <QSqlDatabase>
#include <QString>

#include <optional>
#include <protocol/Messages.h>

namespace feedback::relay {

struct AppendOutcome
{
    quint64 storedUpTo = 0;                 // highest contiguous seq now stored for the origin
    QList<protocol::SealedDelta> appended;  // the new ones, with their positions
    std::optional<protocol::Error> refused; // set when the batch was refused (nothing stored)
};

class RelayStorage
{
public:
    RelayStorage() = default;
    ~RelayStorage();
    RelayStorage(const RelayStorage &) = delete;
    RelayStorage &operator=(const RelayStorage &) = delete;

    // Opens (creating) DIR/relay.db. Returns an error message on failure, empty on success.
    QString open(const QString &dataDir);

    quint64 head(const QByteArray &workspace);
    quint64 storedUpTo(const QByteArray &workspace, const QByteArray &origin);
    AppendOutcome append(const QByteArray &workspace, const QList<protocol::SealedDelta> &deltas);
    // Deltas after `cursor`, in arrival order, at most `limit`.
    std::optional<QList<protocol::SealedDelta>> read(const QByteArray &workspace, quint64 cursor,
                                                     qsizetype limit);

private:
    std::optional<qint64> workspaceId(const QByteArray &workspace, bool create);

    QString m_connection;
    QSqlDatabase m_db;
    QHash<QByteArray, qint64> m_workspaceIds;
    QHash<qint64, quint64> m_heads;
    QHash<QByteArray, quint64> m_storedUpTo; // key: workspace id bytes + origin
};

} // namespace feedback::relay
