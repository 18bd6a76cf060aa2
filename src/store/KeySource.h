// Where the database key lives. One small interface with two implementations: the OS keychain
// (QtKeychain) and a passphrase-wrapped key file. Calls are asynchronous (the keychain answers
// over D-Bus) and never spin a nested event loop; every call ends in exactly one callback.
#pragma once

#include "SecretKey.h"

#include <QObject>
#include <QString>

#include <common/Result.h>
#include <functional>

namespace feedback::store {

class KeySource : public QObject
{
    Q_OBJECT
public:
    using KeyCallback = std::function<void(Result<SecretKey>)>;
    using StatusCallback = std::function<void(Status)>;

    using QObject::QObject;
    ~KeySource() override = default;

    virtual QString kind() const = 0; // "keychain" or "passphrase", as stored in the profile
    virtual void load(KeyCallback done) = 0;
    virtual void store(const SecretKey &key, StatusCallback done) = 0;
    virtual void remove(StatusCallback done) = 0;
};

// The OS keychain (Secret Service on Linux). Each call is bounded by a timeout: a locked
// keyring that would prompt must not hang a kiosk or a test.
class KeychainKeySource : public KeySource
{
    Q_OBJECT
public:
    static constexpr int kDefaultTimeoutMs = 10000;

    KeychainKeySource(QString entry, QObject *parent = nullptr);

    QString kind() const override { return QStringLiteral("keychain"); }
    void load(KeyCallback done) override;
    void store(const SecretKey &key, StatusCallback done) override;
    void remove(StatusCallback done) override;
    void setTimeout(int ms) { m_timeoutMs = ms; }

private:
    QString m_entry;
    int m_timeoutMs = kDefaultTimeoutMs;
};

// A key file in the profile, wrapped with a passphrase (Argon2id).
class PassphraseKeySource : public KeySource
{
    Q_OBJECT
public:
    PassphraseKeySource(QString keyFilePath, QByteArray passphrase, QObject *parent = nullptr);

    QString kind() const override { return QStringLiteral("passphrase"); }
    void load(KeyCallback done) override;
    void store(const SecretKey &key, StatusCallback done) override;
    void remove(StatusCallback done) override;

private:
    QString m_path;
    QByteArray m_passphrase;
};

} // namespace feedback::store
