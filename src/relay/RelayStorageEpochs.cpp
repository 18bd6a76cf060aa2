// RelayStorage's key epochs (protocol 5): each workspace's statements in order, verified from the
// workspace id whenever they are read from disk, and the epoch secrets sealed to its full
// devices, which the relay cannot open. RelayAdmission decides what may be added.
#include "RelayStorage.h"

#include <QCborArray>
#include <QCborValue>
#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>

namespace feedback::relay {

Result<protocol::EpochChain> RelayStorage::epochChain(const QByteArray &workspace)
{
    using R = Result<protocol::EpochChain>;
    if (const std::optional<protocol::EpochChain> kept = m_chains.find(workspace))
        return *kept;
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    protocol::EpochChain chain(workspace);
    // A workspace the relay does not hold has no epochs, and is not cached: a stranger's hellos
    // for made-up workspaces must not fill memory.
    if (!ws->has_value())
        return chain;
    {
        QSqlQuery q(m_connection.db());
        q.setForwardOnly(true);
        q.prepare(QStringLiteral("SELECT epoch, statement FROM epochs WHERE ws = ? ORDER BY epoch "
                                 "LIMIT ?"));
        q.addBindValue(**ws);
        q.addBindValue(static_cast<qint64>(protocol::limits::kMaxEpochs) + 1);
        if (!q.exec())
            return R::failure(sql::failure(q, QStringLiteral("reading the key epochs")));
        while (q.next()) {
            if (q.value(0).toLongLong() != static_cast<qint64>(chain.latest()) + 1)
                return R::failure(QStringLiteral("the key epochs skip from %1 to %2")
                                      .arg(chain.latest())
                                      .arg(q.value(0).toLongLong()),
                                  ErrorKind::Damaged);
            if (Status s = chain.append(q.value(1).toByteArray()); !s)
                return R::failure(
                    QStringLiteral("key epoch %1: %2").arg(q.value(0).toLongLong()).arg(s.error()),
                    ErrorKind::Damaged);
        }
    }
    m_chains.insert(workspace, chain);
    return chain;
}

Result<QList<protocol::EpochEntry>> RelayStorage::epochEntries(const QByteArray &workspace,
                                                               const QByteArray &device)
{
    using R = Result<QList<protocol::EpochEntry>>;
    const Result<protocol::EpochChain> chain = epochChain(workspace);
    if (!chain)
        return R::failure(chain);
    QList<protocol::EpochEntry> out;
    for (const protocol::EpochStatement &s : chain->statements())
        out.append({s.bytes, QByteArray()});
    if (out.isEmpty())
        return out;
    const auto ws = findWorkspace(workspace);
    if (!ws || !ws->has_value())
        return R::failure(QStringLiteral("the workspace of the key epochs is gone"));
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT epoch, envelope FROM epoch_keys WHERE ws = ? AND device = ?"));
    q.addBindValue(**ws);
    q.addBindValue(device);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the epoch keys")));
    while (q.next()) {
        const qint64 epoch = q.value(0).toLongLong();
        const QByteArray envelope = q.value(1).toByteArray();
        // Checked as any input: a damaged row is not served.
        if (epoch < 1 || epoch > out.size() ||
            envelope.size() != protocol::limits::kEpochEnvelopeBytes)
            return R::failure(QStringLiteral("a damaged epoch key (epoch %1)").arg(epoch),
                              ErrorKind::Damaged);
        out[epoch - 1].envelope = envelope;
    }
    return out;
}

Status RelayStorage::addEpoch(const QByteArray &workspace,
                              const protocol::EpochStatement &statement,
                              const QList<protocol::EpochKey> &keys)
{
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return Status::failure(ws);
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return Status::failure(transaction);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("INSERT INTO epochs (ws, epoch, statement) VALUES (?, ?, ?)"));
    q.addBindValue(*ws);
    q.addBindValue(static_cast<qint64>(statement.epoch));
    q.addBindValue(statement.bytes);
    if (!q.exec())
        return Status::failure(sql::failure(q, QStringLiteral("storing a key epoch")));
    q.prepare(
        QStringLiteral("INSERT INTO epoch_keys (ws, epoch, device, envelope) VALUES (?, ?, ?, ?)"));
    for (const protocol::EpochKey &key : keys) {
        q.addBindValue(*ws);
        q.addBindValue(static_cast<qint64>(statement.epoch));
        q.addBindValue(key.device);
        q.addBindValue(key.envelope);
        if (!q.exec())
            return Status::failure(sql::failure(q, QStringLiteral("storing an epoch key")));
    }
    // The invites' envelopes hold the old keys: whoever claimed one now would be refused.
    q.prepare(QStringLiteral("UPDATE invites SET cancelled = 1, envelopes = ? WHERE ws = ?"));
    q.addBindValue(QCborValue(QCborArray()).toCbor());
    q.addBindValue(*ws);
    if (!q.exec())
        return Status::failure(sql::failure(q, QStringLiteral("cancelling the invites")));
    if (Status committed = transaction->commit(); !committed)
        return committed;
    m_chains.remove(workspace); // read again, verified, at the next use
    return Ok{};
}

Result<QList<QByteArray>> RelayStorage::activeFullDevices(const QByteArray &workspace)
{
    using R = Result<QList<QByteArray>>;
    QList<QByteArray> out;
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value())
        return out;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.device FROM devices d LEFT JOIN revocations r ON r.ws = "
                             "d.ws AND r.device = d.device WHERE d.ws = ? AND d.role = 0 AND "
                             "r.device IS NULL"));
    q.addBindValue(**ws);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the devices")));
    while (q.next())
        out.append(q.value(0).toByteArray());
    return out;
}

} // namespace feedback::relay
