// The kiosk's layout as a customer meets it: full screen at 1280x800 and 1920x1080 (two offscreen
// screens of those sizes, tests/gui/kiosk_screens.json), in every language, with every error
// shown and the on-screen keypad: no control or text cut, nothing moving when an error clears,
// and the form growing with the larger screen.
#include "GuiTestSupport.h"
#include "LayoutCheck.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QPushButton>
#include <QScreen>
#include <QScrollArea>
#include <QScrollBar>

#include <app/AppLanguage.h>
#include <app/AppStyle.h>
#include <app/CaptureForm.h>
#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/StarRating.h>
#include <core/Validation.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestKioskLayout : public QObject
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

    // The kiosk, full screen on the offscreen screen of this size.
    void openKiosk(const QSize &size)
    {
        QScreen *screen = nullptr;
        for (QScreen *s : QGuiApplication::screens()) {
            if (s->size() == size)
                screen = s;
        }
        QVERIFY2(screen, "run with QT_QPA_PLATFORM=offscreen:configfile=kiosk_screens.json");
        m_window = std::make_unique<app::MainWindow>(*m_session, *m_dialogs, app::AppMode::Kiosk);
        m_window->setWindowState(Qt::WindowNoState);
        m_window->windowHandle()->setScreen(screen);
        m_window->move(screen->geometry().topLeft());
        m_window->showFullScreen();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QTRY_COMPARE(m_window->geometry(), screen->geometry());
        QVERIFY(m_window->isKioskLocked());
    }

    // Every message the form can show at once, in the current language, the customer's
    // contact line included.
    void showAllErrors()
    {
        auto *contact = find<QCheckBox>(u"contactCheck"_s);
        if (!contact->isChecked())
            QTest::mouseClick(contact, Qt::LeftButton, {}, QPoint(12, contact->height() / 2));
        QVERIFY(contact->isChecked());
        find<QLineEdit>(u"contactEdit"_s)->setText(u"call me maybe"_s);
        auto *order = find<QLineEdit>(u"orderIdEdit"_s);
        order->setText(u"ORD 12!"_s); // the longest message: letters, digits and dashes
        find<QLineEdit>(u"courierIdEdit"_s)->setText(u"abc"_s);
        find<app::StarRating>(u"ratingStars"_s)->setRating(0);
        find<QPlainTextEdit>(u"commentEdit"_s)
            ->setPlainText(QString(limits::kCommentMaxChars + 1234, u'x'));
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        for (const char *name :
             {"orderIdError", "courierIdError", "ratingError", "commentError", "contactError"}) {
            auto *error = find<QLabel>(QString::fromLatin1(name));
            QVERIFY2(error->isVisible() && !error->text().isEmpty(), name);
        }
    }

    void expectWhole(const QString &where)
    {
        QStringList problems;
        // Layouts settle through posted events: wait until they have.
        const bool whole = QTest::qWaitFor([&] {
            problems = test::layoutProblems(m_window.get());
            return problems.isEmpty();
        });
        QVERIFY2(whole, qPrintable(where + u":\n  "_s + problems.join(u"\n  "_s)));
        // No scrolling needed at these sizes: the scroll area is only the last resort.
        auto *scroll = find<QScrollArea>(u"kioskScroll"_s);
        QVERIFY2(!scroll->verticalScrollBar()->isVisible(), qPrintable(where));
        QVERIFY2(!scroll->horizontalScrollBar()->isVisible(), qPrintable(where));
    }

    QHash<QWidget *, QRect> controlGeometries()
    {
        QHash<QWidget *, QRect> out;
        for (QWidget *w : m_window->findChildren<QWidget *>()) {
            if (w->isVisible() && !test::isQtInternal(w, m_window.get()))
                out.insert(w, QRect(w->mapTo(m_window.get(), QPoint(0, 0)), w->size()));
        }
        return out;
    }

    // Lets the layouts run until nothing moves any more (a change cascades through nested
    // layouts and word-wrapped labels in several passes).
    void settle()
    {
        auto last = controlGeometries();
        for (int pass = 0; pass < 50; ++pass) {
            QCoreApplication::processEvents();
            const auto now = controlGeometries();
            if (now == last)
                return;
            last = now;
        }
        QFAIL("the layout never settles");
    }

    void expectNothingMoved(const QHash<QWidget *, QRect> &before, const QString &after)
    {
        settle();
        const auto now = controlGeometries();
        for (auto it = before.cbegin(); it != before.cend(); ++it) {
            const QRect was = it.value();
            const QRect is = now.value(it.key());
            QVERIFY2(is == was, qPrintable(u"%1 moved from %2,%3 %4x%5 to %6,%7 %8x%9 after %10"_s
                                               .arg(test::describe(it.key()))
                                               .arg(was.x())
                                               .arg(was.y())
                                               .arg(was.width())
                                               .arg(was.height())
                                               .arg(is.x())
                                               .arg(is.y())
                                               .arg(is.width())
                                               .arg(is.height())
                                               .arg(after)));
        }
    }

