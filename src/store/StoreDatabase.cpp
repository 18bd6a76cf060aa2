#include "StoreDatabase.h"

#include "Schema.h"

#include <QFile>
#include <QSqlError>
#include <QVariant>

#include <cerrno>
#include <common/LogCategories.h>
#include <cstring>
#include <fcntl.h>
#include <unistd.h>

namespace feedback::store {

StoreDatabase::StoreDatabase(QString path)
    : m_path(std::move(path))
    , m_connection(
          QStringLiteral("feedback-store"),
          [this](const QString &what, const QSqlError &error) { return failure(what, error); })
{}

StoreDatabase::~StoreDatabase()
{
    for (QSqlQuery *q : {&m_getMeta, &m_setMeta, &m_putRecord, &m_deleteRecord, &m_addOutbox,
                         &m_ack, &m_hasImport, &m_addImport, &m_settled, &m_pending})
        q->finish(), *q = QSqlQuery(QSqlDatabase());
}

Status StoreDatabase::prepare()
{
    struct Statement
    {
        QSqlQuery &query;
        const char *sql;
    };
    const Statement statements[] = {
        {m_getMeta, "SELECT value FROM meta WHERE key = ?"},
        {m_setMeta, "INSERT OR REPLACE INTO meta (key, value) VALUES (?, ?)"},
        {m_putRecord, "INSERT OR REPLACE INTO records (id, state) VALUES (?, ?)"},
        {m_deleteRecord, "DELETE FROM records WHERE id = ?"},
        {m_addOutbox, "INSERT OR IGNORE INTO outbox (origin, seq, record, delta) "
                      "VALUES (?, ?, ?, ?)"},
        // The relay holds acknowledged deltas durably: the device keeps only what is pending.
        {m_ack, "DELETE FROM outbox WHERE origin = ? AND seq <= ?"},
        {m_hasImport, "SELECT 1 FROM imports WHERE hash = ?"},
        {m_addImport, "INSERT OR IGNORE INTO imports (hash, record) VALUES (?, ?)"},
        // What to push next: asked after every save and every ack while live.
        {m_pending, "SELECT origin, seq, record, delta FROM outbox ORDER BY origin, seq LIMIT ?"},
        // Records an ack of (origin, ..seq] leaves with nothing pending (asked before the ack).
        {m_settled, "SELECT DISTINCT o.record FROM outbox o WHERE o.origin = ? AND o.seq <= ? "
                    "AND NOT EXISTS (SELECT 1 FROM outbox p WHERE p.record = o.record AND NOT "
                    "(p.origin = ? AND p.seq <= ?))"},
    };
    for (const Statement &s : statements) {
        s.query = QSqlQuery(m_connection.db()); // move-assigned
        if (!s.query.prepare(QString::fromLatin1(s.sql)))
            return failure(QStringLiteral("Cannot prepare a statement"), s.query.lastError());
    }
    return Ok{};
}

Status StoreDatabase::exec(QSqlQuery &query, const char *what)
{
    if (!query.exec())
        return failure(QString::fromLatin1(what), query.lastError());
    return Ok{};
}

Status StoreDatabase::setDurability(Durability durability)
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(durability == Durability::EveryCommit
                    ? QStringLiteral("PRAGMA synchronous = FULL")
                    : QStringLiteral("PRAGMA synchronous = NORMAL")))
        return failure(QStringLiteral("Cannot set the durability"), q.lastError());
    return Ok{};
}

Status StoreDatabase::flushLog()
{
    // SQLite wrote the commit's frames to the log with write(); fdatasync on any descriptor of
    // the file flushes them.
    int error = m_logPath.isEmpty() ? ENOENT : 0;
    if (error == 0) {
        const int fd = ::open(QFile::encodeName(m_logPath).constData(), O_RDONLY | O_CLOEXEC);
        int rc = fd < 0 ? -1 : 0;
        if (fd >= 0) {
            do
                rc = ::fdatasync(fd);
            while (rc < 0 && errno == EINTR);
        }
        error = rc < 0 ? errno : 0;
        if (fd >= 0)
            ::close(fd);
    }
    if (error != 0)
        return Status::failure(
            QStringLiteral("The change is saved but the disk did not confirm it (%1); it may be "
                           "lost if the power fails now")
                .arg(QString::fromLocal8Bit(std::strerror(error))),
            error == ENOSPC ? ErrorKind::DiskFull : ErrorKind::Other);
    return Ok{};
}

Result<sql::SqlTransaction> StoreDatabase::transaction()
{
    if (Status s = refuseIfReadOnly(); !s)
        return Result<sql::SqlTransaction>::failure(s);
    return sql::SqlTransaction::begin(m_connection, sql::SqlTransaction::Lock::Immediate);
}

