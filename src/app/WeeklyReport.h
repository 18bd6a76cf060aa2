// What the weekly report holds (File → Export report…): the period's figures as the Analytics
// tab shows them, the ten worst couriers each with the comments their customers allowed to
// publish, and the follow-ups still open. Comments without the customer's consent, erased text
// and contact details never enter it: a PDF is printed, mailed and filed.
#pragma once
#include <QDate>
#include <QList>
#include <QString>

#include <core/FeedbackAnalytics.h>

namespace feedback::app {

class AppSession;

struct ReportCourier
{
    CourierScore score;
    QStringList publishedComments; // newest first, at most kCommentsPerCourier
};

struct ReportFollowUp
{
    QDate created;
    QString orderId; // "(erased)" when erased
    quint32 courierId = 0;
    int rating = 0;
    FollowUpStatus status = FollowUpStatus::Open;
    QString assignee;
};

struct WeeklyReport
{
    static constexpr int kWorstCouriers = 10;
    static constexpr int kCommentsPerCourier = 3;
    static constexpr int kCommentChars = 300;

    QDate from;
    QDate to;
    QString workspaceName; // this device's name: which desk printed it
    FeedbackFigures figures;
    QList<ReportCourier> worstCouriers;
    QList<ReportFollowUp> openFollowUps; // oldest first: created up to `to`, still open

    // One pass over the records of the session's book.
    static WeeklyReport collect(const AppSession &session, QDate from, QDate to);
};

} // namespace feedback::app
