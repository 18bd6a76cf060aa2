// Presence between two dispatcher desks on one real feedback-relay, offscreen: a record opened on
// one desk shows on the other as a marker in the table and a line in the detail pane, with the
// dispatcher's name; typing a note shows as writing; moving on, and closing the app, take it away.
// No waiting on time: each step waits for what the other desk shows.
#include "GuiTestSupport.h"

#include <QLabel>
#include <QLineEdit>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordDetailPane.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <app/SyncStatusWidget.h>
#include <support/RelayProcess.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

// One app instance: its session and its main window.
struct Desk
{
    std::unique_ptr<app::AppSession> session;
    test::ScriptedDialogs dialogs;
    std::unique_ptr<app::MainWindow> window;

    app::DispatcherView &view() const { return *window->dispatcher(); }
    template <class T> T *find(const QString &name) const
    {
        return test::findWidget<T>(window.get(), name);
    }
    QString presenceLine() const
    {
        const auto *line = find<QLabel>(u"presenceLine"_s);
        return line->isVisible() ? line->text() : QString();
    }
    // The table's marker on the record's row: its icon, and the words of its tooltip.
    bool marked(const RecordId &id) const
    {
        const int row = view().model().rowOf(id);
        const QModelIndex order = view().model().index(row, app::RecordTableModel::Order);
        return row >= 0 && !view().model().data(order, Qt::DecorationRole).isNull();
    }
    QString markerTip(const RecordId &id) const
    {
        const int row = view().model().rowOf(id);
        return view()
            .model()
            .data(view().model().index(row, app::RecordTableModel::Order), Qt::ToolTipRole)
            .toString();
    }
    void select(const RecordId &id) { test::selectRecord(view(), window.get(), id); }
};

} // namespace

class TestDeskPresence : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<test::RelayProcess> m_relay;
    Desk m_amira, m_yusuf;

    bool open(Desk &desk, const QString &dir, const QByteArray &secret, const QString &name)
    {
        desk.session = test::openSession(m_dir.path() + dir, m_relay->url(), secret,
                                         HybridLogicalClock(), name);
        if (!desk.session || !desk.session->setDispatcherName(name))
            return false;
        desk.window = std::make_unique<app::MainWindow>(*desk.session, desk.dialogs,
                                                        app::AppMode::Dispatcher);
        desk.window->show();
        desk.session->startSync();
        return QTest::qWaitFor(
            [&desk] { return desk.window->syncStatus().syncStateName() == u"up-to-date"_s; },
            test::kPatienceMs);
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        m_relay = std::make_unique<test::RelayProcess>(m_dir.path() + u"/relay"_s);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
        const QByteArray secret = sync::WorkspaceKeys::newSecret();
        QVERIFY(open(m_amira, u"/amira"_s, secret, u"Amira"_s));
        QVERIFY(open(m_yusuf, u"/yusuf"_s, secret, u"Yusuf"_s));
    }

    void aRecordOpenOnOneDeskShowsOnTheOtherUntilItsAppCloses()
    {
        NewFeedback input;
        input.orderId = u"ORD-300001"_s;
        input.courierId = 9;
        input.rating = 1;
        const Result<RecordId> first = m_amira.session->submit(input);
        input.orderId = u"ORD-300002"_s;
        const Result<RecordId> second = m_amira.session->submit(input);
        QVERIFY(first && second);
        QTRY_VERIFY_WITH_TIMEOUT(m_yusuf.view().model().rowOf(*first) >= 0 &&
                                     m_yusuf.view().model().rowOf(*second) >= 0,
                                 test::kPatienceMs);
        QVERIFY(!m_yusuf.marked(*first));

        // Amira opens the first record: Yusuf's table marks it, with her name.
        m_amira.select(*first);
        QTRY_VERIFY_WITH_TIMEOUT(m_yusuf.marked(*first), test::kPatienceMs);
        QCOMPARE(m_yusuf.markerTip(*first), u"Amira is on this record"_s);
        QVERIFY(!m_yusuf.marked(*second));
        QCOMPARE(m_amira.presenceLine(), QString()); // nobody else there yet
        // Yusuf opens it too: each sees the other in the detail pane.
        m_yusuf.select(*first);
        QTRY_COMPARE_WITH_TIMEOUT(m_yusuf.presenceLine(), u"Amira is on this record"_s,
                                  test::kPatienceMs);
        QTRY_COMPARE_WITH_TIMEOUT(m_amira.presenceLine(), u"Yusuf is on this record"_s,
                                  test::kPatienceMs);
        // Amira types a note: she is writing.
        QTest::keyClicks(m_amira.find<QLineEdit>(u"noteEdit"_s), u"Called"_s);
        QTRY_COMPARE_WITH_TIMEOUT(m_yusuf.presenceLine(), u"Amira is writing on this record"_s,
                                  test::kPatienceMs);
        // She moves on to the second record.
        m_amira.select(*second);
        QTRY_COMPARE_WITH_TIMEOUT(m_yusuf.presenceLine(), QString(), test::kPatienceMs);
        QTRY_VERIFY_WITH_TIMEOUT(m_yusuf.marked(*second), test::kPatienceMs);
        QVERIFY(!m_yusuf.marked(*first));
        // Her app closes: gone from Yusuf's desk at once (her leaving note, the relay's "gone"),
        // not when her notes time out.
        m_amira.window.reset();
        m_amira.session.reset();
        QTRY_VERIFY_WITH_TIMEOUT(!m_yusuf.marked(*second), test::kPatienceMs);
        QCOMPARE(m_yusuf.presenceLine(), QString());
    }

    void cleanupTestCase()
    {
        m_yusuf.window.reset();
        m_yusuf.session.reset();
    }
};

QTEST_MAIN(TestDeskPresence)
#include "tst_deskpresence.moc"
