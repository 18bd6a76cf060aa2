#include "MainWindow.h"

#include "AppLanguage.h"
#include "AppSession.h"
#include "AppSettings.h"
#include "DialogService.h"
#include "DispatcherView.h"
#include "FieldView.h"
#include "IdleWatch.h"
#include "KioskView.h"
#include "RecordDetailPane.h"
#include "ReportDialog.h"
#include "ReportPdf.h"
#include "SavedLayout.h"
#include "SettingsDialog.h"
#include "SyncStatusWidget.h"
#include "WeeklyReport.h"

#include <QActionGroup>
#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QEvent>
#include <QMenuBar>
#include <QStatusBar>

namespace feedback::app {

namespace {
constexpr int kStaffIdleMs = 3 * 60 * 1000;
}

MainWindow::MainWindow(AppSession &session, DialogService &dialogs, AppMode mode, QWidget *parent)
    : QMainWindow(parent)
    , m_session(session)
    , m_dialogs(dialogs)
    , m_mode(mode)
    , m_staffIdle(new IdleWatch(kStaffIdleMs, this))
{
    setObjectName(QStringLiteral("mainWindow"));
    connect(m_staffIdle, &IdleWatch::idle, this, &MainWindow::lockKiosk);
    // Deferred: a window-modal dialog of our own (the PIN) activates just after the kiosk
    // deactivates, and must not be fought.
    m_restore.setSingleShot(true);
    m_restore.setInterval(200);
    connect(&m_restore, &QTimer::timeout, this, &MainWindow::restoreKiosk);
    setWindowIcon(QIcon(QStringLiteral(":/icons/courier-feedback.svg")));
    m_syncStatus = new SyncStatusWidget(session, this);
    statusBar()->addPermanentWidget(m_syncStatus);
    buildMenus();
    retranslate();
    // Maximised the first time (a fixed size left the status bar below a 1280x800 screen and
    // a small window on a large one), then as the person left it.
    SavedLayout::restoreWindow(*this, m_session.profile());
    setMode(mode);
}

MainWindow::~MainWindow()
{
    // Only a window that was shown, and never the kiosk's full screen.
    if (windowHandle() && m_mode != AppMode::Kiosk && !isFullScreen())
        SavedLayout::saveWindow(*this, m_session.profile());
}

void MainWindow::buildMenus()
{
    m_fileMenu = menuBar()->addMenu(QString());
    m_settingsAction = m_fileMenu->addAction(QString(), this, [this] { openSettings(); });
    // QKeySequence::Preferences is empty on X11 and Windows: Ctrl+, there, as most apps do.
    const QList<QKeySequence> preferences = QKeySequence::keyBindings(QKeySequence::Preferences);
    m_settingsAction->setShortcuts(preferences.isEmpty()
                                       ? QList<QKeySequence>{QKeySequence(Qt::CTRL | Qt::Key_Comma)}
                                       : preferences);
    m_reportAction = m_fileMenu->addAction(QString(), this, [this] { openReport(); });
    m_reportAction->setObjectName(QStringLiteral("exportReportAction"));
    m_fileMenu->addSeparator();
    m_quitAction = m_fileMenu->addAction(QString(), this, &QWidget::close);
    m_quitAction->setShortcut(QKeySequence::Quit);

    m_viewMenu = menuBar()->addMenu(QString());
    m_modeGroup = new QActionGroup(this);
    for (AppMode mode : {AppMode::Dispatcher, AppMode::Field, AppMode::Kiosk}) {
        QAction *action = m_viewMenu->addAction(QString());
        action->setCheckable(true);
        // A device enrolled as a kiosk reads nothing: the desk and field views stay closed.
        action->setEnabled(mode == AppMode::Kiosk || !m_session.isKioskDevice());
        action->setData(appModeName(mode));
        m_modeGroup->addAction(action);
        connect(action, &QAction::triggered, this, [this, mode] {
            if (mode == AppMode::Kiosk && m_session.kioskPin().isEmpty()) {
                // A kiosk without a PIN could be left by anyone: set one first.
                setMode(m_mode); // puts the check mark back
                m_dialogs.inform(this, tr("Kiosk"),
                                 tr("Set a kiosk PIN in the settings first: staff need it to "
                                    "leave the kiosk."));
                return;
            }
            m_kioskLocked = true;
            setMode(mode);
        });
    }
    m_viewMenu->addSeparator();
    m_lockAction = m_viewMenu->addAction(QString(), this, &MainWindow::lockKiosk);
    m_lockAction->setObjectName(QStringLiteral("lockKioskAction"));
    m_lockAction->setShortcut(QKeySequence(QStringLiteral("Ctrl+L")));
    addAction(m_lockAction); // its shortcut works wherever the focus is

    m_syncMenu = menuBar()->addMenu(QString());
    m_syncNowAction = m_syncMenu->addAction(QString(), this, [this] { m_session.syncNow(); });
    m_syncNowAction->setShortcut(QKeySequence::Refresh);
    m_syncDetailsAction = m_syncMenu->addAction(QString(), m_syncStatus, &QPushButton::click);

    m_helpMenu = menuBar()->addMenu(QString());
    m_aboutAction = m_helpMenu->addAction(QString(), this, [this] {
        m_dialogs.inform(this, tr("About Courier Feedback"),
                         tr("Courier Feedback %1\nOffline-first delivery feedback, end-to-end "
                            "encrypted.\nLicensed under the GNU GPL, version 3.")
                             .arg(QCoreApplication::applicationVersion()));
    });
}

void MainWindow::retranslate()
{
    setWindowTitle(tr("Courier Feedback"));
    m_fileMenu->setTitle(tr("&File"));
    m_settingsAction->setText(tr("&Settings…"));
    m_reportAction->setText(tr("Export &report…"));
    m_quitAction->setText(tr("&Quit"));
    m_viewMenu->setTitle(tr("&View"));
    const QList<QAction *> modes = m_modeGroup->actions();
    modes[0]->setText(tr("&Dispatcher desk"));
    modes[1]->setText(tr("&Field laptop"));
    modes[2]->setText(tr("&Kiosk (full screen)"));
    m_lockAction->setText(tr("&Lock kiosk"));
    m_lockAction->setToolTip(tr("Back to the kiosk for customers (Ctrl+L)"));
    m_syncMenu->setTitle(tr("S&ync"));
    m_syncNowAction->setText(tr("Sync &now"));
    m_syncDetailsAction->setText(tr("Sync &details…"));
    m_helpMenu->setTitle(tr("&Help"));
    m_aboutAction->setText(tr("&About"));
}

void MainWindow::closeEvent(QCloseEvent *event)
{
    // A customer must not close the kiosk (Alt+F4): closing it needs the PIN, like leaving it.
    if (m_mode == AppMode::Kiosk && m_kioskLocked) {
        event->ignore();
        if (KioskView *view = kiosk())
            view->requestLeave();
        return;
    }
    QMainWindow::closeEvent(event);
}

void MainWindow::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        retranslate();
    // The window manager's menu can minimise a kiosk, another program can cover it: a locked
    // kiosk never stays hidden from the next customer.
    if ((event->type() == QEvent::WindowStateChange || event->type() == QEvent::ActivationChange) &&
        isKioskLocked())
        m_restore.start();
    QMainWindow::changeEvent(event);
}

