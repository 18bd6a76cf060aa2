// The invite part of Settings → Devices: how long a code stays valid, "Invite a full device" and
// "Invite a kiosk". The code shows once the relay holds the invite (one use, expiring), with
// the time it expires; until then the panel says it waits for the relay.
#pragma once
#include <QWidget>

#include <protocol/Messages.h>

class QComboBox;
class QLabel;
class QLineEdit;
class QPushButton;

namespace feedback::app {

class AppSession;

class InvitePanel : public QWidget
{
    Q_OBJECT
public:
    explicit InvitePanel(AppSession &session, QWidget *parent = nullptr);

Q_SIGNALS:
    void failed(const QString &text);

private:
    void request(protocol::Role role);
    void showCode(const QString &code, qint64 expiresAtMs);

    AppSession &m_session;
    QComboBox *m_expiryCombo;
    QPushButton *m_fullButton;
    QPushButton *m_kioskButton;
    QLabel *m_statusLabel;
    QWidget *m_codeBox;
    QLineEdit *m_codeEdit;
    QByteArray m_waitingFor; // the invite whose code this panel shows next
    protocol::Role m_role = protocol::Role::Full;
};

} // namespace feedback::app