private Q_SLOTS:
    void initTestCase() { app::applyAppStyle(*qApp); } // the app's real look
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = test::openSession(m_dir.path() + u"/kiosk"_s);
        QVERIFY(m_session);
        // The widest form: with the keypad beside it.
        QVERIFY(m_session->profile().setSetting(u"kiosk/keypad"_s, u"on"_s));
        m_dialogs = std::make_unique<test::ScriptedDialogs>();
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        app::AppLanguage::apply(u"en"_s);
        QDir(m_dir.path() + u"/kiosk"_s).removeRecursively();
    }

    void everyTextIsWholeInEveryLanguage_data()
    {
        QTest::addColumn<QSize>("size");
        QTest::addColumn<QString>("language");
        for (const QSize size : {QSize(1280, 800), QSize(1920, 1080)}) {
            for (const char *language : {"en", "de", "fr", "es"})
                QTest::addRow("%dx%d %s", size.width(), size.height(), language)
                    << size << QString::fromLatin1(language);
        }
    }
    void everyTextIsWholeInEveryLanguage()
    {
        QFETCH(QSize, size);
        QFETCH(QString, language);
        app::AppLanguage::apply(language);
        openKiosk(size);
        QVERIFY(find<QWidget>(u"numericKeypad"_s)->isVisible());
        expectWhole(u"empty form"_s);
        showAllErrors();
        QVERIFY(m_window->kiosk()->form().contactHost()->isVisible());
        expectWhole(u"every error shown, the contact line's too"_s);
    }

    void tickingContactMovesNothing_data()
    {
        QTest::addColumn<QString>("language");
        for (const char *language : {"en", "de", "fr", "es"})
            QTest::newRow(language) << QString::fromLatin1(language);
    }
    void tickingContactMovesNothing()
    {
        // The phone-or-e-mail line appears where its space was kept: the next tap still lands.
        QFETCH(QString, language);
        app::AppLanguage::apply(language);
        openKiosk(QSize(1280, 800));
        auto *contact = find<QCheckBox>(u"contactCheck"_s);
        QVERIFY(!contact->isChecked());
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        settle();
        const auto before = controlGeometries();
        QTest::mouseClick(find<QLabel>(u"contactText"_s), Qt::LeftButton); // the words tick it
        QVERIFY(contact->isChecked());
        QVERIFY(find<QLineEdit>(u"contactEdit"_s)->isVisible());
        expectNothingMoved(before, u"ticking \"contact me\""_s);
        expectWhole(u"with the contact line"_s);
        QTest::mouseClick(contact, Qt::LeftButton, {}, QPoint(12, contact->height() / 2));
        QVERIFY(!find<QLineEdit>(u"contactEdit"_s)->isVisible());
        expectNothingMoved(before, u"unticking it"_s);
    }

    QRect formArea()
    {
        auto *form = &m_window->kiosk()->form();
        return QRect(form->mapTo(m_window.get(), QPoint(0, 0)), form->size());
    }

    void theFormGrowsWithTheScreen()
    {
        openKiosk(QSize(1280, 800));
        const int smallButton = find<QPushButton>(u"submitButton"_s)->height();
        const int smallStars = find<app::StarRating>(u"ratingStars"_s)->height();
        const double smallScale = m_window->kiosk()->scale();
        QTRY_VERIFY(test::layoutProblems(m_window.get()).isEmpty());
        const QRectF smallShare(0, 0, formArea().width() / 1280.0, formArea().height() / 800.0);
        m_window.reset();

        openKiosk(QSize(1920, 1080));
        QTRY_VERIFY(m_window->kiosk()->scale() > smallScale);
        // Larger type and touch targets...
        QTRY_VERIFY(find<QPushButton>(u"submitButton"_s)->height() > smallButton * 1.2);
        QTRY_VERIFY(find<app::StarRating>(u"ratingStars"_s)->height() > smallStars * 1.2);
        QTRY_VERIFY(test::layoutProblems(m_window.get()).isEmpty());
        // ...taking as much of the larger screen as of the smaller one, centred both ways,
        // rather than sitting small at the top.
        const QRect area = formArea();
        const QRect screen = m_window->rect();
        const QString where = u"form at %1,%2 %3x%4"_s.arg(area.x())
                                  .arg(area.y())
                                  .arg(area.width())
                                  .arg(area.height());
        // (The wider screen's extra width is margin: the type grows with the height, so the
        // form keeps its shape.)
        QVERIFY2(area.width() > screen.width() * 0.8, qPrintable(where));
        QVERIFY2(area.height() / 1080.0 > smallShare.height() * 0.9, qPrintable(where));
        QVERIFY2(qAbs(area.left() - (screen.right() - area.right())) <= 2, qPrintable(where));
        QVERIFY2(qAbs(area.top() - (screen.bottom() - area.bottom())) <= 4, qPrintable(where));
    }

    void clearingAnErrorMovesNothing_data()
    {
        QTest::addColumn<QString>("language");
        for (const char *language : {"en", "de", "fr"})
            QTest::newRow(language) << QString::fromLatin1(language);
    }
    void clearingAnErrorMovesNothing()
    {
        QFETCH(QString, language);
        app::AppLanguage::apply(language);
        openKiosk(QSize(1280, 800));
        showAllErrors();
        QTRY_VERIFY(test::layoutProblems(m_window.get()).isEmpty());
        settle();
        const auto before = controlGeometries();

        // Each fix clears its message the moment it is made; the next tap must still land.
        auto *order = find<QLineEdit>(u"orderIdEdit"_s);
        order->setFocus();
        order->selectAll();
        QTest::keyClicks(order, u"ORD-1"_s);
        QCOMPARE(find<QLabel>(u"orderIdError"_s)->text(), QString());
        expectNothingMoved(before, u"fixing the order number"_s);

        auto *courier = find<QLineEdit>(u"courierIdEdit"_s);
        courier->setFocus();
        courier->selectAll();
        QTest::keyClicks(courier, u"7"_s);
        QCOMPARE(find<QLabel>(u"courierIdError"_s)->text(), QString());
        expectNothingMoved(before, u"fixing the courier number"_s);

        QTest::keyClick(find<app::StarRating>(u"ratingStars"_s), Qt::Key_4);
        QCOMPARE(find<QLabel>(u"ratingError"_s)->text(), QString());
        expectNothingMoved(before, u"choosing stars"_s);

        find<QPlainTextEdit>(u"commentEdit"_s)->setPlainText(u"Fine."_s);
        QCOMPARE(find<QLabel>(u"commentError"_s)->text(), QString());
        expectNothingMoved(before, u"shortening the comment"_s);

        auto *contact = find<QLineEdit>(u"contactEdit"_s);
        contact->setFocus();
        contact->selectAll();
        QTest::keyClicks(contact, u"030 1234567"_s);
        QCOMPARE(find<QLabel>(u"contactError"_s)->text(), QString());
        expectNothingMoved(before, u"fixing the phone number"_s);
    }
};

QTEST_MAIN(TestKioskLayout)
#include "tst_kiosklayout.moc"
