#include "AppController.h"

#include "AppLanguage.h"
#include "AppSession.h"
#include "AppSettings.h"
#include "DialogService.h"
#include "FirstStartDialog.h"
#include "MainWindow.h"

#include <QDir>
#include <QFile>

#include <common/LogCategories.h>
#include <store/KeySource.h>
#include <sync/AdmissionTokenKey.h>
#include <sync/Enrolment.h>
#include <sync/InviteClaim.h>
#include <sync/RelayPin.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::app {

namespace {
constexpr int kPassphraseAttempts = 5;
}

AppController::AppController(AppOptions options, DialogService &dialogs, QObject *parent)
    : QObject(parent)
    , m_options(std::move(options))
    , m_dialogs(dialogs)
    , m_profile(store::Profile::resolve(m_options.profileDir))
{}

AppController::~AppController()
{
    m_window.reset(); // views hold references to the session
    m_session.reset();
}

store::ProfileOpener::Request AppController::request(const QByteArray &passphrase) const
{
    store::ProfileOpener::Request r = store::ProfileOpener::requestFor(m_profile, passphrase);
    r.storeOptions.lock = m_lock;
    return r;
}

FirstStartDialog *AppController::firstStart() const
{
    return m_firstStart.data();
}

void AppController::start()
{
    if (!m_profile.isInitialised()) {
        showFirstStart();
        return;
    }
    // The profile lock first: a profile in use is said before anyone types a passphrase.
    m_opener.waitForLock(request(QByteArray()),
                         [this](Result<std::shared_ptr<store::ProfileLock>> lock) {
                             if (!lock && lock.errorKind() == ErrorKind::Busy)
                                 return showInUse(lock.error());
                             if (!lock)
                                 return Q_EMIT failed(lock.error());
                             m_lock = std::move(*lock);
                             openWithLock();
                         });
}

void AppController::showInUse(const QString &reason)
{
    const auto holder = store::ProfileLock::holder(m_profile.databasePath());
    const QString text =
        holder ? tr("This profile is open in %1 (process %2). Only one program at a time can "
                    "write to it: close that program, then try again.")
                     .arg(holder->program)
                     .arg(holder->pid)
               : tr("This profile is open in another program. Only one program at a time can "
                    "write to it: close that program, then try again.");
    m_dialogs.confirm(nullptr, tr("Profile in use"), text, tr("Try again"),
                      [this, reason](bool again) {
                          if (again)
                              return start();
                          Q_EMIT failed(reason);
                      });
}

void AppController::openWithLock()
{
    const auto passphrase = store::ProfileOpener::passphraseFrom(m_options.passphraseFile);
    if (!passphrase) {
        Q_EMIT failed(passphrase.error());
        return;
    }
    const bool needsPassphrase =
        m_profile.get(store::settings::kKeySource) == store::settings::kKeySourcePassphrase;
    if (needsPassphrase && passphrase->isEmpty())
        askPassphrase(QString(), 1);
    else
        open(*passphrase, 1);
}

void AppController::askPassphrase(const QString &why, int attempt)
{
    const QString label = why.isEmpty() ? tr("This profile's key is protected by a passphrase:")
                                        : tr("%1\nTry again:").arg(why);
    m_dialogs.askText(nullptr, tr("Open Courier Feedback"), label, true,
                      [this, attempt](const std::optional<QString> &typed) {
                          if (!typed) {
                              m_lock.reset();
                              return Q_EMIT failed(tr("No passphrase given."));
                          }
                          open(typed->toUtf8(), attempt);
                      });
}

void AppController::open(const QByteArray &passphrase, int attempt)
{
    m_opener.open(request(passphrase), [this, passphrase, attempt](auto opened) {
        if (opened)
            return launch(std::move(*opened));
        const bool byPassphrase =
            m_profile.get(store::settings::kKeySource) == store::settings::kKeySourcePassphrase;
        // Only a wrong passphrase is worth another try: a damaged or full disk is not.
        if (byPassphrase && opened.errorKind() == ErrorKind::WrongKey &&
            attempt < kPassphraseAttempts)
            return askPassphrase(opened.error(), attempt + 1);
        m_lock.reset();
        Q_EMIT failed(opened.error());
    });
}

