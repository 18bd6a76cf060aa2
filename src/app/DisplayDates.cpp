#include "DisplayDates.h"

#include <QCoreApplication>
#include <QLocale>
#include <QRegularExpression>

namespace feedback::app {

QString displayDateFormat()
{
    // Short formats of en, de and es have a two-digit year ("12/4/26"), which reads as a day in
    // some orders; the long format names the weekday and is too wide for a table.
    static const QRegularExpression twoDigitYear(QStringLiteral("(?<!y)yy(?!y)"));
    return QLocale().dateFormat(QLocale::ShortFormat).replace(twoDigitYear, QStringLiteral("yyyy"));
}

QString displayDateTimeFormat()
{
    return displayDateFormat() + QLatin1Char(' ') + QLocale().timeFormat(QLocale::ShortFormat);
}

QString displayDateTime(const QDateTime &when)
{
    if (!when.isValid())
        return QString();
    return QLocale().toString(when.toLocalTime(), displayDateTimeFormat());
}

QString displayDateTime(Hlc at)
{
    return displayDateTime(QDateTime::fromMSecsSinceEpoch(HybridLogicalClock::millisOf(at)));
}

QString widestDateTime()
{
    return displayDateTime(QDateTime(QDate(2026, 12, 28), QTime(22, 58)));
}

QString chartDayFormat()
{
    return QCoreApplication::translate("DisplayDates", "MMM d",
                                       "day and month on the analytics chart's axis, as a "
                                       "QDateTime format (MMM: abbreviated month name)");
}

} // namespace feedback::app
