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

    // Between two devices (nearby devices): the proof names the device it answers too, and has
    // its own context, so that a peer cannot pass a relay's challenge on and use the answer to
    // pass as this device at the relay (or at another peer).
    static QByteArray signForPeer(const QByteArray &deviceSecretKey64, const QByteArray &nonce,
                                  const QByteArray &workspace, const QByteArray &device,
                                  const QByteArray &peer);
    static bool verifyPeer(const QByteArray &devicePublicKey32, const QByteArray &nonce,
                           const QByteArray &workspace, const QByteArray &device,
                           const QByteArray &peer, const QByteArray &signature);

private:
    static QByteArray message(const QByteArray &nonce, const QByteArray &workspace,
                              const QByteArray &device);
};

} // namespace feedback::protocol
