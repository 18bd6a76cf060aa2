#include "AuthProof.h"

#include <QStringBuilder>

#include <sodium.h>

namespace feedback::protocol {

namespace {
void initialise()
{
    static const bool ok = sodium_init() >= 0;
    Q_UNUSED(ok);
}
} // namespace

QByteArray AuthProof::newChallenge()
{
    initialise();
    QByteArray nonce(32, Qt::Uninitialized);
    randombytes_buf(nonce.data(), static_cast<size_t>(nonce.size()));
    return nonce;
}

QByteArray AuthProof::message(const QByteArray &nonce, const QByteArray &workspace,
                              const QByteArray &device)
{
    return QByteArrayLiteral("courier-feedback/auth/1") + nonce + workspace + device;
}

QByteArray AuthProof::sign(const QByteArray &secretKey64, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device)
{
    initialise();
    if (secretKey64.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    const QByteArray m = message(nonce, workspace, device);
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         reinterpret_cast<const unsigned char *>(m.constData()),
                         static_cast<unsigned long long>(m.size()),
                         reinterpret_cast<const unsigned char *>(secretKey64.constData()));
    return signature;
}

bool AuthProof::verify(const QByteArray &workspace, const QByteArray &nonce,
                       const QByteArray &device, const QByteArray &signature)
{
    initialise();
    if (workspace.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES ||
        nonce.size() != 32)
        return false;
    const QByteArray m = message(nonce, workspace, device);
    return crypto_sign_verify_detached(
               reinterpret_cast<const unsigned char *>(signature.constData()),
               reinterpret_cast<const unsigned char *>(m.constData()),
               static_cast<unsigned long long>(m.size()),
               reinterpret_cast<const unsigned char *>(workspace.constData())) == 0;
}

} // namespace feedback::protocol
