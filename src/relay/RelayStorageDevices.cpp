// RelayStorage's device list: the devices of each workspace (bound to the key of their first
// certificate, with role and last seen) and the revocations, a grow-only set. The relay's
// admission (RelayAdmission) decides; this only stores and reads.
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QSqlQuery>
#include <QVariant>

#include <common/sql/SqlError.h>

namespace feedback::relay {

using namespace storagekeys;

Result<std::optional<StoredDevice>> RelayStorage::findDevice(const QByteArray &workspace,
                                                             const QByteArray &device)
{
    using R = Result<std::optional<StoredDevice>>;
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value())
        return std::optional<StoredDevice>();
    const QByteArray key = originKey(**ws, device);
    if (const std::optional<StoredDevice> kept = m_devices.find(key))
        return kept;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT public_key, certificate, role, enrolled_at, last_seen FROM "
                             "devices WHERE ws = ? AND device = ?"));
    q.addBindValue(**ws);
    q.addBindValue(device);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the devices")));
    if (!q.next())
        return std::optional<StoredDevice>();
    const StoredDevice found{q.value(0).toByteArray(), q.value(1).toByteArray(),
                             q.value(2).toInt() == 1 ? protocol::Role::Kiosk : protocol::Role::Full,
                             q.value(3).toLongLong(), q.value(4).toLongLong()};
    m_devices.insert(key, found);
    return std::optional<StoredDevice>(found);
}

Result<bool> RelayStorage::isRevoked(const QByteArray &workspace, const QByteArray &device)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    if (!ws->has_value())
        return false;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT 1 FROM revocations WHERE ws = ? AND device = ?"));
    q.addBindValue(**ws);
    q.addBindValue(device);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("reading the revocations")));
    return q.next();
}

Result<qsizetype> RelayStorage::deviceCount(const QByteArray &workspace)
{
    return countInWorkspace(workspace, QStringLiteral("devices"));
}

Result<qsizetype> RelayStorage::countInWorkspace(const QByteArray &workspace, const QString &table)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<qsizetype>::failure(ws);
    if (!ws->has_value())
        return qsizetype(0);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT COUNT(*) FROM %1 WHERE ws = ?").arg(table));
    q.addBindValue(**ws);
    if (!q.exec() || !q.next())
        return Result<qsizetype>::failure(sql::failure(q, QStringLiteral("counting ") + table));
    return static_cast<qsizetype>(q.value(0).toLongLong());
}

Result<bool> RelayStorage::enrol(const QByteArray &workspace, const QByteArray &device,
                                 const StoredDevice &stored, qint64 nowMs)
{
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    const auto known = findDevice(workspace, device);
    if (!known)
        return Result<bool>::failure(known);
    StoredDevice row = known->value_or(stored);
    const bool changed = !known->has_value() || row.certificate != stored.certificate;
    if (!known->has_value())
        row.enrolledAtMs = nowMs;
    row.certificate = stored.certificate;
    row.role = stored.role;
    row.lastSeenMs = nowMs;
    QSqlQuery q(m_connection.db());
    // The key never changes: the binding is checked before (RelayAdmission).
    q.prepare(QStringLiteral(
        "INSERT INTO devices (ws, device, public_key, certificate, role, enrolled_at, last_seen) "
        "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (ws, device) DO UPDATE SET certificate = "
        "excluded.certificate, role = excluded.role, last_seen = excluded.last_seen"));
    for (const QVariant &v : {QVariant(*ws), QVariant(device), QVariant(row.publicKey),
                              QVariant(row.certificate), QVariant(static_cast<int>(row.role)),
                              QVariant(row.enrolledAtMs), QVariant(row.lastSeenMs)})
        q.addBindValue(v);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("storing a device")));
    m_devices.insert(originKey(*ws, device), row);
    return changed;
}

Result<QList<protocol::DeviceEntry>> RelayStorage::devices(const QByteArray &workspace)
{
    using R = Result<QList<protocol::DeviceEntry>>;
    QList<protocol::DeviceEntry> out;
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value())
        return out;
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT d.certificate, d.last_seen, r.revocation FROM devices d LEFT "
                             "JOIN revocations r ON r.ws = d.ws AND r.device = d.device WHERE "
                             "d.ws = ? ORDER BY d.enrolled_at, d.device LIMIT ?"));
    q.addBindValue(**ws);
    q.addBindValue(static_cast<qint64>(protocol::limits::kMaxDevices));
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the devices")));
    while (q.next())
        out.append({q.value(0).toByteArray(), static_cast<quint64>(q.value(1).toLongLong()),
                    q.value(2).toByteArray()});
    return out;
}

Result<bool> RelayStorage::revoke(const QByteArray &workspace, const QByteArray &device,
                                  const QByteArray &revocation, qint64 revokedAtMs)
{
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return Result<bool>::failure(ws);
    QSqlQuery q(m_connection.db());
    // Grow-only: the first revocation of a device stays.
    q.prepare(QStringLiteral("INSERT INTO revocations (ws, device, revocation, revoked_at) VALUES "
                             "(?, ?, ?, ?) ON CONFLICT (ws, device) DO NOTHING"));
    q.addBindValue(*ws);
    q.addBindValue(device);
    q.addBindValue(revocation);
    q.addBindValue(revokedAtMs);
    if (!q.exec())
        return Result<bool>::failure(sql::failure(q, QStringLiteral("storing a revocation")));
    return q.numRowsAffected() > 0;
}

} // namespace feedback::relay
