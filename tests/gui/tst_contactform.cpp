// The customer's request to be contacted, through the app's widgets (offscreen, real profile and
// SQLite): no rating ever ticks it for the customer (the dispatcher's follow-up flag follows the
// rating on its own); ticked, it asks for a phone number or an e-mail address, optional and
// checked with an inline error; the next customer never sees the previous one's; the field form
// does the same; the dispatcher's detail pane shows the request and the details, and erases them.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QGroupBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/CaptureForm.h>
#include <app/DispatcherView.h>
#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/NumericKeypad.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/StarRating.h>
#include <core/RecordReader.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestContactForm : public QObject
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
    static Qt::Key digitKey(int digit) { return static_cast<Qt::Key>(Qt::Key_0 + digit); }
    void fillRequiredFields(int rating)
    {
        find<QLineEdit>(u"orderIdEdit"_s)->setText(u"ORD-310001"_s);
        find<QLineEdit>(u"courierIdEdit"_s)->setText(u"31"_s);
        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), digitKey(rating));
        QCOMPARE(find<app::StarRating>(u"ratingStars"_s)->rating(), rating);
    }
    void tickContact()
    {
        auto *box = find<QCheckBox>(u"contactCheck"_s);
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(12, box->height() / 2));
        QVERIFY(box->isChecked());
        QVERIFY(find<QLineEdit>(u"contactEdit"_s)->isVisible());
    }
    void typeContact(const QString &text)
    {
        auto *edit = find<QLineEdit>(u"contactEdit"_s);
        edit->setFocus();
        edit->selectAll();
        QTest::keyClicks(edit, text);
    }
    void send() { QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton); }
    void expectEmptyContactLine()
    {
        QVERIFY(!find<QCheckBox>(u"contactCheck"_s)->isChecked());
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        QCOMPARE(find<QLineEdit>(u"contactEdit"_s)->text(), QString());
        QCOMPARE(find<QLabel>(u"contactError"_s)->text(), QString());
    }

private:
    void select(const RecordId &id)
    {
        app::DispatcherView &desk = *m_window->dispatcher();
        QTRY_VERIFY(desk.model().rowOf(id) >= 0);
        const QModelIndex index =
            desk.filterModel().mapFromSource(desk.model().index(desk.model().rowOf(id), 0));
        desk.findChild<QTableView *>(u"recordTable"_s)->setCurrentIndex(index);
        QCOMPARE(desk.detail().record(), id);
    }

