// What the customer at a kiosk must not see and cannot undo, and what staff get after the PIN:
// no sync words for customers (a neutral dot), the details and a visible "Lock kiosk" for staff,
// locking again by itself when staff walk away, and a kiosk that comes back when minimised or
// covered. Real profile, real SQLite, the real main window.
#include "GuiTestSupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QDialog>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPushButton>
#include <QStatusBar>
#include <QToolButton>

#include <app/AppLanguage.h>
#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/StatusDot.h>
#include <app/SyncStatusWidget.h>

using namespace feedback;
using namespace Qt::StringLiterals;

// Counts the times a window became the active one.
class ActivationLog : public QObject
{
public:
    int activations = 0;
    bool eventFilter(QObject *watched, QEvent *event) override
    {
        if (event->type() == QEvent::WindowActivate)
            ++activations;
        return QObject::eventFilter(watched, event);
    }
};

class TestKioskStaff : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::AppSession> m_session;
    std::unique_ptr<test::ScriptedDialogs> m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;

    // In the current view: a replaced view lingers until deleteLater runs.
    // In the kiosk view first, then anywhere in the window; a missing widget fails the current
    // test only (GuiTestSupport.h).
    template <class T>
    T *find(const QString &name,
            const std::source_location where = std::source_location::current()) const
    {
        if (T *inView = test::findOptional<T>(m_window->centralWidget(), name))
            return inView;
        return test::findWidget<T>(m_window.get(), name, where);
    }
    // Every text a person can see in the window (labels, buttons, tooltips, the title).
    QStringList visibleTexts()
    {
        QStringList texts{m_window->windowTitle()};
        for (QWidget *w : m_window->findChildren<QWidget *>()) {
            if (!w->isVisible())
                continue;
            if (auto *label = qobject_cast<QLabel *>(w))
                texts << label->text();
            if (auto *button = qobject_cast<QAbstractButton *>(w))
                texts << button->text();
            texts << w->toolTip();
        }
        texts.removeAll(QString());
        return texts;
    }
    void enterPin()
    {
        QVERIFY(m_session->setKioskPin(u"2468"_s));
        m_dialogs->textAnswers = {u"2468"_s};
        QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!m_window->isKioskLocked());
    }
    void expectLocked()
    {
        QTRY_VERIFY(m_window->isKioskLocked());
        QVERIFY(m_window->isFullScreen());
        QVERIFY(!m_window->menuBar()->isVisible());
        QVERIFY(!m_window->statusBar()->isVisible());
        QTRY_VERIFY(find<QPushButton>(u"kioskLeaveButton"_s)->isVisible()); // a new view
        QVERIFY(!find<QWidget>(u"kioskStaffBar"_s)->isVisible());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = test::openSession(m_dir.path() + u"/kiosk"_s);
        QVERIFY(m_session);
        m_dialogs = std::make_unique<test::ScriptedDialogs>();
        m_window = std::make_unique<app::MainWindow>(*m_session, *m_dialogs, app::AppMode::Kiosk);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        app::AppLanguage::apply(u"en"_s);
        QDir(m_dir.path() + u"/kiosk"_s).removeRecursively();
    }

    void customersSeeADotAndNoSyncWords_data()
    {
        QTest::addColumn<QString>("language");
        for (const char *language : {"en", "de", "fr", "es"})
            QTest::newRow(language) << QString::fromLatin1(language);
    }
    void customersSeeADotAndNoSyncWords()
    {
        QFETCH(QString, language);
        app::AppLanguage::apply(language);
        m_session->startSync(); // no relay: "Offline · 0 waiting" on a desk
        const QString summary = app::syncSummary(*m_session);
        const QString waiting = QCoreApplication::translate("SyncStatus", "%n waiting", nullptr, 0);
        QVERIFY(!summary.isEmpty());
        QVERIFY(!m_window->statusBar()->isVisible());
        for (const QString &text : visibleTexts()) {
            QVERIFY2(!text.contains(summary) && !text.contains(waiting),
                     qPrintable(u"a customer sees \"%1\""_s.arg(text)));
        }
        auto *dot = test::findOptional<app::StatusDot>(m_window.get(), u"kioskStatusDot"_s);
        QVERIFY2(dot, "no kioskStatusDot");
        QVERIFY(dot->isVisible());
        QVERIFY(dot->allSent());
        QVERIFY(dot->toolTip().isEmpty());

        // Feedback waiting to be sent: the dot changes, still without a word.
        NewFeedback input;
        input.orderId = u"ORD-1"_s;
        input.courierId = 1;
        input.rating = 5;
        QVERIFY(m_session->submit(input));
        QVERIFY(!dot->allSent());

        // The details are behind the Staff button.
        enterPin();
        QTRY_VERIFY(m_window->statusBar()->isVisible());
        QVERIFY(m_window->syncStatus().isVisible());
        QVERIFY(m_window->syncStatus().isEnabled());
        QCOMPARE(m_window->syncStatus().text(), app::syncSummary(*m_session));
    }

    void staffSeeLockKioskAndItLocks()
    {
        enterPin();
        QVERIFY(m_window->menuBar()->isVisible());
        auto *button = find<QToolButton>(u"lockKioskButton"_s);
        QTRY_VERIFY(button->isVisible());
        QVERIFY(button->isEnabled());
        QVERIFY(!button->text().isEmpty());
        auto *action = find<QAction>(u"lockKioskAction"_s);
        QVERIFY(action->isVisible() && action->isEnabled());
        QCOMPARE(action->shortcut(), QKeySequence(u"Ctrl+L"_s));
        QVERIFY(find<QWidget>(u"kioskStaffBar"_s)->isVisible());
        QVERIFY(!find<QPushButton>(u"kioskLeaveButton"_s)->isVisible());
        QTest::mouseClick(button, Qt::LeftButton);
        expectLocked();
        QVERIFY(!action->isEnabled()); // nothing for a customer to press

        // The shortcut, and it clears whatever staff typed into the form.
        enterPin();
        QTest::keyClicks(find<QLineEdit>(u"orderIdEdit"_s), u"ORD-STAFF"_s);
        QTest::keyClick(find<QLineEdit>(u"orderIdEdit"_s), Qt::Key_L, Qt::ControlModifier);
        expectLocked();
        QCOMPARE(find<QLineEdit>(u"orderIdEdit"_s)->text(), QString());
    }

    void idleStaffAreLockedOutAgain()
    {
        QCOMPARE(m_window->staffIdleMs(), 3 * 60 * 1000); // a few minutes by default
        m_window->setStaffIdleMs(50);
        enterPin();
        expectLocked();
        // Staff that switched to another view are locked out too, back to the kiosk.
        enterPin();
        m_window->setStaffIdleMs(60 * 60 * 1000);
        m_window->setMode(app::AppMode::Field);
        QVERIFY(!m_window->isFullScreen());
        m_window->setStaffIdleMs(50);
        expectLocked();
        QCOMPARE(m_window->mode(), app::AppMode::Kiosk);
    }

    void aMinimisedKioskComesBack()
    {
        QVERIFY(m_window->isFullScreen());
        m_window->setWindowState(Qt::WindowMinimized); // the window manager's menu
        QTRY_VERIFY(!m_window->isMinimized());
        QVERIFY(m_window->isFullScreen());
    }

    void aCoveredKioskComesBack()
    {
        QTRY_COMPARE(QApplication::activeWindow(), m_window.get());
        // A window that is not the kiosk's, like another program's: it does get the focus...
        QWidget other;
        other.setWindowTitle(u"another program"_s);
        ActivationLog log;
        other.installEventFilter(&log);
        other.show();
        other.activateWindow();
        QTRY_VERIFY(log.activations > 0);
        // ...and the kiosk takes it back.
        QTRY_COMPARE(QApplication::activeWindow(), m_window.get());
        QVERIFY(m_window->isFullScreen());

        // The kiosk's own dialogs (the PIN) are not fought.
        QDialog pin(m_window->kiosk());
        pin.show();
        pin.activateWindow();
        QTRY_COMPARE(QApplication::activeWindow(), &pin);
        QTRY_VERIFY(!m_window->isRestorePending()); // the kiosk had its look, and let it be
        QCOMPARE(QApplication::activeWindow(), &pin);
    }
};

QTEST_MAIN(TestKioskStaff)
#include "tst_kioskstaff.moc"
