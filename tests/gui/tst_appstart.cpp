// First start, reopening with a passphrase, the settings and "Reset this device", and the
// command line: through the real AppController and dialogs, with scripted answers.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QRadioButton>
#include <QSpinBox>
#include <QStackedWidget>
#include <QSysInfo>

#include <app/AppController.h>
#include <app/AppMode.h>
#include <app/FirstStartDialog.h>
#include <app/MainWindow.h>
#include <app/SettingsDialog.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>

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
    static void click(QWidget *dialog, const QString &button)
    {
        auto *b = dialog->findChild<QPushButton *>(button);
        QVERIFY2(b && b->isVisible() && b->isEnabled(), qPrintable(button));
        QTest::mouseClick(b, Qt::LeftButton);
    }
    static QString currentStep(QWidget *dialog)
    {
        return dialog->findChild<QStackedWidget *>(u"steps"_s)->currentWidget()->objectName();
    }
    // The widgets of the dialog a person can see now, by object name.
    static QStringList visibleFields(QWidget *dialog)
    {
        QStringList names;
        const QStringList fields{u"modeCombo"_s,  u"nameEdit"_s,      u"createRadio"_s,
                                 u"joinRadio"_s,  u"inviteEdit"_s,    u"syncCheck"_s,
                                 u"relayEdit"_s,  u"admissionEdit"_s, u"passphraseEdit"_s,
                                 u"repeatEdit"_s, u"pinEdit"_s};
        for (const QString &name : fields) {
            if (dialog->findChild<QWidget *>(name)->isVisible())
                names.append(name);
        }
        return names;
    }

    // A kiosk invite as `feedbackctl invite --role kiosk` makes one, for a fresh workspace.
    static QString kioskInvite()
    {
        const auto keys = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        const protocol::DeviceKeyPair pair = protocol::DeviceKeyPair::generate();
        protocol::DeviceCertificate c;
        c.workspace = keys.workspaceId();
        c.device = QByteArray(16, '\x5a');
        c.publicKey = pair.publicKey;
        c.role = protocol::Role::Kiosk;
        c.name = u"Lobby kiosk"_s;
        c.issuedAtMs = 1'700'000'000'000;
        return sync::InviteCode::encode(
            {u"ws://127.0.0.1:9"_s, QByteArray(),
             sync::KioskEnrolment{keys.workspaceId(), keys.boxPublicKey(), pair.secretKey,
                                  protocol::DeviceCertificate::issue(keys.signingKey(), c)}});
    }

