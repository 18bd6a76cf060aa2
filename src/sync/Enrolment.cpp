#include "Enrolment.h"

#include "DeviceCredentials.h"

#include <store/StoredValue.h>

namespace feedback::sync {

namespace {
// Sealed in the store under this name since the first release.
const store::StoredKey<QByteArray> kWorkspaceSecret{QStringLiteral("workspace"),
                                                    store::StoredKey<QByteArray>::Kind::Secret};
} // namespace

Status enrol(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite,
             const QString &deviceName)
{
    const auto keys = WorkspaceKeys::fromSecret(invite.secret);
    if (!keys)
        return Status::failure(keys);
    if (Status s = profile.set(store::settings::kDeviceName, deviceName); !s)
        return s;
    if (Status s = profile.set(store::settings::kRelayUrl, invite.relayUrl); !s)
        return s;
    if (Status s = store::setStored(store, kWorkspaceSecret, invite.secret); !s)
        return s;
    // Its own key and certificate: the relay authenticates the device by them.
    const auto credentials = DeviceCredentials::ensure(store, *keys, store.deviceId(), deviceName);
    if (!credentials)
        return Status::failure(credentials);
    return Ok{};
}

Result<WorkspaceKeys> workspaceKeysOf(const store::FeedbackStore &store)
{
    const auto secret = store::findStored(store, kWorkspaceSecret);
    if (!secret)
        return Result<WorkspaceKeys>::failure(
            QStringLiteral("This profile belongs to no workspace: create it with `init` or "
                           "`join CODE`."));
    return WorkspaceKeys::fromSecret(*secret);
}

std::optional<QString> inviteCodeOf(const store::FeedbackStore &store, const QString &relayUrl)
{
    const auto secret = store::findStored(store, kWorkspaceSecret);
    if (!secret)
        return std::nullopt;
    return InviteCode::encode({relayUrl, *secret});
}

} // namespace feedback::sync
