// Makes a freshly created profile a device of a workspace: the workspace secret sealed in the
// store, the relay URL and the device's name in the profile settings. Shared by feedbackctl
// init/join and the app's first start.
#pragma once
#include "InviteCode.h"
#include "WorkspaceKeys.h"

#include <store/FeedbackStore.h>
#include <store/Profile.h>

namespace feedback::sync {

Status enrol(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite,
             const QString &deviceName);

// The workspace keys of an enrolled profile; a clear error when it belongs to none.
Result<WorkspaceKeys> workspaceKeysOf(const store::FeedbackStore &store);

// An invite code for another device of this profile's workspace, pointing at `relayUrl`;
// nothing when the profile belongs to no workspace. The code holds the workspace key.
std::optional<QString> inviteCodeOf(const store::FeedbackStore &store, const QString &relayUrl);

// The invite of a new kiosk named `name`, made on a full device (for an envelope, InviteIssuer):
// it holds the kiosk's own key and certificate and the workspace's public keys, nothing that
// opens a unit. `device`: the new kiosk's device id (16 bytes).
Result<Invite> kioskInviteOf(const store::FeedbackStore &store, const QString &relayUrl,
                             const QString &name, QByteArray &device);

} // namespace feedback::sync
