// Typed keys for what a profile keeps: the plaintext settings of profile.ini (SettingKey, read
// and written by Profile::get/set) and the values and sealed secrets of the store
// (StoredKey, read and written by storedValue/setStoredValue). A key carries its name, its type
// and what it is when unset, so that a name is spelt once and a value is parsed once. The
// encodings are those on disk since the first release: strings as they are, booleans as
// "true"/"false", numbers in decimal; they must not change (existing profiles keep working).
#pragma once

#include <QByteArray>
#include <QDateTime>
#include <QString>

#include <optional>
#include <type_traits>

namespace feedback::store {

template <typename T> struct SettingKey
{
    QString name;
    T fallback{};
};

// How a setting of type T is written to and read from its text.
namespace settingtext {
inline QString encode(const QString &value)
{
    return value;
}
inline QString encode(bool value)
{
    return value ? QStringLiteral("true") : QStringLiteral("false");
}
inline QString encode(int value)
{
    return QString::number(value);
}
// Unset or unreadable text gives nothing: the key's fallback applies.
template <typename T> std::optional<T> decode(const QString &text)
{
    if constexpr (std::is_same_v<T, QString>) {
        return text;
    } else if constexpr (std::is_same_v<T, bool>) {
        if (text == QLatin1String("true"))
            return true;
        if (text == QLatin1String("false"))
            return false;
        return std::nullopt;
    } else {
        static_assert(std::is_same_v<T, int>, "settings are text, booleans or whole numbers");
        bool ok = false;
        const int value = text.toInt(&ok);
        return ok ? std::optional<int>(value) : std::nullopt;
    }
}
} // namespace settingtext

// The settings the store and every program share (the app keeps its own in AppSettings.h).
namespace settings {
inline const SettingKey<QString> kDeviceName{QStringLiteral("profile/name")};
// Where the database key is kept: "keychain" or "passphrase" (anything else: damaged).
inline const SettingKey<QString> kKeySource{QStringLiteral("profile/keySource")};
inline const QString kKeySourceKeychain = QStringLiteral("keychain");
inline const QString kKeySourcePassphrase = QStringLiteral("passphrase");
inline const SettingKey<QString> kKeychainEntry{QStringLiteral("profile/keychainEntry")};
inline const SettingKey<QString> kRelayUrl{QStringLiteral("sync/relayUrl")};
// Further relays of the same workspace's database, tried in turn when the one before does not
// answer: URLs separated by spaces (kept apart from kRelayUrl, which older releases read).
inline const SettingKey<QString> kRelayFallbacks{QStringLiteral("sync/relayFallbacks")};
// The operator allowed plain ws:// to a relay that is not on this machine (--insecure).
inline const SettingKey<bool> kInsecure{QStringLiteral("sync/insecure")};
// The relay's pinned public key, "HOST:PORT sha256/BASE64" (read and written by sync::RelayPin).
inline const SettingKey<QString> kRelayPin{QStringLiteral("sync/relayPin")};
} // namespace settings

// A value the store keeps in its database: plain (readable by anyone with the file, for
// bookkeeping such as sync positions) or sealed with the database key (a secret).
template <typename T> struct StoredKey
{
    enum class Kind
    {
        Value,
        Secret
    };
    QString name;
    Kind kind = Kind::Value;
    T fallback{};
};

// How a stored value of type T is written to and read from its bytes.
namespace storedbytes {
inline QByteArray encode(const QByteArray &value)
{
    return value;
}
inline QByteArray encode(const QString &value)
{
    return value.toUtf8();
}
inline QByteArray encode(quint64 value)
{
    return QByteArray::number(value);
}
inline QByteArray encode(const QDateTime &value)
{
    return value.toString(Qt::ISODate).toUtf8();
}
template <typename T> T decode(const QByteArray &bytes)
{
    if constexpr (std::is_same_v<T, QByteArray>) {
        return bytes;
    } else if constexpr (std::is_same_v<T, QString>) {
        return QString::fromUtf8(bytes);
    } else if constexpr (std::is_same_v<T, quint64>) {
        return bytes.toULongLong(); // unreadable: 0, the start of the log
    } else {
        static_assert(std::is_same_v<T, QDateTime>, "stored values are bytes, text, "
                                                    "positions or times");
        return QDateTime::fromString(QString::fromUtf8(bytes), Qt::ISODate);
    }
}
} // namespace storedbytes

} // namespace feedback::store
