// Revoking a device from this one, shared by `feedbackctl revoke` and the app's Devices dialog:
// the checks (a full device, not itself, a listed device) and the signed revocation kept as
// pending until the relay lists the device as revoked (the next sync carries it there).
#pragma once

#include "WorkspaceKeys.h"

#include <QByteArray>
#include <QSet>

#include <common/Result.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

enum class RevokeOutcome
{
    Signed,         // kept as pending: the next sync sends it
    AlreadyRevoked, // the relay already lists it as revoked
    AlreadyPending, // signed here before, not sent or not listed yet
    NotFullDevice,  // only a full device holds the key that signs revocations
    ThisDevice,     // a device cannot revoke itself
    NotListed,      // not in the device list this device last received
};

// Never fails on input: the outcome says what was done; an error only when the store could not
// keep the revocation.
Result<RevokeOutcome> revokeDevice(store::FeedbackStore &store, const WorkspaceKeys &keys,
                                   const ReplicaId &device);

// The devices (replica bytes, as DeviceList keys them) of the revocations signed here that the
// relay has not listed yet.
QSet<QByteArray> pendingRevokedDevices(const store::FeedbackStore &store,
                                       const WorkspaceKeys &keys);

} // namespace feedback::sync
