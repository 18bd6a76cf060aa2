#include "ProfileOpener.h"

#include "Sealer.h"

#include <QDir>
#include <QFile>
#include <QTimer>
#include <QUuid>

#include <algorithm>
#include <common/LogCategories.h>

namespace feedback::store {

namespace {
constexpr qint64 kMaxPassphraseBytes = 4096;
constexpr int kDefaultLockWaitMs = 5000;
constexpr int kMaxLockWaitMs = 10 * 60 * 1000;
constexpr int kLockPollMs = 20; // a lock held by a short command is free again within a poll

using R = Result<std::unique_ptr<FeedbackStore>>;

// A setting the new profile could not write shows when it is next opened (an unknown key
// source, named); the store opens now all the same, as it always did.
void keep(const Status &written)
{
    if (!written)
        qCWarning(lcStore).noquote() << "cannot save a profile setting:" << written.error();
}
} // namespace

ProfileOpener::Request ProfileOpener::requestFor(const Profile &profile,
                                                 const QByteArray &passphrase,
                                                 FeedbackStore::Options::Access access)
{
    Request request{profile, passphrase, keychainAllowed(), {}};
    request.storeOptions.home = profile.home();
    request.storeOptions.access = access;
    return request;
}

ProfileOpener::ProfileOpener(QObject *parent)
    : QObject(parent)
{}

bool ProfileOpener::keychainAllowed()
{
    return qEnvironmentVariable("FEEDBACK_KEYCHAIN") != QLatin1String("off");
}

int ProfileOpener::defaultLockWaitMs()
{
    bool ok = false;
    const int ms = qEnvironmentVariableIntValue("FEEDBACK_LOCK_WAIT_MS", &ok);
    return ok ? std::clamp(ms, 0, kMaxLockWaitMs) : kDefaultLockWaitMs;
}

void ProfileOpener::waitForLock(const Request &request, LockDone done)
{
    const int waitMs = std::clamp(request.lockWaitMs, 0, kMaxLockWaitMs);
    tryLock(request.profile.databasePath(), QDeadlineTimer(waitMs), waitMs, std::move(done));
}

void ProfileOpener::tryLock(const QString &databasePath, QDeadlineTimer deadline, int waitMs,
                            LockDone done)
{
    auto lock = ProfileLock::tryAcquire(databasePath);
    if (lock)
        return done(std::shared_ptr<ProfileLock>(std::move(*lock)));
    if (lock.errorKind() != ErrorKind::Busy || deadline.hasExpired()) {
        if (lock.errorKind() == ErrorKind::Busy && waitMs > 0)
            return done(Result<std::shared_ptr<ProfileLock>>::failure(
                lock.error() + QStringLiteral(" (Waited %1 s.)").arg(waitMs / 1000.0),
                ErrorKind::Busy));
        return done(Result<std::shared_ptr<ProfileLock>>::failure(lock));
    }
    const int pause = static_cast<int>(std::min<qint64>(kLockPollMs, deadline.remainingTime()));
    QTimer::singleShot(pause, this, [this, databasePath, deadline, waitMs, done] {
        tryLock(databasePath, deadline, waitMs, done);
    });
}

Result<QByteArray> ProfileOpener::passphraseFrom(const QString &file)
{
    if (!file.isEmpty()) {
        QFile f(file);
        if (!f.open(QIODevice::ReadOnly))
            return Result<QByteArray>::failure(
                QStringLiteral("Cannot read the passphrase file %1: %2")
                    .arg(file, f.errorString()));
        QByteArray bytes = f.read(kMaxPassphraseBytes + 1);
        if (bytes.size() > kMaxPassphraseBytes)
            return Result<QByteArray>::failure(
                QStringLiteral("The passphrase file %1 is too large.").arg(file));
        while (bytes.endsWith('\n') || bytes.endsWith('\r'))
            bytes.chop(1);
        if (bytes.isEmpty())
            return Result<QByteArray>::failure(
                QStringLiteral("The passphrase file %1 is empty.").arg(file));
        return bytes;
    }
    return qgetenv("FEEDBACK_PASSPHRASE");
}

KeySource *ProfileOpener::adopt(std::unique_ptr<KeySource> source)
{
    m_sources.push_back(std::move(source));
    return m_sources.back().get();
}

KeySource *ProfileOpener::keychainFor(const Profile &profile)
{
    return adopt(std::make_unique<KeychainKeySource>(profile.get(settings::kKeychainEntry)));
}

void ProfileOpener::create(Request request, Done done)
{
    const Profile &profile = request.profile;
    if (profile.isInitialised())
        return done(R::failure(
            QStringLiteral("%1 already holds a profile; nothing was changed.").arg(profile.dir())));
    if (Status s = profile.createDirectory(); !s)
        return done(R::failure(s));
    const SecretKey key = SecretKey::random();

    auto withPassphrase = [this, request, key, done](const QString &keychainProblem) {
        if (request.passphrase.isEmpty()) {
            request.profile.removeCreatedDirectories(); // we made them a moment ago
            return done(R::failure(
                QStringLiteral("Cannot protect the database key: %1. Set FEEDBACK_PASSPHRASE or "
                               "pass --passphrase-file FILE to protect it with a passphrase "
                               "instead; nothing was created.")
                    .arg(keychainProblem)));
        }
        adopt(std::make_unique<PassphraseKeySource>(request.profile.keyFilePath(),
                                                    request.passphrase))
            ->store(key, [request, key, done](Status stored) {
                if (!stored)
                    return done(R::failure(stored));
                keep(request.profile.set(settings::kKeySource, settings::kKeySourcePassphrase));
                return done(
                    FeedbackStore::open(request.profile.databasePath(), key, request.storeOptions));
            });
    };

    if (!request.useKeychain)
        return withPassphrase(
            QStringLiteral("the OS keychain is turned off (FEEDBACK_KEYCHAIN=off)"));
    const QString entry =
        QStringLiteral("database-key-") + QUuid::createUuid().toString(QUuid::WithoutBraces);
    adopt(std::make_unique<KeychainKeySource>(entry))
        ->store(key, [request, key, entry, done, withPassphrase](Status stored) {
            if (!stored) {
                qCInfo(lcStore).noquote() << "keychain not used:" << stored.error();
                return withPassphrase(stored.error());
            }
            keep(request.profile.set(settings::kKeySource, settings::kKeySourceKeychain));
            keep(request.profile.set(settings::kKeychainEntry, entry));
            return done(
                FeedbackStore::open(request.profile.databasePath(), key, request.storeOptions));
        });
}

void ProfileOpener::open(Request request, Done done)
{
    const Profile &profile = request.profile;
    if (!profile.isInitialised())
        return done(R::failure(QStringLiteral("No profile in %1. Create one with `feedbackctl "
                                              "init` (or the app's first-start dialog).")
                                   .arg(profile.dir())));
    if (request.storeOptions.access == FeedbackStore::Options::Access::ReadOnly ||
        request.storeOptions.lock)
        return openLocked(std::move(request), std::move(done));
    // The lock before the key: a profile in use is reported before anyone types a passphrase.
    waitForLock(request, [this, request, done](Result<std::shared_ptr<ProfileLock>> lock) mutable {
        if (!lock)
            return done(R::failure(lock));
        request.storeOptions.lock = std::move(*lock);
        openLocked(std::move(request), std::move(done));
    });
}

void ProfileOpener::openLocked(Request request, Done done)
{
    const Profile &profile = request.profile;
    const QString source = profile.get(settings::kKeySource);
    if (source == settings::kKeySourceKeychain) {
        keychainFor(profile)->load([this, request, done](Result<SecretKey> key) {
            if (!key)
                return done(R::failure(
                    QStringLiteral("Cannot get the database key from the OS keychain: %1.")
                        .arg(key.error()),
                    key.errorKind()));
            finishOpen(request, key, done);
        });
        return;
    }
    if (source != settings::kKeySourcePassphrase)
        return done(R::failure(QStringLiteral("%1 is damaged: unknown key source \"%2\".")
                                   .arg(profile.settingsPath(), source)));
    if (request.passphrase.isEmpty())
        return done(
            R::failure(QStringLiteral("This profile's key is protected by a passphrase: set "
                                      "FEEDBACK_PASSPHRASE or pass --passphrase-file FILE.")));
    adopt(std::make_unique<PassphraseKeySource>(profile.keyFilePath(), request.passphrase))
        ->load([this, request, done](Result<SecretKey> key) { finishOpen(request, key, done); });
}

void ProfileOpener::finishOpen(const Request &request, const Result<SecretKey> &key,
                               const Done &done)
{
    if (!key)
        return done(R::failure(key));
    done(FeedbackStore::open(request.profile.databasePath(), *key, request.storeOptions));
}

} // namespace feedback::store
