// Figures a dispatcher reads off the Analytics tab: rating distribution, average rating per
// courier (best and worst), how often each reason is given and the volume per day, over a period
// of days. Retracted records count nowhere. Fed one record at a time, so the app can feed it from
// its table rows and a test from the store's records. Days are local dates: the period and the
// records table's date filter then agree on what "today" is.
#pragma once
#include "FeedbackTypes.h"

#include <QDate>
#include <QHash>
#include <QList>
#include <QMap>

#include <array>

namespace feedback {

struct CourierScore
{
    quint32 courierId = 0;
    int ratings = 0;
    double average = 0.0;
    bool operator==(const CourierScore &) const = default;
};

struct FeedbackFigures
{
    int total = 0;
    double averageRating = 0.0;
    int followUpsOpen = 0;                       // open or in progress
    std::array<int, 3> followUpCounts{};         // by FollowUpStatus: open, in progress, resolved
    std::array<int, 5> ratingCounts{};           // index 0 is one star
    QList<CourierScore> bestCouriers;            // highest average first
    QList<CourierScore> worstCouriers;           // lowest average first
    QList<std::pair<QString, int>> reasonCounts; // most frequent first, then by name
    QList<std::pair<QDate, int>> volumePerDay;   // oldest day first, days with records only
};

class FeedbackAnalytics
{
public:
    // Only records created from `from` to `to` (local dates, inclusive) count; a null date
    // leaves that end open.
    explicit FeedbackAnalytics(QDate from = QDate(), QDate to = QDate());
    static QDate localDay(Hlc at);

    // followUp: a FollowUpStatus as int, -1 when the record has none.
    void add(quint32 courierId, int rating, const QStringList &reasons, Hlc createdAt,
             bool retracted, int followUp);
    void add(const FeedbackRecordView &record);
    // Couriers with fewer ratings than minRatings are left out of best and worst, so one
    // lucky five-star rating does not top the list.
    FeedbackFigures figures(int topN = 10, int minRatings = 1) const;

private:
    struct Sum
    {
        qint64 total = 0;
        int count = 0;
    };
    QDate dayOf(Hlc at);

    QDate m_from;
    QDate m_to;
    FeedbackFigures m_figures;
    qint64 m_ratingSum = 0;
    QHash<quint32, Sum> m_couriers;
    QHash<QString, int> m_reasons;
    QMap<QDate, int> m_days;
    // The last local day dayOf found when it lasted 24 hours (else null), and its start in
    // milliseconds since the epoch.
    QDate m_day;
    qint64 m_dayStartMs = 0;
};

} // namespace feedback
