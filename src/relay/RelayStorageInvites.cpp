// RelayStorage's invites (protocol 4): held per workspace with their expiry, uses and claims.
// The checks of who may store, cancel or claim one are the connection's (RelayInvites.cpp).
#include "RelayStorage.h"

#include <QCborArray>
#include <QCborValue>
#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>

namespace feedback::relay {

namespace {

// Invites expired this long ago are dropped: until then a late join hears "expired", not
// "unknown".
constexpr qint64 kKeepExpiredMs = 7LL * 24 * 3600 * 1000;

QByteArray listBytes(const QList<QByteArray> &items)
{
    QCborArray list;
    for (const QByteArray &item : items)
        list.append(item);
    return QCborValue(list).toCbor();
}

// What storeInvite wrote; anything else (a damaged row) reads as an empty list.
QList<QByteArray> listOf(const QByteArray &bytes)
{
    QList<QByteArray> out;
    const QCborValue value = QCborValue::fromCbor(bytes);
    for (const QCborValue &item : value.toArray())
        if (item.isByteArray())
            out.append(item.toByteArray());
    return out;
}

} // namespace

Result<std::optional<StoredInvite>> RelayStorage::findInvite(const QByteArray &id)
{
    using R = Result<std::optional<StoredInvite>>;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT w.key, i.issuer, i.expires_at, i.uses, i.claimed, "
                             "i.cancelled, i.envelopes, i.devices FROM invites i JOIN workspaces "
                             "w ON w.id = i.ws WHERE i.id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading an invite")));
    if (!q.next())
        return std::optional<StoredInvite>();
    return std::optional<StoredInvite>(StoredInvite{
        q.value(0).toByteArray(), q.value(1).toByteArray(), q.value(2).toLongLong(),
        static_cast<quint64>(std::max<qint64>(0, q.value(3).toLongLong())),
        static_cast<quint64>(std::max<qint64>(0, q.value(4).toLongLong())), q.value(5).toInt() != 0,
        listOf(q.value(6).toByteArray()), listOf(q.value(7).toByteArray())});
}

Result<bool> RelayStorage::storeInvite(const QByteArray &id, const StoredInvite &invite,
                                       qint64 nowMs)
{
    const Result<qint64> ws = registerWorkspace(invite.workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("DELETE FROM invites WHERE expires_at < ?"));
    q.addBindValue(nowMs - kKeepExpiredMs);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("dropping old invites")));
    q.prepare(QStringLiteral("INSERT INTO invites (id, ws, issuer, expires_at, uses, envelopes, "
                             "devices) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (id) DO NOTHING"));
    for (const QVariant &v :
         {QVariant(id), QVariant(*ws), QVariant(invite.issuer), QVariant(invite.expiresAtMs),
          QVariant(static_cast<qint64>(invite.uses)), QVariant(listBytes(invite.envelopes)),
          QVariant(listBytes(invite.devices))})
        q.addBindValue(v);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("storing an invite")));
    return q.numRowsAffected() > 0;
}

Status RelayStorage::cancelInvite(const QByteArray &id)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE invites SET cancelled = 1 WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sql::failure(q, QStringLiteral("cancelling an invite"));
    return Ok{};
}

Status RelayStorage::countClaim(const QByteArray &id)
{
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("UPDATE invites SET claimed = claimed + 1 WHERE id = ?"));
    q.addBindValue(id);
    if (!q.exec())
        return sql::failure(q, QStringLiteral("counting a claim"));
    return Ok{};
}

Result<qsizetype> RelayStorage::inviteCount(const QByteArray &workspace, qint64 nowMs)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<qsizetype>::failure(ws);
    if (!ws->has_value())
        return qsizetype(0);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM invites WHERE ws = ? AND expires_at >= ?"));
    q.addBindValue(**ws);
    q.addBindValue(nowMs);
    if (!q.exec() || !q.next())
        return Result<qsizetype>::failure(sql::failure(q, QStringLiteral("counting invites")));
    return static_cast<qsizetype>(q.value(0).toLongLong());
}

} // namespace feedback::relay
