// Everything chosen at first start, changeable later: mode, device name, relay, sync on/off,
// kiosk PIN, how long synced feedback stays on the device, language, the order system's link and
// desktop alerts; an invite code for the
// next device; the Devices dialog; and "Reset this device", which refuses to drop unsynced feedback
// without a second, explicit confirmation.
#pragma once
#include "AppMode.h"

#include <QDialog>

#include <memory>

namespace Ui {
class SettingsDialog;
}

namespace feedback::app {

class AppSession;
class DevicesDialog;
class DialogService;

struct SettingsChoices
{
    AppMode mode = AppMode::Dispatcher;
    QString deviceName;
    QString relayUrl;
    QStringList fallbackRelays; // further addresses in the relay field, tried in turn
    bool syncEnabled = true;
    bool nearbySync = true;
    QStringList nearbyPeers; // "HOST:PORT" named by hand
    bool insecure = false;   // plain ws:// to a relay off this machine allowed
    QString newPin;          // empty: unchanged
    int retentionDays = 0;   // 0: keep forever
    QString language;        // empty: the system's
    QString orderLink;       // "https://…{orderId}…"; empty: order numbers are plain text
    bool alerts = true;      // desktop notifications for low ratings (dispatcher desks)
};

class SettingsDialog : public QDialog
{
    Q_OBJECT
public:
    SettingsDialog(AppSession &session, DialogService &dialogs, AppMode current,
                   QWidget *parent = nullptr);
    ~SettingsDialog() override;
    void accept() override;
    void requestReset();
    // Settings → Devices, window-modal over this dialog (deleted when closed).
    DevicesDialog *openDevices();

Q_SIGNALS:
    void saved(const feedback::app::SettingsChoices &choices);
    void resetConfirmed();

private:
    void showError(const QString &text);
    AppSession &m_session;
    DialogService &m_dialogs;
    std::unique_ptr<Ui::SettingsDialog> m_ui;
};

} // namespace feedback::app
