// A revocation: a full device, holding the workspace signing key, removes a device id from the
// workspace for good (a grow-only set; a device comes back only by a new enrolment under a new
// id). Format (PROTOCOL.md): CBOR [body, signature(64)], body = [1, workspace(32), device(16),
// revokedAt ms], signed over "courier-feedback/revoke/1" ‖ body.
#pragma once

#include <QByteArray>

#include <common/Result.h>

namespace feedback::protocol {

struct Revocation
{
    QByteArray workspace; // 32 bytes
    QByteArray device;    // 16 bytes
    qint64 revokedAtMs = 0;
    QByteArray bytes; // the revocation as verified

    // Empty when a field is out of shape.
    static QByteArray issue(const QByteArray &workspaceSigningKey64, const QByteArray &workspace,
                            const QByteArray &device, qint64 revokedAtMs);
    // Shape, sizes, the signature against `workspaceId` and the workspace field. BadData
    // (TooLarge over 512 bytes) with a description otherwise.
    static Result<Revocation> verify(const QByteArray &bytes, const QByteArray &workspaceId)
    {
        return verify(bytes, workspaceId, workspaceId);
    }
    // The same, signed by `authority`: the workspace key of a later epoch (EpochStatement.h).
    static Result<Revocation> verify(const QByteArray &bytes, const QByteArray &workspaceId,
                                     const QByteArray &authority);
};

} // namespace feedback::protocol
