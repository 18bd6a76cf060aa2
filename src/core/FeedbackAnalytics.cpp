#include "FeedbackAnalytics.h"

#include <QDateTime>

#include <algorithm>

namespace feedback {

FeedbackAnalytics::FeedbackAnalytics(QDate from, QDate to)
    : m_from(from)
    , m_to(to)
{}

QDate FeedbackAnalytics::localDay(Hlc at)
{
    return QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(at)).date();
}

// localDay with the bounds of the last day found kept: records come in runs of one day, and each
// conversion to local time reads the time zone again (glibc's tzset stats /etc/localtime on
// every call: a tenth of the dispatcher's start at 100,000 records). Only a day of exactly 24
// hours is kept: on a day whose clocks change at midnight, the next midnight may come twice, and
// which of the two startOfDay gives is mktime's choice, so every record of such a day is asked
// for on its own.
QDate FeedbackAnalytics::dayOf(Hlc at)
{
    constexpr qint64 kPlainDayMs = 24 * 3600 * 1000;
    const qint64 ms = HybridLogicalClock::millisOf(at);
    if (m_day.isValid() && ms >= m_dayStartMs && ms < m_dayStartMs + kPlainDayMs)
        return m_day;
    const QDate day = localDay(at);
    const qint64 start = day.startOfDay().toMSecsSinceEpoch();
    const qint64 end = day.addDays(1).startOfDay().toMSecsSinceEpoch();
    m_day = end - start == kPlainDayMs ? day : QDate();
    m_dayStartMs = start;
    return day;
}

void FeedbackAnalytics::add(quint32 courierId, int rating, const QStringList &reasons,
                            Hlc createdAt, bool retracted, int followUp)
{
    if (retracted || rating < 1 || rating > 5)
        return;
    const QDate day = dayOf(createdAt);
    if ((m_from.isValid() && day < m_from) || (m_to.isValid() && day > m_to))
        return;
    ++m_figures.total;
    ++m_figures.ratingCounts[static_cast<size_t>(rating - 1)];
    m_ratingSum += rating;
    if (followUp >= 0 && followUp <= 2) {
        ++m_figures.followUpCounts[static_cast<size_t>(followUp)];
        if (followUp != static_cast<int>(FollowUpStatus::Resolved))
            ++m_figures.followUpsOpen;
    }
    Sum &sum = m_couriers[courierId];
    sum.total += rating;
    ++sum.count;
    for (const QString &reason : reasons)
        ++m_reasons[reason];
    ++m_days[day];
}

void FeedbackAnalytics::add(const FeedbackRecordView &r)
{
    add(r.courierId, r.rating, r.reasons, r.createdAt, r.retracted,
        r.followUp ? static_cast<int>(*r.followUp) : -1);
}

FeedbackFigures FeedbackAnalytics::figures(int topN, int minRatings) const
{
    FeedbackFigures f = m_figures;
    f.averageRating = f.total ? static_cast<double>(m_ratingSum) / f.total : 0.0;
    QList<CourierScore> scores;
    scores.reserve(m_couriers.size());
    for (auto it = m_couriers.cbegin(); it != m_couriers.cend(); ++it) {
        if (it->count >= minRatings)
            scores.append({it.key(), it->count, static_cast<double>(it->total) / it->count});
    }
    // Ties: more ratings rank first (a surer figure), then the lower courier id: the same
    // order on every device.
    auto better = [](const CourierScore &a, const CourierScore &b) {
        if (a.average != b.average)
            return a.average > b.average;
        if (a.ratings != b.ratings)
            return a.ratings > b.ratings;
        return a.courierId < b.courierId;
    };
    auto worse = [](const CourierScore &a, const CourierScore &b) {
        if (a.average != b.average)
            return a.average < b.average;
        if (a.ratings != b.ratings)
            return a.ratings > b.ratings;
        return a.courierId < b.courierId;
    };
    std::sort(scores.begin(), scores.end(), better);
    f.bestCouriers = scores.mid(0, topN);
    std::sort(scores.begin(), scores.end(), worse);
    f.worstCouriers = scores.mid(0, topN);
    for (auto it = m_reasons.cbegin(); it != m_reasons.cend(); ++it)
        f.reasonCounts.append({it.key(), it.value()});
    std::sort(f.reasonCounts.begin(), f.reasonCounts.end(), [](const auto &a, const auto &b) {
        return a.second != b.second ? a.second > b.second : a.first < b.first;
    });
    for (auto it = m_days.cbegin(); it != m_days.cend(); ++it)
        f.volumePerDay.append({it.key(), it.value()});
    return f;
}

} // namespace feedback
