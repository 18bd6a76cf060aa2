// RelayStorage's admission tokens (`feedback-relay admit --token`): the hash of each token the
// operator handed out, until it admits one workspace or expires. The token itself is never
// stored, so a copy of the database admits nobody.
#include "RelayStorage.h"

#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>

namespace feedback::relay {

Status RelayStorage::addAdmissionToken(const QByteArray &hash, qint64 expiresAtMs, qint64 nowMs)
{
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return Status::failure(transaction);
    QSqlQuery q(m_connection.db());
    // Expired ones go on the way: nobody else removes them.
    q.prepare(QStringLiteral("DELETE FROM admission_tokens WHERE expires_at <= ?"));
    q.addBindValue(nowMs);
    if (!q.exec())
        return sql::failure(q, QStringLiteral("dropping expired admission tokens"));
    q.prepare(QStringLiteral(
        "INSERT INTO admission_tokens (hash, expires_at, created_at) VALUES (?, ?, ?)"));
    q.addBindValue(hash);
    q.addBindValue(expiresAtMs);
    q.addBindValue(nowMs);
    if (!q.exec())
        return sql::failure(q, QStringLiteral("storing an admission token"));
    return transaction->commit();
}

Result<bool> RelayStorage::admissionTokenValid(const QByteArray &hash, qint64 nowMs)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT 1 FROM admission_tokens WHERE hash = ? AND expires_at > ?"));
    q.addBindValue(hash);
    q.addBindValue(nowMs);
    if (!q.exec())
        return Result<bool>::failure(
            sql::failure(q, QStringLiteral("reading the admission tokens")));
    return q.next();
}

Result<bool> RelayStorage::redeemAdmissionToken(const QByteArray &hash, const QByteArray &workspace,
                                                qint64 nowMs)
{
    using R = Result<bool>;
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return R::failure(transaction);
    // Two workspaces racing for one token (on one relay or two sharing a database): the row
    // goes to the first delete, and the other finds nothing to delete.
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM admission_tokens WHERE hash = ? AND expires_at > ?"));
    q.addBindValue(hash);
    q.addBindValue(nowMs);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("using an admission token")));
    if (q.numRowsAffected() != 1) {
        // Two connections of one workspace that both came with the token: the other one spent
        // it on this very workspace.
        transaction->rollback();
        return isAdmitted(workspace);
    }
    q.prepare(QStringLiteral("INSERT INTO admitted (key, admitted_at) VALUES (?, ?) ON CONFLICT "
                             "(key) DO NOTHING"));
    q.addBindValue(workspace);
    q.addBindValue(nowMs);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("admitting a workspace")));
    if (Status committed = transaction->commit(); !committed)
        return R::failure(committed);
    return true;
}

} // namespace feedback::relay
