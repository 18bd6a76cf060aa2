// The sync status bar and panel in words, against a real feedback-relay that is stopped: "not
// set up" and "off" are not "unreachable"; a relay that is away reads "Cannot reach HOST —
// retrying in N s" with N the reconnect timer's own countdown; the panel lists events as
// sentences (no JSON) and says what happened to the connection; all of it in German too.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QLabel>
#include <QLineEdit>
#include <QListWidget>
#include <QPushButton>
#include <QRegularExpression>
#include <QSignalSpy>

#include <app/AppLanguage.h>
#include <app/MainWindow.h>
#include <app/SettingsDialog.h>
#include <app/SyncStatusWidget.h>
#include <app/SyncWords.h>
#include <support/RelayProcess.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestSyncStatus : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;

    void openWindow(const QString &name, const QString &relayUrl)
    {
        m_window.reset();
        m_session = test::openSession(m_dir.path() + u"/"_s + name, relayUrl);
        QVERIFY(m_session);
        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
    }
    app::SyncStatusWidget &status() { return m_window->syncStatus(); }
    QStringList events()
    {
        QStringList lines;
        auto *list = status().panel()->findChild<QListWidget *>(u"eventsList"_s);
        for (int i = 0; i < list->count(); ++i)
            lines.append(list->item(i)->text());
        return lines;
    }
    static QString syncText(const char *text)
    {
        return QCoreApplication::translate("SyncStatus", text);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
    }
    void cleanup()
    {
        m_window.reset();
        m_session.reset();
        app::AppLanguage::apply(u"en"_s);
        if (m_relay)
            m_relay->kill();
    }

    void withoutARelayItSaysNotSetUpNotOffline()
    {
        openWindow(u"alone"_s, QString());
        m_session->startSync();
        QCOMPARE(status().text(), u"Sync not set up · 0 waiting"_s);
        QVERIFY(status().toolTip().contains(u"No relay address is set"_s));
        QVERIFY(m_session->setSyncSettings(QString(), false));
        QCOMPARE(status().text(), u"Sync off · 0 waiting"_s);
        QVERIFY(m_session->setSyncSettings(u"wss://relay.example.com:9000"_s, false));
        QCOMPARE(status().text(), u"Sync off · 0 waiting"_s);
    }

    // Plain ws:// to another machine: the settings say why and what to do, and keep nothing
    // until "Allow an unencrypted connection (insecure)" is ticked; that choice is kept.
    void settingsRefuseRemoteWsUnlessInsecureIsTicked()
    {
        openWindow(u"remote"_s, QString());
        app::SettingsDialog *settings = m_window->openSettings();
        auto *relay = settings->findChild<QLineEdit *>(u"relayEdit"_s);
        auto *insecure = settings->findChild<QCheckBox *>(u"insecureCheck"_s);
        auto *save = settings->findChild<QPushButton *>(u"saveButton"_s);
        QVERIFY(relay && insecure && save);
        QVERIFY(!insecure->isChecked());
        relay->setText(u"ws://192.0.2.1:9"_s);
        QTest::mouseClick(save, Qt::LeftButton);
        QVERIFY(settings->isVisible());
        QCOMPARE(settings->findChild<QLabel *>(u"errorLabel"_s)->text(),
                 app::insecureRelayMessage(u"192.0.2.1"_s));
        QVERIFY(settings->findChild<QLabel *>(u"errorLabel"_s)
                    ->text()
                    .startsWith(u"ws:// sends everything unencrypted to 192.0.2.1"_s));
        QCOMPARE(m_session->relayUrl(), QString());

        insecure->setChecked(true);
        QTest::mouseClick(save, Qt::LeftButton);
        QTRY_VERIFY(!settings->isVisible());
        QCOMPARE(m_session->relayUrl(), u"ws://192.0.2.1:9"_s);
        QVERIFY(m_session->profile().get(store::settings::kInsecure));
        QVERIFY(!status().toolTip().contains(u"unencrypted"_s));
        QVERIFY(m_window->openSettings()->findChild<QCheckBox *>(u"insecureCheck"_s)->isChecked());
    }

    // A profile that holds a ws:// address to another machine (set before the rule) does not
    // connect: the status says why instead.
    void aStoredRemoteWsAddressIsRefusedWithTheReason()
    {
        openWindow(u"stored"_s, u"ws://192.0.2.1:9"_s);
        m_session->startSync();
        QVERIFY2(status().toolTip().contains(app::insecureRelayMessage(u"192.0.2.1"_s)),
                 qPrintable(status().toolTip()));
    }

    void aStoppedRelayReadsCannotReachWithTheRetryCountdown()
    {
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        openWindow(u"desk"_s, m_relay->url());
        m_session->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(status().syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        QVERIFY(status().text().startsWith(u"Up to date"_s));

        m_relay->kill();
        const QString prefix = u"Cannot reach 127.0.0.1 — retrying in "_s;
        QTRY_VERIFY_WITH_TIMEOUT(status().text().startsWith(prefix), feedback::test::kPatienceMs);
        QVERIFY2(status().text().endsWith(u" s · 0 waiting"_s), qPrintable(status().text()));
        QVERIFY(status().toolTip().contains(u"the connection was refused"_s));

        // The seconds shown are those of the reconnect timer, rounded up.
        const QRegularExpression seconds(u"retrying in (\\d+) s"_s);
        // Measured when a retry is scheduled before and after the refresh (not between two).
        QString mismatch;
        auto shownMatchesTheTimer = [&] {
            const int before = m_session->retryRemainingMs();
            status().refresh();
            const int after = m_session->retryRemainingMs();
            if (before < 0 || after < 0 || after > before)
                return false;
            const auto match = seconds.match(status().text());
            const int shown = match.hasMatch() ? match.captured(1).toInt() : -1;
            if (shown < (after + 999) / 1000 || shown > (before + 999) / 1000)
                mismatch =
                    u"\"%1\" with %2..%3 ms left"_s.arg(status().text()).arg(after).arg(before);
            return true;
        };
        for (int i = 0; i < 3; ++i) {
            QTRY_VERIFY_WITH_TIMEOUT(shownMatchesTheTimer(), feedback::test::kPatienceMs);
            QVERIFY2(mismatch.isEmpty(), qPrintable(mismatch));
        }
        // ... and it counts down by itself, between status changes of the session.
        QSignalSpy changes(m_session.get(), &app::AppSession::syncStatusChanged);
        QString last = status().text();
        auto tickedAlone = [&] {
            if (!changes.isEmpty()) {
                changes.clear();
                last = status().text();
                return false;
            }
            return status().text() != last;
        };
        QTRY_VERIFY_WITH_TIMEOUT(tickedAlone(), feedback::test::kPatienceMs);

        // The panel: what happened, in words; no JSON; "Retry now" while waiting.
        app::SyncPanel *panel = status().panel();
        panel->refresh();
        QVERIFY(panel->findChild<QLabel *>(u"errorValue"_s)
                    ->text()
                    .startsWith(u"Cannot reach 127.0.0.1: the connection was refused."_s));
        QTRY_COMPARE(panel->findChild<QPushButton *>(u"syncNowButton"_s)->text(), u"&Retry now"_s);
        const QStringList lines = events();
        QVERIFY(lines.join(u'\n').contains(u"Connected to 127.0.0.1"_s));
        QVERIFY(
            lines.join(u'\n').contains(u"The connection to 127.0.0.1 was closed by the relay."_s));
        QVERIFY(
            lines.join(u'\n').contains(u"Cannot reach 127.0.0.1: the connection was refused."_s));
        for (const QString &line : lines)
            QVERIFY2(!line.contains(u'{') && !line.contains(u'"'), qPrintable(line));

        // In German: the status bar and the events already listed.
        app::AppLanguage::apply(u"de"_s);
        const QString german = syncText("Cannot reach %1").arg(u"127.0.0.1"_s);
        QVERIFY(german != u"Cannot reach 127.0.0.1"_s);
        QTRY_VERIFY(status().text().startsWith(german));
        QVERIFY(!status().text().contains(u"waiting"_s));
        for (const QString &line : events())
            QVERIFY2(!line.contains(u"Cannot reach"_s) && !line.contains(u"closed by the relay"_s),
                     qPrintable(line));
        app::AppLanguage::apply(u"en"_s);

        // The relay is back: found by the next short retry, up to date again.
        QVERIFY2(m_relay->restart(), m_relay->describe().constData());
        if (m_relay->url() != m_session->relayUrl())
            QSKIP("the relay's port was taken meanwhile: nothing to reconnect to");
        QTRY_COMPARE_WITH_TIMEOUT(status().syncStateName(), u"up-to-date"_s,
                                  feedback::test::kPatienceMs);
        QVERIFY(status().text().startsWith(u"Up to date"_s));
        QCOMPARE(panel->findChild<QPushButton *>(u"syncNowButton"_s)->text(), u"&Sync now"_s);
    }

    void eachProblemHasItsOwnWords()
    {
        // Not accepted, refused, update required: none of them reads like "unreachable".
        using Kind = sync::SyncProblem::Kind;
        QStringList seen;
        for (Kind kind : {Kind::Unreachable, Kind::Tls, Kind::ConnectionLost, Kind::NotAccepted,
                          Kind::RelayRefused, Kind::UpdateRequired}) {
            sync::SyncProblem problem;
            problem.kind = kind;
            problem.code = protocol::ErrorCode::Busy;
            const QString headline = app::problemHeadline(problem, u"relay.example.com"_s);
            const QString sentence = app::problemSentence(problem, u"relay.example.com"_s);
            QVERIFY(!headline.isEmpty() && !sentence.isEmpty());
            QVERIFY2(!seen.contains(headline), qPrintable(headline));
            QVERIFY(!headline.startsWith(u"Offline"_s));
            seen.append(headline);
        }
        QVERIFY(seen.contains(u"relay.example.com does not accept this device"_s));
        QVERIFY(seen.contains(u"relay.example.com refused: it has too many devices connected"_s));
        QVERIFY(seen.contains(u"Update required"_s));
    }

    void errorEventsReadBackEveryKindCauseAndCode()
    {
        // The panel reads an error event back from the names SyncSession writes into it (the
        // problem's kind, the close cause, the relay's error code): each name must lead back to
        // its value, or the panel would tell another problem than the status bar.
        using Kind = sync::SyncProblem::Kind;
        using sync::CloseCause;
        const QString host = u"relay.example.com"_s;
        for (Kind kind : {Kind::Unreachable, Kind::Tls, Kind::ConnectionLost, Kind::NotAccepted,
                          Kind::RelayRefused, Kind::UpdateRequired, Kind::Other}) {
            for (int cause = 0; cause <= int(CloseCause::ClosedHere); ++cause) {
                for (int code = 1; code <= int(protocol::ErrorCode::UpdateRequired); ++code) {
                    sync::SyncProblem problem;
                    problem.kind = kind;
                    problem.cause = CloseCause(cause);
                    problem.code = protocol::ErrorCode(code);
                    problem.detail = u"the detail"_s;
                    const QJsonObject details{{u"reason"_s, problem.detail},
                                              {u"problem"_s, sync::problemKindName(problem.kind)},
                                              {u"cause"_s, sync::closeCauseName(problem.cause)},
                                              {u"code"_s, protocol::errorCodeName(problem.code)}};
                    QCOMPARE(app::syncEventText(sync::SyncEvent::Error, details, host),
                             syncText("Problem: %1").arg(app::problemSentence(problem, host)));
                }
            }
        }
        // A word of no known kind is "other": its sentence is the sync layer's detail.
        const QJsonObject unknown{{u"reason"_s, u"the detail"_s}, {u"problem"_s, u"none"_s}};
        QVERIFY(
            app::syncEventText(sync::SyncEvent::Error, unknown, host).contains(u"the detail"_s));
    }
};

QTEST_MAIN(TestSyncStatus)
#include "tst_syncstatus.moc"
