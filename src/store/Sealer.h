// Authenticated encryption of rows and key material: XChaCha20-Poly1305 (libsodium) with a
// random nonce per seal and associated data that binds a ciphertext to where it belongs, so a
// sealed row copied into another row or table fails to open.
#pragma once

#include "SecretKey.h"

#include <QByteArray>

#include <common/Result.h>

namespace feedback::store {

class Sealer
{
public:
    static constexpr qsizetype kOverhead = 24 + 16; // nonce + tag

    static bool initialise(); // sodium_init; safe to call repeatedly
    static QByteArray seal(const SecretKey &key, const QByteArray &plaintext,
                           const QByteArray &associatedData);
    static Result<QByteArray> open(const SecretKey &key, const QByteArray &sealed,
                                   const QByteArray &associatedData);
    static QByteArray randomBytes(qsizetype n);
    // A keyed hash (BLAKE2b) for lookups that must not reveal content (import idempotency).
    static QByteArray keyedHash(const SecretKey &key, const QByteArray &data);
};

} // namespace feedback::store
