// First start, reopening with a passphrase, the settings and "Reset this device", and the
// command line: through the real AppController and dialogs, with scripted answers.
#include "GuiTestSupport.h"

#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>

#include <app/AppController.h>
#include <app/FirstStartDialog.h>
#include <app/MainWindow.h>
#include <app/SettingsDialog.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestAppStart : public QObject
{
    Q_OBJECT

    static void fill(QWidget *dialog, const QString &name, const QString &text)
    {
        auto *edit = dialog->findChild<QLineEdit *>(name);
        QVERIFY2(edit, qPrintable(name));
        edit->clear();
        QTest::keyClicks(edit, text);
    }
    static void chooseMode(QWidget *dialog, app::AppMode mode)
    {
        auto *combo = dialog->findChild<QComboBox *>(u"modeCombo"_s);
        combo->setCurrentIndex(combo->findData(app::appModeName(mode)));
    }

private Q_SLOTS:
    void init() { qunsetenv("FEEDBACK_PASSPHRASE"); }

    void firstStartCreatesAProfileThenReopensWithThePassphrase()
    {
        QTemporaryDir dir;
        const QString profile = dir.path() + u"/laptop"_s;
        {
            test::ScriptedDialogs dialogs;
            app::AppController controller({profile, {}, {}, {}}, dialogs);
            QSignalSpy ready(&controller, &app::AppController::ready);
            controller.start();
            app::FirstStartDialog *first = controller.firstStart();
            QVERIFY(first);
            chooseMode(first, app::AppMode::Field);
            fill(first, u"nameEdit"_s, u"Van 7"_s);
            fill(first, u"passphraseEdit"_s, u"correct horse"_s);
            fill(first, u"repeatEdit"_s, u"correct hose"_s);
            QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
            auto *error = first->findChild<QLabel *>(u"errorLabel"_s);
            QVERIFY(error->text().contains(u"differ"_s));
            QVERIFY(!store::Profile(profile).isInitialised());
            fill(first, u"repeatEdit"_s, u"correct horse"_s);
            QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
            QCOMPARE(controller.window()->mode(), app::AppMode::Field);
            QCOMPARE(store::Profile(profile).setting(u"profile/keySource"_s), u"passphrase"_s);
            QCOMPARE(store::Profile(profile).setting(u"profile/name"_s), u"Van 7"_s);
            QVERIFY(controller.session()->syncProblem().contains(u"No relay"_s));
        }
        {
            // Reopening asks for the passphrase; a wrong one is asked again.
            test::ScriptedDialogs dialogs;
            dialogs.textAnswers = {u"wrong passphrase"_s, u"correct horse"_s};
            app::AppController controller({profile, {}, {}, {}}, dialogs);
            QSignalSpy ready(&controller, &app::AppController::ready);
            controller.start();
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
            QCOMPARE(dialogs.asked.size(), 2);
            QCOMPARE(controller.window()->mode(), app::AppMode::Field);
        }
    }

    void damagedInviteCodeAndKioskWithoutPinAreRefusedInline()
    {
        QTemporaryDir dir;
        test::ScriptedDialogs dialogs;
        app::AppController controller({dir.path() + u"/k"_s, app::AppMode::Kiosk, {}, {}}, dialogs);
        controller.start();
        app::FirstStartDialog *first = controller.firstStart();
        QVERIFY(first);
        first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true);
        fill(first, u"inviteEdit"_s, u"cf1-AAAAdamaged"_s);
        fill(first, u"passphraseEdit"_s, u"long enough pass"_s);
        fill(first, u"repeatEdit"_s, u"long enough pass"_s);
        QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
        auto *error = first->findChild<QLabel *>(u"errorLabel"_s);
        QVERIFY(error->isVisibleTo(first));
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(first->focusWidget(), first->findChild<QLineEdit *>(u"inviteEdit"_s));

        first->findChild<QRadioButton *>(u"createRadio"_s)->setChecked(true);
        QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
        QVERIFY(error->text().contains(u"PIN"_s));
        QVERIFY(!store::Profile(dir.path() + u"/k"_s).isInitialised());
    }

    void settingsSaveAndResetNeedsASecondConfirmationForUnsyncedRecords()
    {
        QTemporaryDir dir;
        const QString profile = dir.path() + u"/desk"_s;
        test::openProfile(profile).reset(); // an existing profile
        qputenv("FEEDBACK_PASSPHRASE", "gui tests passphrase");
        test::ScriptedDialogs dialogs;
        app::AppController controller({profile, app::AppMode::Dispatcher, {}, {}}, dialogs);
        QSignalSpy ready(&controller, &app::AppController::ready);
        controller.start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, 30000);
        NewFeedback input{u"ORD-1"_s, 3, 2, QString(), {}, false, {}};
        QVERIFY(controller.session()->submit(input));

        app::SettingsDialog *settings = controller.window()->openSettings();
        fill(settings, u"relayEdit"_s, u"http://not-a-relay"_s);
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY(settings->findChild<QLabel *>(u"errorLabel"_s)->text().contains(u"wss://"_s));
        fill(settings, u"relayEdit"_s, u"ws://127.0.0.1:9"_s);
        fill(settings, u"pinEdit"_s, u"13579"_s);
        settings->findChild<QSpinBox *>(u"retentionSpin"_s)->setValue(30);
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QCOMPARE(controller.session()->relayUrl(), u"ws://127.0.0.1:9"_s);
        QCOMPARE(controller.session()->kioskPin(), u"13579"_s);
        QCOMPARE(store::Profile(profile).setting(u"app/retentionDays"_s), u"30"_s);

        // Reset with one unsynced record: yes, then no at the second question keeps it all.
        settings = controller.window()->openSettings();
        dialogs.confirmAnswers = {true, false};
        QTest::mouseClick(settings->findChild<QPushButton *>(u"resetButton"_s), Qt::LeftButton);
        QTRY_COMPARE(dialogs.confirmAnswers.size(), 0);
        QTest::qWait(50);
        QVERIFY(controller.window());
        QVERIFY(store::Profile(profile).isInitialised());
        QCOMPARE(controller.session()->pendingCount(), 1);

        dialogs.confirmAnswers = {true, true};
        QTest::mouseClick(settings->findChild<QPushButton *>(u"resetButton"_s), Qt::LeftButton);
        QTRY_VERIFY(controller.firstStart());
        QVERIFY(!controller.window());
        QVERIFY(!store::Profile(profile).isInitialised());
        qunsetenv("FEEDBACK_PASSPHRASE");
    }

    void commandLine()
    {
        bool exitNow = false;
        auto bad = app::AppOptions::parse({u"app"_s, u"--mode"_s, u"shop"_s}, &exitNow);
        QVERIFY(!bad);
        QVERIFY(bad.error().contains(u"kiosk, dispatcher or field"_s));
        QVERIFY(!app::AppOptions::parse({u"app"_s, u"--relay"_s, u"http://x"_s}, &exitNow));
        QVERIFY(!app::AppOptions::parse({u"app"_s, u"--bogus"_s}, &exitNow));
        auto good =
            app::AppOptions::parse({u"app"_s, u"--mode"_s, u"kiosk"_s, u"--profile"_s, u"/tmp/p"_s,
                                    u"--relay"_s, u"wss://relay.example.com"_s},
                                   &exitNow);
        QVERIFY(good);
        QVERIFY(!exitNow);
        QCOMPARE(*good->mode, app::AppMode::Kiosk);
        QCOMPARE(good->profileDir, u"/tmp/p"_s);
    }
};

QTEST_MAIN(TestAppStart)
#include "tst_appstart.moc"