void MainWindow::restoreKiosk()
{
    if (!isKioskLocked() || !isVisible())
        return;
    if (isMinimized() || !isFullScreen())
        showFullScreen();
    // Another window is active: something covers the kiosk. The kiosk's own dialogs (the PIN)
    // are left alone; anything else, ours or another program's, goes behind it again.
    QWidget *active = QApplication::activeWindow();
    bool own = false;
    for (QWidget *w = active; w && !own; w = w->parentWidget())
        own = w == this;
    if (!own) {
        raise();
        activateWindow();
    }
}

KioskView *MainWindow::kiosk() const
{
    return qobject_cast<KioskView *>(centralWidget());
}

DispatcherView *MainWindow::dispatcher() const
{
    return qobject_cast<DispatcherView *>(centralWidget());
}

FieldView *MainWindow::field() const
{
    return qobject_cast<FieldView *>(centralWidget());
}

void MainWindow::setMode(AppMode mode)
{
    m_mode = mode;
    for (QAction *action : m_modeGroup->actions())
        action->setChecked(action->data().toString() == appModeName(mode));
    QWidget *view = nullptr;
    switch (mode) {
    case AppMode::Kiosk: {
        auto *kiosk = new KioskView(m_session, m_dialogs, this);
        connect(kiosk, &KioskView::leaveGranted, this, &MainWindow::leaveKiosk);
        view = kiosk;
        break;
    }
    case AppMode::Dispatcher: {
        auto *dispatcher = new DispatcherView(m_session, m_dialogs, this);
        connect(dispatcher, &DispatcherView::message, this,
                [this](const QString &text) { statusBar()->showMessage(text, 8000); });
        statusBar()->insertPermanentWidget(0, dispatcher->conflictStatus());
        view = dispatcher;
        break;
    }
    case AppMode::Field:
        view = new FieldView(m_session, this);
        break;
    }
    m_reportAction->setVisible(mode == AppMode::Dispatcher);
    view->setObjectName(appModeName(mode) + QStringLiteral("View"));
    setCentralWidget(view); // deletes the previous view
    const bool locked = mode == AppMode::Kiosk && m_kioskLocked;
    if (locked)
        m_staffSession = false;
    applyLock(locked);
    if (locked)
        showFullScreen();
    else if (isFullScreen())
        SavedLayout::restoreWindow(*this, m_session.profile()); // back from the kiosk
}

