// The public kiosk: the feedback form in large type, then a "Thank you" screen that resets
// after a few seconds. Nothing of an earlier customer stays on screen. Leaving the kiosk needs
// the PIN from the settings. The form scales with the screen (1280x800 and up), is centred, and
// never clips: a scroll area is the last resort on smaller screens. Customers see no technical
// status (a neutral dot); after the PIN, a staff bar offers the keypad setting and "Lock kiosk".
#pragma once
#include <QElapsedTimer>
#include <QTimer>
#include <QWidget>

class QAction;
class QComboBox;
class QLabel;
class QPushButton;
class QScrollArea;
class QShortcut;
class QStackedWidget;
class QToolButton;

namespace feedback::app {

class AppSession;
class CaptureForm;
class DialogService;
class NumericKeypad;
class StatusDot;

class KioskView : public QWidget
{
    Q_OBJECT
public:
    KioskView(AppSession &session, DialogService &dialogs, QWidget *parent = nullptr);
    CaptureForm &form() { return *m_form; }
    NumericKeypad &keypad() { return *m_keypad; }
    bool isThankingYou() const;
    void setThankYouMs(int ms) { m_reset.setInterval(ms); }
    void setIdleResetMs(int ms) { m_idle.setInterval(ms); }
    void requestLeave(); // asks for the PIN; emits leaveGranted when it matches
    // Staff proved the PIN: the staff bar shows, with `lock` (back to the locked kiosk).
    void setStaffMode(bool staff, QAction *lock, int relockMinutes);
    double scale() const { return m_scale; }

Q_SIGNALS:
    void leaveGranted();

protected:
    void changeEvent(QEvent *event) override;
    void resizeEvent(QResizeEvent *event) override;

private:
    QWidget *buildStaffBar();
    QWidget *buildFormPage();
    void applyScale(double scale);
    void applyKeypadSetting();
    void showThanks();
    void showForm();
    void retranslate();

    AppSession &m_session;
    DialogService &m_dialogs;
    QWidget *m_staffBar;
    QLabel *m_staffText;
    QLabel *m_keypadLabel;
    QComboBox *m_keypadCombo;
    QToolButton *m_lockButton;
    StatusDot *m_dot;
    QStackedWidget *m_pages;
    QScrollArea *m_scroll;
    CaptureForm *m_form;
    NumericKeypad *m_keypad;
    QLabel *m_thanks;
    QLabel *m_thanksDetail;
    QPushButton *m_again;
    QPushButton *m_leave;
    QShortcut *m_leaveShortcut;
    QTimer m_reset;
    QTimer m_idle; // a half-filled form left alone is cleared before the next customer
    int m_failedPins = 0;
    QElapsedTimer m_lockedSince;
    qint64 m_lockoutMs = 0;
    double m_scale = 0;
    int m_relockMinutes = 0;
    bool m_staff = false;
};

} // namespace feedback::app