Status StoreDatabase::inTransaction(const std::function<Status()> &body)
{
    Result<sql::SqlTransaction> transaction = this->transaction();
    if (!transaction)
        return Status::failure(transaction);
    if (Status result = body(); !result)
        return result; // rolled back as the transaction goes
    return transaction->commit();
}

std::optional<QByteArray> StoreDatabase::meta(const QString &key)
{
    m_getMeta.bindValue(0, key);
    if (!m_getMeta.exec() || !m_getMeta.next())
        return std::nullopt;
    QByteArray value = m_getMeta.value(0).toByteArray();
    m_getMeta.finish();
    return value;
}

Result<std::optional<QByteArray>> StoreDatabase::readMeta(const QString &key)
{
    m_getMeta.bindValue(0, key);
    if (!m_getMeta.exec())
        return Result<std::optional<QByteArray>>::failure(
            failure(QStringLiteral("Cannot read the database's settings"), m_getMeta.lastError()));
    std::optional<QByteArray> value;
    if (m_getMeta.next())
        value = m_getMeta.value(0).toByteArray();
    else if (m_getMeta.lastError().isValid())
        return Result<std::optional<QByteArray>>::failure(
            failure(QStringLiteral("Cannot read the database's settings"), m_getMeta.lastError()));
    m_getMeta.finish();
    return value;
}

Status StoreDatabase::setMeta(const QString &key, const QByteArray &value)
{
    if (Status s = refuseIfReadOnly(); !s)
        return s;
    m_setMeta.bindValue(0, key);
    // A null QByteArray binds as SQL NULL, which `meta.value` refuses: an empty value is "".
    m_setMeta.bindValue(1, value.isNull() ? QByteArray("", 0) : value);
    return exec(m_setMeta, "Cannot write settings to the database");
}

Status StoreDatabase::putRecord(const QByteArray &id, const QByteArray &sealed)
{
    m_putRecord.bindValue(0, id);
    m_putRecord.bindValue(1, sealed);
    return exec(m_putRecord, "Cannot write a record");
}

Status StoreDatabase::deleteRecord(const QByteArray &id)
{
    m_deleteRecord.bindValue(0, id);
    return exec(m_deleteRecord, "Cannot delete a record");
}

Status
StoreDatabase::forEachRecord(const std::function<void(const QByteArray &, const QByteArray &)> &row)
{
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT id, state FROM records")))
        return failure(QStringLiteral("Cannot read records"), q.lastError());
    while (q.next())
        row(q.value(0).toByteArray(), q.value(1).toByteArray());
    if (q.lastError().isValid())
        return failure(QStringLiteral("Cannot read records"), q.lastError());
    return Ok{};
}

Status StoreDatabase::addOutbox(const OutboxRow &row)
{
    m_addOutbox.bindValue(0, row.origin);
    m_addOutbox.bindValue(1, static_cast<qint64>(row.seq));
    m_addOutbox.bindValue(2, row.record);
    m_addOutbox.bindValue(3, row.sealedDelta);
    return exec(m_addOutbox, "Cannot queue a delta");
}

Result<QList<OutboxRow>> StoreDatabase::outbox(int limit)
{
    QSqlQuery &q = m_pending;
    q.bindValue(0, limit);
    if (!q.exec())
        return Result<QList<OutboxRow>>::failure(
            failure(QStringLiteral("Cannot read the outbox"), q.lastError()));
    QList<OutboxRow> rows;
    while (q.next())
        rows.append({q.value(0).toByteArray(), static_cast<quint64>(q.value(1).toLongLong()),
                     q.value(2).toByteArray(), q.value(3).toByteArray()});
    q.finish(); // a statement left open would hold a read transaction
    return rows;
}

Status StoreDatabase::acknowledge(const QByteArray &origin, quint64 upToSeq)
{
    if (Status s = refuseIfReadOnly(); !s)
        return s;
    m_ack.bindValue(0, origin);
    m_ack.bindValue(1, static_cast<qint64>(upToSeq));
    return exec(m_ack, "Cannot mark deltas as acknowledged");
}

Result<QList<QByteArray>> StoreDatabase::recordsSettledBy(const QByteArray &origin, quint64 upToSeq)
{
    for (int pair : {0, 2}) {
        m_settled.bindValue(pair, origin);
        m_settled.bindValue(pair + 1, static_cast<qint64>(upToSeq));
    }
    if (Status s = exec(m_settled, "Cannot read the outbox"); !s)
        return Result<QList<QByteArray>>::failure(s);
    QList<QByteArray> out;
    while (m_settled.next())
        out.append(m_settled.value(0).toByteArray());
    m_settled.finish();
    return out;
}

