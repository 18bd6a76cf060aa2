// Membership proofs: a device signs the relay's fresh challenge with its own Ed25519 device key;
// the relay checks it against the public key of the device's certificate (which the workspace
// key signed). No account database, no secret on the wire, and a signature is bound to one
// challenge, workspace and device, so it cannot be replayed.
#pragma once

#include <QByteArray>

namespace feedback::protocol {

class AuthProof
{
public:
    static QByteArray newChallenge(); // 32 random bytes
    static QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device);
    static bool verify(const QByteArray &devicePublicKey32, const QByteArray &nonce,
                       const QByteArray &workspace, const QByteArray &device,
                       const QByteArray &signature);

private:
    static QByteArray message(const QByteArray &nonce, const QByteArray &workspace,
                              const QByteArray &device);
};

} // namespace feedback::protocol
