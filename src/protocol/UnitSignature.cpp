#include "UnitSignature.h"

#include "Ed25519.h"

#include <QtEndian>

#include <sodium.h>

namespace feedback::protocol::unitsignature {

namespace {

QByteArray bigEndian(quint64 v)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

// What is signed: the unit's place in the log and a digest of its bytes.
QByteArray message(const QByteArray &workspace, const SealedDelta &unit)
{
    ed25519::initialise();
    QByteArray digest(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(digest.data()),
                       static_cast<size_t>(digest.size()),
                       reinterpret_cast<const unsigned char *>(unit.sealed.constData()),
                       static_cast<unsigned long long>(unit.sealed.size()), nullptr, 0);
    return QByteArrayLiteral("courier-feedback/unit/1") + workspace + unit.origin +
           bigEndian(unit.seq) + bigEndian(unit.count) + digest;
}

} // namespace

QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &workspace,
                const SealedDelta &unit)
{
    return ed25519::sign(deviceSecretKey64, message(workspace, unit));
}

bool verify(const QByteArray &devicePublicKey32, const QByteArray &workspace,
            const SealedDelta &unit)
{
    return ed25519::verify(devicePublicKey32, message(workspace, unit), unit.signature);
}

} // namespace feedback::protocol::unitsignature
