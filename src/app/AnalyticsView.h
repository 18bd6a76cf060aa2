// The dispatcher's Analytics tab (Qt Charts): rating distribution, the best and worst ten
// couriers by average rating, how often each reason is given, and the volume per day. Figures
// come from FeedbackAnalytics over the table's rows; recomputed when records change, at most a
// few times a second and only while the tab is visible.
#pragma once
#include <QColor>
#include <QTimer>
#include <QWidget>

#include <core/FeedbackAnalytics.h>

class QChartView;
class QValueAxis;
class QLabel;

namespace feedback::app {

class RecordTableModel;

class AnalyticsView : public QWidget
{
    Q_OBJECT
public:
    explicit AnalyticsView(RecordTableModel &model, QWidget *parent = nullptr);
    const FeedbackFigures &figures() const { return m_figures; }
    void refresh();

protected:
    void showEvent(QShowEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void scheduleRefresh();
    QChartView *addChart(const QString &name, int row, int column);
    void fillRatings();
    void fillCouriers(QChartView *view, const QList<CourierScore> &scores, const QString &title);
    void fillReasons();
    void fillVolume();
    void fillFollowUps();
    struct Bars
    {
        QString setName;
        QColor color;
        bool horizontal = false;
        QList<qreal> values;
        QStringList categories;
    };
    void fillBars(QChartView *view, const QString &title, const Bars &bars, QValueAxis *valueAxis);

    RecordTableModel &m_model;
    FeedbackFigures m_figures;
    QTimer m_debounce;
    bool m_dirty = true;
    QLabel *m_summary;
    QChartView *m_ratings;
    QChartView *m_volume;
    QChartView *m_reasons;
    QChartView *m_best;
    QChartView *m_worst;
    QChartView *m_followUps;
};

} // namespace feedback::app
