// First start: how this device is used, a new workspace or an invite code, the relay, sync on
// or off, a passphrase where there is no keychain, and the kiosk PIN. Checks everything inline
// before it lets the person go on.
#pragma once
#include "AppMode.h"

#include <QDialog>

#include <memory>
#include <sync/InviteCode.h>

class QComboBox;

namespace Ui {
class FirstStartDialog;
}

namespace feedback::app {

struct FirstStartChoices
{
    AppMode mode = AppMode::Dispatcher;
    QString deviceName;
    std::optional<sync::Invite> join; // unset: create a new workspace
    QString relayUrl;
    bool syncEnabled = true;
    QString passphrase;
    QString kioskPin;
};

void fillModeCombo(QComboBox *combo, AppMode current);
bool isKioskPin(const QString &pin); // 4 to 12 digits
QString kioskPinRule();              // why a kiosk needs one, for the form's message

class FirstStartDialog : public QDialog
{
    Q_OBJECT
public:
    explicit FirstStartDialog(AppMode suggested, const QString &relayUrl,
                              QWidget *parent = nullptr);
    ~FirstStartDialog() override;
    // The choices when they are complete and valid, otherwise the first problem is shown.
    std::optional<FirstStartChoices> choices();
    void accept() override;
    void showError(const QString &text); // also makes Start usable again
    void setBusy(bool busy);             // while the profile is being created

Q_SIGNALS:
    void chosen(const feedback::app::FirstStartChoices &choices);

private:
    void updateEnabled();
    std::unique_ptr<Ui::FirstStartDialog> m_ui;
};

} // namespace feedback::app
