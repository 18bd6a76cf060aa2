// Nearby devices in the app: the relay is out of reach, a laptop of the workspace (a device in
// this process, PeerNetwork) dials the desk; the status line says "Up to date via nearby
// devices", a record the laptop submits shows on the desk, and the setting turns it off; a
// device discovery cannot reach is named in the settings.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>

#include <app/AppLanguage.h>
#include <app/AppSettings.h>
#include <app/MainWindow.h>
#include <app/SettingsDialog.h>
#include <app/SyncStatusWidget.h>
#include <support/PeerDevice.h>
#include <support/Workload.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestNearbyStatus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;

    // A desk of a new workspace whose relay is out of reach (nothing listens at the address),
    // syncing and listening for nearby devices, and a laptop of the same workspace.
    std::optional<test::PeerDevice> openOfflineDesk(const QString &desk, const QString &laptop)
    {
        m_session = test::openSession(m_dir.filePath(desk), u"ws://127.0.0.1:9"_s);
        if (!m_session)
            return std::nullopt;
        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
        m_session->startSync();
        const auto secret = m_session->store().secret(u"workspace"_s);
        if (!secret || !m_session->nearbyEnabled() || m_session->nearbyPort() == 0)
            return std::nullopt;
        return test::makePeerDevice(m_dir.filePath(laptop), *secret, u"laptop"_s);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        // The other GUI tests run with it off; a discovery port of this test's own.
        qputenv("FEEDBACK_P2P", "on");
        qputenv("FEEDBACK_P2P_DISCOVERY_PORT", "47233");
        app::AppLanguage::apply(u"en"_s);
    }

    void nearbyDevicesKeepTheDeskUpToDate()
    {
        auto laptop = openOfflineDesk(u"desk"_s, u"laptop"_s);
        QVERIFY(laptop);
        QVERIFY(laptop->serve({sync::PeerAddress{u"127.0.0.1"_s, m_session->nearbyPort()}}));
        QTRY_VERIFY2(m_window->syncStatus().text().startsWith(u"Up to date via nearby devices"_s),
                     qPrintable(m_window->syncStatus().text()));

        testsupport::Workload workload;
        QVERIFY(laptop->store->submit(workload.next()));
        laptop->peers->localChange();
        QTRY_COMPARE(m_session->store().book().size(), 1u);
        // And the desk's own record reaches the laptop.
        QVERIFY(m_session->submit(workload.next()));
        QTRY_COMPARE(laptop->store->book().size(), 2u);
        m_window->syncStatus().grab().save(m_dir.filePath(u"nearby.png"_s));

        // Turned off in the settings: no nearby device any more, the relay's words again.
        app::SettingsDialog *settings = m_window->openSettings();
        QVERIFY(settings);
        auto *nearby = settings->findChild<QCheckBox *>(u"nearbyCheck"_s);
        QVERIFY(nearby && nearby->isChecked() && nearby->isEnabled());
        if (const QString shots = qEnvironmentVariable("FEEDBACK_SCREENSHOT_DIR"); !shots.isEmpty())
            settings->grab().save(shots + u"/settings-nearby.png"_s);
        nearby->setChecked(false);
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QTRY_VERIFY(!m_session->nearbyEnabled());
        QCOMPARE(m_session->nearbyPort(), quint16(0));
        QVERIFY2(!m_window->syncStatus().text().contains(u"nearby"_s),
                 qPrintable(m_window->syncStatus().text()));
        m_window.reset();
        m_session.reset();
    }

    // Where discovery does not reach (the laptop here neither announces nor listens for
    // announcements), a device named in the settings is dialled; a name that is not
    // address:port is refused with the reason and nothing saved. The desk keeps its port.
    void aDeviceNamedInTheSettingsIsDialled()
    {
        auto laptop = openOfflineDesk(u"named"_s, u"named-laptop"_s);
        QVERIFY(laptop);
        const quint16 deskPort = m_session->nearbyPort();
        QCOMPARE(m_session->profile().get(app::settings::kNearbyPort), int(deskPort));
        QVERIFY(laptop->serve());
        const QString laptopAddress =
            u"127.0.0.1:"_s + QString::number(laptop->peers->listenPort());

        app::SettingsDialog *settings = m_window->openSettings();
        QVERIFY(settings);
        auto *peers = settings->findChild<QLineEdit *>(u"nearbyPeersEdit"_s);
        QVERIFY(peers && peers->isEnabled());
        QVERIFY2(peers->placeholderText().contains(QString::number(deskPort)),
                 qPrintable(peers->placeholderText()));
        QTest::keyClicks(peers, u"laptop-without-port"_s);
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        auto *error = settings->findChild<QLabel *>(u"errorLabel"_s);
        QTRY_VERIFY(error && error->isVisible());
        QVERIFY2(error->text().contains(u"address:port"_s), qPrintable(error->text()));
        QCOMPARE(m_session->profile().get(app::settings::kNearbyPeers), QString());

        peers->clear();
        QTest::keyClicks(peers, laptopAddress);
        QTest::mouseClick(settings->findChild<QPushButton *>(u"saveButton"_s), Qt::LeftButton);
        QTRY_COMPARE(m_session->profile().get(app::settings::kNearbyPeers), laptopAddress);
        QTRY_VERIFY2(m_window->syncStatus().text().startsWith(u"Up to date via nearby devices"_s),
                     qPrintable(m_window->syncStatus().text()));
        testsupport::Workload workload;
        QVERIFY(laptop->store->submit(workload.next()));
        laptop->peers->localChange();
        QTRY_COMPARE(m_session->store().book().size(), 1u);
        // Sync started again (the settings saved): the same port, for whoever named this desk.
        QCOMPARE(m_session->nearbyPort(), deskPort);
        m_window.reset();
        m_session.reset();
    }
};

QTEST_MAIN(TestNearbyStatus)
#include "tst_nearbystatus.moc"
