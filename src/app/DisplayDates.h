// How the app shows a moment to people: one format in every view (records table, detail pane,
// notes, sync panel, date filters), from the app's locale (QLocale(), which AppLanguage sets
// from the language setting) and always with the full year. Files for machines keep ISO 8601
// (RecordExport::isoUtc).
#pragma once
#include <QDateTime>
#include <QString>

#include <core/FeedbackTypes.h>

namespace feedback::app {

QString displayDateFormat();                    // the locale's short date, with a four-digit year
QString displayDateTimeFormat();                // that date and the locale's short time
QString displayDateTime(const QDateTime &when); // in local time
QString displayDateTime(Hlc at);
QString widestDateTime(); // a sample as wide as any date shown: for column widths
QString chartDayFormat(); // day and month on a chart axis ("Dec 4", "4. Dez.")

} // namespace feedback::app
