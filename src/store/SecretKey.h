// A 32-byte symmetric key that wipes itself. Never logged, never written in plaintext.
#pragma once

#include <QByteArray>

#include <array>
#include <cstddef>

namespace feedback::store {

class SecretKey
{
public:
    static constexpr std::size_t kSize = 32;

    SecretKey() = default;
    SecretKey(const SecretKey &other) = default;
    SecretKey &operator=(const SecretKey &other) = default;
    ~SecretKey();

    static SecretKey random();
    // From exactly kSize bytes; anything else gives an invalid key.
    static SecretKey fromBytes(const QByteArray &bytes);

    bool isValid() const { return m_valid; }
    const unsigned char *data() const { return m_bytes.data(); }
    unsigned char *data() { return m_bytes.data(); }
    QByteArray toBytes() const; // for handing to the keychain only
    void markValid() { m_valid = true; }

private:
    std::array<unsigned char, kSize> m_bytes{};
    bool m_valid = false;
};

} // namespace feedback::store
