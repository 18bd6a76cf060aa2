// What an SQLite error means to a caller: the kind a person can act on (disk full, read-only,
// damaged) from SQLite's result code, and the one Status built from a failed query.
#pragma once

#include <common/Result.h>

class QSqlError;
class QSqlQuery;

namespace feedback::sql {

// SQLite's primary result codes (sqlite3.h) that callers tell apart.
namespace sqlite {
constexpr int kIoError = 10;
constexpr int kReadOnly = 8;
constexpr int kCorrupt = 11;
constexpr int kFull = 13;
constexpr int kCantOpen = 14;
constexpr int kNotADatabase = 26;
} // namespace sqlite

// The primary result code of `error` (extended codes keep it in the low byte); 0 when none.
int primaryCode(const QSqlError &error);
// Disk full, read-only, damaged or other.
ErrorKind errorKind(const QSqlError &error);
// "what: error" (or the error alone), with the kind of the error.
Status failure(const QSqlError &error, const QString &what = {});
Status failure(const QSqlQuery &query, const QString &what = {});

} // namespace feedback::sql
