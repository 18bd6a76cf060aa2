#include "SqlMigrations.h"

#include "SqlError.h"
#include "SqlTransaction.h"

#include <QSqlQuery>

namespace feedback::sql {

SqlMigration SqlMigration::statements(int version, QString purpose, QStringList statements)
{
    return {version, std::move(purpose), [statements](QSqlDatabase &db) -> Status {
                QSqlQuery q(db);
                for (const QString &sql : statements) {
                    if (!q.exec(sql))
                        return failure(q);
                }
                return Ok{};
            }};
}

SqlMigrations::SqlMigrations(QList<SqlMigration> steps, NewerMessage newer, Category log)
    : m_steps(std::move(steps))
    , m_newer(std::move(newer))
    , m_log(log)
{
    Q_ASSERT(!m_steps.isEmpty());
}

int SqlMigrations::latest() const
{
    return m_steps.last().version;
}

Result<int> SqlMigrations::version(QSqlDatabase &db)
{
    QSqlQuery q(db);
    if (!q.exec(QStringLiteral("PRAGMA user_version")) || !q.next())
        return Result<int>::failure(failure(q));
    return q.value(0).toInt();
}

Status SqlMigrations::refuseNewer(int found) const
{
    if (found <= latest())
        return Ok{};
    return Status::failure(m_newer(found, latest()), ErrorKind::UpdateRequired);
}

Status SqlMigrations::migrate(SqlConnection &connection, int target) const
{
    return migrate(connection.db(), connection.describer(), target);
}

Status SqlMigrations::migrate(QSqlDatabase &db, int target) const
{
    return migrate(db, {}, target);
}

Status SqlMigrations::migrate(QSqlDatabase &db, const SqlConnection::Describe &describe,
                              int target) const
{
    if (target < 0)
        target = latest();
    const Result<int> current = version(db);
    if (!current)
        return Status::failure(
            QStringLiteral("Cannot read the schema version: %1").arg(current.error()),
            current.errorKind());
    if (Status newer = refuseNewer(*current); !newer)
        return newer;
    for (const SqlMigration &step : m_steps) {
        if (step.version <= *current || step.version > target)
            continue;
        auto failed = [&step](const Status &why) {
            return Status::failure(QStringLiteral("Migration to schema %1 failed: %2")
                                       .arg(step.version)
                                       .arg(why.error()),
                                   why.errorKind());
        };
        // The step and the version it reaches commit together, or neither does.
        Result<SqlTransaction> transaction =
            SqlTransaction::begin(db, SqlTransaction::Lock::Deferred, describe);
        if (!transaction)
            return failed(Status::failure(transaction));
        if (Status applied = step.apply(db); !applied)
            return failed(applied);
        QSqlQuery q(db);
        if (!q.exec(QStringLiteral("PRAGMA user_version = %1").arg(step.version)))
            return failed(failure(q));
        q.finish();
        if (Status committed = transaction->commit(); !committed)
            return failed(committed);
        qCInfo(m_log) << "migrated the database to schema" << step.version << step.purpose;
    }
    return Ok{};
}

} // namespace feedback::sql