void MainWindow::applyLock(bool locked)
{
    // Hidden is not enough (a global menu bar, shortcuts): a locked kiosk offers customers no
    // settings, no other mode, no quitting and no sync details.
    menuBar()->setVisible(!locked);
    for (QAction *action : {m_settingsAction, m_quitAction, m_syncDetailsAction})
        action->setEnabled(!locked);
    for (QAction *action : m_modeGroup->actions())
        action->setEnabled(!locked);
    m_syncStatus->setEnabled(!locked);
    // Customers see no sync words ("Offline · 3 waiting"); the kiosk shows a neutral dot and
    // staff find the details here after the PIN.
    statusBar()->setVisible(!locked);
    m_lockAction->setVisible(m_staffSession);
    m_lockAction->setEnabled(m_staffSession);
    if (m_staffSession)
        m_staffIdle->start();
    else
        m_staffIdle->stop();
    if (KioskView *view = kiosk())
        view->setStaffMode(m_staffSession, m_lockAction, (m_staffIdle->interval() + 59999) / 60000);
}

void MainWindow::lockKiosk()
{
    m_kioskLocked = true;
    setMode(AppMode::Kiosk);
}

void MainWindow::setStaffIdleMs(int ms)
{
    m_staffIdle->setInterval(ms);
    if (m_staffSession)
        m_staffIdle->start();
}

int MainWindow::staffIdleMs() const
{
    return m_staffIdle->interval();
}

void MainWindow::leaveKiosk()
{
    // Staff proved the PIN: a normal window with menus (settings, other modes) and the sync
    // status, still the kiosk form, with "Lock kiosk" in sight; idle staff are locked out again.
    m_kioskLocked = false;
    m_staffSession = true;
    applyLock(false);
    showNormal();
}

