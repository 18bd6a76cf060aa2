// Starts the app: opens the profile (keychain first, else asks for the passphrase) or runs the
// first start, then shows the main window in its mode. Also "Reset this device": closes
// everything, deletes the profile and starts over.
#pragma once
#include "AppOptions.h"

#include <QObject>
#include <QPointer>

#include <memory>
#include <optional>
#include <store/ProfileOpener.h>
#include <sync/InviteCode.h>

namespace feedback::app {

class AppSession;
class DialogService;
class FirstStartDialog;
struct FirstStartChoices;
class MainWindow;

class AppController : public QObject
{
    Q_OBJECT
public:
    AppController(AppOptions options, DialogService &dialogs, QObject *parent = nullptr);
    ~AppController() override;
    void start();
    AppSession *session() const { return m_session.get(); }
    MainWindow *window() const { return m_window.get(); }
    FirstStartDialog *firstStart() const;
    const store::Profile &profile() const { return m_profile; }

Q_SIGNALS:
    void ready();
    void failed(const QString &reason);

private:
    void openWithLock();
    // Another program holds the profile: says which, offers to try again; opens nothing.
    void showInUse(const QString &reason);
    void open(const QByteArray &passphrase, int attempt);
    void askPassphrase(const QString &why, int attempt);
    void showFirstStart();
    void create(const FirstStartChoices &choices);
    void createProfile(const FirstStartChoices &choices, const QByteArray &relayPin);
    void launch(std::unique_ptr<store::FeedbackStore> store);
    void resetDevice();
    void removeProfile(); // database, key file, settings and the keychain entry
    store::ProfileOpener::Request request(const QByteArray &passphrase) const;

    AppOptions m_options;
    DialogService &m_dialogs;
    store::Profile m_profile;
    store::ProfileOpener m_opener;
    // Held from before the passphrase is asked until the store takes it over.
    std::shared_ptr<store::ProfileLock> m_lock;
    std::unique_ptr<AppSession> m_session;
    std::unique_ptr<MainWindow> m_window;
    QPointer<FirstStartDialog> m_firstStart;
    // The invite a first start claimed, kept while the dialog is open: Start pressed again
    // after a failed creation must not claim (and use up) it a second time.
    struct ClaimedInvite
    {
        QByteArray secret; // the code's
        sync::Invite invite;
    };
    std::optional<ClaimedInvite> m_claimed;
};

} // namespace feedback::app
