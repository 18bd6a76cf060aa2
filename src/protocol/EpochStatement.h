// An epoch statement: when a full device is revoked, a remaining full device draws a new epoch
// secret and states, signed with the previous epoch's authority key, the new epoch's public
// keys: its authority (which signs certificates, revocations and the next statement from then
// on) and its box key (what kiosks seal to). The secret itself travels sealed to each remaining
// full device's own key (EpochEnvelope). Format (PROTOCOL.md, "Key epochs"): CBOR [body,
// signature(64)], body = [1, workspace(32), epoch, authority(32), boxKey(32), issuedAt ms,
// [excluded device(16)...]], signed over "courier-feedback/epoch/1" ‖ body.
#pragma once

#include <QByteArray>
#include <QList>

#include <common/Result.h>

namespace feedback::protocol {

struct EpochStatement
{
    static constexpr qsizetype kMaxBytes = 2048;
    static constexpr quint64 kMaxEpoch = 64;       // rotations one workspace may go through
    static constexpr qsizetype kMaxExcluded = 100; // revoked devices one statement shuts out

    QByteArray workspace; // 32 bytes
    quint64 epoch = 0;    // 1..kMaxEpoch; epoch 0 is the workspace secret's
    QByteArray authority; // 32 bytes: Ed25519 public key of the epoch
    QByteArray boxKey;    // 32 bytes: X25519 public key of the epoch
    qint64 issuedAtMs = 0;
    QList<QByteArray> excluded; // the revoked devices this rotation shuts out (16 bytes each)
    QByteArray bytes;           // the statement as verified

    // Signed with the previous epoch's authority secret key (64 bytes); empty when a field is
    // out of shape.
    static QByteArray issue(const QByteArray &previousAuthoritySecretKey64,
                            const EpochStatement &fields);
    // Shape, sizes, the signature against `previousAuthority` and the workspace field. BadData
    // (TooLarge over kMaxBytes) with a description otherwise.
    static Result<EpochStatement> verify(const QByteArray &bytes, const QByteArray &workspaceId,
                                         const QByteArray &previousAuthority);
};

// The epoch secret (32 bytes) sealed to one device's Ed25519 key, converted to X25519
// (crypto_sign_ed25519_pk_to_curve25519, crypto_box_seal): 80 bytes.
namespace epochenvelope {
constexpr qsizetype kBytes = 80;
QByteArray seal(const QByteArray &secret32, const QByteArray &devicePublicKey32);
// Empty when it does not open with the device's secret key (64 bytes).
QByteArray open(const QByteArray &envelope, const QByteArray &deviceSecretKey64);
} // namespace epochenvelope

} // namespace feedback::protocol
