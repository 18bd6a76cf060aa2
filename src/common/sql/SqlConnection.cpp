#include "SqlConnection.h"

#include "SqlError.h"

#include <QAtomicInteger>
#include <QFileInfo>
#include <QSqlQuery>
#include <QUrl>

namespace feedback::sql {

namespace {

QAtomicInteger<quint64> g_connections;

// "file:" URI for SQLite's read-only modes (percent-encoded, so any path works).
QString readOnlyUri(const QString &path, bool immutable)
{
    return QUrl::fromLocalFile(QFileInfo(path).absoluteFilePath()).toString(QUrl::FullyEncoded) +
           (immutable ? QStringLiteral("?immutable=1") : QStringLiteral("?mode=ro"));
}

} // namespace

SqlConnection::SqlConnection(const QString &prefix, Describe describe)
    : m_name(QStringLiteral("%1-%2").arg(prefix).arg(g_connections.fetchAndAddRelaxed(1)))
    , m_describe(std::move(describe))
    , m_db(QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), m_name))
{}

SqlConnection::~SqlConnection()
{
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
}

Status SqlConnection::open(const QString &path, Access access)
{
    m_db.close();
    m_path = path;
    if (access == Access::ReadWrite) {
        m_db.setConnectOptions();
        m_db.setDatabaseName(path);
    } else {
        m_db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY;QSQLITE_OPEN_URI"));
        m_db.setDatabaseName(readOnlyUri(path, access == Access::Immutable));
    }
    if (!m_db.open())
        return failure(QStringLiteral("Cannot open the database %1").arg(path), m_db.lastError());
    return Ok{};
}

Status SqlConnection::openPostgres(const PostgresTarget &target)
{
    if (Status driver = PostgresTarget::driverAvailable(); !driver)
        return driver;
    // The name stays; the driver changes.
    close();
    m_db = QSqlDatabase();
    QSqlDatabase::removeDatabase(m_name);
    m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_postgres = true;
    target.applyTo(m_db);
    m_path = QStringLiteral("postgresql://%1@%2:%3/%4")
                 .arg(target.user, target.host)
                 .arg(target.port)
                 .arg(target.database);
    if (!m_db.open())
        return failure(QStringLiteral("Cannot connect to %1").arg(m_path), m_db.lastError());
    return Ok{};
}

void SqlConnection::close()
{
    m_db.close();
}

Status SqlConnection::exec(const QStringList &statements, const QString &what)
{
    QSqlQuery q(m_db);
    for (const QString &sql : statements) {
        if (!q.exec(sql))
            return failure(what, q.lastError());
    }
    return Ok{};
}

QStringList SqlConnection::durableWriterPragmas()
{
    return {QStringLiteral("PRAGMA journal_mode = WAL"),
            QStringLiteral("PRAGMA synchronous = FULL")};
}

Status SqlConnection::failure(const QString &what, const QSqlError &error) const
{
    return m_describe ? m_describe(what, error) : sql::failure(error, what);
}

} // namespace feedback::sql
