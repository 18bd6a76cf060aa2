// A device's side of key epochs (PROTOCOL.md, "Key epochs"): what the profile keeps of them (the
// secrets sealed in the store, the relay's statements plain), taking the relay's `epochs` frame
// (the statements verified from the workspace id, this device's envelopes opened with its own
// key), and the rotation a full device sends when the device list shows a revoked full device
// that no epoch shuts out yet. Any full device may make it: the one that revoked may be gone.
#pragma once

#include "DeviceList.h"
#include "WorkspaceKeys.h"

#include <optional>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

namespace epochkeyring {

// Adds what the store keeps to `keys` (made from the workspace secret or a kiosk's keys).
Status load(const store::FeedbackStore &store, WorkspaceKeys &keys);
// Keeps the secrets of `keys` (sealed) and its statements.
Status save(store::FeedbackStore &store, const WorkspaceKeys &keys);

// The relay's epochs. `deviceSecretKey`: this device's Ed25519 key (64 bytes), which opens
// its envelopes. True when `keys` gained an epoch (then saved).
Result<bool> accept(store::FeedbackStore &store, WorkspaceKeys &keys,
                    const protocol::Epochs &epochs, const QByteArray &deviceSecretKey);

// The rotation to send, when this full device's list shows a revoked full device that no
// statement shuts out: a new epoch secret sealed to every other full device listed (and to
// this one, `self`), the statement signed by the latest authority.
std::optional<protocol::Rotate> rotation(const WorkspaceKeys &keys, const DeviceList &list,
                                         const QByteArray &self);

} // namespace epochkeyring

} // namespace feedback::sync
