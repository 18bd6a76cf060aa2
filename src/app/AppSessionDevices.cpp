// AppSession: the workspace's devices for Settings → Devices, and revoking one of them.
#include "AppSession.h"

#include <store/RowSealer.h>
#include <sync/DeviceCredentials.h>
#include <sync/DeviceList.h>
#include <sync/Enrolment.h>

namespace feedback::app {

QList<AppSession::Device> AppSession::devices() const
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    if (!keys)
        return {};
    const sync::DeviceList list = sync::DeviceList::load(*m_store, keys->workspaceId());
    const QSet<QByteArray> pending = sync::pendingRevokedDevices(*m_store, *keys);
    QList<Device> out;
    for (const sync::DeviceList::Device &d : list.devices()) {
        const auto id = store::RowSealer::replicaFromBytes(d.certificate.device);
        if (!id)
            continue; // a verified certificate always names 16 bytes; nothing to show otherwise
        Device device;
        device.id = *id;
        device.name = d.certificate.name;
        device.role = d.certificate.role;
        device.enrolledAtMs = d.certificate.issuedAtMs;
        device.lastSeenMs = d.lastSeenMs;
        device.revoked = d.revoked;
        device.revocationPending = !d.revoked && pending.contains(d.certificate.device);
        device.thisDevice = *id == deviceId();
        out.append(device);
    }
    return out;
}

bool AppSession::isFullDevice() const
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    return keys && sync::DeviceCredentials::roleOf(*m_store, *keys) == protocol::Role::Full;
}

Result<sync::RevokeOutcome> AppSession::revoke(const ReplicaId &device)
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    if (!keys)
        return Result<sync::RevokeOutcome>::failure(keys);
    const auto outcome = sync::revokeDevice(*m_store, *keys, device);
    if (outcome && (*outcome == sync::RevokeOutcome::Signed ||
                    *outcome == sync::RevokeOutcome::AlreadyPending))
        syncNow();
    return outcome;
}

} // namespace feedback::app
