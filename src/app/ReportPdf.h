// The weekly report as a PDF (QPdfWriter, A4): title and period, the figures, two bar charts
// (ratings by stars, ratings per day) drawn as vectors, the ten worst couriers with the comments
// their customers allowed to publish, and the open follow-ups. Pages break where the next block
// would not fit.
#pragma once
#include "WeeklyReport.h"

#include <QColor>
#include <QCoreApplication>

#include <common/Result.h>

namespace feedback::app {

class ReportPdf
{
    Q_DECLARE_TR_FUNCTIONS(ReportPdf)

public:
    // The colour of the charts' bars: tests find the charts on a rendered page by it.
    static constexpr QRgb kBarColour = 0xff2a6fdb;

    // Written through a QSaveFile: a failed write leaves no half a PDF behind.
    static Status write(const WeeklyReport &report, const QString &path);
};

} // namespace feedback::app
