// One numbered migration runner for the SQLite files of the store and the relay. A schema is a
// list of steps numbered upwards; the version reached is kept in PRAGMA user_version. Each
// pending step runs in its own transaction together with the version it reaches, so a crash or
// a failed step leaves the file at the previous version, as it was, and the next open tries
// again. A file of a newer version than the list knows is refused (UpdateRequired), untouched.
#pragma once

#include "SqlConnection.h"

#include <QList>
#include <QLoggingCategory>
#include <QSqlDatabase>
#include <QStringList>

#include <common/Result.h>
#include <functional>

namespace feedback::sql {

struct SqlMigration
{
    int version = 0; // the version the file has once this step committed
    QString purpose; // for the log
    std::function<Status(QSqlDatabase &db)> apply;

    // A step that runs `statements` in order.
    static SqlMigration statements(int version, QString purpose, QStringList statements);
};

class SqlMigrations
{
public:
    // The refusal of a newer file, in the owner's words (found version, latest known).
    using NewerMessage = std::function<QString(int found, int known)>;
    using Category = const QLoggingCategory &(*)();

    // `steps`: append only, ascending versions; a step that has shipped is never edited.
    SqlMigrations(QList<SqlMigration> steps, NewerMessage newer, Category log);

    int latest() const;
    static Result<int> version(QSqlDatabase &db);
    // Fails (UpdateRequired) when `found` is newer than the latest step.
    Status refuseNewer(int found) const;
    // Applies the pending steps up to `target` (default: latest). `connection`'s describer
    // words the failures of starting and committing.
    Status migrate(SqlConnection &connection, int target = -1) const;
    Status migrate(QSqlDatabase &db, int target = -1) const;

private:
    Status migrate(QSqlDatabase &db, const SqlConnection::Describe &describe, int target) const;

    QList<SqlMigration> m_steps;
    NewerMessage m_newer;
    Category m_log;
};

} // namespace feedback::sql
