// The local database schema as numbered forward migrations (common/sql's runner), tracked with
// PRAGMA user_version. A database newer than this program is refused (UpdateRequired), never
// touched.
#pragma once

#include <QSqlDatabase>

#include <common/Result.h>
#include <common/sql/SqlConnection.h>

namespace feedback::store {

class Schema
{
public:
    static int currentVersion();
    // Applies the missing steps up to `target` (default: current), each in its own transaction.
    static Status migrate(QSqlDatabase &db, int target = -1);
    // As above, failures in the connection's words.
    static Status migrate(sql::SqlConnection &connection);
    // Fails (UpdateRequired) for a database newer than this program.
    static Status refuseNewer(int version);
    static Result<int> version(QSqlDatabase &db);
};

} // namespace feedback::store
