// Settings → Devices: the workspace's devices as the relay last listed them (name, role,
// enrolled, last seen, revoked / revocation pending / this device), "Revoke…" for another
// device after a confirmation that names it, invites (InvitePanel) and the pending ones
// (PendingInvitesPanel). Data
// comes from the session only; the list follows the session's Devices sync events.
#pragma once
#include <QDialog>

#include <core/FeedbackTypes.h>

class QLabel;
class QLineEdit;
class QPushButton;
class QTableWidget;
class QWidget;

namespace feedback::app {

class AppSession;
class DialogService;

class DevicesDialog : public QDialog
{
    Q_OBJECT
public:
    enum Column
    {
        NameColumn,
        RoleColumn,
        EnrolledColumn,
        LastSeenColumn,
        StateColumn,
        ColumnCount
    };

    DevicesDialog(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);

    // Reads the list again from the session, keeping the selected device selected.
    void refresh();

private:
    void updateButtons();
    void requestRevoke();
    void showError(const QString &text);
    // The device of the selected row; nullopt when none is selected.
    std::optional<ReplicaId> selectedDevice() const;

    AppSession &m_session;
    DialogService &m_dialogs;
    QTableWidget *m_table = nullptr;
    QLabel *m_emptyLabel = nullptr;
    QLabel *m_errorLabel = nullptr;
    QPushButton *m_revokeButton = nullptr;
};

} // namespace feedback::app