SettingsDialog *MainWindow::openSettings()
{
    auto *dialog = new SettingsDialog(m_session, m_dialogs, m_mode, this);
    dialog->setObjectName(QStringLiteral("settingsDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &SettingsDialog::saved, this, &MainWindow::applySettings);
    connect(dialog, &SettingsDialog::resetConfirmed, this, [this, dialog] {
        dialog->close();
        Q_EMIT resetRequested();
    });
    dialog->open();
    return dialog;
}

ReportDialog *MainWindow::openReport()
{
    auto *dialog = new ReportDialog(this);
    dialog->setObjectName(QStringLiteral("reportDialog"));
    dialog->setAttribute(Qt::WA_DeleteOnClose);
    connect(dialog, &ReportDialog::chosen, this, &MainWindow::exportReport);
    dialog->open();
    return dialog;
}

void MainWindow::exportReport(QDate from, QDate to)
{
    const QString suggested =
        QDir(DispatcherView::exportFolder())
            .filePath(QStringLiteral("feedback-report-%1-%2.pdf")
                          .arg(from.toString(Qt::ISODate), to.toString(Qt::ISODate)));
    m_dialogs.chooseSaveFile(
        this, tr("Export report"), suggested, tr("PDF (*.pdf)"),
        [this, from, to](const QString &path) {
            if (path.isEmpty())
                return;
            const WeeklyReport report = WeeklyReport::collect(m_session, from, to);
            if (Status s = ReportPdf::write(report, path); !s) {
                m_dialogs.inform(this, tr("Export report"), s.error());
                return;
            }
            statusBar()->showMessage(tr("Report written to %1").arg(path), 8000);
        });
}

void MainWindow::applySettings(const SettingsChoices &c)
{
    const store::Profile &profile = m_session.profile();
    QStringList problems;
    auto keep = [&problems](const Status &s) {
        if (!s)
            problems.append(s.error());
    };
    keep(profile.set(store::settings::kDeviceName, c.deviceName));
    keep(profile.set(settings::kMode, appModeName(c.mode)));
    keep(profile.set(settings::kRetentionDays, c.retentionDays));
    keep(profile.set(settings::kLanguage, c.language));
    keep(profile.set(settings::kOrderLink, c.orderLink));
    keep(profile.set(settings::kAlerts, c.alerts));
    if (DispatcherView *desk = dispatcher())
        desk->detail().showRecord(desk->detail().record()); // the order link may have changed
    if (!c.newPin.isEmpty())
        keep(m_session.setKioskPin(c.newPin));
    if (c.relayUrl != m_session.relayUrl() || c.fallbackRelays != m_session.fallbackRelays() ||
        c.syncEnabled != profile.get(settings::kSyncEnabled) ||
        c.insecure != profile.get(store::settings::kInsecure) ||
        c.nearbySync != profile.get(settings::kNearbySync) ||
        c.nearbyPeers.join(QLatin1Char(' ')) != profile.get(settings::kNearbyPeers)) {
        keep(profile.set(settings::kNearbySync, c.nearbySync));
        keep(profile.set(settings::kNearbyPeers, c.nearbyPeers.join(QLatin1Char(' '))));
        keep(m_session.setSyncSettings(c.relayUrl, c.syncEnabled, c.insecure, c.fallbackRelays));
    }
    if (c.retentionDays > 0 && c.mode != AppMode::Dispatcher) { // a desk keeps all history
        const auto purged = m_session.purgeOlderThan(c.retentionDays);
        if (!purged)
            problems.append(purged.error());
    }
    if (!problems.isEmpty())
        m_dialogs.inform(
            this, tr("Settings"),
            tr("Some settings could not be saved:\n%1").arg(problems.join(QLatin1Char('\n'))));
    Q_EMIT languageChosen(c.language);
    if (c.mode != m_mode) {
        m_kioskLocked = true;
        m_staffSession = false; // the device now has another job: no kiosk to lock again
        setMode(c.mode);
    }
    statusBar()->showMessage(tr("Settings saved."), 5000);
}

} // namespace feedback::app