private Q_SLOTS:
    void initTestCase() { app::AppLanguage::apply(u"en"_s); }
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = test::openSession(m_dir.path() + u"/kiosk"_s);
        QVERIFY(m_session);
        m_dialogs = std::make_unique<test::ScriptedDialogs>();
        m_window = std::make_unique<app::MainWindow>(*m_session, *m_dialogs, app::AppMode::Kiosk);
        m_window->kiosk()->setThankYouMs(100);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        QDir(m_dir.path() + u"/kiosk"_s).removeRecursively();
    }

    void noRatingTicksTheRequest_data()
    {
        QTest::addColumn<int>("rating");
        for (int rating = 1; rating <= 5; ++rating)
            QTest::addRow("%d stars", rating) << rating;
    }
    void noRatingTicksTheRequest()
    {
        QFETCH(int, rating);
        auto *stars = find<app::StarRating>(u"ratingStars"_s);
        // From a low rating to another and back: the box stays as it was.
        for (int other : {1, 2, 5, rating}) {
            QTest::keyClick(stars, digitKey(other));
            QVERIFY2(!find<QCheckBox>(u"contactCheck"_s)->isChecked(),
                     qPrintable(u"%1"_s.arg(other)));
        }
        fillRequiredFields(rating);
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        send();
        QCOMPARE(records().size(), 1);
        const FeedbackRecordView r = records().first();
        // The customer asked for nothing; the dispatcher's flag follows the rating alone.
        QVERIFY(!r.contactRequested);
        QCOMPARE(r.contact, QString());
        QCOMPARE(r.needsFollowUp, rating <= 2);
    }

    void theRequestAsksHowAndChecksTheAnswer()
    {
        fillRequiredFields(5);
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        // A tap on the words ticks the box, as on the box itself.
        QTest::mouseClick(find<QLabel>(u"contactText"_s), Qt::LeftButton);
        QVERIFY(find<QCheckBox>(u"contactCheck"_s)->isChecked());
        QVERIFY(find<QLineEdit>(u"contactEdit"_s)->isVisible());

        auto *error = find<QLabel>(u"contactError"_s);
        for (const QString &wrong : {u"call me"_s, u"12345"_s, u"anna@localhost"_s}) {
            typeContact(wrong);
            send();
            QVERIFY(records().isEmpty());
            QVERIFY2(error->isVisible() && error->text().contains(u"phone number"_s),
                     qPrintable(wrong + u": "_s + error->text()));
            QVERIFY(find<QLineEdit>(u"contactEdit"_s)->hasFocus()); // where to fix it
            QVERIFY(m_dialogs->asked.isEmpty());                    // never a modal for a typo
            QVERIFY(!m_window->kiosk()->isThankingYou());
        }
        // Typing clears the message; what was typed stays.
        typeContact(u"+49 30 1234567"_s);
        QCOMPARE(error->text(), QString());
        send();
        QCOMPARE(records().size(), 1);
        const FeedbackRecordView r = records().first();
        QVERIFY(r.contactRequested);
        QCOMPARE(r.contact, u"tel:+49301234567"_s);
        QVERIFY(r.needsFollowUp); // five stars, but the customer asked: the desk follows up

        // The next customer sees nothing of it.
        QTRY_VERIFY(!m_window->kiosk()->isThankingYou());
        expectEmptyContactLine();
    }

    void theDetailsAreOptional()
    {
        fillRequiredFields(3);
        tickContact();
        send();
        QCOMPARE(records().size(), 1);
        QVERIFY(records().first().contactRequested);
        QCOMPARE(records().first().contact, QString());
        QVERIFY(!records().first().contactErased);
    }

    void detailsOfAnUntickedBoxAreNotSent()
    {
        fillRequiredFields(4);
        tickContact();
        typeContact(u"anna@example.org"_s);
        auto *box = find<QCheckBox>(u"contactCheck"_s);
        QTest::mouseClick(box, Qt::LeftButton, {}, QPoint(12, box->height() / 2));
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        send();
        QCOMPARE(records().size(), 1);
        QVERIFY(!records().first().contactRequested);
        QCOMPARE(records().first().contact, QString());
    }

    void aFormLeftAloneForgetsTheDetails()
    {
        m_window->kiosk()->setIdleResetMs(150);
        tickContact();
        typeContact(u"anna@example.org"_s);
        QTRY_VERIFY(!find<QCheckBox>(u"contactCheck"_s)->isChecked());
        expectEmptyContactLine();
        QVERIFY(records().isEmpty());
    }

    void theKeypadTypesAPhoneNumber()
    {
        auto *keypad = find<app::NumericKeypad>(u"numericKeypad"_s);
        QVERIFY(keypad);
        tickContact();
        find<QLineEdit>(u"contactEdit"_s)->setFocus();
        QTRY_COMPARE(keypad->target(), find<QLineEdit>(u"contactEdit"_s));
    }

    void theFieldFormAsksAlike()
    {
        m_window->setMode(app::AppMode::Field);
        QTRY_VERIFY(find<QLineEdit>(u"orderIdEdit"_s)->isVisible());
        fillRequiredFields(1);
        QVERIFY(!find<QCheckBox>(u"contactCheck"_s)->isChecked());
        tickContact();
        typeContact(u"x@y"_s);
        send();
        QVERIFY(records().isEmpty());
        QVERIFY(!find<QLabel>(u"contactError"_s)->text().isEmpty());
        typeContact(u"Kim@Example.ORG"_s);
        send();
        QCOMPARE(records().size(), 1);
        QCOMPARE(records().first().contact, u"mailto:Kim@example.org"_s);
        expectEmptyContactLine();
    }

    void theDeskShowsAndErasesTheDetails()
    {
        NewFeedback asked;
        asked.orderId = u"ORD-320001"_s;
        asked.courierId = 32;
        asked.rating = 2;
        asked.contactRequested = true;
        asked.contact = u"030 555 0199"_s;
        const auto withDetails = m_session->submit(asked);
        QVERIFY(withDetails);
        NewFeedback plain = asked;
        plain.contactRequested = false;
        plain.contact.clear();
        const auto without = m_session->submit(plain);
        QVERIFY(without);
        m_window->setMode(app::AppMode::Dispatcher);
        app::RecordDetailPane &pane = m_window->dispatcher()->detail();
        auto *box = pane.findChild<QGroupBox *>(u"contactBox"_s);
        auto *details = pane.findChild<QLabel *>(u"contactDetailsValue"_s);
        auto *request = pane.findChild<QLabel *>(u"contactRequestValue"_s);
        auto *erase = pane.findChild<QPushButton *>(u"eraseContactButton"_s);
        QVERIFY(box && details && request && erase);

        // Chosen in the table, as a dispatcher does (the pane shows only with a record chosen).
        select(*without);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY(pane.isVisible()); // the window may still be leaving full screen
        QVERIFY(!box->isVisible());    // the customer never asked
        select(*withDetails);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY(box->isVisible());
        QCOMPARE(request->text(), u"Yes"_s);
        QCOMPARE(details->text(), u"Phone: 0305550199"_s);
        QVERIFY(details->textInteractionFlags() & Qt::TextSelectableByMouse); // to copy it
        QVERIFY(erase->isEnabled());

        // Asked first; "no" leaves everything as it was.
        m_dialogs->confirmAnswers = {false};
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_COMPARE(m_dialogs->asked.size(), 1);
        QCoreApplication::processEvents();
        QCOMPARE(m_session->store().book().view(*withDetails)->contact, u"tel:0305550199"_s);
        m_dialogs->confirmAnswers = {true};
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_VERIFY(m_session->store().book().view(*withDetails)->contactErased);
        const auto erased = *m_session->store().book().view(*withDetails);
        QCOMPARE(erased.contact, QString());
        QVERIFY(erased.contactRequested); // the request stays
        QTRY_COMPARE(details->text(), u"Erased"_s);
        QVERIFY(!erase->isEnabled()); // nothing left to erase
        QCOMPARE(request->text(), u"Yes"_s);

        // In the dispatcher's language.
        app::AppLanguage::apply(u"de"_s);
        QTRY_VERIFY(box->title() != u"Customer asks to be contacted"_s);
        QVERIFY(details->text() != u"Erased"_s);
        app::AppLanguage::apply(u"en"_s);
    }

    void theDeskErasesPersonalDataForGood()
    {
        NewFeedback asked;
        asked.orderId = u"ORD-330001"_s;
        asked.courierId = 33;
        asked.rating = 1;
        asked.comment = u"Call Mrs Weber at home"_s;
        asked.contactRequested = true;
        asked.contact = u"weber@example.org"_s;
        const auto id = m_session->submit(asked);
        QVERIFY(id);
        m_window->setMode(app::AppMode::Dispatcher);
        app::RecordDetailPane &pane = m_window->dispatcher()->detail();
        auto *erase = pane.findChild<QPushButton *>(u"erasePersonalButton"_s);
        auto *header = pane.findChild<QLabel *>(u"headerLabel"_s);
        auto *comment = pane.findChild<QLabel *>(u"commentValue"_s);
        QVERIFY(erase && header && comment);
        select(*id);
        if (QTest::currentTestFailed())
            return;
        QTRY_VERIFY(erase->isVisible());
        QVERIFY(erase->isEnabled());
        QVERIFY(header->text().contains(u"ORD-330001"_s));

        // Asked first; "no" keeps everything.
        m_dialogs->confirmAnswers = {false};
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_COMPARE(m_dialogs->asked.size(), 1);
        QCoreApplication::processEvents();
        QVERIFY(m_session->store().book().view(*id)->erased.isEmpty());
        m_dialogs->confirmAnswers = {true};
        QTest::mouseClick(erase, Qt::LeftButton);
        QTRY_VERIFY(!m_session->store().book().view(*id)->erased.isEmpty());
        const auto v = *m_session->store().book().view(*id);
        QCOMPARE(v.erased, QStringList({u"comment"_s, u"contact"_s, u"orderId"_s}));
        QCOMPARE(v.comment, QString());
        QCOMPARE(v.orderId, QString());
        QCOMPARE(v.contact, QString());
        QCOMPARE(v.rating, 1); // the rating stays
        QTRY_COMPARE(comment->text(), u"Erased"_s);
        QVERIFY(!header->text().contains(u"ORD-330001"_s));
        QVERIFY(header->text().contains(u"(erased)"_s));
        QVERIFY(!erase->isEnabled()); // nothing left to erase
        QVERIFY(!pane.findChild<QPushButton *>(u"eraseContactButton"_s)->isEnabled());
        // To look at it as a person would: FEEDBACK_SHOT_DIR=/tmp ctest -R tst_contactform.
        if (const QString dir = qEnvironmentVariable("FEEDBACK_SHOT_DIR"); !dir.isEmpty())
            QVERIFY(m_window->grab().save(dir + u"/erased-record.png"_s));
    }
};

QTEST_MAIN(TestContactForm)
#include "tst_contactform.moc"
