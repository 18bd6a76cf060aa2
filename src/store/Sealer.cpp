#include "Sealer.h"

#include <sodium.h>

namespace feedback::store {

SecretKey::~SecretKey()
{
    sodium_memzero(m_bytes.data(), m_bytes.size());
}

SecretKey SecretKey::random()
{
    Sealer::initialise();
    SecretKey key;
    randombytes_buf(key.m_bytes.data(), key.m_bytes.size());
    key.m_valid = true;
    return key;
}

SecretKey SecretKey::fromBytes(const QByteArray &bytes)
{
    SecretKey key;
    if (bytes.size() != static_cast<qsizetype>(kSize))
        return key;
    std::copy(bytes.begin(), bytes.end(), key.m_bytes.begin());
    key.m_valid = true;
    return key;
}

QByteArray SecretKey::toBytes() const
{
    return QByteArray(reinterpret_cast<const char *>(m_bytes.data()),
                      static_cast<qsizetype>(m_bytes.size()));
}

bool Sealer::initialise()
{
    static const bool ok = sodium_init() >= 0;
    return ok;
}

QByteArray Sealer::seal(const SecretKey &key, const QByteArray &plaintext,
                        const QByteArray &associatedData)
{
    initialise();
    QByteArray out(crypto_aead_xchacha20poly1305_ietf_NPUBBYTES + plaintext.size() +
                       crypto_aead_xchacha20poly1305_ietf_ABYTES,
                   Qt::Uninitialized);
    auto *nonce = reinterpret_cast<unsigned char *>(out.data());
    randombytes_buf(nonce, crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    unsigned long long written = 0;
    crypto_aead_xchacha20poly1305_ietf_encrypt(
        nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES, &written,
        reinterpret_cast<const unsigned char *>(plaintext.constData()),
        static_cast<unsigned long long>(plaintext.size()),
        reinterpret_cast<const unsigned char *>(associatedData.constData()),
        static_cast<unsigned long long>(associatedData.size()), nullptr, nonce, key.data());
    return out;
}

Result<QByteArray> Sealer::open(const SecretKey &key, const QByteArray &sealed,
                                const QByteArray &associatedData)
{
    initialise();
    if (sealed.size() < kOverhead)
        return Result<QByteArray>::failure(QStringLiteral("sealed data is truncated"));
    const auto *nonce = reinterpret_cast<const unsigned char *>(sealed.constData());
    const qsizetype cipherSize = sealed.size() - crypto_aead_xchacha20poly1305_ietf_NPUBBYTES;
    QByteArray plain(cipherSize - crypto_aead_xchacha20poly1305_ietf_ABYTES, Qt::Uninitialized);
    unsigned long long written = 0;
    if (crypto_aead_xchacha20poly1305_ietf_decrypt(
            reinterpret_cast<unsigned char *>(plain.data()), &written, nullptr,
            nonce + crypto_aead_xchacha20poly1305_ietf_NPUBBYTES,
            static_cast<unsigned long long>(cipherSize),
            reinterpret_cast<const unsigned char *>(associatedData.constData()),
            static_cast<unsigned long long>(associatedData.size()), nonce, key.data()) != 0)
        return Result<QByteArray>::failure(
            QStringLiteral("authentication failed (wrong key, or the data was altered)"));
    return plain;
}

QByteArray Sealer::randomBytes(qsizetype n)
{
    initialise();
    QByteArray out(n, Qt::Uninitialized);
    randombytes_buf(out.data(), static_cast<size_t>(n));
    return out;
}

QByteArray Sealer::keyedHash(const SecretKey &key, const QByteArray &data)
{
    initialise();
    QByteArray out(crypto_generichash_BYTES, Qt::Uninitialized);
    crypto_generichash(reinterpret_cast<unsigned char *>(out.data()), crypto_generichash_BYTES,
                       reinterpret_cast<const unsigned char *>(data.constData()),
                       static_cast<unsigned long long>(data.size()), key.data(), SecretKey::kSize);
    return out;
}

} // namespace feedback::store
