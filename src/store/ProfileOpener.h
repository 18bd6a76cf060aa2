// Creates or opens a profile: finds the database key (keychain or passphrase), then opens the
// store. Asynchronous, because the keychain answers over D-Bus; ends in exactly one callback.
#pragma once

#include "FeedbackStore.h"
#include "KeySource.h"
#include "Profile.h"

#include <QDeadlineTimer>
#include <QObject>

#include <functional>
#include <memory>
#include <vector>

namespace feedback::store {

class ProfileOpener : public QObject
{
    Q_OBJECT
public:
    using Done = std::function<void(Result<std::unique_ptr<FeedbackStore>>)>;
    using LockDone = std::function<void(Result<std::shared_ptr<ProfileLock>>)>;

    struct Request
    {
        Profile profile;
        QByteArray passphrase;   // empty: none given
        bool useKeychain = true; // FEEDBACK_KEYCHAIN=off turns it off
        // storeOptions.access: ReadOnly opens take no lock. storeOptions.lock: one the caller
        // already holds (from waitForLock); else open waits for it, up to lockWaitMs.
        FeedbackStore::Options storeOptions;
        int lockWaitMs = defaultLockWaitMs();
    };

    // The request every program makes for `profile`: the keychain unless FEEDBACK_KEYCHAIN=off,
    // the store told where the profile lives (to notice a copied profile), the given access.
    static Request
    requestFor(const Profile &profile, const QByteArray &passphrase,
               FeedbackStore::Options::Access access = FeedbackStore::Options::Access::ReadWrite);

    explicit ProfileOpener(QObject *parent = nullptr);

    // A new profile: a fresh random key, stored in the keychain or, failing that, wrapped with
    // the passphrase. With neither, refuses and says both ways out.
    void create(Request request, Done done);
    // For writing: first the profile lock (waiting up to lockWaitMs while another program holds
    // it, then Busy, naming that program), then the key, then the store.
    void open(Request request, Done done);
    // Takes the profile lock, retrying from the event loop (never blocking it) until
    // request.lockWaitMs has passed; fails with Busy, naming the holder, after that.
    void waitForLock(const Request &request, LockDone done);

    // The passphrase from --passphrase-file FILE or FEEDBACK_PASSPHRASE (file wins).
    static Result<QByteArray> passphraseFrom(const QString &file);
    static bool keychainAllowed();
    // How long a writer waits for another to close the profile: FEEDBACK_LOCK_WAIT_MS, else 5 s.
    static int defaultLockWaitMs();

private:
    void openLocked(Request request, Done done);
    void tryLock(const QString &databasePath, QDeadlineTimer deadline, int waitMs, LockDone done);
    void finishOpen(const Request &request, const Result<SecretKey> &key, const Done &done);
    KeySource *keychainFor(const Profile &profile);
    KeySource *adopt(std::unique_ptr<KeySource> source);

    // Sources stay alive until the opener goes: a callback may still be running inside one.
    std::vector<std::unique_ptr<KeySource>> m_sources;
};

} // namespace feedback::store
