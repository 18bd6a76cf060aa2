// The Analytics tab shows what the store holds: for a seeded data set spread over several
// days, every chart's figures equal those computed here directly from the store's records, for
// every period of the period selector. At 1280x800, in every language, Qt Charts cuts no label;
// a single day is a point inside its axis; a click on a bar shows the matching records.
#include "GuiTestSupport.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDateTimeAxis>
#include <QGraphicsTextItem>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineEdit>
#include <QLineSeries>
#include <QScreen>
#include <QScrollArea>
#include <QSpinBox>
#include <QTabWidget>
#include <QTableView>
#include <QTextDocumentFragment>

#include <app/AnalyticsPeriod.h>
#include <app/AnalyticsView.h>
#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <app/MainWindow.h>
#include <app/RecordFilterModel.h>
#include <app/RecordTableModel.h>
#include <core/RecordReader.h>
#include <support/TestSeed.h>
#include <support/Workload.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

QAbstractBarSeries *barSeries(QChartView *view)
{
    const auto series = view->chart()->series();
    return series.size() == 1 ? qobject_cast<QAbstractBarSeries *>(series.first()) : nullptr;
}

QList<qreal> barValues(QChartView *view)
{
    QAbstractBarSeries *bars = barSeries(view);
    QList<qreal> values;
    for (int i = 0; bars && i < bars->barSets().first()->count(); ++i)
        values.append(bars->barSets().first()->at(i));
    return values;
}

// One line: wrapped labels compare with what is drawn, whatever the line break.
QString oneLine(QString text)
{
    return text.replace(QChar::LineSeparator, u' ').replace(u'\n', u' ');
}

QString plain(const QString &html)
{
    return oneLine(QTextDocumentFragment::fromHtml(html).toPlainText());
}

QStringList categories(QChartView *view)
{
    for (QAbstractAxis *axis : view->chart()->axes()) {
        if (auto *c = qobject_cast<QBarCategoryAxis *>(axis)) {
            QStringList out;
            for (const QString &category : c->categories())
                out.append(plain(category));
            return out;
        }
    }
    return {};
}

// What the chart draws: the visible text items of its scene (title, axis labels).
QStringList drawnTexts(QChartView *view)
{
    QStringList out;
    for (QGraphicsItem *item : view->scene()->items()) {
        if (auto *text = dynamic_cast<QGraphicsTextItem *>(item); text && text->isVisible())
            out.append(oneLine(text->toPlainText()));
    }
    return out;
}

// A real click in the middle of bar `index` of the chart's only set.
void clickBar(QChartView *view, int index)
{
    QAbstractBarSeries *series = barSeries(view);
    QVERIFY(series);
    const qreal value = series->barSets().first()->at(index);
    const bool horizontal = qobject_cast<QHorizontalBarSeries *>(series) != nullptr;
    const QPointF inChart = view->chart()->mapToPosition(
        horizontal ? QPointF(value / 2, index) : QPointF(index, value / 2), series);
    const QPoint at = view->mapFromScene(view->chart()->mapToScene(inChart));
    QTest::mouseClick(view->viewport(), Qt::LeftButton, {}, at);
}

// The figures of the charts, straight from the store's records, independent of
// FeedbackAnalytics: records created from `from` to `to` (local days; null: open).
struct Oracle
{
    int counts[5] = {};
    int total = 0;
    int open = 0;
    QList<qreal> byStatus{0, 0, 0};
    qint64 sum = 0;
    QMap<quint32, QPair<int, int>> couriers; // id -> (sum, count)
    QMap<QString, int> reasons;
    QMap<QDate, int> days;
    int tableRowsWithOneStar = 0; // retracted ones too: the table shows them

    Oracle(const store::FeedbackStore &store, const QDate &from, const QDate &to)
    {
        for (const auto &[id, state] : store.book().state().entries()) {
            const auto r = RecordReader::read(id, state);
            const QDate day =
                QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(r->createdAt)).date();
            if ((from.isValid() && day < from) || (to.isValid() && day > to))
                continue;
            tableRowsWithOneStar += r->rating == 1;
            if (r->retracted)
                continue;
            ++total;
            ++counts[r->rating - 1];
            sum += r->rating;
            if (r->followUp && *r->followUp != FollowUpStatus::Resolved)
                ++open;
            if (r->followUp)
                byStatus[static_cast<int>(*r->followUp)] += 1;
            couriers[r->courierId].first += r->rating;
            couriers[r->courierId].second += 1;
            for (const QString &reason : r->reasons)
                ++reasons[reason];
            ++days[day];
        }
    }
};

} // namespace

