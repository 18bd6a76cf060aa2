// The pending invites of Settings → Devices: the invites this device made that the relay holds
// and that have not expired (role, expiry, uses left; AppSession::pendingInvites), and "Cancel
// invite…" after a confirmation, which asks the relay through the app's sync session. A row goes
// once the relay confirms; one that expires goes by itself.
#pragma once
#include <QSet>
#include <QWidget>

class QLabel;
class QPushButton;
class QTableWidget;
class QTimer;

namespace feedback::app {

class AppSession;
class DialogService;

class PendingInvitesPanel : public QWidget
{
    Q_OBJECT
public:
    enum Column
    {
        RoleColumn,
        ExpiresColumn,
        UsesLeftColumn,
        ColumnCount
    };

    PendingInvitesPanel(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);

    // Reads the list again from the session, keeping the selected invite selected.
    void refresh();

Q_SIGNALS:
    // An error to show (empty: none).
    void failed(const QString &text);

private:
    void updateButton();
    void requestCancel();
    QByteArray selectedHandle() const;

    AppSession &m_session;
    DialogService &m_dialogs;
    QTableWidget *m_table;
    QLabel *m_emptyLabel;
    QPushButton *m_cancelButton;
    QTimer *m_expiry;              // refreshes when the next invite expires
    QSet<QByteArray> m_cancelling; // handles sent to the relay, not answered yet
};

} // namespace feedback::app
