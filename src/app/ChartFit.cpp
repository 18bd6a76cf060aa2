#include "ChartFit.h"

#include <QFontMetricsF>
#include <QLocale>

namespace feedback::app::chartfit {

namespace {
// Qt Charts' own spacing around axis labels (labelPadding) and inside its text items
// (textMargin), plus a margin for rounding.
constexpr qreal kLabelPadding = 4;
constexpr qreal kTextMargin = 0.5;
constexpr qreal kSlack = 3;
} // namespace

QString wrapped(const QString &text, const QFont &font, qreal width, int &lines,
                Qt::Alignment align)
{
    const QFontMetricsF metrics(font);
    QStringList out;
    QString line;
    for (const QString &word : text.split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        const QString longer = line.isEmpty() ? word : line + QLatin1Char(' ') + word;
        if (line.isEmpty() || metrics.horizontalAdvance(longer) <= width) {
            line = longer;
        } else {
            out.append(line);
            line = word;
        }
    }
    out.append(line);
    lines = static_cast<int>(out.size());
    for (QString &part : out)
        part = part.toHtmlEscaped();
    if (out.size() == 1)
        return out.first();
    return QStringLiteral("<div align=\"%1\">%2</div>")
        .arg(align & Qt::AlignHCenter ? QStringLiteral("center") : QStringLiteral("right"),
             out.join(QStringLiteral("<br>")));
}

qreal categoryLabelWidth(int chartWidth)
{
    // 40 % of the plot's width (Qt Charts' limit for the axes on one side), less the chart's
    // margins and the label's padding.
    return 0.4 * (chartWidth - 40) - 2 * (kLabelPadding + kTextMargin) - kSlack;
}

int categoryChartHeight(const QFont &labelFont, const QFont &titleFont, const QFont &valueFont,
                        int count, int lines)
{
    // Each category gets an equal share of the plot's height, of which the label may use all
    // but its padding; Qt Charts counts one slot more than there are categories.
    const qreal line = QFontMetricsF(labelFont).height();
    const qreal slot = lines * line + 2 * (kLabelPadding + kTextMargin) + kSlack;
    const qreal title = QFontMetricsF(titleFont).height() + 8;
    const qreal axis = QFontMetricsF(valueFont).height() + 2 * (kLabelPadding + kTextMargin);
    return qCeil(slot * (count + 1) + title + axis + 30); // + the chart's and view's margins
}

DayAxis dayAxis(QDate from, QDate to, int maxTicks)
{
    if (to < from)
        std::swap(from, to);
    const int days = static_cast<int>(from.daysTo(to)) + 2; // intervals from from-1 to to+1
    const int maxIntervals = qMax(1, maxTicks - 1);
    if (days <= maxIntervals)
        return {from.addDays(-1), to.addDays(1), days + 1};
    // Ticks every `step` days: among the tick counts that fit, the one that adds the fewest
    // days of margin (ties: more ticks).
    int bestIntervals = maxIntervals;
    int bestExtra = -1;
    for (int intervals = maxIntervals; intervals >= qMax(1, maxIntervals / 2); --intervals) {
        const int step = (days + intervals - 1) / intervals;
        const int extra = step * intervals - days;
        if (bestExtra < 0 || extra < bestExtra) {
            bestExtra = extra;
            bestIntervals = intervals;
        }
    }
    const int before = bestExtra / 2;
    return {from.addDays(-1 - before), to.addDays(1 + bestExtra - before), bestIntervals + 1};
}

int maxDayTicks(const QFont &font, const QString &format, int chartWidth)
{
    const QFontMetricsF metrics(font);
    qreal widest = 0;
    for (int month = 1; month <= 12; ++month)
        widest = qMax(
            widest, metrics.horizontalAdvance(QLocale().toString(QDate(2026, month, 28), format)));
    // Each tick label gets an equal share of the axis' width, less its padding.
    const qreal share = widest + 2 * (kLabelPadding + kTextMargin) + kSlack + 8;
    return qMax(2, static_cast<int>((chartWidth - 20) / share));
}

} // namespace feedback::app::chartfit
