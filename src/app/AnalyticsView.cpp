#include "AnalyticsView.h"

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

void AnalyticsView::fillFollowUps()
{
    QChart *chart = m_followUps->chart();
    clearChart(chart);
    chart->setTitle(tr("Follow-ups by status"));
    auto *set = new QBarSet(tr("Records"));
    QStringList categories;
    int highest = 0;
    for (int status = 0; status <= 2; ++status) {
        const int count = m_figures.followUpCounts[static_cast<size_t>(status)];
        set->append(count);
        highest = qMax(highest, count);
        categories.append(followUpLabel(status));
    }
    set->setColor(QColor(0x8E, 0x5C, 0xC7));
    auto *series = new QBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis();
    x->append(categories);
    auto *y = countAxis(highest);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    m_followUps->setAccessibleName(chart->title());
}

void AnalyticsView::fillRatings()
{
    QChart *chart = m_ratings->chart();
    clearChart(chart);
    chart->setTitle(tr("Rating distribution"));
    auto *set = new QBarSet(tr("Ratings"));
    QStringList categories;
    int highest = 0;
    for (int stars = 1; stars <= 5; ++stars) {
        const int count = m_figures.ratingCounts[static_cast<size_t>(stars - 1)];
        set->append(count);
        highest = qMax(highest, count);
        categories.append(tr("%1 ★").arg(stars));
    }
    set->setColor(QColor(0xF5, 0xA6, 0x23));
    auto *series = new QBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto *x = new QBarCategoryAxis();
    x->append(categories);
    auto *y = countAxis(highest);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    m_ratings->setAccessibleName(chart->title());
}

void AnalyticsView::fillCouriers(QChartView *view, const QList<CourierScore> &scores,
                                 const QString &title)
{
    QChart *chart = view->chart();
    clearChart(chart);
    chart->setTitle(title);
    auto *set = new QBarSet(tr("Average rating"));
    QStringList categories;
    // Horizontal bars draw bottom-up: add in reverse so the first entry is on top.
    for (auto it = scores.crbegin(); it != scores.crend(); ++it) {
        set->append(it->average);
        categories.append(tr("Courier %1 (%n)", nullptr, it->ratings).arg(it->courierId));
    }
    set->setColor(view == m_best ? QColor(0x2E, 0x9E, 0x5B) : QColor(0xD6, 0x45, 0x45));
    auto *series = new QHorizontalBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis();
    y->append(categories);
    auto *x = new QValueAxis();
    x->setRange(0, 5);
    x->setTickCount(6);
    x->setLabelFormat(QStringLiteral("%.0f"));
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    view->setAccessibleName(title);
}

void AnalyticsView::fillReasons()
{
    QChart *chart = m_reasons->chart();
    clearChart(chart);
    chart->setTitle(tr("Reasons given"));
    auto *set = new QBarSet(tr("Times given"));
    QStringList categories;
    int highest = 0;
    for (auto it = m_figures.reasonCounts.crbegin(); it != m_figures.reasonCounts.crend(); ++it) {
        set->append(it->second);
        highest = qMax(highest, it->second);
        categories.append(reasonLabel(it->first));
    }
    set->setColor(QColor(0x3A, 0x7B, 0xD5));
    auto *series = new QHorizontalBarSeries();
    series->append(set);
    chart->addSeries(series);
    auto *y = new QBarCategoryAxis();
    y->append(categories);
    auto *x = countAxis(highest);
    chart->addAxis(y, Qt::AlignLeft);
    chart->addAxis(x, Qt::AlignBottom);
    series->attachAxis(x);
    series->attachAxis(y);
    m_reasons->setAccessibleName(chart->title());
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
    x->setFormat(QStringLiteral("MMM d"));
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
