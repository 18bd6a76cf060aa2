#include "AnalyticsView.h"

#include "DisplayDates.h"
#include "ReasonNames.h"
#include "RecordTableModel.h"

#include <QBarCategoryAxis>
#include <QBarSeries>
#include <QBarSet>
#include <QChart>
#include <QChartView>
#include <QDateTime>
#include <QDateTimeAxis>
#include <QEvent>
#include <QGridLayout>
#include <QHorizontalBarSeries>
#include <QLabel>
#include <QLineSeries>
#include <QValueAxis>

namespace feedback::app {

namespace {
// A count axis from 0 with round ticks (0, 25, 50... rather than 0, 24, 48, 72, 97).
QValueAxis *countAxis(int highest)
{
    auto *axis = new QValueAxis();
    axis->setRange(0, qMax(4, highest));
    axis->applyNiceNumbers();
    axis->setLabelFormat(QStringLiteral("%d"));
    return axis;
}

void clearChart(QChart *chart)
{
    chart->removeAllSeries();
    for (QAbstractAxis *axis : chart->axes()) {
        chart->removeAxis(axis);
        delete axis;
    }
}
} // namespace

AnalyticsView::AnalyticsView(RecordTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *grid = new QGridLayout(this);
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("analyticsSummary"));
    m_summary->setProperty("class", QStringLiteral("title"));
    grid->addWidget(m_summary, 0, 0, 1, 3);
    m_ratings = addChart(QStringLiteral("ratingChart"), 1, 0);
    m_volume = addChart(QStringLiteral("volumeChart"), 1, 1);
    m_reasons = addChart(QStringLiteral("reasonChart"), 1, 2);
    m_best = addChart(QStringLiteral("bestCourierChart"), 2, 0);
    m_worst = addChart(QStringLiteral("worstCourierChart"), 2, 1);
    m_followUps = addChart(QStringLiteral("followUpChart"), 2, 2);
    grid->setColumnStretch(0, 1);
    grid->setColumnStretch(1, 1);
    grid->setColumnStretch(2, 1);
    grid->setRowStretch(1, 1);
    grid->setRowStretch(2, 1);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &AnalyticsView::refresh);
    connect(&model, &QAbstractItemModel::modelReset, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::layoutChanged, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::rowsInserted, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::dataChanged, this, &AnalyticsView::scheduleRefresh);
}

QChartView *AnalyticsView::addChart(const QString &name, int row, int column)
{
    auto *chart = new QChart();
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, this);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, 200);
    view->setFocusPolicy(Qt::TabFocus);
    static_cast<QGridLayout *>(layout())->addWidget(view, row, column);
    return view;
}

void AnalyticsView::scheduleRefresh()
{
    m_dirty = true;
    if (isVisible() && !m_debounce.isActive())
        m_debounce.start();
}

void AnalyticsView::showEvent(QShowEvent *event)
{
    QWidget::showEvent(event);
    if (m_dirty)
        refresh();
}

void AnalyticsView::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QWidget::changeEvent(event);
}

void AnalyticsView::refresh()
{
    m_dirty = false;
    FeedbackAnalytics analytics;
    for (int row = 0; row < m_model.rowCount(); ++row) {
        const RecordRow &r = m_model.rowAt(row);
        analytics.add(r.courierId, r.rating, r.reasons, r.createdAt, r.retracted, r.followUp);
    }
    m_figures = analytics.figures();
    m_summary->setText(tr("%n rating(s), average %1 of 5", nullptr, m_figures.total)
                           .arg(QLocale().toString(m_figures.averageRating, 'f', 2)) +
                       QStringLiteral(" · ") +
                       tr("%n follow-up(s) open", nullptr, m_figures.followUpsOpen));
    m_summary->setAccessibleName(m_summary->text());
    fillRatings();
    fillVolume();
    fillReasons();
    fillCouriers(m_best, m_figures.bestCouriers, tr("Best 10 couriers (average rating)"));
    fillCouriers(m_worst, m_figures.worstCouriers, tr("Worst 10 couriers (average rating)"));
    fillFollowUps();
}

