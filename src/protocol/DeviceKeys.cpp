#include "DeviceKeys.h"

#include "Ed25519.h"

#include <sodium.h>

namespace feedback::protocol {

DeviceKeyPair DeviceKeyPair::generate()
{
    ed25519::initialise();
    DeviceKeyPair pair;
    pair.publicKey = QByteArray(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    pair.secretKey = QByteArray(crypto_sign_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_sign_keypair(reinterpret_cast<unsigned char *>(pair.publicKey.data()),
                        reinterpret_cast<unsigned char *>(pair.secretKey.data()));
    return pair;
}

} // namespace feedback::protocol
