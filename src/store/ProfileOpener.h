// Creates or opens a profile: finds the database key (keychain or passphrase), then opens the
// store. Asynchronous, because the keychain answers over D-Bus; ends in exactly one callback.
#pragma once

#include "FeedbackStore.h"
#include "KeySource.h"
#include "Profile.h"

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

    struct Request
    {
        Profile profile;
        QByteArray passphrase;   // empty: none given
        bool useKeychain = true; // FEEDBACK_KEYCHAIN=off turns it off
        FeedbackStore::Options storeOptions;
    };

    explicit ProfileOpener(QObject *parent = nullptr);

    // A new profile: a fresh random key, stored in the keychain or, failing that, wrapped with
    // the passphrase. With neither, refuses and says both ways out.
    void create(Request request, Done done);
    void open(Request request, Done done);

    // The passphrase from --passphrase-file FILE or FEEDBACK_PASSPHRASE (file wins).
    static Result<QByteArray> passphraseFrom(const QString &file);
    static bool keychainAllowed();

private:
    void finishOpen(const Request &request, const Result<SecretKey> &key, const Done &done);
    KeySource *keychainFor(const Profile &profile);
    KeySource *adopt(std::unique_ptr<KeySource> source);

    // Sources stay alive until the opener goes: a callback may still be running inside one.
    std::vector<std::unique_ptr<KeySource>> m_sources;
};

} // namespace feedback::store
