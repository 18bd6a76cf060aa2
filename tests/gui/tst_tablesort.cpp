// The desk's table sorted by a click on a column header: every column orders its rows as the
// words or numbers shown (text without regard to case), both ways; a record that arrives while
// the table is sorted lands in its place, and so does the order after a filter narrows it (the
// ranks the text columns sort by are never used for rows that changed since). Seeded: the seed
// is printed on a failure.
#include "GuiTestSupport.h"

#include <QHeaderView>
#include <QLineEdit>
#include <QRandomGenerator>
#include <QTableView>

#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <support/TestSeed.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestTableSort : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;
    quint64 m_seed = 0;

    app::DispatcherView &desk() const { return *m_window->dispatcher(); }
    QTableView *table() const
    {
        return test::findWidget<QTableView>(m_window.get(), u"recordTable"_s);
    }
    void clickHeader(int column)
    {
        QHeaderView *header = table()->horizontalHeader();
        const int x = header->sectionViewportPosition(column) + header->sectionSize(column) / 2;
        QTest::mouseClick(header->viewport(), Qt::LeftButton, {}, QPoint(x, header->height() / 2));
    }
    // The column as shown, top to bottom, in the form it is ordered by.
    QVariantList shown(int column) const
    {
        const app::RecordFilterModel &view = desk().filterModel();
        QVariantList out;
        for (int row = 0; row < view.rowCount(); ++row) {
            const QModelIndex index = view.index(row, column);
            const QVariant sortValue = index.data(app::RecordTableModel::SortRole);
            out.append(sortValue.typeId() == QMetaType::QString
                           ? QVariant(sortValue.toString().toCaseFolded())
                           : sortValue);
        }
        return out;
    }
    // What a failure says: the seed to replay it, and where.
    QByteArray where(int column, const char *what = "") const
    {
        return "seed " + QByteArray::number(m_seed) + ", column " + QByteArray::number(column) +
               what;
    }
    static bool ordered(const QVariantList &values, Qt::SortOrder order)
    {
        for (qsizetype i = 1; i < values.size(); ++i) {
            const auto c = QVariant::compare(values[i - 1], values[i]);
            if (order == Qt::AscendingOrder ? c == QPartialOrdering::Greater
                                            : c == QPartialOrdering::Less)
                return false;
        }
        return true;
    }
    RecordId submit(QRandomGenerator64 &random)
    {
        static const QStringList words{u"late"_s, u"Late"_s, u"ok"_s,    u"Great"_s,
                                       u"é"_s,    u"E"_s,    u"zebra"_s, u""_s};
        NewFeedback input;
        input.orderId = (random.bounded(2) ? u"ord-"_s : u"ORD-"_s) +
                        QString::number(random.bounded(100000, 999999));
        input.courierId = random.bounded(1, 40);
        input.rating = random.bounded(1, 6);
        input.comment =
            words[random.bounded(words.size())] + u" "_s + words[random.bounded(words.size())];
        const Result<RecordId> id = m_session->submit(input);
        if (!id)
            qWarning("%s", qPrintable(id.error()));
        return id ? *id : RecordId{};
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        app::AppLanguage::apply(u"en"_s);
        m_seed = test::testSeed(20261206);
        m_session = test::openSession(m_dir.path() + u"/desk"_s);
        QVERIFY(m_session);
        QRandomGenerator64 random(m_seed);
        for (int i = 0; i < 300; ++i) {
            const RecordId id = submit(random);
            if (i % 3 == 0) {
                FeedbackEdit edit;
                edit.assignee = (i % 2 ? u"amira"_s : u"Ben"_s);
                edit.followUp = static_cast<FollowUpStatus>(i % 3);
                QVERIFY(m_session->edit(id, edit));
            }
        }
        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show();
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
    }

    void everyColumnSortsBothWays()
    {
        for (int column = 0; column < app::RecordTableModel::ColumnCount; ++column) {
            clickHeader(column);
            const Qt::SortOrder first = table()->horizontalHeader()->sortIndicatorOrder();
            QCOMPARE(table()->horizontalHeader()->sortIndicatorSection(), column);
            QVERIFY2(ordered(shown(column), first), where(column).constData());
            clickHeader(column);
            const Qt::SortOrder second = table()->horizontalHeader()->sortIndicatorOrder();
            QVERIFY(second != first);
            QVERIFY2(ordered(shown(column), second), where(column, " reversed").constData());
        }
    }

    void aRecordArrivingWhileSortedLandsInItsPlace()
    {
        QRandomGenerator64 random(m_seed ^ 0x5eed);
        for (int column : {int(app::RecordTableModel::Order), int(app::RecordTableModel::Comment),
                           int(app::RecordTableModel::State)}) {
            table()->sortByColumn(column, Qt::AscendingOrder);
            const int before = desk().filterModel().rowCount();
            const RecordId id = submit(random);
            QTRY_COMPARE(desk().filterModel().rowCount(), before + 1);
            QVERIFY(desk().model().rowOf(id) >= 0);
            QVERIFY2(ordered(shown(column), Qt::AscendingOrder), where(column).constData());
            if (column == app::RecordTableModel::Order)
                continue; // an order number never changes
            // A record whose shown value changed: its place follows the new value.
            FeedbackEdit edit;
            if (column == app::RecordTableModel::Comment)
                edit.comment = u"Aaa, first of all"_s;
            else
                edit.retract = true; // its State reads "Retracted"
            QVERIFY(m_session->edit(id, edit));
            QVERIFY2(ordered(shown(column), Qt::AscendingOrder),
                     where(column, " after an edit").constData());
        }
    }

    void aFilterKeepsTheOrder()
    {
        table()->sortByColumn(app::RecordTableModel::Order, Qt::DescendingOrder);
        // Rows change after the click: the filter sorts by fresh ranks, not stale ones.
        QRandomGenerator64 random(m_seed ^ 0xf11e);
        submit(random);
        auto *find = test::findWidget<QLineEdit>(m_window.get(), u"searchEdit"_s);
        QTest::keyClicks(find, u"ord-1"_s);
        QTRY_COMPARE(desk().filterModel().filter().text, u"ord-1"_s);
        QVERIFY(desk().filterModel().rowCount() > 0);
        QVERIFY(desk().filterModel().rowCount() < desk().model().rowCount());
        for (int row = 0; row < desk().filterModel().rowCount(); ++row)
            QVERIFY(desk()
                        .filterModel()
                        .index(row, app::RecordTableModel::Order)
                        .data()
                        .toString()
                        .startsWith(u"ord-1"_s, Qt::CaseInsensitive));
        QVERIFY2(ordered(shown(app::RecordTableModel::Order), Qt::DescendingOrder),
                 qPrintable(u"seed %1"_s.arg(m_seed)));
        find->clear();
        QTRY_COMPARE(desk().filterModel().rowCount(), desk().model().rowCount());
        QVERIFY(ordered(shown(app::RecordTableModel::Order), Qt::DescendingOrder));
    }
};

QTEST_MAIN(TestTableSort)
#include "tst_tablesort.moc"
