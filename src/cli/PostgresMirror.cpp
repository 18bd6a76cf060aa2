#include "PostgresMirror.h"

#include <QAtomicInteger>
#include <QJsonArray>
#include <QJsonDocument>
#include <QSqlError>
#include <QSqlQuery>

namespace feedback::cli {

namespace {

QAtomicInteger<quint64> g_connections;

// Records per statement: each goes as one JSON array that PostgreSQL unpacks itself.
constexpr qsizetype kBatch = 1000;

// The columns and how each is read from a record's JSON object `r`.
const char *const kColumns[][2] = {
    {"id", "r->>'id'"},
    {"order_id", "r->>'orderId'"},
    {"courier_id", "(r->>'courierId')::bigint"},
    {"rating", "(r->>'rating')::integer"},
    {"comment", "r->>'comment'"},
    {"reasons", "ARRAY(SELECT jsonb_array_elements_text(r->'reasons'))"},
    {"publish_consent", "(r->>'publishConsent')::boolean"},
    {"needs_follow_up", "(r->>'needsFollowUp')::boolean"},
    {"contact_requested", "(r->>'contactRequested')::boolean"},
    {"contact", "r->>'contact'"},
    {"contact_erased", "(r->>'contactErased')::boolean"},
    {"created_at", "(r->>'createdAt')::timestamptz"},
    {"origin", "r->>'origin'"},
    {"follow_up", "r->>'followUp'"},
    {"assignee", "r->>'assignee'"},
    {"notes", "r->'notes'"},
    {"retracted", "(r->>'retracted')::boolean"},
    {"erased", "ARRAY(SELECT jsonb_array_elements_text(r->'erased'))"},
    {"conflicts", "r->'conflicts'"},
    {"synced", "(r->>'synced')::boolean"},
};

// Ends the open transaction (a failure's): nothing of this run stays.
Status rolledBack(QSqlDatabase &db, const Status &why)
{
    db.rollback();
    return why;
}

Status failure(const QString &what, const QSqlError &error)
{
    return Status::failure(QStringLiteral("PostgreSQL: %1: %2").arg(what, error.text()));
}

// INSERT ... ON CONFLICT DO UPDATE, changing a row (and its updated_at) only when a value differs.
QString upsertStatement()
{
    QStringList names, values, updates, old, fresh;
    for (const auto &[name, value] : kColumns) {
        names.append(QLatin1String(name));
        values.append(QLatin1String(value));
        if (QLatin1String(name) == QLatin1String("id"))
            continue;
        updates.append(QStringLiteral("%1 = excluded.%1").arg(QLatin1String(name)));
        old.append(QStringLiteral("feedback.%1").arg(QLatin1String(name)));
        fresh.append(QStringLiteral("excluded.%1").arg(QLatin1String(name)));
    }
    return QStringLiteral("INSERT INTO feedback (%1, updated_at) SELECT %2, now() FROM "
                          "jsonb_array_elements(?::jsonb) AS r ON CONFLICT (id) DO UPDATE SET %3, "
                          "updated_at = now() WHERE (%4) IS DISTINCT FROM (%5)")
        .arg(names.join(QStringLiteral(", ")), values.join(QStringLiteral(", ")),
             updates.join(QStringLiteral(", ")), old.join(QStringLiteral(", ")),
             fresh.join(QStringLiteral(", ")));
}

} // namespace

PostgresMirror::PostgresMirror()
    : m_name(QStringLiteral("mirror-%1").arg(g_connections.fetchAndAddRelaxed(1)))
{}

PostgresMirror::~PostgresMirror()
{
    if (m_db.isValid()) {
        m_db.close();
        m_db = QSqlDatabase();
        QSqlDatabase::removeDatabase(m_name);
    }
}

Status PostgresMirror::open(const PostgresTarget &target)
{
    if (Status driver = PostgresTarget::driverAvailable(); !driver)
        return driver;
    if (!m_db.isValid())
        m_db = QSqlDatabase::addDatabase(QStringLiteral("QPSQL"), m_name);
    m_db.close();
    target.applyTo(m_db);
    if (!m_db.open())
        return failure(QStringLiteral("cannot connect"), m_db.lastError());
    return migrate();
}

Status PostgresMirror::migrate()
{
    QSqlQuery q(m_db);
    // One mirror at a time migrates: the lock goes with the transaction.
    if (!m_db.transaction())
        return failure(QStringLiteral("begin"), m_db.lastError());
    const QStringList steps{
        QStringLiteral("SELECT pg_advisory_xact_lock(4242001)"),
        QStringLiteral("CREATE TABLE IF NOT EXISTS feedback_mirror_schema (version integer NOT "
                       "NULL)"),
    };
    for (const QString &sql : steps)
        if (!q.exec(sql))
            return rolledBack(m_db, failure(QStringLiteral("preparing the schema"), q.lastError()));
    if (!q.exec(QStringLiteral("SELECT COALESCE(MAX(version), 0) FROM feedback_mirror_schema")) ||
        !q.next())
        return rolledBack(m_db, failure(QStringLiteral("reading the schema"), q.lastError()));
    const int version = q.value(0).toInt();
    if (version > kSchemaVersion) {
        m_db.rollback();
        return Status::failure(QStringLiteral("the table feedback was made by a newer feedbackctl "
                                              "(schema %1; this one knows up to %2)")
                                   .arg(version)
                                   .arg(kSchemaVersion));
    }
    // Append only: never edit a step that shipped.
    if (version < 1) {
        const QStringList first{
            QStringLiteral(
                "CREATE TABLE feedback (id text PRIMARY KEY, order_id text NOT NULL, courier_id "
                "bigint NOT NULL, rating integer NOT NULL, comment text NOT NULL, reasons text[] "
                "NOT NULL, publish_consent boolean NOT NULL, needs_follow_up boolean NOT NULL, "
                "contact_requested boolean NOT NULL, contact text NOT NULL, contact_erased "
                "boolean NOT NULL, created_at timestamptz NOT NULL, origin text NOT NULL, "
                "follow_up text, assignee text NOT NULL, notes jsonb NOT NULL, retracted boolean "
                "NOT NULL, erased text[] NOT NULL, conflicts jsonb NOT NULL, synced boolean NOT "
                "NULL, updated_at timestamptz NOT NULL)"),
            QStringLiteral("CREATE INDEX feedback_created_at ON feedback (created_at)"),
            QStringLiteral("INSERT INTO feedback_mirror_schema (version) VALUES (1)"),
        };
        for (const QString &sql : first)
            if (!q.exec(sql))
                return rolledBack(m_db,
                                  failure(QStringLiteral("creating the table"), q.lastError()));
    }
    if (!m_db.commit())
        return failure(QStringLiteral("commit"), m_db.lastError());
    return Ok{};
}

Result<PostgresMirror::Counts> PostgresMirror::mirror(const QList<QJsonObject> &records)
{
    using R = Result<Counts>;
    Counts counts;
    counts.records = records.size();
    if (!m_db.transaction())
        return R::failure(failure(QStringLiteral("begin"), m_db.lastError()));
    QSqlQuery q(m_db);
    if (!q.prepare(upsertStatement()))
        return R::failure(rolledBack(m_db, failure(QStringLiteral("prepare"), q.lastError())));
    QJsonArray ids;
    for (qsizetype first = 0; first < records.size(); first += kBatch) {
        QJsonArray batch;
        for (qsizetype i = first; i < std::min(records.size(), first + kBatch); ++i) {
            batch.append(records.at(i));
            ids.append(records.at(i).value(QStringLiteral("id")));
        }
        q.addBindValue(QString::fromUtf8(QJsonDocument(batch).toJson(QJsonDocument::Compact)));
        if (!q.exec())
            return R::failure(rolledBack(m_db, failure(QStringLiteral("writing"), q.lastError())));
        counts.written += q.numRowsAffected();
    }
    QSqlQuery remove(m_db);
    remove.prepare(QStringLiteral("DELETE FROM feedback WHERE id NOT IN (SELECT "
                                  "jsonb_array_elements_text(?::jsonb))"));
    remove.addBindValue(QString::fromUtf8(QJsonDocument(ids).toJson(QJsonDocument::Compact)));
    if (!remove.exec())
        return R::failure(
            rolledBack(m_db, failure(QStringLiteral("removing"), remove.lastError())));
    counts.removed = remove.numRowsAffected();
    if (!m_db.commit())
        return R::failure(failure(QStringLiteral("commit"), m_db.lastError()));
    return counts;
}

} // namespace feedback::cli
