// A device's own Ed25519 key pair, made at enrolment: it proves the device in the handshake
// (AuthProof) and signs every unit the device writes (UnitSignature). Only the device holds
// the secret half; its certificate carries the public half.
#pragma once

#include <QByteArray>

namespace feedback::protocol {

struct DeviceKeyPair
{
    QByteArray publicKey; // 32 bytes
    QByteArray secretKey; // 64 bytes (libsodium layout), never logged
    static DeviceKeyPair generate();
};

} // namespace feedback::protocol
