#include "DeviceRevocation.h"

#include "DeviceCredentials.h"
#include "DeviceList.h"

#include <QDateTime>

#include <protocol/Revocation.h>
#include <store/RowSealer.h>

namespace feedback::sync {

Result<RevokeOutcome> revokeDevice(store::FeedbackStore &store, const WorkspaceKeys &keys,
                                   const ReplicaId &device)
{
    if (DeviceCredentials::roleOf(store, keys) != protocol::Role::Full)
        return RevokeOutcome::NotFullDevice;
    if (device == store.deviceId())
        return RevokeOutcome::ThisDevice;
    const QByteArray bytes = store::RowSealer::replicaBytes(device);
    const DeviceList list = DeviceList::load(store, keys.workspaceId(), keys.authorities());
    const DeviceList::Device *listed = list.find(bytes);
    if (!listed)
        return RevokeOutcome::NotListed;
    if (listed->revoked)
        return RevokeOutcome::AlreadyRevoked;
    if (pendingRevokedDevices(store, keys).contains(bytes))
        return RevokeOutcome::AlreadyPending;
    const QByteArray revocation = protocol::Revocation::issue(
        keys.signingKey(), keys.workspaceId(), bytes, QDateTime::currentMSecsSinceEpoch());
    if (Status s = DeviceList::addPendingRevocation(store, revocation); !s)
        return Result<RevokeOutcome>::failure(s);
    return RevokeOutcome::Signed;
}

QSet<QByteArray> pendingRevokedDevices(const store::FeedbackStore &store, const WorkspaceKeys &keys)
{
    QSet<QByteArray> devices;
    for (const QByteArray &pending : DeviceList::pendingRevocations(store)) {
        const auto revocation = keys.verifyRevocation(pending);
        if (revocation)
            devices.insert(revocation->device);
    }
    return devices;
}

} // namespace feedback::sync
