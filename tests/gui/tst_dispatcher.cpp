// The dispatcher desk against a real feedback-relay and a real feedbackctl device: records from
// the other device appear live, filters narrow the table, follow-up and notes reach the other
// device, a conflict shows both values and resolving it clears it everywhere; and the status
// bar follows the real sync states, and counts changes of other devices it could not read.
#include "GuiTestSupport.h"

#include <QCheckBox>
#include <QComboBox>
#include <QGroupBox>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QSpinBox>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/SyncStatusWidget.h>
#include <core/RecordReader.h>
#include <integration/RelayPeer.h>
#include <integration/RelayProcess.h>
#include <support/HostileUnits.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestDispatcher : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::RelayProcess> m_relay;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;
    QString m_ctlProfile;

    test::CtlRun ctl(const QStringList &args) { return test::Ctl::run(m_ctlProfile, args); }
    QString submitFromCtl(const QStringList &args)
    {
        const test::CtlRun r = ctl(QStringList{u"submit"_s} + args);
        if (!r.ok())
            qWarning("%s", r.describe().constData());
        return r.lastLine();
    }
    // The other device's view of a record, by one of its fields (id, orderId...).
    QJsonObject ctlRecord(const QString &value, const QString &field = u"id"_s)
    {
        const test::CtlRun r = ctl({u"list"_s, u"--format"_s, u"json"_s});
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array()) {
            if (v[field].toString() == value)
                return v.toObject();
        }
        return {};
    }
    template <class T> T *find(const QString &name) const { return m_window->findChild<T *>(name); }
    app::DispatcherView &desk() const { return *m_window->dispatcher(); }
    void select(const QString &id)
    {
        const auto rid = recordIdFromString(id);
        QVERIFY(rid);
        const int row = desk().model().rowOf(*rid);
        QVERIFY(row >= 0);
        const QModelIndex index = desk().filterModel().mapFromSource(desk().model().index(row, 0));
        find<QTableView>(u"recordTable"_s)->setCurrentIndex(index);
        QCOMPARE(desk().detail().record(), rid);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        m_session = test::openSession(m_dir.path() + u"/desk"_s, m_relay->url());
        QVERIFY(m_session);
        m_ctlProfile = m_dir.path() + u"/kiosk"_s;
        const test::CtlRun joined =
            ctl({u"join"_s, test::inviteOf(*m_session), u"--name"_s, u"kiosk"_s});
        QVERIFY2(joined.ok(), joined.describe().constData());
        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
        m_session->startSync();
        QTRY_COMPARE_WITH_TIMEOUT(m_window->syncStatus().syncStateName(), u"up-to-date"_s, 20000);
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
    }

    void recordsFromAnotherDeviceAppearLive()
    {
        submitFromCtl(
            {u"--order"_s, u"ORD-100001"_s, u"--courier"_s, u"17"_s, u"--rating"_s, u"5"_s});
        submitFromCtl({u"--order"_s, u"ORD-100002"_s, u"--courier"_s, u"23"_s, u"--rating"_s,
                       u"2"_s, u"--reason"_s, u"late"_s});
        submitFromCtl(
            {u"--order"_s, u"ORD-100003"_s, u"--courier"_s, u"17"_s, u"--rating"_s, u"3"_s});
        QVERIFY(ctl({u"sync"_s}).ok());
        QTRY_COMPARE_WITH_TIMEOUT(desk().model().rowCount(), 3, 20000);
        // Newest first, and highlighted as new.
        QCOMPARE(desk().filterModel().index(0, app::RecordTableModel::Order).data().toString(),
                 u"ORD-100003"_s);
        QVERIFY(desk().filterModel().index(0, 0).data(Qt::BackgroundRole).isValid());
    }

    void filtersNarrowTheView()
    {
        auto &view = desk().filterModel();
        QTest::keyClicks(find<QLineEdit>(u"courierEdit"_s), u"17"_s);
        QTRY_COMPARE(view.rowCount(), 2);
        find<QSpinBox>(u"maxRatingSpin"_s)->setValue(4);
        QCOMPARE(view.rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QCOMPARE(view.rowCount(), 3);
        find<QCheckBox>(u"filterFollowUpCheck"_s)->setChecked(true);
        QCOMPARE(view.rowCount(), 1);
        QCOMPARE(view.index(0, app::RecordTableModel::Order).data().toString(), u"ORD-100002"_s);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTest::keyClicks(find<QLineEdit>(u"searchEdit"_s), u"100001"_s);
        QTRY_COMPARE(view.rowCount(), 1);
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
        QTRY_COMPARE(view.rowCount(), 3);
    }

    void followUpAndNotesReachTheOtherDevice()
    {
        const QString id = ctlRecord(u"ORD-100002"_s, u"orderId"_s)[u"id"_s].toString();
        QVERIFY(!id.isEmpty());
        select(id);
        auto *status = find<QComboBox>(u"followUpStatusCombo"_s);
        status->setFocus();
        QTest::keyClick(status, Qt::Key_Down); // open -> in progress, as a keyboard user does
        QCOMPARE(status->currentIndex(), 1);
        QTest::keyClicks(find<QLineEdit>(u"noteEdit"_s), u"Called the customer"_s);
        QTest::mouseClick(find<QPushButton>(u"addNoteButton"_s), Qt::LeftButton);
        const auto rid = recordIdFromString(id);
        const auto here = RecordReader::read(*rid, *m_session->store().book().state().find(*rid));
        QCOMPARE(here->followUp, FollowUpStatus::InProgress);
        QCOMPARE(here->notes.size(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, 20000);

        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonObject there = ctlRecord(id);
        QVERIFY2(there[u"followUp"_s].toString() == u"in_progress"_s,
                 QJsonDocument(there).toJson().constData());
        QCOMPARE(there[u"notes"_s].toArray().size(), 1);
        QCOMPARE(there[u"notes"_s][0][u"text"_s].toString(), u"Called the customer"_s);
        QCOMPARE(there[u"notes"_s][0][u"author"_s].toString(), u"test"_s);
    }

    void conflictShowsBothValuesAndResolvingClearsIt()
    {
        const QString id = submitFromCtl(
            {u"--order"_s, u"ORD-100004"_s, u"--courier"_s, u"8"_s, u"--rating"_s, u"3"_s});
        QVERIFY(ctl({u"sync"_s}).ok());
        const auto rid = recordIdFromString(id);
        QTRY_VERIFY_WITH_TIMEOUT(desk().model().rowOf(*rid) >= 0, 20000);

        // Apart, both devices change the rating.
        m_session->stopSync();
        FeedbackEdit edit;
        edit.rating = 1;
        QVERIFY(m_session->edit(*rid, edit));
        QVERIFY(ctl({u"edit"_s, id, u"--rating"_s, u"5"_s}).ok());
        QVERIFY(ctl({u"sync"_s}).ok());
        m_session->startSync();
        select(id);
        QTRY_VERIFY_WITH_TIMEOUT(find<QGroupBox>(u"conflictBox"_s)->isVisible(), 20000);
        auto *first = find<QPushButton>(u"keep_rating_0"_s);
        auto *second = find<QPushButton>(u"keep_rating_1"_s);
        QVERIFY(first && second);
        const QStringList shown{first->text(), second->text()};
        QVERIFY(shown.contains(u"Keep 1 star"_s));
        QVERIFY(shown.contains(u"Keep 5 stars"_s));
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, 20000);
        // The other device sees the same conflict, with the same display value first.
        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonArray values = ctlRecord(id)[u"conflicts"_s][u"rating"_s].toArray();
        QCOMPARE(values.size(), 2);
        QCOMPARE(first->text(),
                 u"Keep %1"_s.arg(values[0].toInt() == 1 ? u"1 star"_s : u"5 stars"_s));

        (first->text() == u"Keep 5 stars"_s ? first : second)->click();
        QTRY_VERIFY(!find<QGroupBox>(u"conflictBox"_s)->isVisible());
        QTRY_COMPARE_WITH_TIMEOUT(m_session->pendingCount(), 0, 20000);
        QVERIFY(ctl({u"sync"_s}).ok());
        const QJsonObject there = ctlRecord(id);
        QVERIFY(there[u"conflicts"_s].toObject().isEmpty());
        QCOMPARE(there[u"rating"_s].toInt(), 5);
    }

    void exportWritesTheFilteredView()
    {
        m_dialogs.saveFile = m_dir.path() + u"/export.csv"_s;
        QTest::keyClicks(find<QLineEdit>(u"courierEdit"_s), u"17"_s);
        QTRY_COMPARE(desk().filterModel().rowCount(), 2);
        QTest::mouseClick(find<QPushButton>(u"exportButton"_s), Qt::LeftButton);
        QTRY_VERIFY(QFile::exists(m_dialogs.saveFile));
        QFile file(m_dialogs.saveFile);
        QVERIFY(file.open(QIODevice::ReadOnly));
        const QList<QByteArray> lines = file.readAll().trimmed().split('\n');
        QCOMPARE(lines.size(), 3); // header + two records of courier 17
        QTest::mouseClick(find<QPushButton>(u"clearFiltersButton"_s), Qt::LeftButton);
    }

    void statusBarFollowsTheRealSyncStates()
    {
        app::SyncStatusWidget &status = m_window->syncStatus();
        m_relay->kill();
        QTRY_VERIFY_WITH_TIMEOUT(
            status.syncStateName() == u"offline"_s || status.syncStateName() == u"error"_s, 20000);
        NewFeedback input{u"ORD-900001"_s, 4, 4, QString(), {}, false, {}};
        QVERIFY(m_session->submit(input));
        QVERIFY(m_session->submit(input));
        QCOMPARE(status.pending(), 2);
        QTRY_VERIFY(status.text().contains(u"2 waiting"_s));
        QVERIFY2(status.text().startsWith(u"Cannot reach 127.0.0.1"_s) ||
                     status.text().startsWith(u"Connection to 127.0.0.1 lost"_s),
                 qPrintable(status.text()));

        QVERIFY2(m_relay->restart(), m_relay->describe().constData());
        if (m_relay->url() != m_session->relayUrl())
            QVERIFY(m_session->setSyncSettings(m_relay->url(), true));
        QTRY_COMPARE_WITH_TIMEOUT(status.syncStateName(), u"up-to-date"_s, 30000);
        QTRY_COMPARE_WITH_TIMEOUT(status.pending(), 0, 20000);
        QVERIFY(status.text().startsWith(u"Up to date"_s));
        QVERIFY(status.text().contains(u"0 waiting"_s));
    }

    void changesThatCannotBeReadAreCounted()
    {
        app::SyncStatusWidget &status = m_window->syncStatus();
        QTRY_COMPARE_WITH_TIMEOUT(status.syncStateName(), u"up-to-date"_s, 20000);
        // A member pushes units sealed with the workspace key that no device can read.
        const auto keys =
            sync::WorkspaceKeys::fromSecret(m_session->store().secret(u"workspace"_s).value());
        const test::Identity hostile{*keys};
        test::Peer peer(m_session->relayUrl());
        VERIFY_PEER(peer.authenticate(hostile), peer);
        const QByteArray origin = hostile.device;
        VERIFY_PEER(peer.push({{origin, 1, testsupport::undecodableDelta(*keys, origin, 1), 0}}),
                    peer);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(u"1 change could not be read"_s), 20000);
        QCOMPARE(status.syncStateName(), u"up-to-date"_s); // sync goes on
        VERIFY_PEER(peer.push({{origin, 2,
                                testsupport::tampered(
                                    keys->sealGroup({QByteArray("x"), QByteArray("y")}, origin, 2)),
                                0, 2}}),
                    peer);
        QTRY_VERIFY_WITH_TIMEOUT(status.text().contains(u"2 changes could not be read"_s), 20000);
        status.panel()->refresh();
        QVERIFY(status.panel()
                    ->findChild<QLabel *>(u"stateLabel"_s)
                    ->text()
                    .contains(u"2 changes could not be read"_s));
    }
};

QTEST_MAIN(TestDispatcher)
#include "tst_dispatcher.moc"
