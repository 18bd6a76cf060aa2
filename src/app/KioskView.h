// The public kiosk: the feedback form in large type, then a "Thank you" screen that resets
// after a few seconds. Nothing of an earlier customer stays on screen. Leaving the kiosk needs
// the PIN from the settings.
#pragma once
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QLabel;
class QPushButton;
class QStackedWidget;

namespace feedback::app {

class AppSession;
class CaptureForm;
class DialogService;

class KioskView : public QWidget
{
    Q_OBJECT
public:
    KioskView(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);
    CaptureForm &form() { return *m_form; }
    bool isThankingYou() const;
    void setThankYouMs(int ms) { m_reset.setInterval(ms); }
    void setIdleResetMs(int ms) { m_idle.setInterval(ms); }
    void requestLeave(); // asks for the PIN; emits leaveGranted when it matches

Q_SIGNALS:
    void leaveGranted();

protected:
    void changeEvent(QEvent *event) override;

private:
    void showThanks();
    void showForm();
    void retranslate();

    AppSession &m_session;
    DialogService &m_dialogs;
    QStackedWidget *m_pages;
    CaptureForm *m_form;
    QLabel *m_thanks;
    QLabel *m_thanksDetail;
    QPushButton *m_again;
    QPushButton *m_leave;
    QTimer m_reset;
    QTimer m_idle; // a half-filled form left alone is cleared before the next customer
    int m_failedPins = 0;
    QElapsedTimer m_lockedSince;
    qint64 m_lockoutMs = 0;
};

} // namespace feedback::app
