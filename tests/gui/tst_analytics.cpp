// The Analytics tab shows what the store holds: for a seeded data set spread over several
// days, every chart's figures equal those computed here directly from the store's records.
#include "GuiTestSupport.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>

#include <app/AnalyticsView.h>
#include <app/AppLanguage.h>
#include <app/DispatcherView.h>
#include <core/RecordReader.h>
#include <support/Workload.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

QList<qreal> barValues(QChartView *view)
{
    const auto series = view->chart()->series();
    if (series.size() != 1)
        return {};
    auto *bars = qobject_cast<QAbstractBarSeries *>(series.first());
    QList<qreal> values;
    for (int i = 0; bars && i < bars->barSets().first()->count(); ++i)
        values.append(bars->barSets().first()->at(i));
    return values;
}

QStringList categories(QChartView *view, Qt::Orientation orientation)
{
    for (QAbstractAxis *axis : view->chart()->axes(orientation)) {
        if (auto *c = qobject_cast<QBarCategoryAxis *>(axis))
            return c->categories();
    }
    return {};
}

} // namespace

class TestAnalytics : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void chartsEqualFiguresComputedFromTheStore()
    {
        const quint64 seed = qEnvironmentVariableIsSet("FEEDBACK_TEST_SEEDS")
                                 ? qEnvironmentVariable("FEEDBACK_TEST_SEEDS").toULongLong()
                                 : 20261126;
        qInfo("seed %llu", seed);
        app::AppLanguage::apply(u"en"_s);
        QTemporaryDir dir;
        // A clock that moves five hours per record: the data set spans many days.
        qint64 now = QDateTime(QDate(2026, 11, 1), QTime(8, 0), Qt::UTC).toMSecsSinceEpoch();
        HybridLogicalClock clock([&now] { return now += 5 * 3600 * 1000; });
        auto session = test::openSession(dir.path() + u"/desk"_s, QString(), {}, clock);
        QVERIFY(session);
        testsupport::Workload workload(seed);
        QList<RecordId> ids;
        for (int i = 0; i < 400; ++i) {
            NewFeedback input = workload.next();
            input.courierId = 1 + input.courierId % 40; // several ratings per courier
            const auto id = session->submit(input);
            QVERIFY2(id, qPrintable(id.error()));
            ids.append(*id);
        }
        for (int i = 0; i < 400; i += 37) { // some retracted, some resolved
            FeedbackEdit edit;
            if (i % 2)
                edit.retract = true;
            else
                edit.followUp = FollowUpStatus::Resolved;
            QVERIFY(session->edit(ids[i], edit));
        }

        test::ScriptedDialogs dialogs;
        app::DispatcherView view(*session, dialogs);
        view.resize(1280, 800);
        view.analytics().refresh();

        // The oracle: straight from the store's records, independent of FeedbackAnalytics.
        int counts[5] = {};
        int total = 0;
        int open = 0;
        QList<qreal> byStatus{0, 0, 0};
        qint64 sum = 0;
        QMap<quint32, QPair<int, int>> couriers; // id -> (sum, count)
        QMap<QString, int> reasons;
        QMap<QDate, int> days;
        for (const auto &[id, state] : session->store().book().state().entries()) {
            const auto r = RecordReader::read(id, state);
            QVERIFY(r);
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
            ++days[QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(r->createdAt),
                                                  Qt::UTC)
                       .date()];
        }
        QVERIFY(total < 400 && total > 380);

        const FeedbackFigures &f = view.analytics().figures();
        QCOMPARE(f.total, total);
        QCOMPARE(f.followUpsOpen, open);
        QVERIFY(qAbs(f.averageRating - static_cast<double>(sum) / total) < 1e-9);

        auto *ratingChart = view.findChild<QChartView *>(u"ratingChart"_s);
        QVERIFY(ratingChart);
        QCOMPARE(barValues(ratingChart),
                 (QList<qreal>{qreal(counts[0]), qreal(counts[1]), qreal(counts[2]),
                               qreal(counts[3]), qreal(counts[4])}));

        // Best ten: highest average first (top of the chart = last bar).
        QList<std::tuple<double, int, quint32>> ranked;
        for (auto it = couriers.cbegin(); it != couriers.cend(); ++it)
            ranked.append({-static_cast<double>(it->first) / it->second, -it->second, it.key()});
        std::sort(ranked.begin(), ranked.end());
        auto *best = view.findChild<QChartView *>(u"bestCourierChart"_s);
        QList<qreal> bestValues = barValues(best);
        std::reverse(bestValues.begin(), bestValues.end());
        QStringList bestNames = categories(best, Qt::Vertical);
        std::reverse(bestNames.begin(), bestNames.end());
        QCOMPARE(bestValues.size(), 10);
        for (int i = 0; i < 10; ++i) {
            QCOMPARE(bestValues[i], -std::get<0>(ranked[i]));
            QVERIFY2(bestNames[i].startsWith(u"Courier %1 "_s.arg(std::get<2>(ranked[i]))),
                     qPrintable(bestNames[i]));
        }
        auto *worst = view.findChild<QChartView *>(u"worstCourierChart"_s);
        QList<qreal> worstValues = barValues(worst);
        QCOMPARE(worstValues.size(), 10);
        double lowest = 5;
        for (auto it = couriers.cbegin(); it != couriers.cend(); ++it)
            lowest = qMin(lowest, static_cast<double>(it->first) / it->second);
        QCOMPARE(worstValues.last(), lowest); // the worst courier on top

        auto *reasonChart = view.findChild<QChartView *>(u"reasonChart"_s);
        QList<qreal> reasonValues = barValues(reasonChart);
        std::sort(reasonValues.begin(), reasonValues.end());
        QList<qreal> expectedReasons;
        for (int count : reasons)
            expectedReasons.append(count);
        std::sort(expectedReasons.begin(), expectedReasons.end());
        QCOMPARE(reasonValues, expectedReasons);

        QCOMPARE(barValues(view.findChild<QChartView *>(u"followUpChart"_s)), byStatus);

        auto *volume = view.findChild<QChartView *>(u"volumeChart"_s);
        auto *line = qobject_cast<QLineSeries *>(volume->chart()->series().first());
        QVERIFY(line);
        QCOMPARE(line->count(), static_cast<int>(days.size()));
        QVERIFY(days.size() > 50);
        int i = 0;
        for (auto it = days.cbegin(); it != days.cend(); ++it, ++i) {
            QCOMPARE(line->at(i).x(), qreal(it.key().startOfDay(Qt::UTC).toMSecsSinceEpoch()));
            QCOMPARE(line->at(i).y(), qreal(it.value()));
        }
        QVERIFY(view.findChild<QLabel *>(u"analyticsSummary"_s)
                    ->text()
                    .contains(u"%1 ratings"_s.arg(total)));
    }
};

QTEST_MAIN(TestAnalytics)
#include "tst_analytics.moc"
