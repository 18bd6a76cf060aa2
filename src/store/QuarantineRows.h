// The `quarantine` table: changes of other devices set aside instead of applied (see
// FeedbackStore::applyRemote). Knows rows and bytes only; the bodies arrive sealed.
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>
#include <QSqlDatabase>
#include <QString>

#include <common/Result.h>

namespace feedback::store {

struct QuarantineRow
{
    qint64 id = 0;
    int kind = 0;
    quint64 position = 0;
    QByteArray origin;
    quint64 firstSeq = 0;
    quint64 lastSeq = 0;
    QString reason;
    bool asked = false;
    QByteArray sealedBody; // read only when asked for
};

class QuarantineRows
{
public:
    // `db` is StoreDatabase's connection, which outlives this.
    explicit QuarantineRows(QSqlDatabase &db)
        : m_db(db)
    {}

    // One row per (kind, origin, first seq): the same change set aside again (pulled again from
    // a restored relay) updates where it was and why, and keeps whether it was asked for.
    Status put(const QuarantineRow &row);
    Status remove(qint64 id);
    Status setAsked(qint64 id);
    Status setReason(qint64 id, const QString &reason);
    // In the order they were set aside; `kind` < 0: every kind. Without bodies.
    Result<QList<QuarantineRow>> list(int kind, int limit);
    // Rows of `kind` from `origin` above `afterSeq`, lowest seq first, with their bodies.
    Result<QList<QuarantineRow>> ofOrigin(int kind, const QByteArray &origin, quint64 afterSeq,
                                          int limit);
    Result<QByteArray> sealedBody(qint64 id);
    Result<QHash<QByteArray, qint64>> countsByOrigin(int kind);
    Result<qint64> count();

private:
    QSqlDatabase &m_db;
};

} // namespace feedback::store
