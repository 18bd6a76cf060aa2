// The back office's table: every record of this device, decrypted, as one row of a PostgreSQL
// table `feedback` (the fields of `list --format json` as typed columns, reasons and erased
// fields as text[], notes and conflicts as jsonb, updated_at when the row last changed), for
// admin pages and BI tools. Created and migrated here (numbered steps in
// feedback_mirror_schema); written by upsert on the record id, so running it again writes only
// what changed, and rows of records this device no longer holds go.
#pragma once

#include <QJsonObject>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <common/Result.h>
#include <common/sql/PostgresTarget.h>

namespace feedback::cli {

using sql::PostgresTarget;

class PostgresMirror
{
public:
    PostgresMirror();
    ~PostgresMirror();
    PostgresMirror(const PostgresMirror &) = delete;
    PostgresMirror &operator=(const PostgresMirror &) = delete;

    // Connects and brings the table to the current schema.
    Status open(const PostgresTarget &target);
    struct Counts
    {
        qsizetype records = 0;
        qsizetype written = 0; // rows inserted or changed
        qsizetype removed = 0; // rows of records this device no longer holds
    };
    // `records`: RecordExport::toJson of every record; one transaction.
    Result<Counts> mirror(const QList<QJsonObject> &records);

    static constexpr int kSchemaVersion = 1;

private:
    Status migrate();

    QString m_name;
    QSqlDatabase m_db;
};

} // namespace feedback::cli
