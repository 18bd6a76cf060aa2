// A database key wrapped with a passphrase (Argon2id through crypto_pwhash), for machines
// without an OS keychain. The file holds the KDF parameters, a salt and the sealed key; it is
// useless without the passphrase.
#pragma once

#include "SecretKey.h"

#include <QString>

#include <common/Result.h>

namespace feedback::store {

class KeyFile
{
public:
    struct Limits
    {
        quint64 ops;
        quint64 mem;
    };
    // Moderate by default; FEEDBACK_KDF=interactive selects libsodium's interactive limits
    // (tests, slow field boxes).
    static Limits defaultLimits();

    static Status write(const QString &path, const SecretKey &key, const QByteArray &passphrase,
                        Limits limits = defaultLimits());
    static Result<SecretKey> read(const QString &path, const QByteArray &passphrase);
};

} // namespace feedback::store
