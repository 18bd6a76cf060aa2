// Settings → Devices against a real feedback-relay and two real profiles of one workspace: the
// dialog lists both devices (role, this device), offers "Revoke…" only for another device, names
// the device in the confirmation, and a confirmed revocation reaches the relay while this device
// stays connected: the other device is refused from then on and the row reads "revoked" once the
// relay lists it. Offline, the row reads "revocation pending" until then. "Invite a full device"
// shows the same code as `feedbackctl invite`. Invites made there are listed as pending once the
// relay holds them; "Cancel invite…" (confirmed) has the relay cancel one, its row goes once the
// relay confirms, and its code is refused from then on.
#include "GuiTestSupport.h"

#include <QClipboard>
#include <QComboBox>
#include <QDateTime>
#include <QGuiApplication>
#include <QLabel>
#include <QLineEdit>
#include <QMessageBox>
#include <QPushButton>
#include <QRadioButton>
#include <QSignalSpy>
#include <QTableWidget>

#include <app/AppController.h>
#include <app/AppLanguage.h>
#include <app/DevicesDialog.h>
#include <app/DialogService.h>
#include <app/FirstStartDialog.h>
#include <app/PendingInvitesPanel.h>
#include <app/SettingsDialog.h>
#include <support/ClaimedInvite.h>
#include <support/RelayProcess.h>
#include <sync/InviteCode.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestDevicesDialog : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<app::AppSession> m_desk;
    std::unique_ptr<app::AppSession> m_laptop;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::SettingsDialog> m_settings;
    app::DevicesDialog *m_devices = nullptr;
    QTableWidget *m_table = nullptr;

    // The desk and the laptop, both full devices of one workspace, synced with a fresh relay; the
    // desk's Devices dialog opened from its Settings dialog.
    void setUpWorkspace(const QString &name)
    {
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay-"_s + name);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        const QByteArray secret = sync::WorkspaceKeys::newSecret();
        const QString base = m_dir.path() + u"/"_s + name;
        m_desk = test::openSession(base + u"-desk"_s, m_relay->url(), secret, HybridLogicalClock(),
                                   u"desk"_s);
        QVERIFY(m_desk);
        m_laptop = test::openSession(base + u"-laptop"_s, m_relay->url(), secret,
                                     HybridLogicalClock(), u"laptop"_s);
        QVERIFY(m_laptop);
        m_settings =
            std::make_unique<app::SettingsDialog>(*m_desk, m_dialogs, app::AppMode::Dispatcher);
        m_settings->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_settings.get()));
        test::findWidget<QPushButton>(m_settings.get(), u"devicesButton"_s)->click();
        m_devices = m_settings->findChild<app::DevicesDialog *>(u"devicesDialog"_s);
        QVERIFY2(m_devices, "Devices… opened no Devices dialog");
        QTRY_VERIFY(m_devices->isVisible());
        m_table = test::findWidget<QTableWidget>(m_devices, u"deviceTable"_s);
        // Nothing synced yet: no list.
        QCOMPARE(m_table->rowCount(), 0);
        m_desk->startSync();
        m_laptop->startSync();
        // The relay tells the desk of the laptop when it enrols: the dialog follows by itself.
        QTRY_COMPARE_WITH_TIMEOUT(m_table->rowCount(), 2, test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->syncState(), sync::SyncState::UpToDate,
                                  test::kPatienceMs);
    }
    int rowOf(const QString &name) const
    {
        for (int row = 0; row < m_table->rowCount(); ++row)
            if (m_table->item(row, app::DevicesDialog::NameColumn)->text() == name)
                return row;
        return -1;
    }
    QString cellText(const QString &device, int column) const
    {
        const int row = rowOf(device);
        return row < 0 ? u"(no row for %1)"_s.arg(device) : m_table->item(row, column)->text();
    }
    QString state(const QString &device) const
    {
        return cellText(device, app::DevicesDialog::StateColumn);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
    }
    void cleanup()
    {
        m_settings.reset(); // the Devices dialog with it
        m_devices = nullptr;
        m_table = nullptr;
        m_desk.reset();
        m_laptop.reset();
        if (m_relay)
            m_relay->kill();
        m_dialogs.confirmAnswers.clear();
        m_dialogs.confirmTexts.clear();
        m_dialogs.asked.clear();
        m_dialogs.answered = 0;
    }

    void listsBothDevicesAndRevokesTheOtherWhileConnected()
    {
        setUpWorkspace(u"live"_s);
        if (QTest::currentTestFailed())
            return;
        QVERIFY(rowOf(u"desk"_s) >= 0);
        QVERIFY(rowOf(u"laptop"_s) >= 0);
        QCOMPARE(cellText(u"desk"_s, app::DevicesDialog::RoleColumn), u"Full"_s);
        QCOMPARE(cellText(u"laptop"_s, app::DevicesDialog::RoleColumn), u"Full"_s);
        QCOMPARE(state(u"desk"_s), u"this device"_s);
        QCOMPARE(state(u"laptop"_s), QString());
        QVERIFY(!cellText(u"laptop"_s, app::DevicesDialog::EnrolledColumn).isEmpty());

        auto *revoke = test::findWidget<QPushButton>(m_devices, u"revokeButton"_s);
        QVERIFY2(!revoke->isEnabled(), "Revoke… without a selected device");
        m_table->selectRow(rowOf(u"desk"_s));
        QVERIFY2(!revoke->isEnabled(), "Revoke… offered for this device");
        m_table->selectRow(rowOf(u"laptop"_s));
        QVERIFY(revoke->isEnabled());

        // Declined: nothing happens.
        m_dialogs.confirmAnswers = {false};
        revoke->click();
        QTRY_COMPARE(m_dialogs.answered, 1);
        QCOMPARE(m_dialogs.confirmTexts.size(), 1);
        QVERIFY2(
            m_dialogs.confirmTexts.first().startsWith(u"Remove “laptop” from the workspace?"_s),
            qPrintable(m_dialogs.confirmTexts.first()));
        QCOMPARE(state(u"laptop"_s), QString());
        QVERIFY(revoke->isEnabled());

        // Accepted while both stay connected: the relay closes the laptop with `revoked` and
        // refuses it from then on; the desk's list shows it revoked.
        m_dialogs.confirmAnswers = {true};
        revoke->click();
        QTRY_COMPARE(m_dialogs.answered, 2);
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->syncDetails().kind, sync::SyncProblem::Kind::Revoked,
                                  test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(state(u"laptop"_s), u"revoked"_s, test::kPatienceMs);
        QCOMPARE(state(u"desk"_s), u"this device"_s);
        QVERIFY2(!revoke->isEnabled(), "Revoke… offered for a revoked device");

        // Its next sync is refused too.
        m_laptop->stopSync();
        m_laptop->syncNow();
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->syncDetails().kind, sync::SyncProblem::Kind::Revoked,
                                  test::kPatienceMs);
        QCOMPARE(m_table->rowCount(), 2);
    }

    void offlineTheRevocationIsPendingUntilTheRelayListsIt()
    {
        setUpWorkspace(u"offline"_s);
        if (QTest::currentTestFailed())
            return;
        m_desk->stopSync();
        m_table->selectRow(rowOf(u"laptop"_s));
        m_dialogs.confirmAnswers = {true};
        QVERIFY(m_desk->setSyncSettings(m_relay->url(), false)); // off: no sync reaches the relay
        test::findWidget<QPushButton>(m_devices, u"revokeButton"_s)->click();
        QTRY_COMPARE(m_dialogs.answered, 1);
        QCOMPARE(state(u"laptop"_s), u"revocation pending"_s);
        QVERIFY(!test::findWidget<QPushButton>(m_devices, u"revokeButton"_s)->isEnabled());
        QCOMPARE(m_laptop->syncDetails().kind, sync::SyncProblem::Kind::None);

        QVERIFY(m_desk->setSyncSettings(m_relay->url(), true));
        m_desk->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(state(u"laptop"_s), u"revoked"_s, test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_laptop->syncDetails().kind, sync::SyncProblem::Kind::Revoked,
                                  test::kPatienceMs);
    }

    // The code shows once the relay holds the invite; it expires as chosen and opens this
    // workspace (claimed from the relay, as join does). A kiosk invite is a kiosk's.
    void inviteShowsACodeTheRelayHolds()
    {
        setUpWorkspace(u"invite"_s);
        if (QTest::currentTestFailed())
            return;
        auto *edit = test::findWidget<QLineEdit>(m_devices, u"inviteEdit"_s);
        auto *status = test::findWidget<QLabel>(m_devices, u"inviteStatusLabel"_s);
        QVERIFY(!edit->isVisible());
        auto *expiry = test::findWidget<QComboBox>(m_devices, u"inviteExpiryCombo"_s);
        expiry->setCurrentIndex(1); // 1 hour
        const qint64 before = QDateTime::currentMSecsSinceEpoch();
        test::findWidget<QPushButton>(m_devices, u"inviteFullButton"_s)->click();
        QVERIFY(status->isVisible());
        QTRY_VERIFY_WITH_TIMEOUT(edit->isVisible(), test::kPatienceMs);
        QVERIFY(edit->isReadOnly());
        QCOMPARE(edit->selectedText(), edit->text());
        QVERIFY2(status->text().contains(u"valid until"_s), qPrintable(status->text()));
        const auto ticket = sync::InviteCode::decode(edit->text());
        QVERIFY2(ticket && ticket->ticket, qPrintable(edit->text()));
        QCOMPARE(ticket->role(), protocol::Role::Full);
        QVERIFY(ticket->ticket->expiresAtMs >= before + 3600 * 1000 &&
                ticket->ticket->expiresAtMs <= QDateTime::currentMSecsSinceEpoch() + 3600 * 1000);
        test::findWidget<QPushButton>(m_devices, u"copyInviteButton"_s)->click();
        QCOMPARE(QGuiApplication::clipboard()->text(), edit->text());
        const auto claimed = test::claimedInvite(edit->text());
        QVERIFY2(claimed, qPrintable(claimed.error()));
        const auto held = sync::InviteCode::decode(test::inviteOf(*m_desk));
        QCOMPARE(claimed->secret, held->secret);

        const QString fullCode = edit->text();
        test::findWidget<QPushButton>(m_devices, u"inviteKioskButton"_s)->click();
        QTRY_VERIFY_WITH_TIMEOUT(edit->isVisible() && edit->text() != fullCode, test::kPatienceMs);
        const auto kiosk = sync::InviteCode::decode(edit->text());
        QVERIFY2(kiosk && kiosk->role() == protocol::Role::Kiosk, qPrintable(edit->text()));

        test::findWidget<QPushButton>(m_devices, u"closeButton"_s)->click();
        QTRY_VERIFY(!m_devices->isVisible());
    }

    void pendingInvitesAreListedAndCancelled()
    {
        setUpWorkspace(u"pending"_s);
        if (QTest::currentTestFailed())
            return;
        auto *list = test::findWidget<QTableWidget>(m_devices, u"pendingInvitesList"_s);
        auto *none = test::findWidget<QLabel>(m_devices, u"noInvitesLabel"_s);
        auto *cancel = test::findWidget<QPushButton>(m_devices, u"cancelInviteButton"_s);
        auto *edit = test::findWidget<QLineEdit>(m_devices, u"inviteEdit"_s);
        QCOMPARE(list->rowCount(), 0);
        QVERIFY(none->isVisible());
        QVERIFY(!list->isVisible());
        QVERIFY(!cancel->isEnabled());

        test::findWidget<QComboBox>(m_devices, u"inviteExpiryCombo"_s)->setCurrentIndex(1);
        test::findWidget<QPushButton>(m_devices, u"inviteFullButton"_s)->click();
        // Listed once the relay holds it, by the time its code shows.
        QTRY_VERIFY_WITH_TIMEOUT(edit->isVisible(), test::kPatienceMs);
        QCOMPARE(list->rowCount(), 1);
        QVERIFY(list->isVisible());
        QVERIFY(!none->isVisible());
        const QString fullCode = edit->text();
        test::findWidget<QPushButton>(m_devices, u"inviteKioskButton"_s)->click();
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 2, test::kPatienceMs);
        const auto text = [list](int row, int column) {
            return list->item(row, column)->text();
        };
        using Panel = app::PendingInvitesPanel;
        QCOMPARE(text(0, Panel::RoleColumn), u"Full device"_s); // oldest first
        QCOMPARE(text(1, Panel::RoleColumn), u"Kiosk"_s);
        QCOMPARE(text(0, Panel::UsesLeftColumn), u"1 of 1"_s);
        QVERIFY(!text(0, Panel::ExpiresColumn).isEmpty());
        // Not cramped: every column shows its whole text.
        for (int column = 0; column < Panel::ColumnCount; ++column)
            QVERIFY2(list->columnWidth(column) >=
                         list->fontMetrics().horizontalAdvance(text(1, column)),
                     qPrintable(text(1, column)));

        // Declined: nothing happens.
        list->selectRow(0);
        QVERIFY(cancel->isEnabled());
        m_dialogs.confirmAnswers = {false};
        cancel->click();
        QTRY_COMPARE(m_dialogs.answered, 1);
        QVERIFY2(m_dialogs.confirmTexts.last().startsWith(u"Cancel the invite for “Full device”"_s),
                 qPrintable(m_dialogs.confirmTexts.last()));
        QCOMPARE(list->rowCount(), 2);

        // Confirmed: the relay cancels it, the row goes, and its code is refused.
        m_dialogs.confirmAnswers = {true};
        cancel->click();
        QTRY_COMPARE(m_dialogs.answered, 2);
        QTRY_COMPARE_WITH_TIMEOUT(list->rowCount(), 1, test::kPatienceMs);
        QCOMPARE(text(0, Panel::RoleColumn), u"Kiosk"_s);
        QCOMPARE(m_desk->pendingInvites().size(), 1);
        const auto claimed = test::claimedInvite(fullCode);
        QVERIFY2(!claimed && claimed.error().contains(u"cancelled"_s), qPrintable(claimed.error()));
        // Still listed in a dialog opened later.
        app::DevicesDialog again(*m_desk, m_dialogs);
        QCOMPARE(test::findWidget<QTableWidget>(&again, u"pendingInvitesList"_s)->rowCount(), 1);
    }

    // A device names itself: its name reaches the revoke confirmation as plain text, never as
    // markup, through the real DialogService (the scripted one shows nothing).
    void confirmationsShowNamesAsPlainText()
    {
        QWidget parent;
        app::DialogService real;
        bool answered = false;
        real.confirm(&parent, u"Revoke a device"_s, u"Remove “<img src=x><b>desk</b>”?"_s,
                     u"Remove"_s, [&answered](bool) { answered = true; });
        real.inform(&parent, u"Export failed"_s, u"<i>file</i>"_s);
        const auto boxes = parent.findChildren<QMessageBox *>();
        QCOMPARE(boxes.size(), 2);
        for (QMessageBox *box : boxes) {
            QCOMPARE(box->textFormat(), Qt::PlainText);
            box->reject();
        }
        QTRY_VERIFY(answered);
    }

    // The app's first start with such a code: the relay hands the invite out before the profile
    // exists; a second start with the used code says so and creates nothing.
    void firstStartJoinsWithTheCodeOnceOnly()
    {
        setUpWorkspace(u"join"_s);
        if (QTest::currentTestFailed())
            return;
        test::findWidget<QPushButton>(m_devices, u"inviteFullButton"_s)->click();
        auto *edit = test::findWidget<QLineEdit>(m_devices, u"inviteEdit"_s);
        QTRY_VERIFY_WITH_TIMEOUT(edit->isVisible(), test::kPatienceMs);
        const QString code = edit->text();
        const auto startWith = [&code](app::AppController &c) {
            c.start();
            app::FirstStartDialog *first = c.firstStart();
            QVERIFY(first);
            QVERIFY(QTest::qWaitForWindowExposed(first));
            test::findWidget<QPushButton>(first, u"nextButton"_s)->click();
            first->findChild<QRadioButton *>(u"joinRadio"_s)->setChecked(true);
            QTest::keyClicks(test::findWidget<QLineEdit>(first, u"inviteEdit"_s), code);
            test::findWidget<QPushButton>(first, u"nextButton"_s)->click();
            test::startWithPassphrase(first, u"long enough pass"_s);
        };
        const QString phone = m_dir.path() + u"/join-phone"_s;
        app::AppController joined({phone, app::AppMode::Field, {}, {}}, m_dialogs);
        QSignalSpy ready(&joined, &app::AppController::ready);
        startWith(joined);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, test::kPatienceMs);
        QCOMPARE(joined.session()->inviteCode(), test::inviteOf(*m_desk)); // the same workspace

        const QString late = m_dir.path() + u"/join-late"_s;
        app::AppController refused({late, app::AppMode::Field, {}, {}}, m_dialogs);
        startWith(refused);
        auto *error = test::findWidget<QLabel>(refused.firstStart(), u"errorLabel"_s);
        QTRY_VERIFY_WITH_TIMEOUT(error->text().contains(u"used as often as it allows"_s),
                                 test::kPatienceMs);
        QVERIFY(!store::Profile(late).isInitialised());
        QVERIFY(test::findWidget<QPushButton>(refused.firstStart(), u"startButton"_s)->isEnabled());
    }
};

QTEST_MAIN(TestDevicesDialog)
#include "tst_devicesdialog.moc"
