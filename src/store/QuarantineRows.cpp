#include "QuarantineRows.h"

#include <QSqlError>
#include <QSqlQuery>
#include <QVariant>

namespace feedback::store {

namespace {

const QString kColumns =
    QStringLiteral("id, kind, position, origin, first_seq, last_seq, reason, asked");

template <class T> Result<T> failed(const QString &what, const QSqlQuery &q)
{
    return Result<T>::failure(QStringLiteral("%1: %2").arg(what, q.lastError().text()));
}

Status run(QSqlQuery &q, const QString &what)
{
    if (!q.exec())
        return failed<Ok>(what, q);
    return Ok{};
}

Result<QList<QuarantineRow>> readRows(QSqlQuery &q, bool withBody)
{
    if (!q.exec())
        return failed<QList<QuarantineRow>>(QStringLiteral("Cannot read quarantined changes"), q);
    QList<QuarantineRow> rows;
    while (q.next()) {
        QuarantineRow row;
        row.id = q.value(0).toLongLong();
        row.kind = q.value(1).toInt();
        row.position = static_cast<quint64>(q.value(2).toLongLong());
        row.origin = q.value(3).toByteArray();
        row.firstSeq = static_cast<quint64>(q.value(4).toLongLong());
        row.lastSeq = static_cast<quint64>(q.value(5).toLongLong());
        row.reason = q.value(6).toString();
        row.asked = q.value(7).toBool();
        if (withBody)
            row.sealedBody = q.value(8).toByteArray();
        rows.append(std::move(row));
    }
    q.finish(); // a statement left open would hold a read transaction
    return rows;
}

} // namespace

Status QuarantineRows::put(const QuarantineRow &row)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral(
        "INSERT INTO quarantine (kind, position, origin, first_seq, last_seq, reason, body) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (kind, origin, first_seq) DO UPDATE SET "
        "position = excluded.position, last_seq = excluded.last_seq, reason = excluded.reason, "
        "body = excluded.body"));
    q.addBindValue(row.kind);
    q.addBindValue(static_cast<qint64>(row.position));
    q.addBindValue(row.origin);
    q.addBindValue(static_cast<qint64>(row.firstSeq));
    q.addBindValue(static_cast<qint64>(row.lastSeq));
    q.addBindValue(row.reason);
    q.addBindValue(row.sealedBody);
    return run(q, QStringLiteral("Cannot set a change aside"));
}

Status QuarantineRows::remove(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM quarantine WHERE id = ?"));
    q.addBindValue(id);
    return run(q, QStringLiteral("Cannot release a quarantined change"));
}

Status QuarantineRows::setAsked(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE quarantine SET asked = 1 WHERE id = ?"));
    q.addBindValue(id);
    return run(q, QStringLiteral("Cannot update a quarantined change"));
}

Status QuarantineRows::setReason(qint64 id, const QString &reason)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("UPDATE quarantine SET reason = ? WHERE id = ?"));
    q.addBindValue(reason);
    q.addBindValue(id);
    return run(q, QStringLiteral("Cannot update a quarantined change"));
}

Result<QList<QuarantineRow>> QuarantineRows::list(int kind, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1 FROM quarantine WHERE ? < 0 OR kind = ? ORDER BY id "
                             "LIMIT ?")
                  .arg(kColumns));
    q.addBindValue(kind);
    q.addBindValue(kind);
    q.addBindValue(limit);
    return readRows(q, false);
}

Result<QList<QuarantineRow>> QuarantineRows::ofOrigin(int kind, const QByteArray &origin,
                                                      quint64 afterSeq, int limit)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT %1, body FROM quarantine WHERE kind = ? AND origin = ? AND "
                             "first_seq > ? ORDER BY first_seq LIMIT ?")
                  .arg(kColumns));
    q.addBindValue(kind);
    q.addBindValue(origin);
    q.addBindValue(static_cast<qint64>(afterSeq));
    q.addBindValue(limit);
    return readRows(q, true);
}

Result<QByteArray> QuarantineRows::sealedBody(qint64 id)
{
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("SELECT body FROM quarantine WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec() || !q.next())
        return failed<QByteArray>(QStringLiteral("Cannot read a quarantined change"), q);
    QByteArray body = q.value(0).toByteArray();
    q.finish();
    return body;
}

Result<QHash<QByteArray, qint64>> QuarantineRows::countsByOrigin(int kind)
{
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT origin, count(*) FROM quarantine WHERE kind = ? GROUP BY "
                             "origin"));
    q.addBindValue(kind);
    if (!q.exec())
        return failed<QHash<QByteArray, qint64>>(QStringLiteral("Cannot count quarantined changes"),
                                                 q);
    QHash<QByteArray, qint64> out;
    while (q.next())
        out.insert(q.value(0).toByteArray(), q.value(1).toLongLong());
    return out;
}

Result<qint64> QuarantineRows::count()
{
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("SELECT count(*) FROM quarantine")) || !q.next())
        return failed<qint64>(QStringLiteral("Cannot count quarantined changes"), q);
    return q.value(0).toLongLong();
}

} // namespace feedback::store
