#include "Ed25519.h"

#include <QCborValue>

#include <common/CborInput.h>
#include <sodium.h>

namespace feedback::protocol::ed25519 {

namespace {

const unsigned char *bytesOf(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}

} // namespace

void initialise()
{
    static const bool ok = sodium_init() >= 0;
    Q_UNUSED(ok);
}

QByteArray digest(const QByteArray &bytes)
{
    initialise();
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()),
                       static_cast<size_t>(out.size()),
                       reinterpret_cast<const unsigned char *>(bytes.constData()),
                       static_cast<unsigned long long>(bytes.size()), nullptr, 0);
    return out;
}

QByteArray sign(const QByteArray &secretKey64, const QByteArray &message)
{
    initialise();
    if (secretKey64.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    QByteArray signature(crypto_sign_BYTES, Qt::Uninitialized);
    crypto_sign_detached(reinterpret_cast<unsigned char *>(signature.data()), nullptr,
                         bytesOf(message), static_cast<unsigned long long>(message.size()),
                         bytesOf(secretKey64));
    return signature;
}

bool verify(const QByteArray &publicKey32, const QByteArray &message, const QByteArray &signature)
{
    initialise();
    if (publicKey32.size() != crypto_sign_PUBLICKEYBYTES || signature.size() != crypto_sign_BYTES)
        return false;
    return crypto_sign_verify_detached(bytesOf(signature), bytesOf(message),
                                       static_cast<unsigned long long>(message.size()),
                                       bytesOf(publicKey32)) == 0;
}

QByteArray publicKeyOf(const QByteArray &secretKey64)
{
    if (secretKey64.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    return secretKey64.right(crypto_sign_PUBLICKEYBYTES);
}

QByteArray seal(const QByteArray &secretKey64, const QByteArray &context, const QByteArray &body)
{
    return QCborValue(QCborArray{body, sign(secretKey64, context + body)}).toCbor();
}

Result<QCborArray> open(const QByteArray &bytes, qsizetype maxBytes, const QByteArray &context,
                        const QByteArray &publicKey32, const char *what)
{
    const QString name = QLatin1String(what);
    if (bytes.isEmpty() || bytes.size() > maxBytes)
        return Result<QCborArray>::failure(QStringLiteral("%1: %2 bytes, expected 1..%3")
                                               .arg(name)
                                               .arg(bytes.size())
                                               .arg(maxBytes),
                                           bytes.isEmpty() ? ErrorKind::BadData
                                                           : ErrorKind::TooLarge);
    const QCborValue outer = exactCbor(bytes);
    const QCborArray envelope = outer.toArray();
    if (!outer.isArray() || envelope.size() != 2 || !envelope.at(0).isByteArray() ||
        !envelope.at(1).isByteArray() || envelope.at(1).toByteArray().size() != crypto_sign_BYTES)
        return Result<QCborArray>::failure(name + QStringLiteral(": not [body, signature(64)]"),
                                           ErrorKind::BadData);
    const QByteArray body = envelope.at(0).toByteArray();
    if (!verify(publicKey32, context + body, envelope.at(1).toByteArray()))
        return Result<QCborArray>::failure(
            name + QStringLiteral(": the signature does not verify for this workspace"),
            ErrorKind::BadData);
    const QCborValue inner = exactCbor(body);
    if (!inner.isArray())
        return Result<QCborArray>::failure(name + QStringLiteral(": the body is not an array"),
                                           ErrorKind::BadData);
    return inner.toArray();
}

} // namespace feedback::protocol::ed25519
