// The SQLite file behind a profile: connection, pragmas, migrations and the prepared
// statements every store operation uses. Knows rows and bytes, not feedback: sealing and
// decoding happen one level up, in FeedbackStore.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSet>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QString>

#include <common/Result.h>
#include <common/sql/SqlConnection.h>
#include <common/sql/SqlTransaction.h>
#include <functional>
#include <memory>
#include <optional>
#include <tuple>

namespace feedback::store {

struct OutboxRow
{
    QByteArray origin;
    quint64 seq = 0;
    QByteArray record;
    QByteArray sealedDelta;
};

class StoreDatabase
{
public:
    // `readOnly`: SQLite's read-only mode, nothing at all is written (no journal mode switch,
    // no migration); a database that needs a migration is refused with NeedsUpgrade. A file
    // that exists but is empty or does not start with an SQLite header is refused as damaged
    // in both modes: only a file that does not exist yet becomes a new database.
    static Result<std::unique_ptr<StoreDatabase>> open(const QString &path, bool readOnly = false);
    ~StoreDatabase();
    StoreDatabase(const StoreDatabase &) = delete;
    StoreDatabase &operator=(const StoreDatabase &) = delete;

    const QString &path() const { return m_path; }
    bool isReadOnly() const { return m_readOnly; }
    QSqlDatabase &connection() { return m_connection.db(); }

    // A write transaction (the write lock taken at once, so that a commit cannot fail on a
    // lock upgrade), rolled back unless committed; refused when opened for reading only.
    Result<sql::SqlTransaction> transaction();
    // Runs `body` in a transaction, committed when the body succeeds and rolled back when it or
    // the commit fails.
    Status inTransaction(const std::function<Status()> &body);
    enum class Durability
    {
        // Every commit is durable before it returns (SQLite's synchronous = FULL, the default).
        EveryCommit,
        // Commits stay atomic and in order (synchronous = NORMAL in WAL mode) but the last ones
        // may roll back on power loss; the next EveryCommit commit makes them durable too.
        Eventually,
    };
    Status setDurability(Durability durability);
    // Makes every commit so far durable: the write-ahead log's data reaches the disk (one
    // fdatasync). After an Eventually commit, this is what EveryCommit would have done inside it.
    // Only in WAL mode (logsAhead): a missing log is then an error.
    Status flushLog();
    bool logsAhead() const { return !m_logPath.isEmpty(); }

    std::optional<QByteArray> meta(const QString &key);
    // As meta(), but a failed read is an error (with its kind), not an absent value.
    Result<std::optional<QByteArray>> readMeta(const QString &key);
    Status setMeta(const QString &key, const QByteArray &value);

    Status putRecord(const QByteArray &id, const QByteArray &sealed);
    Status deleteRecord(const QByteArray &id);
    // Calls `row(id, sealed)` for every record row.
    Status forEachRecord(const std::function<void(const QByteArray &, const QByteArray &)> &row);

    // Every outbox row is pending: an acknowledgement deletes the rows it covers.
    Status addOutbox(const OutboxRow &row);
    // The pending deltas in (origin, seq) order, at most `limit` of them (-1: all).
    Result<QList<OutboxRow>> outbox(int limit = -1);
    Status acknowledge(const QByteArray &origin, quint64 upToSeq);
    Result<QSet<QByteArray>> unacknowledgedRecords();
    // The lowest unacknowledged seq of `origin`; 0 when nothing of it is pending.
    Result<quint64> firstPendingSeq(const QByteArray &origin);
    // Records that an acknowledgement of (origin, ..upToSeq] leaves with nothing pending:
    // asked before acknowledging, so that an ack costs what it acknowledges, not the backlog.
    Result<QList<QByteArray>> recordsSettledBy(const QByteArray &origin, quint64 upToSeq);
    // For comparing with what a relay holds (a restored or cloned profile): one pending delta,
    // and per origin the first and last pending seq.
    Result<std::optional<QByteArray>> pendingDelta(const QByteArray &origin, quint64 seq);
    Result<QList<std::tuple<QByteArray, quint64, quint64>>> pendingRanges();
    // Points the import ledger's entries for `from` at the record's new id.
    Status renameImports(const QByteArray &from, const QByteArray &to);

    Status replaceDeferred(const QList<std::pair<QByteArray, QByteArray>> &rows);
    Result<QList<std::pair<QByteArray, QByteArray>>> deferred();

    Result<bool> hasImport(const QByteArray &hash);
    Status addImport(const QByteArray &hash, const QByteArray &record);

    Result<qint64> count(const QString &table);
    Result<QStringList> integrityCheck();

private:
    explicit StoreDatabase(QString path);
    Status prepare();
    Status exec(QSqlQuery &query, const char *what);
    Status openConnection(sql::SqlConnection::Access access);
    Status refuseIfReadOnly() const;
    // `what` failed: says why in words a person can act on (disk full, read-only, damaged).
    Status failure(const QString &what, const QSqlError &error) const;

    QString m_path;
    QString m_logPath; // the write-ahead log's file; empty when not in WAL mode
    bool m_readOnly = false;
    sql::SqlConnection m_connection;
    QSqlQuery m_getMeta, m_setMeta, m_putRecord, m_deleteRecord, m_addOutbox, m_ack, m_hasImport,
        m_addImport, m_settled, m_pending;
};

} // namespace feedback::store
