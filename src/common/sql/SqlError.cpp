#include "SqlError.h"

#include <QSqlError>
#include <QSqlQuery>

namespace feedback::sql {

int primaryCode(const QSqlError &error)
{
    bool ok = false;
    const int code = error.nativeErrorCode().toInt(&ok);
    return ok ? code & 0xff : 0;
}

ErrorKind errorKind(const QSqlError &error)
{
    switch (primaryCode(error)) {
    case sqlite::kFull:
        return ErrorKind::DiskFull;
    case sqlite::kReadOnly:
        return ErrorKind::ReadOnly;
    case sqlite::kCorrupt:
    case sqlite::kNotADatabase:
        return ErrorKind::Damaged;
    default:
        return ErrorKind::Other;
    }
}

Status failure(const QSqlError &error, const QString &what)
{
    const QString text = error.text();
    return Status::failure(what.isEmpty() ? text : QStringLiteral("%1: %2").arg(what, text),
                           errorKind(error));
}

Status failure(const QSqlQuery &query, const QString &what)
{
    return failure(query.lastError(), what);
}

} // namespace feedback::sql
