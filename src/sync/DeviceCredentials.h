// Each identity of this profile (its device id, and an old id a copied or renumbered profile
// left behind) has its own Ed25519 key pair and a certificate signed with the workspace key
// (PROTOCOL.md, "Devices and signatures"). The secret key is sealed in the store under
// `device/key/<hex id>`, the certificate kept plain under `device/certificate/<hex id>`. The
// relay authenticates a connection by the key of its hello's device, and every unit is signed
// by its origin identity's key, so an old identity keeps signing its own pending units.
#pragma once

#include "WorkspaceKeys.h"

#include <QByteArray>
#include <QString>

#include <common/Result.h>
#include <core/FeedbackTypes.h>
#include <optional>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

struct DeviceCredentials
{
    QByteArray secretKey;   // 64 bytes: never logged, never in plaintext on disk
    QByteArray certificate; // as the hello carries it

    // What `identity` has, or nothing (a profile of protocol 2, or an id not enrolled yet).
    static std::optional<DeviceCredentials> find(const store::FeedbackStore &store,
                                                 const ReplicaId &identity);
    // What `identity` has; when it has none, a new key pair and a certificate issued with the
    // workspace key (full role, `name` cut to the certificate's 64 characters), both stored.
    // Enrolment, the first sync after an upgrade, and a renumbered identity come here.
    static Result<DeviceCredentials> ensure(store::FeedbackStore &store, const WorkspaceKeys &keys,
                                            const ReplicaId &identity, const QString &name);
    // A certificate for `device` (16 bytes) and its Ed25519 `publicKey`, issued now with the
    // workspace key; `name` cut to the certificate's 64 characters. Empty when a field is out
    // of shape or `keys` cannot sign (a kiosk's).
    static QByteArray issueCertificate(const WorkspaceKeys &keys, const QByteArray &device,
                                       const QByteArray &publicKey, protocol::Role role,
                                       const QString &name);
    // A kiosk's key and certificate, as its invite carries them: checked (the certificate
    // verifies for `keys`, names `identity` and the key's public half) before they are stored.
    static Status adopt(store::FeedbackStore &store, const WorkspaceKeys &keys,
                        const ReplicaId &identity, const QByteArray &secretKey,
                        const QByteArray &certificate);
    // The device name in `identity`'s certificate (empty when it has none).
    static QString nameOf(const store::FeedbackStore &store, const WorkspaceKeys &keys,
                          const ReplicaId &identity);
    // This device's role as its certificate says; full when it has none yet (a profile of
    // protocol 2, where every device held the workspace key).
    static protocol::Role roleOf(const store::FeedbackStore &store, const WorkspaceKeys &keys);
};

QString roleName(protocol::Role role); // "full", "kiosk"

} // namespace feedback::sync