void AppController::showFirstStart()
{
    const AppMode suggested = m_options.mode.value_or(AppMode::Dispatcher);
    m_firstStart = new FirstStartDialog(suggested, m_options.relayUrl);
    m_firstStart->setObjectName(QStringLiteral("firstStartDialog"));
    m_firstStart->setAttribute(Qt::WA_DeleteOnClose);
    connect(m_firstStart, &FirstStartDialog::chosen, this, &AppController::create);
    connect(m_firstStart, &QDialog::rejected, this,
            [this] { Q_EMIT failed(tr("Set-up was cancelled.")); });
    m_firstStart->show();
}

void AppController::create(const FirstStartChoices &choices)
{
    if (!choices.join || !choices.join->ticket)
        return createProfile(choices, QByteArray());
    // A code of the second format: the relay hands out the invite before anything exists on
    // disk (an expired or used-up one leaves nothing behind).
    sync::InviteTicket ticket = *choices.join->ticket;
    if (QUrl(ticket.relayUrl) != QUrl(choices.relayUrl))
        ticket.fallbackRelays.clear(); // another relay typed in: the code's others are not its
    ticket.relayUrl = choices.relayUrl;
    // Claimed before, and creating the profile failed (no keychain, say): the person fixed it
    // and pressed Start again. A second claim would find the invite used up.
    if (m_claimed && m_claimed->secret == ticket.secret) {
        FirstStartChoices claimed = choices;
        claimed.join = m_claimed->invite;
        return createProfile(claimed, ticket.relayPin);
    }
    auto *claim =
        new sync::InviteClaim(ticket, qEnvironmentVariable("FEEDBACK_CA_FILE"), nullptr, this);
    constexpr int kClaimTimeoutMs = 60000;
    claim->start(kClaimTimeoutMs,
                 [this, claim, choices, pin = ticket.relayPin](const Result<sync::Invite> &invite) {
                     claim->deleteLater();
                     if (!invite) {
                         if (m_firstStart)
                             m_firstStart->showError(invite.error());
                         return;
                     }
                     m_claimed = ClaimedInvite{choices.join->ticket->secret, *invite};
                     FirstStartChoices claimed = choices;
                     claimed.join = *invite;
                     createProfile(claimed, pin);
                 });
}

void AppController::createProfile(const FirstStartChoices &choices, const QByteArray &relayPin)
{
    QByteArray passphrase = choices.passphrase.toUtf8();
    if (passphrase.isEmpty()) {
        if (const auto fromEnvironment =
                store::ProfileOpener::passphraseFrom(m_options.passphraseFile))
            passphrase = *fromEnvironment;
    }
    m_opener.create(request(passphrase), [this, choices, relayPin](auto created) {
        if (!created) {
            if (m_firstStart)
                m_firstStart->showError(created.error());
            return;
        }
        sync::Invite invite =
            choices.join
                ? *choices.join
                : sync::Invite{choices.relayUrl, sync::WorkspaceKeys::newSecret(), std::nullopt};
        invite.relayUrl = choices.relayUrl;
        Status s = sync::enrol(m_profile, **created, invite, choices.deviceName);
        if (s)
            s = m_profile.set(settings::kMode, appModeName(choices.mode));
        if (s)
            s = m_profile.set(settings::kSyncEnabled, choices.syncEnabled);
        if (s && choices.insecure)
            s = m_profile.set(store::settings::kInsecure, true);
        // The key the inviting device pinned for the relay (wss:// only: ws:// has none).
        if (s && !relayPin.isEmpty() && !sync::RelayPin::relayOf(QUrl(choices.relayUrl)).isEmpty())
            s = sync::RelayPin::save(m_profile, QUrl(choices.relayUrl), relayPin);
        if (s && !choices.kioskPin.isEmpty())
            s = store::setStored(**created, settings::kKioskPin, choices.kioskPin);
        if (s && !choices.admissionToken.isEmpty())
            s = store::setStored(**created, sync::kAdmissionToken,
                                 choices.admissionToken.toLatin1());
        if (!s) {
            // Half a device is worse than none: remove it, so that Start can try again.
            created->reset();
            removeProfile();
            if (m_firstStart)
                m_firstStart->showError(s.error());
            return;
        }
        if (m_firstStart) {
            m_firstStart->disconnect(this);
            m_firstStart->close();
        }
        m_options.mode = choices.mode;
        launch(std::move(*created));
    });
}

