// A device certificate: a full device, holding the workspace signing key, states that a device
// id belongs to the workspace with this public key and role, optionally until a time. The relay
// admits a device by it; every device checks unit signatures against it. Format (PROTOCOL.md):
// CBOR [body, signature(64)], body = [1, workspace(32), device(16), publicKey(32), role, name,
// issuedAt ms, expiresAt ms (0 = never)], signed over "courier-feedback/cert/1" ‖ body.
#pragma once

#include "Messages.h"

#include <QByteArray>
#include <QString>

#include <common/Result.h>

namespace feedback::protocol {

struct DeviceCertificate
{
    static constexpr qsizetype kMaxNameCharacters = 64;

    QByteArray workspace; // 32 bytes, the workspace id
    QByteArray device;    // 16 bytes
    QByteArray publicKey; // 32 bytes, the device's Ed25519 key
    Role role = Role::Full;
    QString name;
    qint64 issuedAtMs = 0;
    qint64 expiresAtMs = 0; // 0 = never
    QByteArray bytes;       // the certificate as verified (verify() keeps its input)

    bool expiredAt(qint64 nowMs) const { return expiresAtMs != 0 && expiresAtMs <= nowMs; }

    // The certificate bytes for `fields` (bytes ignored), signed with the workspace key (64
    // bytes). The workspace field is the key's public half when `fields.workspace` is empty.
    // Empty when a field is out of shape (sizes, a name over 64 characters, negative times).
    static QByteArray issue(const QByteArray &workspaceSigningKey64,
                            const DeviceCertificate &fields);
    // Shape, sizes, the signature against `workspaceId` and the workspace field; not expiry
    // (expiredAt). BadData (TooLarge over 1,024 bytes) with a description otherwise.
    static Result<DeviceCertificate> verify(const QByteArray &bytes, const QByteArray &workspaceId)
    {
        return verify(bytes, workspaceId, workspaceId);
    }
    // The same, signed by `authority`: the workspace key of a later epoch (EpochStatement.h).
    static Result<DeviceCertificate> verify(const QByteArray &bytes, const QByteArray &workspaceId,
                                            const QByteArray &authority);
};

} // namespace feedback::protocol