private Q_SLOTS:
    void init() { qunsetenv("FEEDBACK_PASSPHRASE"); }

    // Whatever mode was chosen first, a kiosk invite makes a kiosk: the mode is kiosk and
    // cannot be changed, the PIN is asked, and the desk and field views stay closed.
    void kioskInviteOffersOnlyKioskMode()
    {
        QTemporaryDir dir;
        const QString profile = dir.path() + u"/lobby"_s;
        test::ScriptedDialogs dialogs;
        app::AppController controller({profile, {}, {}, {}}, dialogs);
        QSignalSpy ready(&controller, &app::AppController::ready);
        controller.start();
        app::FirstStartDialog *first = controller.firstStart();
        QVERIFY(first);
        QVERIFY(QTest::qWaitForWindowExposed(first));
        chooseMode(first, app::AppMode::Dispatcher);
        click(first, u"nextButton"_s);
        first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true);
        fill(first, u"inviteEdit"_s, kioskInvite());
        click(first, u"nextButton"_s);
        QCOMPARE(currentStep(first), u"securityStep"_s);
        auto *mode = first->findChild<QComboBox *>(u"modeCombo"_s);
        QCOMPARE(mode->currentData().toString(), app::appModeName(app::AppMode::Kiosk));
        QVERIFY(!mode->isEnabled());
        QVERIFY(visibleFields(first).contains(u"pinEdit"_s));
        fill(first, u"passphraseEdit"_s, u"long enough pass"_s);
        fill(first, u"repeatEdit"_s, u"long enough pass"_s);
        fill(first, u"pinEdit"_s, u"2468"_s);
        QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
        QCOMPARE(controller.window()->mode(), app::AppMode::Kiosk);
        QVERIFY(controller.session()->isKioskDevice());
        QVERIFY(!controller.session()->inviteCode()); // a kiosk invites nobody
        QCOMPARE(controller.session()->deviceName(), u"Lobby kiosk"_s);
        int closed = 0;
        for (QAction *action : controller.window()->findChildren<QAction *>()) {
            const QString name = action->data().toString();
            if (name == app::appModeName(app::AppMode::Dispatcher) ||
                name == app::appModeName(app::AppMode::Field))
                closed += action->isEnabled() ? 0 : 1;
        }
        QCOMPARE(closed, 2);
    }

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
            QVERIFY(QTest::qWaitForWindowExposed(first));
            chooseMode(first, app::AppMode::Field);
            fill(first, u"nameEdit"_s, u"Van 7"_s);
            click(first, u"nextButton"_s);
            first->findChild<QCheckBox *>(u"syncCheck"_s)->setChecked(false); // no relay yet
            click(first, u"nextButton"_s);
            fill(first, u"passphraseEdit"_s, u"correct horse"_s);
            fill(first, u"repeatEdit"_s, u"correct hose"_s);
            QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
            auto *error = first->findChild<QLabel *>(u"errorLabel"_s);
            QVERIFY(error->text().contains(u"differ"_s));
            QVERIFY(!store::Profile(profile).isInitialised());
            fill(first, u"repeatEdit"_s, u"correct horse"_s);
            QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
            QCOMPARE(controller.window()->mode(), app::AppMode::Field);
            QCOMPARE(store::Profile(profile).setting(u"profile/keySource"_s), u"passphrase"_s);
            QCOMPARE(store::Profile(profile).setting(u"profile/name"_s), u"Van 7"_s);
            QCOMPARE(store::Profile(profile).setting(u"sync/enabled"_s), u"false"_s);
            QVERIFY(controller.session()->syncProblem().contains(u"turned off"_s));
        }
        {
            // Reopening asks for the passphrase; a wrong one is asked again.
            test::ScriptedDialogs dialogs;
            dialogs.textAnswers = {u"wrong passphrase"_s, u"correct horse"_s};
            app::AppController controller({profile, {}, {}, {}}, dialogs);
            QSignalSpy ready(&controller, &app::AppController::ready);
            controller.start();
            QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
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
        QVERIFY(QTest::qWaitForWindowExposed(first));
        click(first, u"nextButton"_s);
        first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true);
        fill(first, u"inviteEdit"_s, u"cf1-AAAAdamaged"_s);
        click(first, u"nextButton"_s);
        auto *error = first->findChild<QLabel *>(u"errorLabel"_s);
        QVERIFY(error->isVisibleTo(first));
        QVERIFY(!error->text().isEmpty());
        QCOMPARE(currentStep(first), u"workspaceStep"_s);
        QCOMPARE(first->focusWidget(), first->findChild<QLineEdit *>(u"inviteEdit"_s));

        first->findChild<QRadioButton *>(u"createRadio"_s)->setChecked(true);
        fill(first, u"relayEdit"_s, u"ws://127.0.0.1:9"_s);
        click(first, u"nextButton"_s);
        fill(first, u"passphraseEdit"_s, u"long enough pass"_s);
        fill(first, u"repeatEdit"_s, u"long enough pass"_s);
        QTest::mouseClick(first->findChild<QPushButton *>(u"startButton"_s), Qt::LeftButton);
        QVERIFY(error->text().contains(u"PIN"_s));
        QCOMPARE(first->focusWidget(), first->findChild<QLineEdit *>(u"pinEdit"_s));
        QVERIFY(!store::Profile(dir.path() + u"/k"_s).isInitialised());
    }

    void firstStartRefusesSyncWithoutARelayAndNamesTheDevice()
    {
        QTemporaryDir dir;
        const QString profile = dir.path() + u"/kiosk"_s;
        test::ScriptedDialogs dialogs;
        app::AppController controller({profile, app::AppMode::Kiosk, {}, {}}, dialogs);
        QSignalSpy ready(&controller, &app::AppController::ready);
        controller.start();
        app::FirstStartDialog *first = controller.firstStart();
        QVERIFY(first);
        QVERIFY(QTest::qWaitForWindowExposed(first));

        // The name is there without typing: the host name and the role, following the role.
        auto *name = first->findChild<QLineEdit *>(u"nameEdit"_s);
        QCOMPARE(name->text(), app::defaultDeviceName(app::AppMode::Kiosk));
        QVERIFY(name->text().contains(QSysInfo::machineHostName().left(60)));
        chooseMode(first, app::AppMode::Field);
        QCOMPARE(name->text(), app::defaultDeviceName(app::AppMode::Field));
        chooseMode(first, app::AppMode::Kiosk);
        QCOMPARE(name->text(), app::defaultDeviceName(app::AppMode::Kiosk));
        QTest::keyClick(name, Qt::Key_Return); // Enter moves on, as Next does
        QCOMPARE(currentStep(first), u"workspaceStep"_s);

        // Sync on without a relay: refused on this step, with the focus on the address.
        auto *sync = first->findChild<QCheckBox *>(u"syncCheck"_s);
        QVERIFY(sync->isChecked());
        QCOMPARE(first->findChild<QLineEdit *>(u"relayEdit"_s)->text(), QString());
        click(first, u"nextButton"_s);
        QCOMPARE(currentStep(first), u"workspaceStep"_s);
        auto *error = first->findChild<QLabel *>(u"errorLabel"_s);
        QVERIFY(error->isVisible());
        QVERIFY2(error->text().contains(u"relay address"_s), qPrintable(error->text()));
        QCOMPARE(first->focusWidget(), first->findChild<QLineEdit *>(u"relayEdit"_s));

        // Sync off: fine, and the security step asks for the kiosk's PIN.
        sync->setChecked(false);
        click(first, u"nextButton"_s);
        QCOMPARE(currentStep(first), u"securityStep"_s);
        QVERIFY(!error->isVisible());
        fill(first, u"passphraseEdit"_s, u"long enough pass"_s);
        fill(first, u"repeatEdit"_s, u"long enough pass"_s);
        fill(first, u"pinEdit"_s, u"2468"_s);
        QTest::keyClick(first->findChild<QLineEdit *>(u"pinEdit"_s), Qt::Key_Return);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
        QCOMPARE(store::Profile(profile).setting(u"profile/name"_s),
                 app::defaultDeviceName(app::AppMode::Kiosk));
        QCOMPARE(store::Profile(profile).setting(u"sync/enabled"_s), u"false"_s);
        QCOMPARE(controller.session()->kioskPin(), u"2468"_s);
    }

    void firstStartStepsShowOnlyTheirFields()
    {
        QTemporaryDir dir;
        test::ScriptedDialogs dialogs;
        app::AppController controller({dir.path() + u"/p"_s, app::AppMode::Dispatcher, {}, {}},
                                      dialogs);
        controller.start();
        app::FirstStartDialog *first = controller.firstStart();
        QVERIFY(first);
        QVERIFY(QTest::qWaitForWindowExposed(first));
        auto help = [first](const QString &step) {
            auto *label = first->findChild<QLabel *>(step);
            return label && label->isVisible() && !label->text().isEmpty();
        };
        QCOMPARE(currentStep(first), u"roleStep"_s);
        QCOMPARE(visibleFields(first), (QStringList{u"modeCombo"_s, u"nameEdit"_s}));
        QVERIFY(help(u"roleHelp"_s));
        QVERIFY(!first->findChild<QPushButton *>(u"startButton"_s)->isVisible());
        QVERIFY(!first->findChild<QPushButton *>(u"backButton"_s)->isEnabled());

        click(first, u"nextButton"_s);
        QCOMPARE(visibleFields(first),
                 (QStringList{u"createRadio"_s, u"joinRadio"_s, u"syncCheck"_s, u"relayEdit"_s,
                              u"admissionEdit"_s}));
        QVERIFY(help(u"workspaceHelp"_s));
        QCOMPARE(first->focusWidget(), first->findChild<QRadioButton *>(u"createRadio"_s));
        first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true); // the code too
        QCOMPARE(visibleFields(first),
                 (QStringList{u"createRadio"_s, u"joinRadio"_s, u"inviteEdit"_s, u"syncCheck"_s,
                              u"relayEdit"_s}));
        first->findChild<QRadioButton *>(u"createRadio"_s)->setChecked(true);
        fill(first, u"relayEdit"_s, u"wss://relay.example.com"_s);

        click(first, u"nextButton"_s);
        QCOMPARE(currentStep(first), u"securityStep"_s);
        // A desk has no PIN to set.
        QCOMPARE(visibleFields(first), (QStringList{u"passphraseEdit"_s, u"repeatEdit"_s}));
        QVERIFY(help(u"securityHelp"_s));
        QVERIFY(first->findChild<QPushButton *>(u"startButton"_s)->isVisible());
        QVERIFY(!first->findChild<QPushButton *>(u"nextButton"_s)->isVisible());
        QCOMPARE(first->focusWidget(), first->findChild<QLineEdit *>(u"passphraseEdit"_s));

        // Back to the role: a kiosk's security step asks for the PIN as well.
        click(first, u"backButton"_s);
        click(first, u"backButton"_s);
        QCOMPARE(currentStep(first), u"roleStep"_s);
        chooseMode(first, app::AppMode::Kiosk);
        click(first, u"nextButton"_s);
        click(first, u"nextButton"_s);
        QCOMPARE(visibleFields(first),
                 (QStringList{u"passphraseEdit"_s, u"repeatEdit"_s, u"pinEdit"_s}));
        QVERIFY(!store::Profile(dir.path() + u"/p"_s).isInitialised());
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
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
        NewFeedback input{u"ORD-1"_s, 3, 2, QString(), {}, false, {}};
        QVERIFY(controller.session()->submit(input));

        app::SettingsDialog *settings = controller.window()->openSettings();
        fill(settings, u"relayEdit"_s, QString()); // sync stays on: it needs an address
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QVERIFY(
            settings->findChild<QLabel *>(u"errorLabel"_s)->text().contains(u"relay address"_s));
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
        const int answeredBefore = dialogs.answered;
        QTest::mouseClick(settings->findChild<QPushButton *>(u"resetButton"_s), Qt::LeftButton);
        QTRY_COMPARE(dialogs.confirmAnswers.size(), 0);
        QTRY_COMPARE(dialogs.answered, answeredBefore + 2); // the "no" handled, not only asked
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