void AppController::launch(std::unique_ptr<store::FeedbackStore> store)
{
    if (!m_options.relayUrl.isEmpty()) {
        if (Status s = m_profile.set(store::settings::kRelayUrl, m_options.relayUrl); !s)
            qCWarning(lcApp) << "cannot save the relay URL:" << s.error();
    }
    AppLanguage::apply(m_profile.get(settings::kLanguage));
    m_lock.reset(); // the store holds it from here on, for as long as it is open
    m_session = std::make_unique<AppSession>(m_profile, std::move(store));
    // A kiosk device runs as a kiosk whatever was asked: it reads nothing a desk could show.
    const AppMode mode =
        m_session->isKioskDevice()
            ? AppMode::Kiosk
            : m_options.mode.value_or(
                  appModeFromName(m_profile.get(settings::kMode)).value_or(AppMode::Dispatcher));
    const int retention = m_profile.get(settings::kRetentionDays);
    if (retention > 0 && mode != AppMode::Dispatcher) { // a dispatcher desk keeps all history
        if (const auto purged = m_session->purgeOlderThan(retention); !purged)
            qCWarning(lcApp) << "retention:" << purged.error();
    }
    m_window = std::make_unique<MainWindow>(*m_session, m_dialogs, mode);
    connect(m_window.get(), &MainWindow::resetRequested, this, &AppController::resetDevice,
            Qt::QueuedConnection);
    connect(m_window.get(), &MainWindow::languageChosen, this,
            [](const QString &code) { AppLanguage::apply(code); });
    if (const QStringList &problems = m_session->openProblems(); !problems.isEmpty())
        m_dialogs.inform(m_window.get(), tr("Some feedback could not be read"),
                         problems.join(QLatin1Char('\n')));
    if (mode != AppMode::Kiosk)
        m_window->show();
    m_session->startSync();
    Q_EMIT ready();
}

void AppController::resetDevice()
{
    m_window.reset();
    m_session.reset(); // closes the database
    removeProfile();
    qCInfo(lcApp) << "device reset";
    showFirstStart();
}

void AppController::removeProfile()
{
    const QString entry = m_profile.get(store::settings::kKeychainEntry);
    if (m_profile.get(store::settings::kKeySource) == store::settings::kKeySourceKeychain &&
        !entry.isEmpty()) {
        auto *keychain = new store::KeychainKeySource(entry, this);
        keychain->remove([keychain](const Status &removed) {
            if (!removed)
                qCWarning(lcApp) << "reset: the keychain entry stays:" << removed.error();
            keychain->deleteLater();
        });
    }
    const QString database = m_profile.databasePath();
    const QStringList paths{database, database + QStringLiteral("-wal"),
                            database + QStringLiteral("-shm"), m_profile.keyFilePath(),
                            m_profile.settingsPath()};
    for (const QString &path : paths) {
        if (QFile::exists(path) && !QFile::remove(path))
            qCWarning(lcApp) << "reset: cannot remove" << QDir::toNativeSeparators(path);
    }
}

} // namespace feedback::app
