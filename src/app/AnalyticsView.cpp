#include "AnalyticsView.h"

#include "AnalyticsPeriod.h"
#include "ChartFit.h"
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
#include <QResizeEvent>
#include <QScrollArea>
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

constexpr int kMinChartHeight = 200;
} // namespace

AnalyticsView::AnalyticsView(RecordTableModel &model, QWidget *parent)
    : QWidget(parent)
    , m_model(model)
{
    auto *column = new QVBoxLayout(this);
    column->setContentsMargins(0, 0, 0, 0);
    auto *header = new QHBoxLayout();
    m_summary = new QLabel(this);
    m_summary->setObjectName(QStringLiteral("analyticsSummary"));
    m_summary->setProperty("class", QStringLiteral("title"));
    m_summary->setWordWrap(true);
    m_period = new AnalyticsPeriod(this);
    m_period->setObjectName(QStringLiteral("analyticsPeriod"));
    header->addWidget(m_summary, 1);
    header->addWidget(m_period);
    column->addLayout(header);

    // The last resort on small screens: scroll rather than cut a label.
    auto *scroll = new QScrollArea(this);
    scroll->setObjectName(QStringLiteral("analyticsScroll"));
    scroll->setWidgetResizable(true);
    scroll->setFrameShape(QFrame::NoFrame);
    scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
    m_grid = new QWidget(scroll);
    auto *grid = new QGridLayout(m_grid);
    grid->setContentsMargins(0, 0, 0, 0);
    scroll->setWidget(m_grid);
    column->addWidget(scroll, 1);
    m_ratings = addChart(QStringLiteral("ratingChart"), 0, 0);
    m_volume = addChart(QStringLiteral("volumeChart"), 0, 1);
    m_followUps = addChart(QStringLiteral("followUpChart"), 0, 2);
    m_best = addChart(QStringLiteral("bestCourierChart"), 1, 0);
    m_worst = addChart(QStringLiteral("worstCourierChart"), 1, 1);
    m_reasons = addChart(QStringLiteral("reasonChart"), 1, 2);
    for (int c = 0; c < 3; ++c)
        grid->setColumnStretch(c, 1);
    grid->setRowStretch(0, 2); // five ratings, three statuses: the lists of ten get more
    grid->setRowStretch(1, 3);

    m_debounce.setSingleShot(true);
    m_debounce.setInterval(400);
    connect(&m_debounce, &QTimer::timeout, this, &AnalyticsView::refresh);
    m_relayout.setSingleShot(true);
    connect(&m_relayout, &QTimer::timeout, this, &AnalyticsView::redraw);
    connect(&model, &QAbstractItemModel::modelReset, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::layoutChanged, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::rowsInserted, this, &AnalyticsView::scheduleRefresh);
    connect(&model, &QAbstractItemModel::dataChanged, this, &AnalyticsView::scheduleRefresh);
    connect(m_period, &AnalyticsPeriod::changed, this, &AnalyticsView::refresh);
}

QChartView *AnalyticsView::addChart(const QString &name, int row, int column)
{
    auto *chart = new QChart();
    chart->legend()->hide();
    chart->setAnimationOptions(QChart::NoAnimation);
    chart->setMargins(QMargins(4, 4, 4, 4));
    auto *view = new QChartView(chart, m_grid);
    view->setObjectName(name);
    view->setRenderHint(QPainter::Antialiasing);
    view->setMinimumSize(260, kMinChartHeight);
    view->setFocusPolicy(Qt::TabFocus);
    view->installEventFilter(this);
    static_cast<QGridLayout *>(m_grid->layout())->addWidget(view, row, column);
    return view;
}

