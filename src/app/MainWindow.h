// The app's window: the view of the current mode (kiosk, dispatcher or field), the sync status
// in the status bar, menus outside the kiosk. The locked kiosk is full screen without menus or
// status bar, and comes back when minimised or covered. After the staff PIN, "Lock kiosk"
// (Ctrl+L) returns to it, and so does a few minutes without use.
#pragma once
#include "AppMode.h"

#include <QMainWindow>
#include <QTimer>

class QActionGroup;

namespace feedback::app {

class AppSession;
class DialogService;
class DispatcherView;
class FieldView;
class IdleWatch;
class KioskView;
class ReportDialog;
class SettingsDialog;
struct SettingsChoices;
class SyncStatusWidget;

class MainWindow : public QMainWindow
{
    Q_OBJECT
public:
    MainWindow(AppSession &session, DialogService &dialogs, AppMode mode,
               QWidget *parent = nullptr);
    ~MainWindow() override; // remembers the window's place and size
    AppMode mode() const { return m_mode; }
    void setMode(AppMode mode);
    KioskView *kiosk() const;
    DispatcherView *dispatcher() const;
    FieldView *field() const;
    SyncStatusWidget &syncStatus() { return *m_syncStatus; }
    SettingsDialog *openSettings();
    // File → Export report… (a dispatcher desk): the period, then the file (deleted when closed).
    ReportDialog *openReport();
    void applySettings(const SettingsChoices &choices);
    bool isKioskLocked() const { return m_mode == AppMode::Kiosk && m_kioskLocked; }
    void lockKiosk(); // back to the locked kiosk, a fresh form
    // Staff who proved the PIN and then left the window alone are locked out again after this.
    void setStaffIdleMs(int ms);
    int staffIdleMs() const;
    // True while the locked kiosk is about to check whether it was minimised or covered.
    bool isRestorePending() const { return m_restore.isActive(); }

Q_SIGNALS:
    void resetRequested();
    void languageChosen(const QString &code);

protected:
    void changeEvent(QEvent *event) override;
    void closeEvent(QCloseEvent *event) override;

private:
    void buildMenus();
    void retranslate();
    void leaveKiosk();
    void applyLock(bool locked);
    void exportReport(QDate from, QDate to);
    void restoreKiosk();

    AppSession &m_session;
    DialogService &m_dialogs;
    AppMode m_mode;
    bool m_kioskLocked = true;   // full screen; false once staff left it with the PIN
    bool m_staffSession = false; // staff left the kiosk with the PIN and have not locked it yet
    IdleWatch *m_staffIdle;
    QTimer m_restore; // a locked kiosk that was minimised or covered comes back
    SyncStatusWidget *m_syncStatus;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_syncMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_reportAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_syncNowAction = nullptr;
    QAction *m_syncDetailsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QAction *m_lockAction = nullptr;
    QActionGroup *m_modeGroup = nullptr;
};

} // namespace feedback::app
