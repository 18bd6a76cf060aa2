// The kiosk and the field form, driven like a customer would: keys, clicks, a barcode
// scanner's Enter. Real profile, real SQLite.
#include "GuiTestSupport.h"

#include <QAbstractButton>
#include <QAction>
#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QTabBar>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/CaptureForm.h>
#include <app/FieldView.h>
#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/ReasonNames.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/StarRating.h>
#include <app/SyncStatusWidget.h>
#include <core/RecordReader.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestKiosk : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    std::unique_ptr<app::AppSession> m_session;
    std::unique_ptr<test::ScriptedDialogs> m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;

    // A missing widget fails the current test only (GuiTestSupport.h).
    template <class T>
    T *find(const QString &name,
            const std::source_location where = std::source_location::current()) const
    {
        return test::findWidget<T>(m_window.get(), name, where);
    }
    QList<FeedbackRecordView> records() const
    {
        QList<FeedbackRecordView> out;
        for (const auto &[id, state] : m_session->store().book().state().entries())
            out.append(*RecordReader::read(id, state));
        return out;
    }
    void typeOrderAndCourier(const QString &order, const QString &courier)
    {
        auto *orderEdit = find<QLineEdit>(u"orderIdEdit"_s);
        orderEdit->setFocus();
        QTest::keyClicks(orderEdit, order);
        QTest::keyClick(orderEdit, Qt::Key_Return); // what a barcode scanner sends
        QTRY_VERIFY(find<QLineEdit>(u"courierIdEdit"_s)->hasFocus());
        QTest::keyClicks(find<QLineEdit>(u"courierIdEdit"_s), courier);
        QTest::keyClick(find<QLineEdit>(u"courierIdEdit"_s), Qt::Key_Return);
        QTRY_VERIFY(find<app::StarRating>(u"ratingStars"_s)->hasFocus());
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = test::openSession(m_dir.path() + u"/kiosk"_s);
        QVERIFY(m_session);
        m_dialogs = std::make_unique<test::ScriptedDialogs>();
        m_window = std::make_unique<app::MainWindow>(*m_session, *m_dialogs, app::AppMode::Kiosk);
        m_window->kiosk()->setThankYouMs(200);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        QDir(m_dir.path() + u"/kiosk"_s).removeRecursively();
    }

    void kioskIsFullScreenWithoutMenus()
    {
        QVERIFY(m_window->isFullScreen());
        QVERIFY(!m_window->menuBar()->isVisible());
        QVERIFY(find<QLineEdit>(u"orderIdEdit"_s)->hasFocus());
    }

    void submitStoresTheRecordAndResets()
    {
        typeOrderAndCourier(u"ORD-123456"_s, u"42"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_4);
        QCOMPARE(find<app::StarRating>(u"ratingStars"_s)->rating(), 4);
        QVERIFY(!find<QCheckBox>(u"contactCheck"_s)->isChecked()); // only ever the customer's
        QTest::mouseClick(find<QPushButton>(u"reason_fast"_s), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(u"reason_friendly"_s), Qt::LeftButton);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);

        const auto stored = records();
        QCOMPARE(stored.size(), 1);
        QCOMPARE(stored[0].orderId, u"ORD-123456"_s);
        QCOMPARE(stored[0].courierId, 42u);
        QCOMPARE(stored[0].rating, 4);
        QCOMPARE(stored[0].reasons, (QStringList{u"fast"_s, u"friendly"_s}));
        QVERIFY(!stored[0].needsFollowUp);
        QCOMPARE(m_session->pendingCount(), 1);

        // Thank you, then an empty form: nothing of this customer stays on screen.
        QVERIFY(m_window->kiosk()->isThankingYou());
        QTRY_VERIFY(!m_window->kiosk()->isThankingYou());
        QCOMPARE(find<QLineEdit>(u"orderIdEdit"_s)->text(), QString());
        QCOMPARE(find<QLineEdit>(u"courierIdEdit"_s)->text(), QString());
        QCOMPARE(find<app::StarRating>(u"ratingStars"_s)->rating(), 0);
        QVERIFY(!find<QPushButton>(u"reason_fast"_s)->isChecked());
        QTRY_VERIFY(find<QLineEdit>(u"orderIdEdit"_s)->hasFocus());
    }

    void undoDoesNotBringBackThePreviousCustomer()
    {
        typeOrderAndCourier(u"ORD-777777"_s, u"77"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_5);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!m_window->kiosk()->isThankingYou());
        auto *orderEdit = find<QLineEdit>(u"orderIdEdit"_s);
        QTest::keyClick(orderEdit, Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(orderEdit->text(), QString());
        QTest::keyClick(find<QLineEdit>(u"courierIdEdit"_s), Qt::Key_Z, Qt::ControlModifier);
        QCOMPARE(find<QLineEdit>(u"courierIdEdit"_s)->text(), QString());
    }

    void aHalfFilledFormLeftAloneIsCleared()
    {
        m_window->kiosk()->setIdleResetMs(150);
        QTest::keyClicks(find<QLineEdit>(u"orderIdEdit"_s), u"ORD-12"_s);
        QTRY_COMPARE(find<QLineEdit>(u"orderIdEdit"_s)->text(), QString());
        QVERIFY(records().isEmpty());
    }

    void invalidInputShowsInlineMessagesAndStoresNothing()
    {
        typeOrderAndCourier(u"ORD 12!"_s, u"abc"_s);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QVERIFY(records().isEmpty());
        QVERIFY(!m_window->kiosk()->isThankingYou());
        auto *orderError = find<QLabel>(u"orderIdError"_s);
        QVERIFY(orderError->isVisible());
        QVERIFY(orderError->text().contains(u"letters, digits and dashes"_s));
        QVERIFY(!find<QLabel>(u"courierIdError"_s)->text().isEmpty());
        QVERIFY(!find<QLabel>(u"ratingError"_s)->text().isEmpty());
        QVERIFY(find<QLineEdit>(u"orderIdEdit"_s)->hasFocus()); // first problem first
        QVERIFY(m_dialogs->asked.isEmpty());                    // never a modal for a typo

        // Fixing the order number clears its message; what was typed is kept.
        auto *orderEdit = find<QLineEdit>(u"orderIdEdit"_s);
        orderEdit->selectAll();
        QTest::keyClicks(orderEdit, u"ORD-000777"_s);
        QCOMPARE(orderError->text(), QString()); // its space stays: nothing below moves
        QCOMPARE(find<QLineEdit>(u"courierIdEdit"_s)->text(), u"abc"_s);
        find<QLineEdit>(u"courierIdEdit"_s)->clear();
        QTest::keyClicks(find<QLineEdit>(u"courierIdEdit"_s), u"9"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_1);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QCOMPARE(records().size(), 1);
        QCOMPARE(records()[0].orderId, u"ORD-000777"_s);
    }

    void commentLimitIsLive()
    {
        auto *comment = find<QPlainTextEdit>(u"commentEdit"_s);
        auto *counter = find<QLabel>(u"commentCounter"_s);
        comment->setPlainText(u"Bonjour 👋"_s);
        QCOMPARE(counter->text(), u"9 / 2000"_s); // characters, not UTF-16 units
        comment->setPlainText(QString(limits::kCommentMaxChars + 3, u'x'));
        QVERIFY(!find<QLabel>(u"commentError"_s)->text().isEmpty());
        typeOrderAndCourier(u"ORD-1"_s, u"1"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_3);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QVERIFY(records().isEmpty());
        comment->setPlainText(u"Fine."_s);
        QCOMPARE(find<QLabel>(u"commentError"_s)->text(), QString());
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QCOMPARE(records().size(), 1);
        QCOMPARE(records()[0].comment, u"Fine."_s);
    }

    void worksByKeyboardAlone()
    {
        auto *orderEdit = find<QLineEdit>(u"orderIdEdit"_s);
        QTest::keyClicks(orderEdit, u"ORD-555555"_s);
        QTest::keyClick(orderEdit, Qt::Key_Tab);
        QTest::keyClicks(QApplication::focusWidget(), u"5"_s);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab);
        QCOMPARE(QApplication::focusWidget(), find<app::StarRating>(u"ratingStars"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_5);
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // first chip: "late"
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Tab); // "damaged"
        QCOMPARE(QApplication::focusWidget(), find<QPushButton>(u"reason_damaged"_s));
        QTest::keyClick(QApplication::focusWidget(), Qt::Key_Space);
        QVERIFY(find<QPushButton>(u"reason_damaged"_s)->isChecked());
        find<QPushButton>(u"submitButton"_s)->setFocus();
        QTest::keyClick(find<QPushButton>(u"submitButton"_s), Qt::Key_Space);
        QCOMPARE(records().size(), 1);
        QCOMPARE(records()[0].rating, 5);
        QCOMPARE(records()[0].reasons, QStringList{u"damaged"_s});
    }

    void closingTheKioskNeedsThePinToo()
    {
        QVERIFY(m_session->setKioskPin(u"2468"_s));
        m_dialogs->textAnswers = {std::nullopt}; // staff cancelled
        QVERIFY(!m_window->close());
        QTRY_COMPARE(m_dialogs->asked.size(), 1);
        QVERIFY(m_window->isVisible());
    }

    void languageFollowsTheSetting()
    {
        app::AppLanguage::apply(u"de"_s);
        QTRY_COMPARE(find<QPushButton>(u"submitButton"_s)->text(), u"Feedback &senden"_s);
        QCOMPARE(find<QPushButton>(u"reason_late"_s)->text(), app::reasonLabel(u"late"_s));
        QVERIFY(app::reasonLabel(u"late"_s) != u"Late"_s);
        app::AppLanguage::apply(u"en"_s);
        QTRY_COMPARE(find<QPushButton>(u"submitButton"_s)->text(), u"&Send feedback"_s);
    }

    void leavingTheKioskNeedsThePin()
    {
        QVERIFY(m_session->setKioskPin(u"2468"_s));
        m_dialogs->textAnswers = {u"1111"_s};
        QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(m_dialogs->asked.size(), 2); // the PIN, then "not right"
        QVERIFY(m_window->isFullScreen());
        QVERIFY(!m_window->menuBar()->isVisible());

        m_dialogs->textAnswers = {u"2468"_s};
        QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
        QTRY_VERIFY(m_window->menuBar()->isVisible());
        QVERIFY(!m_window->isFullScreen());
    }

    void wrongPinsLockTheKioskForAWhile()
    {
        QVERIFY(m_session->setKioskPin(u"2468"_s));
        for (int i = 0; i < 3; ++i) {
            m_dialogs->textAnswers = {u"0000"_s};
            QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
            QTRY_COMPARE(m_dialogs->informed.size(), i + 1);
        }
        // Now even the right PIN is not asked for until the waiting time is over.
        m_dialogs->textAnswers = {u"2468"_s};
        QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(m_dialogs->informed.size(), 4);
        QVERIFY(m_dialogs->informed.last().contains(u"Too many wrong PINs"_s));
        QVERIFY(!m_window->menuBar()->isVisible());
    }

    void aLockedKioskOffersNoSettingsOrOtherModes()
    {
        const auto actions = m_window->findChildren<QAction *>();
        int locked = 0;
        for (QAction *action : actions) {
            if (action->text().contains(u"Settings"_s) || action->text().contains(u"Dispatcher"_s))
                locked += action->isEnabled() ? 0 : 1;
        }
        QCOMPARE(locked, 2);
        QVERIFY(!m_window->syncStatus().isEnabled());
    }

    void everyControlHasAnAccessibleNameInEveryMode()
    {
        for (app::AppMode mode :
             {app::AppMode::Kiosk, app::AppMode::Dispatcher, app::AppMode::Field}) {
            m_window->setMode(mode);
            QCoreApplication::processEvents();
            const auto widgets = m_window->centralWidget()->findChildren<QWidget *>();
            for (QWidget *w : widgets) {
                if (w->focusPolicy() == Qt::NoFocus || !w->isVisibleTo(m_window.get()))
                    continue;
                if (qobject_cast<QTabBar *>(w) || w->inherits("QScrollArea") ||
                    w->objectName().startsWith(u"qt_"_s) || !w->parentWidget() ||
                    w->parentWidget()->objectName().startsWith(u"qt_"_s))
                    continue;
                QString name = w->accessibleName();
                if (auto *button = qobject_cast<QAbstractButton *>(w); button && name.isEmpty())
                    name = button->text();
                QVERIFY2(!name.isEmpty(),
                         qPrintable(u"%1 (%2) in %3 mode has no accessible name"_s.arg(
                             w->objectName(), QString::fromLatin1(w->metaObject()->className()),
                             app::appModeName(mode))));
            }
        }
    }

    void fieldViewListsThisDevicesRecordsWithSyncState()
    {
        m_window->setMode(app::AppMode::Field);
        QVERIFY(!m_window->isFullScreen());
        QVERIFY(m_window->menuBar()->isVisible());
        auto *orderEdit = find<QLineEdit>(u"orderIdEdit"_s);
        QTest::keyClicks(orderEdit, u"ORD-424242"_s);
        QTest::keyClicks(find<QLineEdit>(u"courierIdEdit"_s), u"12"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_3);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        auto &list = m_window->field()->records();
        QTRY_COMPARE(list.rowCount(), 1);
        QCOMPARE(list.index(0, 1).data().toString(), u"ORD-424242"_s);
        QVERIFY(
            list.index(0, app::RecordTableModel::State).data().toString().startsWith(u"Saved"_s));
        QVERIFY(find<QLabel>(u"statusLabel"_s)->text().contains(u"Saved"_s));
    }
};

QTEST_MAIN(TestKiosk)
#include "tst_kiosk.moc"
