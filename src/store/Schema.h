// The local database schema as an ordered list of forward migrations, tracked with
// PRAGMA user_version. A database newer than this program is refused, never touched.
#pragma once

#include <QSqlDatabase>

#include <common/Result.h>

namespace feedback::store {

class Schema
{
public:
    static int currentVersion();
    // Applies the missing steps up to `target` (default: current), each in its own transaction.
    static Status migrate(QSqlDatabase &db, int target = -1);
    static Result<int> version(QSqlDatabase &db);
};

} // namespace feedback::store
