// The origin device's signature on a unit of the log: no member of a workspace can write under
// another device's origin, since the relay and every device check it against the origin's
// certificate key. Ed25519 over "courier-feedback/unit/1" ‖ workspace(32) ‖ origin(16) ‖
// seq (8, big-endian) ‖ count (8, big-endian) ‖ BLAKE2b-256(sealed).
#pragma once

#include "Messages.h"

#include <QByteArray>

namespace feedback::protocol::unitsignature {

// 64 bytes; empty when the key is not 64 bytes. unit.signature is not read.
QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &workspace,
                const SealedDelta &unit);
// unit.signature against the origin's public key (false for an empty signature).
bool verify(const QByteArray &devicePublicKey32, const QByteArray &workspace,
            const SealedDelta &unit);
// The index of the first of `units` whose signature does not hold under `devicePublicKey32`, or
// -1 when all hold. A large batch is split across the global thread pool beside the calling
// thread: a check costs tens of microseconds, the most of what a relay spends on a pushed unit.
qsizetype firstForged(const QByteArray &devicePublicKey32, const QByteArray &workspace,
                      const QList<SealedDelta> &units);
// The same on at most `threads` threads (tests: the split whatever the machine's cores).
qsizetype firstForged(const QByteArray &devicePublicKey32, const QByteArray &workspace,
                      const QList<SealedDelta> &units, int threads);

} // namespace feedback::protocol::unitsignature
