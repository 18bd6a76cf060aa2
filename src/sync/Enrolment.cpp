#include "Enrolment.h"

#include "DeviceCredentials.h"

#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <store/RowSealer.h>
#include <store/Sealer.h>
#include <store/StoredValue.h>

namespace feedback::sync {

namespace {
// Sealed in the store under this name since the first release.
const store::StoredKey<QByteArray> kWorkspaceSecret{QStringLiteral("workspace"),
                                                    store::StoredKey<QByteArray>::Kind::Secret};
// A kiosk's instead: the workspace id and the key it seals to (32 + 32 bytes, public).
const store::StoredKey<QByteArray> kKioskKeys{QStringLiteral("workspace/public")};

Status enrolKiosk(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite)
{
    const KioskEnrolment &kiosk = *invite.kiosk;
    const auto keys = WorkspaceKeys::forKiosk(kiosk.workspaceId, kiosk.boxPublicKey);
    if (!keys)
        return Status::failure(keys);
    const auto certificate =
        protocol::DeviceCertificate::verify(kiosk.certificate, kiosk.workspaceId);
    if (!certificate || certificate->role != protocol::Role::Kiosk)
        return Status::failure(
            QStringLiteral("This invite code is damaged (its certificate does not verify)."),
            ErrorKind::BadData);
    const auto device = store::RowSealer::replicaFromBytes(certificate->device);
    if (!device)
        return Status::failure(QStringLiteral("This invite code is damaged (no device id)."),
                               ErrorKind::BadData);
    if (Status s = store.adoptDeviceId(*device); !s)
        return s;
    if (Status s = DeviceCredentials::adopt(store, *keys, *device, kiosk.deviceSecretKey,
                                            kiosk.certificate);
        !s)
        return s;
    if (Status s = profile.set(store::settings::kDeviceName, certificate->name); !s)
        return s;
    if (Status s = profile.set(store::settings::kRelayUrl, invite.relayUrl); !s)
        return s;
    return store::setStored(store, kKioskKeys, QByteArray(kiosk.workspaceId + kiosk.boxPublicKey));
}

} // namespace

Status enrol(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite,
             const QString &deviceName)
{
    if (invite.ticket) // the relay holds what the device needs: InviteClaim gets it first
        return Status::failure(QStringLiteral("This invite must be claimed from the relay first."));
    if (invite.kiosk)
        return enrolKiosk(profile, store, invite);
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
    if (const auto secret = store::findStored(store, kWorkspaceSecret))
        return WorkspaceKeys::fromSecret(*secret);
    if (const auto kiosk = store::findStored(store, kKioskKeys))
        return WorkspaceKeys::forKiosk(kiosk->left(32), kiosk->mid(32));
    return Result<WorkspaceKeys>::failure(
        QStringLiteral("This profile belongs to no workspace: create it with `init` or "
                       "`join CODE`."));
}

std::optional<QString> inviteCodeOf(const store::FeedbackStore &store, const QString &relayUrl)
{
    const auto secret = store::findStored(store, kWorkspaceSecret);
    if (!secret)
        return std::nullopt;
    return InviteCode::encode({relayUrl, *secret, std::nullopt});
}

Result<Invite> kioskInviteOf(const store::FeedbackStore &store, const QString &relayUrl,
                             const QString &name, QByteArray &device)
{
    const auto keys = workspaceKeysOf(store);
    if (!keys)
        return Result<Invite>::failure(keys);
    if (!keys->canRead())
        return Result<Invite>::failure(QStringLiteral("A kiosk cannot invite devices."));
    // The kiosk's key is made here, with its certificate: a kiosk holds no workspace key to
    // certify one itself. This device forgets the key once the code is made.
    if (name.size() > protocol::DeviceCertificate::kMaxNameCharacters)
        return Result<Invite>::failure(
            QStringLiteral("A kiosk's name must be printable, at most 64 characters."),
            ErrorKind::BadData);
    const protocol::DeviceKeyPair pair = protocol::DeviceKeyPair::generate();
    std::optional<ReplicaId> replica;
    while (!replica || replica->isNull())
        replica = store::RowSealer::replicaFromBytes(store::Sealer::randomBytes(16));
    device = store::RowSealer::replicaBytes(*replica);
    const QByteArray certificate = DeviceCredentials::issueCertificate(
        *keys, device, pair.publicKey, protocol::Role::Kiosk, name);
    if (certificate.isEmpty())
        return Result<Invite>::failure(
            QStringLiteral("A kiosk's name must be printable, at most 64 characters."),
            ErrorKind::BadData);
    return Invite{
        relayUrl, QByteArray(),
        KioskEnrolment{keys->workspaceId(), keys->boxPublicKey(), pair.secretKey, certificate}};
}

} // namespace feedback::sync
