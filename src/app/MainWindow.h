// The app's window: the view of the current mode (kiosk, dispatcher or field), the sync status
// always in the status bar, menus outside the kiosk. The kiosk is full screen without menus.
#pragma once
#include "AppMode.h"

#include <QMainWindow>

class QActionGroup;

namespace feedback::app {

class AppSession;
class DialogService;
class DispatcherView;
class FieldView;
class KioskView;
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
    void applySettings(const SettingsChoices &choices);

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

    AppSession &m_session;
    DialogService &m_dialogs;
    AppMode m_mode;
    bool m_kioskLocked = true; // full screen; false once staff left it with the PIN
    SyncStatusWidget *m_syncStatus;
    QMenu *m_fileMenu = nullptr;
    QMenu *m_viewMenu = nullptr;
    QMenu *m_syncMenu = nullptr;
    QMenu *m_helpMenu = nullptr;
    QAction *m_settingsAction = nullptr;
    QAction *m_quitAction = nullptr;
    QAction *m_syncNowAction = nullptr;
    QAction *m_syncDetailsAction = nullptr;
    QAction *m_aboutAction = nullptr;
    QActionGroup *m_modeGroup = nullptr;
};

} // namespace feedback::app
