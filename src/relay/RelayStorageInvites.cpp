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

// What storeInvite wrote: an array of byte strings of `min..max` bytes; nothing for anything else
// (a damaged row).
std::optional<QList<QByteArray>> listOf(const QByteArray &bytes, qsizetype min, qsizetype max)
{
    QCborParserError error;
    const QCborValue value = QCborValue::fromCbor(bytes, &error);
    if (error.error != QCborError::NoError || !value.isArray() ||
        value.toArray().size() > static_cast<qsizetype>(protocol::limits::kMaxInviteUses))
        return std::nullopt;
    QList<QByteArray> out;
    for (const QCborValue &item : value.toArray()) {
        const QByteArray b = item.toByteArray();
        if (!item.isByteArray() || b.size() < min || b.size() > max)
            return std::nullopt;
        out.append(b);
    }
    return out;
}

// A row as storeInvite wrote it and claims and cancellations changed it: one envelope or one per
// use until used up or cancelled (then none), the kiosks' ids one per envelope or none.
bool consistent(const StoredInvite &i)
{
    const auto envelopes = static_cast<quint64>(i.envelopes.size());
    const bool spent = i.cancelled || i.claimed >= i.uses;
    if (i.uses == 0 || i.uses > protocol::limits::kMaxInviteUses)
        return false;
    if (!(envelopes == 1 || envelopes == i.uses || (spent && envelopes == 0)))
        return false;
    return i.devices.isEmpty() || i.devices.size() == i.envelopes.size() ||
           (spent && i.envelopes.isEmpty());
}

const QByteArray kNoEnvelopes = QCborValue(QCborArray()).toCbor();

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
    const auto envelopes = listOf(q.value(6).toByteArray(), 1, protocol::limits::kMaxEnvelopeBytes);
    const auto devices = listOf(q.value(7).toByteArray(), 16, 16);
    const StoredInvite invite{q.value(0).toByteArray(),
                              q.value(1).toByteArray(),
                              q.value(2).toLongLong(),
                              static_cast<quint64>(std::max<qint64>(0, q.value(3).toLongLong())),
                              static_cast<quint64>(std::max<qint64>(0, q.value(4).toLongLong())),
                              q.value(5).toInt() != 0,
                              envelopes.value_or(QList<QByteArray>()),
                              devices.value_or(QList<QByteArray>())};
    if (!envelopes || !devices || !consistent(invite))
        return R::failure(QStringLiteral("the invite's row is damaged"), ErrorKind::Damaged);
    return std::optional<StoredInvite>(invite);
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
    q.prepare(QStringLiteral("INSERT INTO invites (id, handle, ws, issuer, expires_at, uses, "
                             "envelopes, devices) VALUES (?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO "
                             "NOTHING"));
    for (const QVariant &v :
         {QVariant(id), QVariant(protocol::inviteHandle(id)), QVariant(*ws),
          QVariant(invite.issuer), QVariant(invite.expiresAtMs),
          QVariant(static_cast<qint64>(invite.uses)), QVariant(listBytes(invite.envelopes)),
          QVariant(listBytes(invite.devices))})
        q.addBindValue(v);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("storing an invite")));
    return q.numRowsAffected() > 0;
}

Result<bool> RelayStorage::cancelInvite(const QByteArray &handle, const QByteArray &workspace)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    if (!ws->has_value())
        return false;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral(
        "UPDATE invites SET cancelled = 1, envelopes = ? WHERE handle = ? AND ws = ?"));
    q.addBindValue(kNoEnvelopes);
    q.addBindValue(handle);
    q.addBindValue(**ws);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("cancelling an invite")));
    return q.numRowsAffected() > 0;
}

Result<bool> RelayStorage::countClaim(const QByteArray &id, quint64 claimed, bool last)
{
    QSqlQuery q(m_connection.db());
    // With the last use the envelopes go: what they hold (the workspace key, a kiosk's key)
    // leaves the relay's disk as soon as nobody may claim it.
    const QString set = last ? QStringLiteral("claimed = claimed + 1, envelopes = ?")
                             : QStringLiteral("claimed = claimed + 1");
    q.prepare(QStringLiteral("UPDATE invites SET ") + set +
              QStringLiteral(" WHERE id = ? AND claimed = ? AND cancelled = 0"));
    if (last)
        q.addBindValue(kNoEnvelopes);
    q.addBindValue(id);
    q.addBindValue(static_cast<qint64>(claimed));
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("counting a claim")));
    return q.numRowsAffected() == 1;
}

Result<qsizetype> RelayStorage::inviteCount(const QByteArray &workspace)
{
    return countInWorkspace(workspace, QStringLiteral("invites"));
}

} // namespace feedback::relay
