// One QtSql connection to an SQLite file (or to a PostgreSQL database, for the relay). QtSql keys
// connections by a process-wide name: each SqlConnection takes a name of its own, and removes it
// when it goes. Failures are put in words by a describer the owner may supply (the store names the
// profile and what to do about a full disk); the default is sql::failure.
#pragma once

#include <QSqlDatabase>
#include <QSqlError>
#include <QString>
#include <QStringList>

#include <common/Result.h>
#include <common/sql/PostgresTarget.h>
#include <functional>

namespace feedback::sql {

class SqlConnection
{
public:
    using Describe = std::function<Status(const QString &what, const QSqlError &error)>;
    enum class Access
    {
        ReadWrite, // created when missing
        ReadOnly,  // SQLite's read-only mode: nothing is written, not even at open
        Immutable, // read-only, and the file is taken to be unchanging (no locks, no -shm)
    };

    // `prefix` starts the connection's name (a counter makes it unique).
    explicit SqlConnection(const QString &prefix, Describe describe = {});
    ~SqlConnection();
    SqlConnection(const SqlConnection &) = delete;
    SqlConnection &operator=(const SqlConnection &) = delete;

    // Opens (or reopens) `path`.
    Status open(const QString &path, Access access = Access::ReadWrite);
    // Connects to a PostgreSQL database instead (the QPSQL driver), as the relay does at scale.
    Status openPostgres(const PostgresTarget &target);
    bool isPostgres() const { return m_postgres; }
    // Closes the connection; queries made on it must be gone first.
    void close();

    // Runs the statements in order; the first failure stops them.
    Status exec(const QStringList &statements, const QString &what);
    // The pragmas of a writer that must not lose a committed transaction: a write-ahead log,
    // and every commit on disk before it returns.
    static QStringList durableWriterPragmas();

    QSqlDatabase &db() { return m_db; }
    const QString &name() const { return m_name; }
    const QString &path() const { return m_path; }
    Status failure(const QString &what, const QSqlError &error) const;
    const Describe &describer() const { return m_describe; }

private:
    QString m_name;
    QString m_path;
    Describe m_describe;
    QSqlDatabase m_db;
    bool m_postgres = false;
};

} // namespace feedback::sql