bool AnalyticsView::eventFilter(QObject *watched, QEvent *event)
{
    // Labels are wrapped to the charts' widths: lay them out again when those change.
    if (event->type() == QEvent::Resize && isVisible()) {
        const auto *resize = static_cast<QResizeEvent *>(event);
        if (resize->size().width() != resize->oldSize().width())
            m_relayout.start(0);
    }
    return QWidget::eventFilter(watched, event);
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

RecordFilter AnalyticsView::inPeriod(RecordFilter filter) const
{
    filter.from = m_period->from();
    filter.to = m_period->to();
    return filter;
}

void AnalyticsView::refresh()
{
    m_dirty = false;
    FeedbackAnalytics analytics(m_period->from(), m_period->to());
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
    redraw();
}

void AnalyticsView::redraw()
{
    fillRatings();
    fillVolume();
    fillReasons();
    fillCouriers(m_best, m_figures.bestCouriers, tr("Best 10 couriers (average rating)"));
    fillCouriers(m_worst, m_figures.worstCouriers, tr("Worst 10 couriers (average rating)"));
    fillFollowUps();
}

// One set of bars: vertical with the categories below, or horizontal with the categories at
// the left (drawn bottom-up: callers give the top entry last). `valueAxis` is owned by the chart.
// A horizontal chart's labels are wrapped to the room Qt Charts gives them, and the chart asks
// for the height its labels need.
void AnalyticsView::fillBars(QChartView *view, const QString &title, const Bars &bars,
                             QValueAxis *valueAxis)
{
    QChart *chart = view->chart();
    clearChart(chart);
    int titleLines = 1;
    chart->setTitle(chartfit::wrapped(title, chart->titleFont(), view->width() - 24, titleLines,
                                      Qt::AlignHCenter));
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
    int lines = 1;
    for (const QString &category : bars.categories) {
        int wrappedLines = 1;
        categories->append(bars.horizontal
                               ? chartfit::wrapped(category, categories->labelsFont(),
                                                   chartfit::categoryLabelWidth(view->width()),
                                                   wrappedLines)
                               : category.toHtmlEscaped());
        lines = qMax(lines, wrappedLines);
    }
    chart->addAxis(categories, bars.horizontal ? Qt::AlignLeft : Qt::AlignBottom);
    chart->addAxis(valueAxis, bars.horizontal ? Qt::AlignBottom : Qt::AlignLeft);
    series->attachAxis(categories);
    series->attachAxis(valueAxis);
    if (bars.horizontal) {
        const int needed =
            chartfit::categoryChartHeight(categories->labelsFont(), chart->titleFont(),
                                          valueAxis->labelsFont(),
                                          static_cast<int>(bars.categories.size()), lines) +
            (titleLines - 1) * QFontMetrics(chart->titleFont()).height();
        view->setMinimumHeight(qMax(kMinChartHeight, needed));
    }
    connect(set, &QBarSet::clicked, this, [this, filters = bars.filters](int index) {
        if (index >= 0 && index < filters.size())
            Q_EMIT drillDown(inPeriod(filters[index]));
    });
    connect(set, &QBarSet::hovered, view, [view](bool on) {
        view->viewport()->setCursor(on ? Qt::PointingHandCursor : Qt::ArrowCursor);
    });
    view->setAccessibleName(title);
    view->setToolTip(tr("Click a bar to see its records"));
}

void AnalyticsView::fillFollowUps()
{
    // Horizontal: "In progress" and its translations need more room than a column gives.
    Bars bars{tr("Records"), QColor(0x8E, 0x5C, 0xC7), true, {}, {}, {}};
    int highest = 0;
    for (int status = 2; status >= 0; --status) { // bottom-up: "Open" on top
        const int count = m_figures.followUpCounts[static_cast<size_t>(status)];
        bars.values.append(count);
        bars.categories.append(followUpLabel(status));
        RecordFilter filter;
        filter.status = status;
        bars.filters.append(filter);
        highest = qMax(highest, count);
    }
    fillBars(m_followUps, tr("Follow-ups by status"), bars, countAxis(highest));
}

void AnalyticsView::fillRatings()
{
    Bars bars{tr("Ratings"), QColor(0xF5, 0xA6, 0x23), false, {}, {}, {}};
    int highest = 0;
    for (int stars = 1; stars <= 5; ++stars) {
        const int count = m_figures.ratingCounts[static_cast<size_t>(stars - 1)];
        bars.values.append(count);
        bars.categories.append(tr("%1 ★").arg(stars));
        RecordFilter filter;
        filter.minRating = filter.maxRating = stars;
        bars.filters.append(filter);
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
              {},
              {}};
    for (auto it = scores.crbegin(); it != scores.crend(); ++it) {
        bars.values.append(it->average);
        bars.categories.append(tr("Courier %1 (%n)", nullptr, it->ratings).arg(it->courierId));
        RecordFilter filter;
        filter.courier = it->courierId;
        bars.filters.append(filter);
    }
    auto *stars = new QValueAxis();
    stars->setRange(0, 5);
    stars->setTickCount(6);
    stars->setLabelFormat(QStringLiteral("%.0f"));
    fillBars(view, title, bars, stars);
}

void AnalyticsView::fillReasons()
{
    Bars bars{tr("Times given"), QColor(0x3A, 0x7B, 0xD5), true, {}, {}, {}};
    int highest = 0;
    for (auto it = m_figures.reasonCounts.crbegin(); it != m_figures.reasonCounts.crend(); ++it) {
        bars.values.append(it->second);
        bars.categories.append(reasonLabel(it->first));
        RecordFilter filter;
        filter.reason = it->first;
        bars.filters.append(filter);
        highest = qMax(highest, it->second);
    }
    fillBars(m_reasons, tr("Reasons given"), bars, countAxis(highest));
}

// Every day of the period, days without feedback at zero, on an axis with a day of margin at
// either end: a single day is a point in the middle of its week, not a dot on the edge.
void AnalyticsView::fillVolume()
{
    QChart *chart = m_volume->chart();
    clearChart(chart);
    int titleLines = 1;
    chart->setTitle(chartfit::wrapped(tr("Feedback per day"), chart->titleFont(),
                                      m_volume->width() - 24, titleLines, Qt::AlignHCenter));
    const auto &days = m_figures.volumePerDay;
    const QDate today = m_period->today();
    QDate from = m_period->from();
    QDate to = m_period->to();
    if (!from.isValid())
        from = days.isEmpty() ? (to.isValid() ? to : today) : days.first().first;
    if (!to.isValid())
        to = days.isEmpty() ? qMax(from, today) : qMax(from, days.last().first);
    auto *series = new QLineSeries();
    int highest = 0;
    qsizetype next = 0;
    for (QDate day = from; day <= to; day = day.addDays(1)) {
        while (next < days.size() && days[next].first < day)
            ++next;
        const int count = next < days.size() && days[next].first == day ? days[next].second : 0;
        series->append(static_cast<qreal>(day.startOfDay().toMSecsSinceEpoch()), count);
        highest = qMax(highest, count);
    }
    series->setPointsVisible(from.daysTo(to) < 45);
    chart->addSeries(series);
    auto *x = new QDateTimeAxis();
    // The chart keeps the locale it was created with: month names follow a live language switch
    // only when it is given the current one.
    chart->setLocale(QLocale());
    const QString dayFormat = chartDayFormat();
    x->setFormat(dayFormat);
    const chartfit::DayAxis plan = chartfit::dayAxis(
        from, to, chartfit::maxDayTicks(x->labelsFont(), dayFormat, m_volume->width()));
    x->setRange(plan.first.startOfDay(), plan.last.startOfDay());
    x->setTickCount(plan.tickCount);
    auto *y = countAxis(highest);
    chart->addAxis(x, Qt::AlignBottom);
    chart->addAxis(y, Qt::AlignLeft);
    series->attachAxis(x);
    series->attachAxis(y);
    connect(series, &QLineSeries::clicked, this, [this](const QPointF &point) {
        // The nearest day: points sit at midnight.
        const QDate day =
            QDateTime::fromMSecsSinceEpoch(static_cast<qint64>(point.x()) + 12 * 3600 * 1000)
                .date();
        RecordFilter filter;
        filter.from = filter.to = day;
        Q_EMIT drillDown(filter);
    });
    m_volume->setAccessibleName(tr("Feedback per day"));
    m_volume->setToolTip(tr("Click a day to see its records"));
}

} // namespace feedback::app
