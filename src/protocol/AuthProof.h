// Membership proofs: a device signs the relay's fresh challenge with the workspace's Ed25519
// key; the relay checks it against the workspace id, which is the public key. No account
// database, no secret on the wire, and a signature is bound to one challenge, workspace and
// device, so it cannot be replayed.
#pragma once

#include <QByteArray>

namespace feedback::protocol {

class AuthProof
{
public:
    static QByteArray newChallenge(); // 32 random bytes
    static QByteArray sign(const QByteArray &secretKey64, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device);
    static bool verify(const QByteArray &workspace, const QByteArray &nonce,
                       const QByteArray &device, const QByteArray &signature);

private:
    static QByteArray message(const QByteArray &nonce, const QByteArray &workspace,
                              const QByteArray &device);
};

} // namespace feedback::protocol