class TestAnalytics : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<app::AppSession> m_session;
    test::ScriptedDialogs m_dialogs;
    std::unique_ptr<app::MainWindow> m_window;
    quint64 m_seed = 0;
    QDate m_today; // the analytics' "today": the day of the newest record

    // A missing widget fails the current test only (GuiTestSupport.h).
    template <class T>
    T *find(const QString &name,
            const std::source_location where = std::source_location::current()) const
    {
        return test::findWidget<T>(m_window.get(), name, where);
    }
    app::DispatcherView &desk() const { return *m_window->dispatcher(); }
    app::AnalyticsView &analytics() const { return desk().analytics(); }
    QChartView *chart(const QString &name) const { return find<QChartView>(name); }
    void showAnalytics()
    {
        find<QTabWidget>(u"tabs"_s)->setCurrentWidget(find<QWidget>(u"analyticsPage"_s));
        analytics().refresh();
    }

private Q_SLOTS:
    void initTestCase()
    {
        // The data set's seed, never the count FEEDBACK_TEST_SEEDS (one data set: no count).
        m_seed = test::testSeed(20261126);
        const quint64 seed = m_seed;
        qInfo("FEEDBACK_TEST_SEED=%llu", static_cast<unsigned long long>(seed));
        app::AppLanguage::apply(u"en"_s);
        // A clock that moves five hours per record: the data set spans many days.
        auto now = std::make_shared<qint64>(
            QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch());
        HybridLogicalClock clock([now] { return *now += 5 * 3600 * 1000; });
        m_session = test::openSession(m_dir.path() + u"/desk"_s, QString(), {}, clock);
        QVERIFY(m_session);
        testsupport::Workload workload(seed);
        QList<RecordId> ids;
        Hlc newest = 0;
        for (int i = 0; i < 400; ++i) {
            NewFeedback input = workload.next();
            input.courierId = 1 + input.courierId % 40; // several ratings per courier
            const auto id = m_session->submit(input);
            QVERIFY2(id, qPrintable(id.error()));
            ids.append(*id);
            newest = qMax(newest, m_session->store().book().state().find(*id)->creation->createdAt);
        }
        for (int i = 0; i < 400; i += 37) { // some retracted, some resolved
            FeedbackEdit edit;
            if (i % 2)
                edit.retract = true;
            else
                edit.followUp = FollowUpStatus::Resolved;
            QVERIFY(m_session->edit(ids[i], edit));
        }
        m_today = QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(newest)).date();

        m_window =
            std::make_unique<app::MainWindow>(*m_session, m_dialogs, app::AppMode::Dispatcher);
        m_window->show(); // maximised on the 1280x800 screen (tests/gui/CMakeLists.txt)
        QVERIFY(QTest::qWaitForWindowExposed(m_window.get()));
        QCOMPARE(m_window->screen()->size(), QSize(1280, 800));
        QTRY_VERIFY(m_window->isMaximized());
        analytics().period().setToday([this] { return m_today; });
        showAnalytics();
    }
    void cleanup()
    {
        if (QTest::currentTestFailed())
            qWarning("rerun with FEEDBACK_TEST_SEED=%llu", static_cast<unsigned long long>(m_seed));
    }
    void cleanupTestCase()
    {
        m_window.reset();
        m_session.reset();
        app::AppLanguage::apply(u"en"_s);
    }

    void chartsEqualFiguresComputedFromTheStore_data()
    {
        QTest::addColumn<int>("preset");
        QTest::addColumn<QDate>("from"); // custom range only
        QTest::addColumn<QDate>("to");
        using P = app::AnalyticsPeriod;
        QTest::newRow("all time") << int(P::AllTime) << QDate() << QDate();
        QTest::newRow("last 7 days") << int(P::Last7) << QDate() << QDate();
        QTest::newRow("last 30 days") << int(P::Last30) << QDate() << QDate();
        QTest::newRow("last 90 days") << int(P::Last90) << QDate() << QDate();
        QTest::newRow("custom") << int(P::Custom) << QDate(2026, 11, 10) << QDate(2026, 11, 20);
    }
    void chartsEqualFiguresComputedFromTheStore()
    {
        QFETCH(int, preset);
        QFETCH(QDate, from);
        QFETCH(QDate, to);
        app::AnalyticsPeriod &period = analytics().period();
        if (preset == app::AnalyticsPeriod::Custom) {
            period.setCustomRange(from, to);
        } else {
            period.setPreset(static_cast<app::AnalyticsPeriod::Preset>(preset));
            if (preset != app::AnalyticsPeriod::AllTime) {
                from = m_today.addDays(1 - preset);
                to = m_today;
            }
        }
        QCOMPARE(period.from(), from);
        QCOMPARE(period.to(), to);
        const Oracle expected(m_session->store(), from, to);
        const Oracle all(m_session->store(), QDate(), QDate());
        if (preset != app::AnalyticsPeriod::AllTime && preset != app::AnalyticsPeriod::Last90)
            QVERIFY(expected.total < all.total && expected.total > 10);
        else
            QVERIFY(expected.total < 400 && expected.total > 380);

        const FeedbackFigures &f = analytics().figures();
        QCOMPARE(f.total, expected.total);
        QCOMPARE(f.followUpsOpen, expected.open);
        QVERIFY(qAbs(f.averageRating - static_cast<double>(expected.sum) / expected.total) < 1e-9);
        QVERIFY(find<QLabel>(u"analyticsSummary"_s)
                    ->text()
                    .contains(u"%1 ratings"_s.arg(expected.total)));

        QCOMPARE(barValues(chart(u"ratingChart"_s)),
                 (QList<qreal>{qreal(expected.counts[0]), qreal(expected.counts[1]),
                               qreal(expected.counts[2]), qreal(expected.counts[3]),
                               qreal(expected.counts[4])}));

        // Best ten: highest average first (top of the chart = last bar).
        QList<std::tuple<double, int, quint32>> ranked;
        for (auto it = expected.couriers.cbegin(); it != expected.couriers.cend(); ++it)
            ranked.append({-static_cast<double>(it->first) / it->second, -it->second, it.key()});
        std::sort(ranked.begin(), ranked.end());
        const qsizetype top = qMin<qsizetype>(10, ranked.size());
        QList<qreal> bestValues = barValues(chart(u"bestCourierChart"_s));
        std::reverse(bestValues.begin(), bestValues.end());
        QStringList bestNames = categories(chart(u"bestCourierChart"_s));
        std::reverse(bestNames.begin(), bestNames.end());
        QCOMPARE(bestValues.size(), top);
        for (int i = 0; i < top; ++i) {
            QCOMPARE(bestValues[i], -std::get<0>(ranked[i]));
            QVERIFY2(bestNames[i].startsWith(u"Courier %1 "_s.arg(std::get<2>(ranked[i]))),
                     qPrintable(bestNames[i]));
        }
        const QList<qreal> worstValues = barValues(chart(u"worstCourierChart"_s));
        QCOMPARE(worstValues.size(), top);
        double lowest = 5;
        for (auto it = expected.couriers.cbegin(); it != expected.couriers.cend(); ++it)
            lowest = qMin(lowest, static_cast<double>(it->first) / it->second);
        QCOMPARE(worstValues.last(), lowest); // the worst courier on top

        QList<qreal> reasonValues = barValues(chart(u"reasonChart"_s));
        std::sort(reasonValues.begin(), reasonValues.end());
        QList<qreal> expectedReasons;
        for (int count : expected.reasons)
            expectedReasons.append(count);
        std::sort(expectedReasons.begin(), expectedReasons.end());
        QCOMPARE(reasonValues, expectedReasons);

        // Bottom-up: resolved, in progress, open.
        QCOMPARE(barValues(chart(u"followUpChart"_s)),
                 (QList<qreal>{expected.byStatus[2], expected.byStatus[1], expected.byStatus[0]}));

        // Every day of the period, zero where nothing came in.
        auto *line =
            qobject_cast<QLineSeries *>(chart(u"volumeChart"_s)->chart()->series().first());
        QVERIFY(line);
        const QDate first = from.isValid() ? from : expected.days.firstKey();
        const QDate last = to.isValid() ? to : expected.days.lastKey();
        QCOMPARE(line->count(), first.daysTo(last) + 1);
        for (int i = 0; i < line->count(); ++i) {
            const QDate day = first.addDays(i);
            QCOMPARE(line->at(i).x(), qreal(day.startOfDay().toMSecsSinceEpoch()));
            QCOMPARE(line->at(i).y(), qreal(expected.days.value(day)));
        }
    }

    // Qt Charts cuts a label it has no room for to "..." (or hides it): at 1280x800, in every
    // language, every title and category label is drawn whole.
    void noLabelIsCut_data()
    {
        QTest::addColumn<QString>("language");
        for (const QString &language : {u"en"_s, u"de"_s, u"es"_s, u"fr"_s})
            QTest::newRow(qPrintable(language)) << language;
    }
    void noLabelIsCut()
    {
        QFETCH(QString, language);
        app::AppLanguage::apply(language);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
        analytics().period().setPreset(app::AnalyticsPeriod::AllTime);
        QVERIFY(m_window->isMaximized());
        const QStringList names{u"ratingChart"_s,      u"volumeChart"_s,       u"followUpChart"_s,
                                u"bestCourierChart"_s, u"worstCourierChart"_s, u"reasonChart"_s};
        for (const QString &name : names) {
            QChartView *view = chart(name);
            QVERIFY(view);
            // The title and every category drawn (once the chart has laid itself out), ...
            QStringList expected = categories(view);
            expected.append(plain(view->chart()->title()));
            for (const QString &text : std::as_const(expected)) {
                QTRY_VERIFY2(drawnTexts(view).contains(text),
                             qPrintable(u"%1 (%2): \"%3\" not drawn, only %4"_s.arg(
                                 name, language, text, drawnTexts(view).join(u" | "_s))));
            }
            // ... none cut short, ...
            for (const QString &text : drawnTexts(view)) {
                QVERIFY2(!text.contains(u"..."_s) && !text.contains(QChar(0x2026)),
                         qPrintable(u"%1 (%2): cut label \"%3\""_s.arg(name, language, text)));
            }
            // ... and the chart whole on the screen, not scrolled away.
            QWidget *viewport = find<QScrollArea>(u"analyticsScroll"_s)->viewport();
            QVERIFY2(
                viewport->rect().contains(QRect(view->mapTo(viewport, QPoint()), view->size())),
                qPrintable(name + u" is not fully visible"_s));
        }
        if (language == u"en"_s)
            QVERIFY(categories(chart(u"followUpChart"_s)).contains(u"In progress"_s));
        app::AppLanguage::apply(u"en"_s);
        QCoreApplication::sendPostedEvents(nullptr, QEvent::LanguageChange);
    }

    // One day of feedback: a point in the middle of a window of days, not a dot on the edge.
    void aSingleDayIsAPointInsideItsAxis()
    {
        QTemporaryDir dir;
        auto now = std::make_shared<qint64>(
            QDateTime(QDate(2026, 12, 3), QTime(9, 0)).toMSecsSinceEpoch());
        HybridLogicalClock clock([now] { return *now += 60 * 1000; });
        auto session = test::openSession(dir.path() + u"/desk"_s, QString(), {}, clock);
        QVERIFY(session);
        for (int i = 0; i < 3; ++i)
            QVERIFY(session->submit({u"ORD-%1"_s.arg(i), 7, 4, QString(), {}, false, {}}));
        test::ScriptedDialogs dialogs;
        app::DispatcherView view(*session, dialogs);
        view.resize(1280, 800);
        view.analytics().period().setToday([] { return QDate(2026, 12, 3); });
        const qint64 day = QDate(2026, 12, 3).startOfDay().toMSecsSinceEpoch();
        const qint64 oneDay = 24 * 3600 * 1000;
        for (const auto preset : {app::AnalyticsPeriod::AllTime, app::AnalyticsPeriod::Last7}) {
            view.analytics().period().setPreset(preset);
            auto *chartView = view.findChild<QChartView *>(u"volumeChart"_s);
            const auto axes = chartView->chart()->axes(Qt::Horizontal);
            QCOMPARE(axes.size(), 1);
            auto *x = qobject_cast<QDateTimeAxis *>(axes.first());
            QVERIFY(x);
            QVERIFY2(day - x->min().toMSecsSinceEpoch() >= oneDay &&
                         x->max().toMSecsSinceEpoch() - day >= oneDay,
                     qPrintable(x->min().toString() + u" .. "_s + x->max().toString()));
            QVERIFY(x->tickCount() >= 3);
            auto *line = qobject_cast<QLineSeries *>(chartView->chart()->series().first());
            QVERIFY(line->points().contains(QPointF(day, 3)));
        }
    }

    // A click on a bar opens the records tab filtered to that bar's records in the period.
    void aBarClickShowsItsRecords()
    {
        app::AnalyticsPeriod &period = analytics().period();
        period.setPreset(app::AnalyticsPeriod::Last30);
        showAnalytics();
        auto *tabs = find<QTabWidget>(u"tabs"_s);
        const Oracle expected(m_session->store(), m_today.addDays(-29), m_today);

        clickBar(chart(u"ratingChart"_s), 0); // one star
        QTRY_COMPARE(tabs->currentWidget(), find<QWidget>(u"recordsPage"_s));
        QCOMPARE(find<QSpinBox>(u"minRatingSpin"_s)->value(), 1);
        QCOMPARE(find<QSpinBox>(u"maxRatingSpin"_s)->value(), 1);
        QCOMPARE(desk().filterModel().filter().from, m_today.addDays(-29));
        QCOMPARE(desk().filterModel().filter().to, m_today);
        QCOMPARE(desk().filterModel().rowCount(), expected.tableRowsWithOneStar);
        QVERIFY(expected.tableRowsWithOneStar > 0);

        showAnalytics();
        QChartView *best = chart(u"bestCourierChart"_s);
        const int topBar = static_cast<int>(barValues(best).size()) - 1;
        const quint32 topCourier = analytics().figures().bestCouriers.first().courierId;
        clickBar(best, topBar);
        QTRY_COMPARE(tabs->currentWidget(), find<QWidget>(u"recordsPage"_s));
        QCOMPARE(find<QLineEdit>(u"courierEdit"_s)->text(), QString::number(topCourier));
        QCOMPARE(find<QSpinBox>(u"minRatingSpin"_s)->value(), 1); // the earlier filter is gone
        QCOMPARE(find<QSpinBox>(u"maxRatingSpin"_s)->value(), 5);
        for (int row = 0; row < desk().filterModel().rowCount(); ++row)
            QCOMPARE(
                desk().filterModel().index(row, app::RecordTableModel::Courier).data().toUInt(),
                topCourier);

        showAnalytics();
        QChartView *reasons = chart(u"reasonChart"_s);
        const int mostGiven = static_cast<int>(barValues(reasons).size()) - 1; // drawn on top
        const QString tag = analytics().figures().reasonCounts.first().first;
        const int given = analytics().figures().reasonCounts.first().second;
        clickBar(reasons, mostGiven);
        QTRY_COMPARE(tabs->currentWidget(), find<QWidget>(u"recordsPage"_s));
        QCOMPARE(find<QComboBox>(u"filterReasonCombo"_s)->currentData().toString(), tag);
        QVERIFY(desk().filterModel().rowCount() >= given); // and retracted ones

        showAnalytics();
        clickBar(chart(u"followUpChart"_s), 2); // "Open", on top
        QTRY_COMPARE(tabs->currentWidget(), find<QWidget>(u"recordsPage"_s));
        QCOMPARE(find<QComboBox>(u"filterStatusCombo"_s)->currentData(), QVariant(0));
        QVERIFY(desk().filterModel().rowCount() > 0);
        QCOMPARE(find<QComboBox>(u"filterReasonCombo"_s)->currentIndex(), 0);
    }
};

QTEST_MAIN(TestAnalytics)
#include "tst_analytics.moc"
