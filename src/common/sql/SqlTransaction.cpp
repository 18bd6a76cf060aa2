#include "SqlTransaction.h"

#include "SqlError.h"

#include <QSqlQuery>

#include <utility>

namespace feedback::sql {

SqlTransaction::SqlTransaction(QSqlDatabase db, SqlConnection::Describe describe)
    : m_db(std::move(db))
    , m_describe(std::move(describe))
{}

SqlTransaction::SqlTransaction(SqlTransaction &&other) noexcept
    : m_db(other.m_db)
    , m_describe(std::move(other.m_describe))
    , m_open(std::exchange(other.m_open, false))
{}

SqlTransaction::~SqlTransaction()
{
    rollback();
}

Result<SqlTransaction> SqlTransaction::begin(SqlConnection &connection, Lock lock)
{
    return begin(connection.db(), lock, connection.describer());
}

Result<SqlTransaction> SqlTransaction::begin(QSqlDatabase &db, Lock lock,
                                             SqlConnection::Describe describe)
{
    SqlTransaction transaction(db, std::move(describe));
    QSqlQuery q(transaction.m_db);
    if (!q.exec(lock == Lock::Immediate ? QStringLiteral("BEGIN IMMEDIATE")
                                        : QStringLiteral("BEGIN")))
        return Result<SqlTransaction>::failure(
            transaction.failure(QStringLiteral("Cannot start a transaction"), q.lastError()));
    transaction.m_open = true;
    return transaction;
}

Status SqlTransaction::commit()
{
    if (!m_open)
        return Status::failure(QStringLiteral("Cannot commit: no transaction is open"));
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("COMMIT")))
        return failure(QStringLiteral("Cannot commit"), q.lastError());
    m_open = false;
    return Ok{};
}

void SqlTransaction::rollback()
{
    if (!m_open)
        return;
    m_open = false;
    QSqlQuery q(m_db);
    q.exec(QStringLiteral("ROLLBACK")); // fails only when SQLite rolled back already
}

Status SqlTransaction::failure(const QString &what, const QSqlError &error) const
{
    return m_describe ? m_describe(what, error) : sql::failure(error, what);
}

} // namespace feedback::sql
