#include "Enrolment.h"

#include "DeviceCredentials.h"
#include "EpochKeyring.h"

#include <QCborArray>
#include <QCborValue>

#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <store/RowSealer.h>
#include <store/Sealer.h>
#include <store/StoredValue.h>

namespace feedback::sync {

namespace {

// The invite's relay, and further relays of the same database when its code named any.
Status setRelays(const store::Profile &profile, const Invite &invite)
{
    if (Status s = profile.set(store::settings::kRelayUrl, invite.relayUrl); !s)
        return s;
    if (invite.fallbackRelays.isEmpty())
        return Ok{};
    return profile.set(store::settings::kRelayFallbacks,
                       invite.fallbackRelays.join(QLatin1Char(' ')));
}

// Sealed in the store under this name since the first release.
const store::StoredKey<QByteArray> kWorkspaceSecret{QStringLiteral("workspace"),
                                                    store::StoredKey<QByteArray>::Kind::Secret};
// A kiosk's instead: the workspace id and the key it seals to (32 + 32 bytes, public).
const store::StoredKey<QByteArray> kKioskKeys{QStringLiteral("workspace/public")};
// A kiosk invited after the keys changed: CBOR [epoch, authority(32)] of its box key.
const store::StoredKey<QByteArray> kKioskEpoch{QStringLiteral("workspace/public/epoch")};

Result<WorkspaceKeys> kioskKeysOf(const store::FeedbackStore &store, const QByteArray &kept)
{
    const QCborArray epoch =
        QCborValue::fromCbor(store::findStored(store, kKioskEpoch).value_or(QByteArray()))
            .toArray();
    if (epoch.size() == 2 && epoch.at(0).isInteger() && epoch.at(1).isByteArray())
        return WorkspaceKeys::forKiosk(kept.left(32), kept.mid(32),
                                       static_cast<quint64>(epoch.at(0).toInteger()),
                                       epoch.at(1).toByteArray());
    return WorkspaceKeys::forKiosk(kept.left(32), kept.mid(32));
}

Status enrolKiosk(const store::Profile &profile, store::FeedbackStore &store, const Invite &invite)
{
    const KioskEnrolment &kiosk = *invite.kiosk;
    const auto keys = WorkspaceKeys::forKiosk(kiosk.workspaceId, kiosk.boxPublicKey, kiosk.epoch,
                                              kiosk.authority);
    if (!keys)
        return Status::failure(keys);
    const auto certificate = keys->verifyCertificate(kiosk.certificate);
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
    if (Status s = setRelays(profile, invite); !s)
        return s;
    if (kiosk.epoch > 0)
        if (Status s = store::setStored(
                store, kKioskEpoch,
                QCborValue(QCborArray{static_cast<qint64>(kiosk.epoch), kiosk.authority}).toCbor());
            !s)
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
    auto keys = WorkspaceKeys::fromSecret(invite.secret);
    if (!keys)
        return Status::failure(keys);
    for (const auto &[epoch, secret] : invite.epochSecrets)
        if (Status s = keys->addEpochSecret(epoch, secret); !s)
            return s;
    if (Status s = profile.set(store::settings::kDeviceName, deviceName); !s)
        return s;
    if (Status s = setRelays(profile, invite); !s)
        return s;
    if (Status s = store::setStored(store, kWorkspaceSecret, invite.secret); !s)
        return s;
    if (Status s = epochkeyring::save(store, *keys); !s)
        return s;
    // Its own key and certificate: the relay authenticates the device by them.
    const auto credentials = DeviceCredentials::ensure(store, *keys, store.deviceId(), deviceName);
    if (!credentials)
        return Status::failure(credentials);
    return Ok{};
}

Result<WorkspaceKeys> workspaceKeysOf(const store::FeedbackStore &store)
{
    std::optional<Result<WorkspaceKeys>> keys;
    if (const auto secret = store::findStored(store, kWorkspaceSecret))
        keys = WorkspaceKeys::fromSecret(*secret);
    else if (const auto kiosk = store::findStored(store, kKioskKeys))
        keys = kioskKeysOf(store, *kiosk);
    if (keys && *keys) {
        if (Status s = epochkeyring::load(store, **keys); !s)
            return Result<WorkspaceKeys>::failure(s);
    }
    if (keys)
        return std::move(*keys);
    return Result<WorkspaceKeys>::failure(
        QStringLiteral("This profile belongs to no workspace: create it with `init` or "
                       "`join CODE`."));
}

std::optional<QString> inviteCodeOf(const store::FeedbackStore &store, const QString &relayUrl)
{
    const auto secret = store::findStored(store, kWorkspaceSecret);
    const auto keys = workspaceKeysOf(store);
    if (!secret || !keys)
        return std::nullopt;
    Invite invite{relayUrl, *secret, std::nullopt};
    invite.epochSecrets = keys->epochSecrets();
    return InviteCode::encode(invite);
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
    KioskEnrolment kiosk{keys->workspaceId(), keys->boxPublicKey(), pair.secretKey, certificate};
    if (keys->epoch() > 0) {
        kiosk.epoch = keys->epoch();
        kiosk.authority = keys->authority();
    }
    return Invite{relayUrl, QByteArray(), std::move(kiosk)};
}

} // namespace feedback::sync
