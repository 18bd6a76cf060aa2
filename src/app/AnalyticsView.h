// The dispatcher's Analytics tab (Qt Charts): rating distribution, the best and worst ten
// couriers by average rating, how often each reason is given, follow-ups by status and the
// volume per day, all over one period (AnalyticsPeriod). Figures come from FeedbackAnalytics over
// the table's rows; recomputed when records change, at most a few times a second and only while
// the tab is visible. A click on a bar (or a day) asks for the matching records (drillDown).
// Labels are sized so that Qt Charts never cuts them (ChartFit); at sizes too small for that the
// charts scroll.
#pragma once
#include "RecordFilterModel.h"

#include <QColor>
#include <QTimer>
#include <QWidget>

#include <core/FeedbackAnalytics.h>

class QChartView;
class QValueAxis;
class QLabel;

namespace feedback::app {

class AnalyticsPeriod;
class RecordTableModel;

class AnalyticsView : public QWidget
{
    Q_OBJECT
public:
    explicit AnalyticsView(RecordTableModel &model, QWidget *parent = nullptr);
    const FeedbackFigures &figures() const { return m_figures; }
    AnalyticsPeriod &period() { return *m_period; }
    void refresh();

Q_SIGNALS:
    void drillDown(const feedback::app::RecordFilter &filter);

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;
    bool eventFilter(QObject *watched, QEvent *event) override;

private:
    struct Bars
    {
        QString setName;
        QColor color;
        bool horizontal = false;
        QList<qreal> values;
        QStringList categories;
        QList<RecordFilter> filters; // what a click on each bar shows
    };

    void scheduleRefresh();
    void redraw();
    QChartView *addChart(const QString &name, int row, int column);
    void fillRatings();
    void fillCouriers(QChartView *view, const QList<CourierScore> &scores, const QString &title);
    void fillReasons();
    void fillVolume();
    void fillFollowUps();
    void fillBars(QChartView *view, const QString &title, const Bars &bars, QValueAxis *valueAxis);
    RecordFilter inPeriod(RecordFilter filter) const;

    RecordTableModel &m_model;
    FeedbackFigures m_figures;
    QTimer m_debounce;
    QTimer m_relayout;
    bool m_dirty = true;
    QLabel *m_summary;
    AnalyticsPeriod *m_period;
    QWidget *m_grid;
    QChartView *m_ratings;
    QChartView *m_volume;
    QChartView *m_reasons;
    QChartView *m_best;
    QChartView *m_worst;
    QChartView *m_followUps;
};

} // namespace feedback::app
