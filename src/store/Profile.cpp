#include "Profile.h"

#include <QDir>
#include <QFileInfo>
#include <QSettings>
#include <QStandardPaths>
#include <QSysInfo>

namespace feedback::store {

Profile Profile::resolve(const QString &fromFlag)
{
    if (!fromFlag.isEmpty())
        return Profile(fromFlag);
    const QString env = qEnvironmentVariable("FEEDBACK_PROFILE");
    if (!env.isEmpty())
        return Profile(env);
    return Profile(QStandardPaths::writableLocation(QStandardPaths::AppDataLocation));
}

Profile::Profile(QString dir)
    : m_dir(QDir::cleanPath(QDir(dir).absolutePath()))
{}

QString Profile::databasePath() const
{
    return m_dir + QStringLiteral("/feedback.db");
}

QString Profile::keyFilePath() const
{
    return m_dir + QStringLiteral("/database.key");
}

QString Profile::settingsPath() const
{
    return m_dir + QStringLiteral("/profile.ini");
}

bool Profile::isInitialised() const
{
    return QFileInfo::exists(settingsPath()) && QFileInfo::exists(databasePath());
}

Status Profile::createDirectory() const
{
    // Remember which directories this creates, so that a refused init can take them back.
    m_created.clear();
    for (QDir dir(m_dir); !dir.exists(); dir.setPath(QFileInfo(dir.path()).path())) {
        m_created.prepend(dir.path());
        if (dir.isRoot())
            break;
    }
    if (!QDir().mkpath(m_dir))
        return Status::failure(
            QStringLiteral("Cannot create the profile directory %1.").arg(m_dir));
    QFile::setPermissions(m_dir,
                          QFileDevice::ReadOwner | QFileDevice::WriteOwner | QFileDevice::ExeOwner);
    return Ok{};
}

void Profile::removeCreatedDirectories() const
{
    for (auto it = m_created.crbegin(); it != m_created.crend(); ++it)
        if (!QDir().rmdir(*it)) // only empty ones; stop at the first that is not
            break;
    m_created.clear();
}

QByteArray Profile::home() const
{
    const QString canonical = QFileInfo(m_dir).canonicalFilePath();
    return QSysInfo::machineUniqueId() + '|' + (canonical.isEmpty() ? m_dir : canonical).toUtf8();
}

QString Profile::setting(const QString &key, const QString &fallback) const
{
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    return settings.value(key, fallback).toString();
}

std::optional<QString> Profile::settingText(const QString &key) const
{
    const QSettings settings(settingsPath(), QSettings::IniFormat);
    if (!settings.contains(key))
        return std::nullopt;
    return settings.value(key).toString();
}

Status Profile::setSetting(const QString &key, const QString &value) const
{
    QSettings settings(settingsPath(), QSettings::IniFormat);
    settings.setValue(key, value);
    settings.sync();
    if (settings.status() != QSettings::NoError)
        return Status::failure(QStringLiteral("Cannot write %1.").arg(settingsPath()));
    return Ok{};
}

} // namespace feedback::store
