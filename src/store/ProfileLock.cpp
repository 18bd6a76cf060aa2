#include "ProfileLock.h"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QSysInfo>

#include <cerrno>
#include <common/LogCategories.h>
#include <cstring>
#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

namespace feedback::store {

namespace {

constexpr qsizetype kMaxLockFileBytes = 1024;
constexpr qsizetype kMaxProgramChars = 64;
constexpr qsizetype kMaxHostChars = 255;
constexpr int kHandOverTries = 25;
constexpr useconds_t kHandOverPauseUs = 2000;

// What a lock file may say is shown to people: printable characters only, bounded.
QString printable(const QByteArray &bytes, qsizetype maxChars)
{
    QString text;
    for (const QChar ch : QString::fromUtf8(bytes)) {
        if (text.size() >= maxChars)
            break;
        if (ch.isPrint())
            text.append(ch);
    }
    return text;
}

QString programName()
{
    if (QCoreApplication::instance()) {
        const QString name = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
        if (!name.isEmpty())
            return name;
    }
    return QStringLiteral("unknown program");
}

QString profileOf(const QString &databasePath)
{
    return QDir::toNativeSeparators(QFileInfo(databasePath).absolutePath());
}

} // namespace

QString ProfileLock::Holder::describe() const
{
    if (!host.isEmpty() && host != QSysInfo::machineHostName())
        return QStringLiteral("%1 (PID %2 on %3)").arg(program).arg(pid).arg(host);
    return QStringLiteral("%1 (PID %2)").arg(program).arg(pid);
}

QString ProfileLock::pathFor(const QString &databasePath)
{
    return databasePath + QStringLiteral(".lock");
}

Result<std::unique_ptr<ProfileLock>> ProfileLock::tryAcquire(const QString &databasePath)
{
    using R = Result<std::unique_ptr<ProfileLock>>;
    const QByteArray path = QFile::encodeName(pathFor(databasePath));
    // O_NOFOLLOW: the lock file is truncated and written; a planted link must not redirect that.
    const int fd = ::open(path.constData(), O_RDWR | O_CREAT | O_CLOEXEC | O_NOFOLLOW, 0600);
    if (fd < 0) {
        const int error = errno;
        const bool readOnly = error == EROFS || error == EACCES || error == EPERM;
        return R::failure(
            QStringLiteral("Cannot open the profile %1 for writing: %2 (%3). Nothing was "
                           "changed; commands that only read (list, show, export, status, "
                           "doctor) still work.")
                .arg(profileOf(databasePath),
                     readOnly ? QStringLiteral("its directory cannot be written")
                              : QStringLiteral("its lock file cannot be opened"),
                     QString::fromLocal8Bit(std::strerror(error))),
            readOnly ? ErrorKind::ReadOnly : ErrorKind::Other);
    }
    // A holder writes its name just after it takes the lock and empties the file just before it
    // lets go: when the file says nobody, the lock is changing hands. Look again, briefly.
    std::optional<Holder> by;
    for (int attempt = 0;; ++attempt) {
        int locked = -1;
        do {
            locked = ::flock(fd, LOCK_EX | LOCK_NB);
        } while (locked != 0 && errno == EINTR);
        if (locked == 0)
            break;
        const int error = errno;
        if (error == EWOULDBLOCK && !(by = holder(databasePath)) && attempt < kHandOverTries) {
            ::usleep(kHandOverPauseUs);
            continue;
        }
        ::close(fd);
        if (error != EWOULDBLOCK)
            return R::failure(
                QStringLiteral("Cannot lock the profile %1: %2")
                    .arg(profileOf(databasePath), QString::fromLocal8Bit(std::strerror(error))));
        return R::failure(QStringLiteral("The profile %1 is in use by %2. Nothing was changed; "
                                         "try again when it has finished.")
                              .arg(profileOf(databasePath),
                                   by ? by->describe() : QStringLiteral("another program")),
                          ErrorKind::Busy);
    }
    // Ours now: say who holds it. Best effort: a full disk must not stop the owner.
    const QByteArray text = QByteArray::number(QCoreApplication::applicationPid()) + '\n' +
                            programName().toUtf8() + '\n' + QSysInfo::machineHostName().toUtf8() +
                            '\n';
    if (::ftruncate(fd, 0) != 0 ||
        ::pwrite(fd, text.constData(), static_cast<size_t>(text.size()), 0) != text.size())
        qCDebug(lcStore) << "cannot write the holder into the lock file:" << std::strerror(errno);
    return std::unique_ptr<ProfileLock>(new ProfileLock(fd));
}

std::optional<ProfileLock::Holder> ProfileLock::holder(const QString &databasePath)
{
    QFile file(pathFor(databasePath));
    if (!file.open(QIODevice::ReadOnly))
        return std::nullopt;
    const QList<QByteArray> lines = file.read(kMaxLockFileBytes).split('\n');
    bool ok = false;
    Holder h;
    h.pid = lines.value(0).toLongLong(&ok);
    if (!ok || h.pid <= 0 || lines.size() < 2)
        return std::nullopt;
    h.program = printable(lines.value(1), kMaxProgramChars);
    h.host = printable(lines.value(2), kMaxHostChars);
    if (h.program.isEmpty())
        h.program = QStringLiteral("another program");
    return h;
}

ProfileLock::~ProfileLock()
{
    // Nobody holds it from here on: say so, then let go (closing releases the lock).
    if (::ftruncate(m_fd, 0) != 0)
        qCDebug(lcStore) << "cannot empty the lock file:" << std::strerror(errno);
    ::close(m_fd);
}

} // namespace feedback::store
