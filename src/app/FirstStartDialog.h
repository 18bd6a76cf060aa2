// First start, in three steps that each show only what they need: the role (how this device is
// used, its name, defaulted from the host name and the role), the workspace (a new one or an
// invite code; sync on, which needs a relay address, or off) and security (a passphrase where
// there is no keychain, and the PIN of a kiosk). Each step is checked before the next; Start
// checks everything again and shows the step of the first problem.
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
    bool insecure = false;  // plain ws:// to a relay off this machine allowed
    QString admissionToken; // a new workspace's, from the relay's operator (or empty)
    QString passphrase;
    QString kioskPin;
};

void fillModeCombo(QComboBox *combo, AppMode current);
bool isKioskPin(const QString &pin);     // 4 to 12 digits
QString kioskPinRule();                  // why a kiosk needs one, for the form's message
QString defaultDeviceName(AppMode mode); // "depot-7 kiosk": the host name and the role

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
    enum Step
    {
        RoleStep,
        WorkspaceStep,
        SecurityStep
    };
    Step step() const;
    void showStep(Step step);
    void next(); // checks this step, then shows the next one
    void back();

Q_SIGNALS:
    void chosen(const feedback::app::FirstStartChoices &choices);

protected:
    void changeEvent(QEvent *event) override;

private:
    void updateEnabled();
    void retranslate();
    AppMode chosenMode() const;
    // The first problem of a step (showing it, on its step, with the focus on its field).
    bool checkRole(FirstStartChoices &c);
    bool checkWorkspace(FirstStartChoices &c);
    bool checkSecurity(FirstStartChoices &c);
    bool fail(QWidget *field, const QString &text);

    std::unique_ptr<Ui::FirstStartDialog> m_ui;
    bool m_nameEdited = false; // the person typed a name: the role no longer changes it
};

} // namespace feedback::app
