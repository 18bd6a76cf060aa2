// Qt Charts cuts an axis label it has no room for down to "...": a category label gets at most
// 40 % of the chart's width and an equal share of the chart's height, a date label an equal
// share of its width. These helpers size labels, ticks and charts so that it never has to.
#pragma once
#include <QDate>
#include <QFont>
#include <QString>

namespace feedback::app::chartfit {

// `text` as HTML, broken at spaces into lines no wider than `width` (a word wider than that
// stays whole), the lines aligned to the right (labels left of an axis) or centred (titles).
// `lines` receives the number of lines.
QString wrapped(const QString &text, const QFont &font, qreal width, int &lines,
                Qt::Alignment align = Qt::AlignRight);

// The widest a category label of a horizontal bar chart `chartWidth` wide may be.
qreal categoryLabelWidth(int chartWidth);

// The height a horizontal bar chart needs so that `count` category labels of `lines` lines each
// get their room; `titleFont` and `valueFont` are its title's and its value axis's.
int categoryChartHeight(const QFont &labelFont, const QFont &titleFont, const QFont &valueFont,
                        int count, int lines);

// The day axis of a per-day chart over the days `from` to `to`: a day of margin on either side
// (a single day sits in the middle, not on an edge), ticks on midnights, at most `maxTicks`.
struct DayAxis
{
    QDate first;
    QDate last;
    int tickCount = 2;
};
DayAxis dayAxis(QDate from, QDate to, int maxTicks);

// How many date labels in `format` fit side by side on a chart `chartWidth` wide.
int maxDayTicks(const QFont &font, const QString &format, int chartWidth);

} // namespace feedback::app::chartfit
