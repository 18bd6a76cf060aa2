#include "Enrolment.h"

namespace feedback::sync {

namespace {
const QString kWorkspaceSecret = QStringLiteral("workspace");
}

Status enrol(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite,
             const QString &deviceName)
{
    if (const auto keys = WorkspaceKeys::fromSecret(invite.secret); !keys)
        return Status::failure(keys);
    if (Status s = profile.setSetting(QStringLiteral("profile/name"), deviceName); !s)
        return s;
    if (Status s = profile.setSetting(QStringLiteral("sync/relayUrl"), invite.relayUrl); !s)
        return s;
    return store.setSecret(kWorkspaceSecret, invite.secret);
}

Result<WorkspaceKeys> workspaceKeysOf(const store::FeedbackStore &store)
{
    const auto secret = store.secret(kWorkspaceSecret);
    if (!secret)
        return Result<WorkspaceKeys>::failure(
            QStringLiteral("This profile belongs to no workspace: create it with `init` or "
                           "`join CODE`."));
    return WorkspaceKeys::fromSecret(*secret);
}

} // namespace feedback::sync
