// Where a PostgreSQL database is: postgresql://USER@HOST[:PORT]/DB, or ?host=/run/postgresql for
// a socket directory. The password comes from a file (--password-file,
// --database-password-file) or libpq's own PGPASSFILE / ~/.pgpass, never from the URL, which the
// process list shows. Shared by the relay's storage and feedbackctl mirror.
#pragma once

#include <QSqlDatabase>
#include <QString>

#include <common/Result.h>

namespace feedback::sql {

struct PostgresTarget
{
    QString host;
    int port = 5432;
    QString user;
    QString database;
    QString password;
    QString options; // sslmode=...

    // Bad input (a URL of another shape, a password in it, an unreadable file) is BadData;
    // `option` names the flag in the messages.
    static Result<PostgresTarget> parse(const QString &url, const QString &passwordFile,
                                        const QString &option);
    // Sets the connection's parameters (the driver must be QPSQL).
    void applyTo(QSqlDatabase &db) const;
    // Whether Qt's QPSQL driver is installed; the failure names the Debian package.
    static Status driverAvailable();
};

} // namespace feedback::sql