Result<QSet<QByteArray>> StoreDatabase::unacknowledgedRecords()
{
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT DISTINCT record FROM outbox")))
        return Result<QSet<QByteArray>>::failure(
            failure(QStringLiteral("Cannot read the outbox"), q.lastError()));
    QSet<QByteArray> out;
    while (q.next())
        out.insert(q.value(0).toByteArray());
    return out;
}

Result<quint64> StoreDatabase::firstPendingSeq(const QByteArray &origin)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT COALESCE(MIN(seq), 0) FROM outbox WHERE origin = ?"));
    q.addBindValue(origin);
    if (!q.exec() || !q.next())
        return Result<quint64>::failure(
            failure(QStringLiteral("Cannot read the outbox"), q.lastError()));
    return static_cast<quint64>(q.value(0).toLongLong());
}

Result<std::optional<QByteArray>> StoreDatabase::pendingDelta(const QByteArray &origin, quint64 seq)
{
    using R = Result<std::optional<QByteArray>>;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT delta FROM outbox WHERE origin = ? AND seq = ?"));
    q.addBindValue(origin);
    q.addBindValue(static_cast<qint64>(seq));
    if (!q.exec())
        return R::failure(q.lastError().text());
    if (!q.next())
        return std::optional<QByteArray>();
    return std::optional<QByteArray>(q.value(0).toByteArray());
}

Result<QList<std::tuple<QByteArray, quint64, quint64>>> StoreDatabase::pendingRanges()
{
    using Out = QList<std::tuple<QByteArray, quint64, quint64>>;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT origin, MIN(seq), MAX(seq) FROM outbox GROUP BY origin")))
        return Result<Out>::failure(q.lastError().text());
    Out out;
    while (q.next())
        out.append({q.value(0).toByteArray(), static_cast<quint64>(q.value(1).toLongLong()),
                    static_cast<quint64>(q.value(2).toLongLong())});
    return out;
}

Status StoreDatabase::renameImports(const QByteArray &from, const QByteArray &to)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE imports SET record = ? WHERE record = ?"));
    q.addBindValue(to);
    q.addBindValue(from);
    return exec(q, "Cannot update the import ledger");
}

Status StoreDatabase::replaceDeferred(const QList<std::pair<QByteArray, QByteArray>> &rows)
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("DELETE FROM deferred")))
        return failure(QStringLiteral("Cannot update deferred deltas"), q.lastError());
    q.prepare(QStringLiteral("INSERT INTO deferred (id, delta) VALUES (?, ?)"));
    for (const auto &[id, sealed] : rows) {
        q.bindValue(0, id);
        q.bindValue(1, sealed);
        if (!q.exec())
            return failure(QStringLiteral("Cannot update deferred deltas"), q.lastError());
    }
    return Ok{};
}

Result<QList<std::pair<QByteArray, QByteArray>>> StoreDatabase::deferred()
{
    QSqlQuery q(m_connection.db());
    QList<std::pair<QByteArray, QByteArray>> rows;
    if (!q.exec(QStringLiteral("SELECT id, delta FROM deferred")))
        return Result<QList<std::pair<QByteArray, QByteArray>>>::failure(
            failure(QStringLiteral("Cannot read deferred deltas"), q.lastError()));
    while (q.next())
        rows.append({q.value(0).toByteArray(), q.value(1).toByteArray()});
    return rows;
}

Result<bool> StoreDatabase::hasImport(const QByteArray &hash)
{
    m_hasImport.bindValue(0, hash);
    if (!m_hasImport.exec())
        return Result<bool>::failure(
            failure(QStringLiteral("Cannot read the import ledger"), m_hasImport.lastError()));
    const bool found = m_hasImport.next();
    m_hasImport.finish();
    return found;
}

Status StoreDatabase::addImport(const QByteArray &hash, const QByteArray &record)
{
    m_addImport.bindValue(0, hash);
    m_addImport.bindValue(1, record);
    return exec(m_addImport, "Cannot record an import");
}

Result<qint64> StoreDatabase::count(const QString &table)
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("SELECT count(*) FROM %1").arg(table)) || !q.next())
        return Result<qint64>::failure(failure(QStringLiteral("Cannot count rows"), q.lastError()));
    return q.value(0).toLongLong();
}

Result<QStringList> StoreDatabase::integrityCheck()
{
    QSqlQuery q(m_connection.db());
    if (!q.exec(QStringLiteral("PRAGMA integrity_check")))
        return Result<QStringList>::failure(
            failure(QStringLiteral("Cannot check integrity"), q.lastError()));
    QStringList problems;
    while (q.next()) {
        const QString line = q.value(0).toString();
        if (line != QLatin1String("ok"))
            problems.append(line);
    }
    return problems;
}

} // namespace feedback::store
