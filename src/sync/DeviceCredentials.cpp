#include "DeviceCredentials.h"

#include <QDateTime>

#include <common/LogCategories.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <sodium.h>
#include <store/RowSealer.h>
#include <store/StoredValue.h>

namespace feedback::sync {

namespace {

store::StoredKey<QByteArray> keyOf(const ReplicaId &identity)
{
    return {QStringLiteral("device/key/") + replicaIdToString(identity),
            store::StoredKey<QByteArray>::Kind::Secret};
}

store::StoredKey<QByteArray> certificateOf(const ReplicaId &identity)
{
    return {QStringLiteral("device/certificate/") + replicaIdToString(identity)};
}

// The first characters a certificate holds (never half a surrogate pair).
QString certificateName(const QString &name)
{
    QString out;
    qsizetype count = 0;
    for (qsizetype i = 0;
         i < name.size() && count < protocol::DeviceCertificate::kMaxNameCharacters; ++count) {
        const qsizetype width = name.at(i).isHighSurrogate() && i + 1 < name.size() ? 2 : 1;
        out += name.mid(i, width);
        i += width;
    }
    return out;
}

std::optional<protocol::DeviceCertificate> certificateFor(const store::FeedbackStore &store,
                                                          const WorkspaceKeys &keys,
                                                          const ReplicaId &identity)
{
    const auto bytes = store::findStored(store, certificateOf(identity));
    if (!bytes)
        return std::nullopt;
    auto certificate = keys.verifyCertificate(*bytes);
    if (!certificate || certificate->device != store::RowSealer::replicaBytes(identity))
        return std::nullopt;
    return std::move(*certificate);
}

} // namespace

QString roleName(protocol::Role role)
{
    return role == protocol::Role::Kiosk ? QStringLiteral("kiosk") : QStringLiteral("full");
}

std::optional<DeviceCredentials> DeviceCredentials::find(const store::FeedbackStore &store,
                                                         const ReplicaId &identity)
{
    auto secretKey = store::findStored(store, keyOf(identity));
    auto certificate = store::findStored(store, certificateOf(identity));
    if (!secretKey || secretKey->size() != crypto_sign_SECRETKEYBYTES || !certificate)
        return std::nullopt;
    return DeviceCredentials{std::move(*secretKey), std::move(*certificate)};
}

Result<DeviceCredentials> DeviceCredentials::ensure(store::FeedbackStore &store,
                                                    const WorkspaceKeys &keys,
                                                    const ReplicaId &identity, const QString &name)
{
    if (auto found = find(store, identity);
        found && certificateFor(store, keys, identity).has_value())
        return std::move(*found);
    // The key is written first: a crash before the certificate leaves a key, which the next
    // call certifies (the relay binds a device id to the first key it sees certified).
    QByteArray secretKey = store::findStored(store, keyOf(identity)).value_or(QByteArray());
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES) {
        secretKey = protocol::DeviceKeyPair::generate().secretKey;
        if (Status s = store::setStored(store, keyOf(identity), secretKey); !s)
            return Result<DeviceCredentials>::failure(s);
    }
    if (!keys.canRead())
        return Result<DeviceCredentials>::failure(
            QStringLiteral("This kiosk profile was copied or restored and continues as a new "
                           "device, which only a full device can certify: invite the kiosk "
                           "again (feedbackctl invite --role kiosk)."));
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char *>(publicKey.data()),
                                 reinterpret_cast<const unsigned char *>(secretKey.constData()));
    const QByteArray certificate = issueCertificate(keys, store::RowSealer::replicaBytes(identity),
                                                    publicKey, protocol::Role::Full, name);
    if (certificate.isEmpty())
        return Result<DeviceCredentials>::failure(
            QStringLiteral("cannot issue a certificate for device %1")
                .arg(replicaIdToString(identity)));
    if (Status s = store::setStored(store, certificateOf(identity), certificate); !s)
        return Result<DeviceCredentials>::failure(s);
    qCInfo(lcSync).noquote() << "issued a device certificate for" << replicaIdToString(identity);
    return DeviceCredentials{secretKey, certificate};
}

QByteArray DeviceCredentials::issueCertificate(const WorkspaceKeys &keys, const QByteArray &device,
                                               const QByteArray &publicKey, protocol::Role role,
                                               const QString &name)
{
    protocol::DeviceCertificate fields;
    fields.workspace = keys.workspaceId();
    fields.device = device;
    fields.publicKey = publicKey;
    fields.role = role;
    fields.name = certificateName(name);
    fields.issuedAtMs = QDateTime::currentMSecsSinceEpoch();
    return protocol::DeviceCertificate::issue(keys.signingKey(), fields);
}

Status DeviceCredentials::adopt(store::FeedbackStore &store, const WorkspaceKeys &keys,
                                const ReplicaId &identity, const QByteArray &secretKey,
                                const QByteArray &certificate)
{
    const auto verified = keys.verifyCertificate(certificate);
    if (!verified)
        return Status::failure(verified);
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    if (secretKey.size() != crypto_sign_SECRETKEYBYTES)
        return Status::failure(QStringLiteral("the device key is damaged"), ErrorKind::BadData);
    crypto_sign_ed25519_sk_to_pk(reinterpret_cast<unsigned char *>(publicKey.data()),
                                 reinterpret_cast<const unsigned char *>(secretKey.constData()));
    if (verified->device != store::RowSealer::replicaBytes(identity) ||
        verified->publicKey != publicKey)
        return Status::failure(QStringLiteral("the certificate is not this device's"),
                               ErrorKind::BadData);
    if (Status s = store::setStored(store, keyOf(identity), secretKey); !s)
        return s;
    return store::setStored(store, certificateOf(identity), certificate);
}

QString DeviceCredentials::nameOf(const store::FeedbackStore &store, const WorkspaceKeys &keys,
                                  const ReplicaId &identity)
{
    const auto certificate = certificateFor(store, keys, identity);
    return certificate ? certificate->name : QString();
}

protocol::Role DeviceCredentials::roleOf(const store::FeedbackStore &store,
                                         const WorkspaceKeys &keys)
{
    const auto certificate = certificateFor(store, keys, store.deviceId());
    return certificate ? certificate->role : protocol::Role::Full;
}

} // namespace feedback::sync
