// A profile directory: the database, the key file (when a passphrase protects the key) and the
// plaintext settings (no secrets there). Every program takes --profile DIR or FEEDBACK_PROFILE;
// tests always use temporary profiles.
#pragma once

#include "SettingKey.h"

#include <QString>
#include <QStringList>

#include <common/Result.h>

namespace feedback::store {

class Profile
{
public:
    // From the flag, else FEEDBACK_PROFILE, else the platform's application data directory.
    static Profile resolve(const QString &fromFlag);
    explicit Profile(QString dir);

    const QString &dir() const { return m_dir; }
    QString databasePath() const;
    QString keyFilePath() const;
    QString settingsPath() const;
    bool isInitialised() const;
    Status createDirectory() const;
    // Removes the (empty) directories createDirectory made, deepest first.
    void removeCreatedDirectories() const;
    // Where this profile lives (machine id + canonical path); a change means it was copied.
    QByteArray home() const;

    // Plaintext settings of the profile (QSettings, INI), by typed key: the key's fallback when
    // unset or unreadable.
    template <typename T> T get(const SettingKey<T> &key) const
    {
        const std::optional<QString> text = settingText(key.name);
        return text ? settingtext::decode<T>(*text).value_or(key.fallback) : key.fallback;
    }
    template <typename T> Status set(const SettingKey<T> &key, const T &value) const
    {
        return setSetting(key.name, settingtext::encode(value));
    }
    // The same by name, as text: for tests and tools that check what is on disk.
    QString setting(const QString &key, const QString &fallback = QString()) const;
    Status setSetting(const QString &key, const QString &value) const;

private:
    std::optional<QString> settingText(const QString &key) const;

    QString m_dir;
    mutable QStringList m_created;
};

} // namespace feedback::store
