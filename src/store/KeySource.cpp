#include "KeySource.h"

#include "KeyFile.h"

#include <QFile>
#include <QPointer>
#include <QTimer>
#include <qt6keychain/keychain.h>

#include <common/LogCategories.h>
#include <memory>

namespace feedback::store {

namespace {
const QString kService = QStringLiteral("courier-feedback");

QString keychainError(const QKeychain::Job *job)
{
    switch (job->error()) {
    case QKeychain::EntryNotFound:
        return QStringLiteral("the keychain has no key for this profile");
    case QKeychain::NoBackendAvailable:
    case QKeychain::NotImplemented:
        return QStringLiteral("no OS keychain is available");
    case QKeychain::AccessDenied:
    case QKeychain::AccessDeniedByUser:
        return QStringLiteral("access to the keychain was denied");
    default:
        return QStringLiteral("the keychain is not available (%1)").arg(job->errorString());
    }
}

// Runs a keychain job with a deadline; `finish` is called exactly once.
template <class Job>
void runBounded(Job *job, int timeoutMs, std::function<void(Job *, bool timedOut)> finish)
{
    auto called = std::make_shared<bool>(false);
    auto *timer = new QTimer(job);
    timer->setSingleShot(true);
    QObject::connect(timer, &QTimer::timeout, job, [job, called, finish] {
        if (*called)
            return;
        *called = true;
        // The job stays alive until it answers (or its parent goes): deleting a job whose
        // D-Bus call is still pending is not safe.
        finish(job, true);
    });
    QObject::connect(job, &QKeychain::Job::finished, job, [job, called, finish] {
        if (*called)
            return;
        *called = true;
        job->deleteLater(); // before the callback, which may delete the job's parent
        finish(job, false);
    });
    job->setAutoDelete(false);
    timer->start(timeoutMs);
    job->start();
}
} // namespace

KeychainKeySource::KeychainKeySource(QString entry, QObject *parent)
    : KeySource(parent)
    , m_entry(std::move(entry))
{}

void KeychainKeySource::load(KeyCallback done)
{
    auto *job = new QKeychain::ReadPasswordJob(kService, this);
    job->setKey(m_entry);
    runBounded<QKeychain::ReadPasswordJob>(
        job, m_timeoutMs, [done](QKeychain::ReadPasswordJob *j, bool timedOut) {
            if (timedOut)
                return done(Result<SecretKey>::failure(
                    QStringLiteral("the keychain did not answer (is it locked?)")));
            if (j->error() != QKeychain::NoError)
                return done(Result<SecretKey>::failure(keychainError(j)));
            const SecretKey key = SecretKey::fromBytes(j->binaryData());
            if (!key.isValid())
                return done(Result<SecretKey>::failure(
                    QStringLiteral("the keychain entry for this profile is damaged")));
            qCDebug(lcStore) << "database key read from the keychain";
            done(key);
        });
}

void KeychainKeySource::store(const SecretKey &key, StatusCallback done)
{
    auto *job = new QKeychain::WritePasswordJob(kService, this);
    job->setKey(m_entry);
    job->setBinaryData(key.toBytes());
    runBounded<QKeychain::WritePasswordJob>(
        job, m_timeoutMs, [done](QKeychain::WritePasswordJob *j, bool timedOut) {
            if (timedOut)
                return done(
                    Status::failure(QStringLiteral("the keychain did not answer (is it locked?)")));
            if (j->error() != QKeychain::NoError)
                return done(Status::failure(keychainError(j)));
            done(Ok{});
        });
}

void KeychainKeySource::remove(StatusCallback done)
{
    auto *job = new QKeychain::DeletePasswordJob(kService, this);
    job->setKey(m_entry);
    runBounded<QKeychain::DeletePasswordJob>(
        job, m_timeoutMs, [done](QKeychain::DeletePasswordJob *j, bool timedOut) {
            if (timedOut ||
                (j->error() != QKeychain::NoError && j->error() != QKeychain::EntryNotFound))
                return done(Status::failure(QStringLiteral("could not remove the key")));
            done(Ok{});
        });
}

PassphraseKeySource::PassphraseKeySource(QString keyFilePath, QByteArray passphrase,
                                         QObject *parent)
    : KeySource(parent)
    , m_path(std::move(keyFilePath))
    , m_passphrase(std::move(passphrase))
{}

void PassphraseKeySource::load(KeyCallback done)
{
    done(KeyFile::read(m_path, m_passphrase));
}

void PassphraseKeySource::store(const SecretKey &key, StatusCallback done)
{
    done(KeyFile::write(m_path, key, m_passphrase));
}

void PassphraseKeySource::remove(StatusCallback done)
{
    if (QFile::exists(m_path) && !QFile::remove(m_path))
        return done(Status::failure(QStringLiteral("could not remove %1").arg(m_path)));
    done(Ok{});
}

} // namespace feedback::store
