// The on-screen keypad of a touch-only kiosk, tapped like a customer would: the prefix key and
// digits type into the focused number, "Next" moves on as a barcode scanner's Enter does, the
// keys never take the focus; and when the keypad shows (touch screen, no keyboard, or the setting).
#include "GuiTestSupport.h"

#include <QComboBox>
#include <QInputDevice>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <app/KioskView.h>
#include <app/MainWindow.h>
#include <app/NumericKeypad.h>
#include <app/StarRating.h>
#include <core/RecordReader.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestKeypad : public QObject
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
    void tap(const QString &key)
    {
        auto *button = find<QPushButton>(key);
        QVERIFY2(button && button->isVisible() && button->isEnabled(), qPrintable(key));
        QTest::mouseClick(button, Qt::LeftButton);
    }
    void openKiosk(const QString &keypadSetting)
    {
        QVERIFY(m_session->profile().setSetting(u"kiosk/keypad"_s, keypadSetting));
        m_window = std::make_unique<app::MainWindow>(*m_session, *m_dialogs, app::AppMode::Kiosk);
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }

private Q_SLOTS:
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_session = test::openSession(m_dir.path() + u"/kiosk"_s);
        QVERIFY(m_session);
        m_dialogs = std::make_unique<test::ScriptedDialogs>();
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        QDir(m_dir.path() + u"/kiosk"_s).removeRecursively();
    }

    void tapsTypeANumberAndNextMovesOnLikeTheScanner()
    {
        openKiosk(u"on"_s);
        auto *order = find<QLineEdit>(u"orderIdEdit"_s);
        auto *courier = find<QLineEdit>(u"courierIdEdit"_s);
        QTRY_VERIFY(order->hasFocus());
        tap(u"keypadPrefix"_s);
        for (const char *key : {"keypadKey1", "keypadKey2", "keypadKey3", "keypadKey9"})
            tap(QString::fromLatin1(key));
        tap(u"keypadBackspace"_s);
        tap(u"keypadKey0"_s);
        QCOMPARE(order->text(), u"ORD-1230"_s);
        QVERIFY(order->hasFocus()); // a tap on a key leaves the focus where it was
        tap(u"keypadPrefix"_s);     // the prefix is there already: typed once only
        QCOMPARE(order->text(), u"ORD-1230"_s);

        tap(u"keypadNext"_s); // the scanner's Enter
        QTRY_VERIFY(courier->hasFocus());
        QVERIFY(!find<QPushButton>(u"keypadPrefix"_s)->isEnabled()); // no letters for couriers
        tap(u"keypadKey4"_s);
        tap(u"keypadKey2"_s);
        QCOMPARE(courier->text(), u"42"_s);
        QCOMPARE(order->text(), u"ORD-1230"_s);
        tap(u"keypadNext"_s);
        auto *stars = find<app::StarRating>(u"ratingStars"_s);
        QTRY_VERIFY(stars->hasFocus());
        // The keys type numbers only: away from the number fields they are off, not typing stars.
        QVERIFY(!find<QPushButton>(u"keypadKey4"_s)->isEnabled());
        QTest::keyClick(stars, Qt::Key_5);
        QCOMPARE(stars->rating(), 5);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);

        QTRY_VERIFY(m_window->kiosk()->isThankingYou());
        const auto &entries = m_session->store().book().state().entries();
        QCOMPARE(entries.size(), size_t(1));
        const auto record = RecordReader::read(entries.begin()->first, entries.begin()->second);
        QCOMPARE(record->orderId, u"ORD-1230"_s);
        QCOMPARE(record->courierId, 42u);
    }

    void aTapOnAFieldSendsTheKeysThere()
    {
        openKiosk(u"on"_s);
        auto *order = find<QLineEdit>(u"orderIdEdit"_s);
        auto *courier = find<QLineEdit>(u"courierIdEdit"_s);
        QTest::mouseClick(find<QPushButton>(u"submitButton"_s), Qt::LeftButton);
        QVERIFY(!find<QLabel>(u"orderIdError"_s)->text().isEmpty());
        QTest::mouseClick(courier, Qt::LeftButton);
        QTRY_VERIFY(courier->hasFocus());
        tap(u"keypadKey7"_s);
        QTest::mouseClick(order, Qt::LeftButton);
        QTRY_VERIFY(order->hasFocus());
        tap(u"keypadKey8"_s);
        QCOMPARE(courier->text(), u"7"_s);
        QCOMPARE(order->text(), u"8"_s);
        // A tap is typing: it clears the field's message as a keyboard would.
        QCOMPARE(find<QLabel>(u"orderIdError"_s)->text(), QString());
        QCOMPARE(find<QLabel>(u"courierIdError"_s)->text(), QString());
    }

    void theSettingShowsOrHidesTheKeypad()
    {
        openKiosk(u"off"_s);
        QVERIFY(!find<app::NumericKeypad>(u"numericKeypad"_s)->isVisible());
        m_window.reset();
        openKiosk(u"on"_s);
        QVERIFY(find<app::NumericKeypad>(u"numericKeypad"_s)->isVisible());
        m_window.reset();
        // Automatic: the offscreen platform has no touch screen, so no keypad.
        openKiosk(u"auto"_s);
        QVERIFY(!find<app::NumericKeypad>(u"numericKeypad"_s)->isVisible());

        // Staff change it after the PIN, from the staff bar; it is kept in the profile.
        QVERIFY(m_session->setKioskPin(u"2468"_s));
        m_dialogs->textAnswers = {u"2468"_s};
        QTest::mouseClick(find<QPushButton>(u"kioskLeaveButton"_s), Qt::LeftButton);
        auto *combo = find<QComboBox>(u"keypadSettingCombo"_s);
        QTRY_VERIFY(combo->isVisible());
        combo->setCurrentIndex(combo->findData(u"on"_s));
        Q_EMIT combo->activated(combo->currentIndex());
        QVERIFY(find<app::NumericKeypad>(u"numericKeypad"_s)->isVisible());
        QCOMPARE(m_session->profile().setting(u"kiosk/keypad"_s), u"on"_s);
    }

    void automaticMeansATouchScreenAndNoKeyboard()
    {
        const QInputDevice touch(u"ILITEK Multi-Touch"_s, 11,
                                 QInputDevice::DeviceType::TouchScreen);
        const QInputDevice keyboard(u"AT Translated Set 2 keyboard"_s, 12,
                                    QInputDevice::DeviceType::Keyboard);
        const QInputDevice xtest(u"Virtual core XTEST keyboard"_s, 13,
                                 QInputDevice::DeviceType::Keyboard);
        const QInputDevice power(u"Power Button"_s, 14, QInputDevice::DeviceType::Keyboard);
        const QInputDevice media(u"ILITEK ILITEK-TP Consumer Control"_s, 16,
                                 QInputDevice::DeviceType::Keyboard);
        const QInputDevice mouse(u"Logitech USB Optical Mouse"_s, 15,
                                 QInputDevice::DeviceType::Mouse);
        using K = app::NumericKeypad;
        QVERIFY(K::wanted(u"auto"_s, {&touch}));
        QVERIFY(K::wanted(u"auto"_s, {&touch, &xtest, &power, &media})); // none types a number
        QVERIFY(!K::wanted(u"auto"_s, {&touch, &keyboard}));
        QVERIFY(!K::wanted(u"auto"_s, {&mouse, &xtest}));
        QVERIFY(!K::wanted(u"auto"_s, {}));
        QVERIFY(K::wanted(u"on"_s, {&keyboard}));
        QVERIFY(!K::wanted(u"off"_s, {&touch}));
    }
};

QTEST_MAIN(TestKeypad)
#include "tst_keypad.moc"
