// One writer per profile: an exclusive flock(2) on `<database>.lock`, held for as long as a store
// is open for writing. The kernel drops the lock when its holder ends, however it ends, so a lock
// file left by a killed process, restored from a backup or copied from another machine never
// blocks: only a live holder does. (QLockFile decides staleness from the PID and host written in
// the file, which a restored or copied file gets wrong.) While held, the file names its holder
// (program, PID, host) for the message a second program shows, and it is emptied on release;
// that text never decides anything. flock(2) on NFS is a POSIX lock on the server (Linux).
#pragma once

#include <QString>

#include <common/Result.h>
#include <memory>
#include <optional>

namespace feedback::store {

class ProfileLock
{
public:
    struct Holder
    {
        QString program;
        qint64 pid = 0;
        QString host;
        // "feedbackctl (PID 1234)", with the host when it is not this machine.
        QString describe() const;
    };

    static QString pathFor(const QString &databasePath);
    // One attempt; never waits. Fails with ErrorKind::Busy, naming the holder, when another
    // open lock file (this process or another) holds it; ReadOnly when the profile directory
    // cannot be written.
    static Result<std::unique_ptr<ProfileLock>> tryAcquire(const QString &databasePath);
    // Who holds the lock of this database, as its lock file says (bounded and sanitised);
    // nullopt when nobody does or the file says nothing readable.
    static std::optional<Holder> holder(const QString &databasePath);

    ~ProfileLock();
    ProfileLock(const ProfileLock &) = delete;
    ProfileLock &operator=(const ProfileLock &) = delete;

private:
    explicit ProfileLock(int fd)
        : m_fd(fd)
    {}
    int m_fd;
};

} // namespace feedback::store
