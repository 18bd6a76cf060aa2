#include "WeeklyReport.h"

#include "AppSession.h"

#include <QHash>

#include <algorithm>

namespace feedback::app {

WeeklyReport WeeklyReport::collect(const AppSession &session, QDate from, QDate to)
{
    WeeklyReport report;
    report.from = from;
    report.to = to;
    report.workspaceName = session.deviceName();
    FeedbackAnalytics analytics(from, to);
    struct Comment
    {
        Hlc at = 0;
        QString text;
    };
    QHash<quint32, QList<Comment>> comments; // by courier, in the period, with consent
    session.forEachRecordId([&](const RecordId &id) {
        const auto view = session.record(id);
        if (!view)
            return;
        const FeedbackRecordView &v = *view;
        analytics.add(v);
        const QDate day = FeedbackAnalytics::localDay(v.createdAt);
        if (v.retracted || day > to)
            return;
        if (v.followUp && *v.followUp != FollowUpStatus::Resolved) {
            const bool orderErased = v.erased.contains(QLatin1String("orderId"));
            report.openFollowUps.append({day, orderErased ? QString() : v.orderId, v.courierId,
                                         v.rating, *v.followUp, v.assignee});
        }
        if (day >= from && v.publishConsent && !v.comment.trimmed().isEmpty() &&
            !v.erased.contains(QLatin1String("comment")))
            comments[v.courierId].append({v.createdAt, v.comment.left(kCommentChars)});
    });
    report.figures = analytics.figures(kWorstCouriers);
    for (const CourierScore &score : std::as_const(report.figures.worstCouriers)) {
        ReportCourier courier{score, {}};
        QList<Comment> mine = comments.value(score.courierId);
        std::sort(mine.begin(), mine.end(),
                  [](const Comment &a, const Comment &b) { return a.at > b.at; });
        for (qsizetype i = 0; i < mine.size() && i < kCommentsPerCourier; ++i)
            courier.publishedComments.append(mine[i].text);
        report.worstCouriers.append(courier);
    }
    std::sort(
        report.openFollowUps.begin(), report.openFollowUps.end(),
        [](const ReportFollowUp &a, const ReportFollowUp &b) { return a.created < b.created; });
    return report;
}

} // namespace feedback::app
