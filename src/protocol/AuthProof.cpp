#include "AuthProof.h"

#include "Ed25519.h"

#include <sodium.h>

namespace feedback::protocol {

QByteArray AuthProof::newChallenge()
{
    ed25519::initialise();
    QByteArray nonce(32, Qt::Uninitialized);
    randombytes_buf(nonce.data(), static_cast<size_t>(nonce.size()));
    return nonce;
}

// Context /2: protocol 3 proves the device key, not the workspace key as /1 did.
QByteArray AuthProof::message(const QByteArray &nonce, const QByteArray &workspace,
                              const QByteArray &device)
{
    return QByteArrayLiteral("courier-feedback/auth/2") + nonce + workspace + device;
}

QByteArray AuthProof::sign(const QByteArray &deviceSecretKey64, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device)
{
    return ed25519::sign(deviceSecretKey64, message(nonce, workspace, device));
}

bool AuthProof::verify(const QByteArray &devicePublicKey32, const QByteArray &nonce,
                       const QByteArray &workspace, const QByteArray &device,
                       const QByteArray &signature)
{
    if (nonce.size() != 32 || workspace.size() != 32 || device.size() != 16)
        return false;
    return ed25519::verify(devicePublicKey32, message(nonce, workspace, device), signature);
}

QByteArray AuthProof::signForPeer(const QByteArray &deviceSecretKey64, const QByteArray &nonce,
                                  const QByteArray &workspace, const QByteArray &device,
                                  const QByteArray &peer)
{
    return ed25519::sign(deviceSecretKey64, QByteArrayLiteral("courier-feedback/peer-auth/1") +
                                                nonce + workspace + device + peer);
}

bool AuthProof::verifyPeer(const QByteArray &devicePublicKey32, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device,
                           const QByteArray &peer, const QByteArray &signature)
{
    if (nonce.size() != 32 || workspace.size() != 32 || device.size() != 16 || peer.size() != 16)
        return false;
    return ed25519::verify(devicePublicKey32,
                           QByteArrayLiteral("courier-feedback/peer-auth/1") + nonce + workspace +
                               device + peer,
                           signature);
}

} // namespace feedback::protocol
