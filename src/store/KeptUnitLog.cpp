#include "KeptUnitLog.h"

#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>

namespace feedback::store {

namespace {

// Seqs stay below 2^62 (protocol limits); anything read back that does not fit is skipped.
constexpr quint64 kMaxSeq = quint64(1) << 62;
constexpr quint64 kMaxCount = 1024;

} // namespace

Status KeptUnitLog::ensureTable()
{
    if (m_ready)
        return Ok{};
    QSqlQuery q(m_db);
    if (!q.exec(QStringLiteral("CREATE TABLE IF NOT EXISTS kept_units (origin BLOB NOT NULL, "
                               "last_seq INTEGER NOT NULL, seq INTEGER NOT NULL, sealed BLOB NOT "
                               "NULL, signature BLOB NOT NULL, kept_ms INTEGER NOT NULL, "
                               "PRIMARY KEY (origin, last_seq)) WITHOUT ROWID")) ||
        !q.exec(
            QStringLiteral("CREATE INDEX IF NOT EXISTS kept_units_age ON kept_units (kept_ms)")))
        return sql::failure(q);
    m_insert = QSqlQuery(m_db);
    if (!m_insert.prepare(QStringLiteral("INSERT OR IGNORE INTO kept_units (origin, last_seq, seq, "
                                         "sealed, signature, kept_ms) VALUES (?, ?, ?, ?, ?, ?)")))
        return sql::failure(m_insert);
    m_ready = true;
    m_exists = true;
    return Ok{};
}

bool KeptUnitLog::tableExists()
{
    if (!m_exists) {
        QSqlQuery q(m_db);
        m_exists = q.exec(QStringLiteral("SELECT 1 FROM sqlite_master WHERE type = 'table' AND "
                                         "name = 'kept_units'")) &&
                   q.next();
    }
    return *m_exists;
}

Status KeptUnitLog::keep(const QList<KeptUnit> &units, qint64 nowMs)
{
    if (units.isEmpty())
        return Ok{};
    if (Status ready = ensureTable(); !ready)
        return ready;
    auto transaction = sql::SqlTransaction::begin(m_db);
    if (!transaction)
        return Status::failure(transaction);
    for (const KeptUnit &u : units) {
        m_insert.bindValue(0, u.origin);
        m_insert.bindValue(1, static_cast<qint64>(u.lastSeq()));
        m_insert.bindValue(2, static_cast<qint64>(u.seq));
        m_insert.bindValue(3, u.sealed);
        m_insert.bindValue(4, u.signature);
        m_insert.bindValue(5, nowMs);
        if (!m_insert.exec())
            return sql::failure(m_insert);
    }
    return transaction->commit();
}

Result<QList<KeptUnit>> KeptUnitLog::after(const QByteArray &origin, quint64 afterSeq,
                                           qsizetype maxUnits, qsizetype maxBytes)
{
    using Out = QList<KeptUnit>;
    if (!tableExists())
        return Out{}; // nothing kept yet: reading creates no table
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT seq, last_seq, sealed, signature FROM kept_units WHERE "
                             "origin = ? AND last_seq > ? ORDER BY last_seq LIMIT ?"));
    q.addBindValue(origin);
    q.addBindValue(static_cast<qint64>(std::min(afterSeq, kMaxSeq)));
    q.addBindValue(static_cast<qint64>(maxUnits));
    if (!q.exec())
        return Result<Out>::failure(sql::failure(q));
    Out out;
    qsizetype bytes = 0;
    while (q.next()) {
        const qint64 seq = q.value(0).toLongLong();
        const qint64 last = q.value(1).toLongLong();
        // Checked like anything read from disk: a row that does not fit ends the list.
        if (seq < 1 || last < seq || quint64(last) > kMaxSeq || quint64(last - seq) >= kMaxCount)
            break;
        KeptUnit u{origin, quint64(seq), quint64(last - seq + 1), q.value(2).toByteArray(),
                   q.value(3).toByteArray()};
        if (!out.isEmpty() && bytes + u.sealed.size() > maxBytes)
            break;
        bytes += u.sealed.size();
        out.append(std::move(u));
    }
    return out;
}

Result<std::map<QByteArray, quint64>> KeptUnitLog::lastSeqs()
{
    using Out = std::map<QByteArray, quint64>;
    if (!tableExists())
        return Out{}; // nothing kept yet: reading creates no table
    QSqlQuery q(m_db);
    q.setForwardOnly(true);
    if (!q.exec(QStringLiteral("SELECT origin, MAX(last_seq) FROM kept_units GROUP BY origin")))
        return Result<Out>::failure(sql::failure(q));
    Out out;
    while (q.next()) {
        const QByteArray origin = q.value(0).toByteArray();
        const qint64 last = q.value(1).toLongLong();
        if (origin.size() == 16 && last >= 1 && quint64(last) <= kMaxSeq)
            out[origin] = quint64(last);
    }
    return out;
}

Result<int> KeptUnitLog::dropKeptBefore(qint64 ms)
{
    if (!tableExists())
        return 0;
    QSqlQuery q(m_db);
    q.prepare(QStringLiteral("DELETE FROM kept_units WHERE kept_ms < ?"));
    q.addBindValue(ms);
    if (!q.exec())
        return Result<int>::failure(sql::failure(q));
    return q.numRowsAffected();
}

} // namespace feedback::store
