#include "ReasonNames.h"

#include <QCoreApplication>

namespace feedback::app {

QString reasonLabel(const QString &tag)
{
    if (tag == QLatin1String("late"))
        return QCoreApplication::translate("Reasons", "Late");
    if (tag == QLatin1String("damaged"))
        return QCoreApplication::translate("Reasons", "Damaged");
    if (tag == QLatin1String("rude"))
        return QCoreApplication::translate("Reasons", "Rude");
    if (tag == QLatin1String("friendly"))
        return QCoreApplication::translate("Reasons", "Friendly");
    if (tag == QLatin1String("fast"))
        return QCoreApplication::translate("Reasons", "Fast");
    if (tag == QLatin1String("wrong_address"))
        return QCoreApplication::translate("Reasons", "Wrong address");
    if (tag == QLatin1String("no_contact"))
        return QCoreApplication::translate("Reasons", "No contact attempt");
    return tag; // a tag from a newer catalog: better its name than nothing
}

QString followUpLabel(int status)
{
    switch (status) {
    case 0:
        return QCoreApplication::translate("FollowUp", "Open");
    case 1:
        return QCoreApplication::translate("FollowUp", "In progress");
    case 2:
        return QCoreApplication::translate("FollowUp", "Resolved");
    default:
        return QCoreApplication::translate("FollowUp", "None");
    }
}

QString ratingStars(int rating)
{
    rating = qBound(0, rating, 5);
    return QString(rating, QChar(0x2605)) + QString(5 - rating, QChar(0x2606));
}

QString fieldLabel(const QString &field)
{
    if (field == QLatin1String("rating"))
        return QCoreApplication::translate("Fields", "Rating");
    if (field == QLatin1String("comment"))
        return QCoreApplication::translate("Fields", "Comment");
    if (field == QLatin1String("publishConsent"))
        return QCoreApplication::translate("Fields", "Publish consent");
    if (field == QLatin1String("needsFollowUp"))
        return QCoreApplication::translate("Fields", "Follow-up needed");
    if (field == QLatin1String("followUp"))
        return QCoreApplication::translate("Fields", "Follow-up status");
    if (field == QLatin1String("assignee"))
        return QCoreApplication::translate("Fields", "Assignee");
    if (field == QLatin1String("contactRequested"))
        return QCoreApplication::translate("Fields", "Contact requested");
    if (field == QLatin1String("contact"))
        return QCoreApplication::translate("Fields", "Phone or e-mail");
    return field;
}

} // namespace feedback::app