// One set of bars: vertical with the categories below, or horizontal with the categories at
// the left (drawn bottom-up: callers give the top entry last). `valueAxis` is owned by the chart.
void AnalyticsView::fillBars(QChartView *view, const QString &title, const Bars &bars,
                             QValueAxis *valueAxis)
{
    QChart *chart = view->chart();
    clearChart(chart);
    chart->setTitle(title);
    auto *set = new QBarSet(bars.setName);
    for (const qreal value : bars.values)
        set->append(value);
    set->setColor(bars.color);
    QAbstractBarSeries *series = bars.horizontal
                                     ? static_cast<QAbstractBarSeries *>(new QHorizontalBarSeries())
                                     : new QBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto *categories = new QBarCategoryAxis();
    categories->append(bars.categories);
    chart->addAxis(categories, bars.horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, bars.horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(valueAxis);
    view->setAccessibleName(title);
}

void AnalyticsView::fillFollowUps()
{
    Bars bars{tr("Records"), QColor(0x8E, 0x5C, 0xC7), false, {}, {}};
    int highest = 0;
    for (int status = 0; status <= 2; ++status) {
        const int count = m_figures.followUpCounts[static_cast<size_t>(status)];
        bars.values.append(count);
        bars.categories.append(followUpLabel(status));
        highest = qMax(highest, count);
    }
    fillBars(m_followUps, tr("Follow-ups by status"), bars, countAxis(highest));
}

void AnalyticsView::fillRatings()
{
    Bars bars{tr("Ratings"), QColor(0xF5, 0xA6, 0x23), false, {}, {}};
    int highest = 0;
    for (int stars = 1; stars <= 5; ++stars) {
        const int count = m_figures.ratingCounts[static_cast<size_t>(stars - 1)];
        bars.values.append(count);
        bars.categories.append(tr("%1 ★").arg(stars));
        highest = qMax(highest, count);
    }
    fillBars(m_ratings, tr("Rating distribution"), bars, countAxis(highest));
}

void AnalyticsView::fillCouriers(QChartView *view, const QList<CourierScore> &scores,
                                 const QString &title)
{
    Bars bars{tr("Average rating"),
              view == m_best ? QColor(0x2E, 0x9E, 0x5B) : QColor(0xD6, 0x45, 0x45),
              true,
              {},
              {}};
    for (auto it = scores.crbegin(); it != scores.crend(); ++it) {
        bars.values.append(it->average);
        bars.categories.append(tr("Courier %1 (%n)", nullptr, it->ratings).arg(it->courierId));
    }
    auto *stars = new QValueAxis();
    stars->setRange(0, 5);
    stars->setTickCount(6);
    stars->setLabelFormat(QStringLiteral("%.0f"));
    fillBars(view, title, bars, stars);
}

void AnalyticsView::fillReasons()
{
    Bars bars{tr("Times given"), QColor(0x3A, 0x7B, 0xD5), true, {}, {}};
    int highest = 0;
    for (auto it = m_figures.reasonCounts.crbegin(); it != m_figures.reasonCounts.crend(); ++it) {
        bars.values.append(it->second);
        bars.categories.append(reasonLabel(it->first));
        highest = qMax(highest, it->second);
    }
    fillBars(m_reasons, tr("Reasons given"), bars, countAxis(highest));
}

void AnalyticsView::fillVolume()
{
    QChart *chart = m_volume->chart();
    clearChart(chart);
    chart->setTitle(tr("Feedback per day"));
    auto *series = new QLineSeries();
    int highest = 0;
    for (const auto &[day, count] : std::as_const(m_figures.volumePerDay)) {
        series->append(static_cast<qreal>(day.startOfDay(Qt::UTC).toMSecsSinceEpoch()), count);
        highest = qMax(highest, count);
    }
    series->setPointsVisible(true);
    chart->addSeries(series);
    auto *x = new QDateTimeAxis();
    // The chart keeps the locale it was created with: month names follow a live language switch
    // only when it is given the current one.
    chart->setLocale(QLocale());
    x->setFormat(chartDayFormat());
    x->setTickCount(qBound(2, static_cast<int>(m_figures.volumePerDay.size()), 6));
    if (!m_figures.volumePerDay.isEmpty()) {
        const QDate first = m_figures.volumePerDay.first().first;
        const QDate last = m_figures.volumePerDay.last().first;
        x->setRange(first.startOfDay(Qt::UTC),
                    (first == last ? last.addDays(1) : last).startOfDay(Qt::UTC));
    }
    auto *y = countAxis(highest);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    m_volume->setAccessibleName(chart->title());
}

} // namespace feedback::app
