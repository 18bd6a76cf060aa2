// The one way to write in a transaction: begin() starts it, commit() ends it, and a
// transaction that goes out of scope uncommitted (an early return, a failed step, a failed
// commit) is rolled back. Nothing half-written stays behind.
#pragma once

#include "SqlConnection.h"

#include <QSqlDatabase>

#include <common/Result.h>

namespace feedback::sql {

class SqlTransaction
{
public:
    enum class Lock
    {
        Deferred,  // the write lock is taken at the first write
        Immediate, // the write lock is taken now, so the commit cannot fail on a lock upgrade
    };

    static Result<SqlTransaction> begin(SqlConnection &connection, Lock lock = Lock::Deferred);
    // On a bare QtSql connection; failures in `describe`'s words (default: sql::failure's).
    static Result<SqlTransaction> begin(QSqlDatabase &db, Lock lock = Lock::Deferred,
                                        SqlConnection::Describe describe = {});

    SqlTransaction(SqlTransaction &&other) noexcept;
    SqlTransaction &operator=(SqlTransaction &&) = delete;
    SqlTransaction(const SqlTransaction &) = delete;
    SqlTransaction &operator=(const SqlTransaction &) = delete;
    ~SqlTransaction();

    // A failed commit leaves the transaction open: it is rolled back when this goes.
    Status commit();
    void rollback();
    bool isOpen() const { return m_open; }

private:
    SqlTransaction(QSqlDatabase db, SqlConnection::Describe describe);
    Status failure(const QString &what, const QSqlError &error) const;

    QSqlDatabase m_db;
    SqlConnection::Describe m_describe;
    bool m_open = false;
};

} // namespace feedback::sql
