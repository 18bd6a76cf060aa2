// The maker's signature on one part of a snapshot: only a full device of the workspace can give
// the relay a snapshot, and a device applies one only when every part verifies against the
// maker's certificate key. Ed25519 over "courier-feedback/snapshot/1" ‖ workspace(32) ‖
// maker(16) ‖ id(16) ‖ part (8, big-endian) ‖ parts (8, big-endian) ‖ BLAKE2b-256(covers as on
// the wire) ‖ BLAKE2b-256(sealed).
#pragma once

#include "Messages.h"

#include <QByteArray>

namespace feedback::protocol::snapshotsignature {

// 64 bytes; empty when the key is not 64 bytes. part.signature is not read.
QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &workspace,
                const QByteArray &maker, const SnapshotPart &part);
bool verify(const QByteArray &devicePublicKey32, const QByteArray &workspace,
            const QByteArray &maker, const SnapshotPart &part);

} // namespace feedback::protocol::snapshotsignature
