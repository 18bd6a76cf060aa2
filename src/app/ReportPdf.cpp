#include "ReportPdf.h"

#include "DisplayDates.h"
#include "ReasonNames.h"
#include "RecordTableModel.h"

#include <QBuffer>
#include <QDateTime>
#include <QLocale>
#include <QPainter>
#include <QPdfWriter>
#include <QSaveFile>

namespace feedback::app {

namespace {

QString day(QDate date)
{
    return QLocale().toString(date, displayDateFormat());
}

// Where the next line goes on the current page; a block that does not fit starts a new page.
class PageCursor
{
public:
    PageCursor(QPdfWriter &writer, QPainter &painter)
        : m_writer(writer)
        , m_painter(painter)
        , m_width(painter.viewport().width())
        , m_height(painter.viewport().height())
    {}
    int width() const { return m_width; }
    int y() const { return m_y; }
    void advance(int by) { m_y += by; }
    void ensure(int height)
    {
        if (m_y > 0 && m_y + height > m_height) {
            m_writer.newPage();
            m_y = 0;
        }
    }
    // Wrapped text in the given font, indented by `indent`.
    void text(const QString &text, const QFont &font, int indent = 0, int spaceAfter = 0)
    {
        m_painter.setFont(font);
        const QRect box(indent, 0, m_width - indent, 100000);
        const QRect needed = m_painter.boundingRect(box, Qt::TextWordWrap, text);
        ensure(needed.height());
        m_painter.drawText(QRect(indent, m_y, m_width - indent, needed.height()), Qt::TextWordWrap,
                           text);
        m_y += needed.height() + spaceAfter;
    }

private:
    QPdfWriter &m_writer;
    QPainter &m_painter;
    int m_width;
    int m_height;
    int m_y = 0;
};

QFont font(int points, bool bold = false, bool italic = false)
{
    QFont f(QStringLiteral("DejaVu Sans"));
    f.setPointSize(points);
    f.setBold(bold);
    f.setItalic(italic);
    return f;
}

// Horizontal bars, one per label, with the value at the end of each.
void drawBars(PageCursor &cursor, QPainter &painter, const QString &title,
              const QList<std::pair<QString, int>> &bars)
{
    const int lineHeight = QFontMetrics(font(9), painter.device()).height();
    const int barHeight = lineHeight;
    // The title with the first bars; a long chart (a period of months) goes on over pages.
    cursor.ensure(lineHeight * 2 +
                  static_cast<int>(qMin<qsizetype>(bars.size(), 5)) * (barHeight + 4));
    cursor.text(title, font(11, true), 0, lineHeight / 3);
    int labelWidth = 0;
    painter.setFont(font(9));
    for (const auto &[label, value] : bars)
        labelWidth = qMax(labelWidth, painter.fontMetrics().horizontalAdvance(label));
    labelWidth += lineHeight / 2;
    const int valueWidth = painter.fontMetrics().horizontalAdvance(QStringLiteral("000000"));
    const int span = qMax(1, cursor.width() - labelWidth - valueWidth);
    int most = 1;
    for (const auto &bar : bars)
        most = qMax(most, bar.second);
    for (const auto &[label, value] : bars) {
        cursor.ensure(barHeight + 4);
        const int y = cursor.y();
        painter.setPen(Qt::black);
        painter.drawText(QRect(0, y, labelWidth, barHeight), Qt::AlignVCenter | Qt::AlignLeft,
                         label);
        const int length = value == 0 ? 0 : qMax(2, static_cast<int>(qint64(span) * value / most));
        painter.fillRect(QRect(labelWidth, y + 2, length, barHeight - 4),
                         QColor(ReportPdf::kBarColour));
        painter.drawText(QRect(labelWidth + length + lineHeight / 3, y, valueWidth, barHeight),
                         Qt::AlignVCenter | Qt::AlignLeft, QLocale().toString(value));
        cursor.advance(barHeight + 4);
    }
    cursor.advance(lineHeight);
}

QString followUpLine(const ReportFollowUp &f)
{
    // One arg() call: the order number is a customer's text and may hold "%1" itself.
    QString line = ReportPdf::tr("%1 · order %2 · courier %3 · %4 · %5")
                       .arg(day(f.created),
                            f.orderId.isEmpty() ? ReportPdf::tr("(erased)") : f.orderId.left(64),
                            QString::number(f.courierId), ratingStars(f.rating),
                            followUpLabel(static_cast<int>(f.status)));
    if (!f.assignee.isEmpty())
        line += ReportPdf::tr(" · %1").arg(f.assignee.left(100));
    return line;
}

} // namespace

Status ReportPdf::write(const WeeklyReport &report, const QString &path)
{
    QBuffer pdf;
    pdf.open(QIODevice::WriteOnly);
    {
        QPdfWriter writer(&pdf);
        writer.setPageSize(QPageSize(QPageSize::A4));
        writer.setPageMargins(QMarginsF(18, 18, 18, 18), QPageLayout::Millimeter);
        writer.setResolution(300);
        writer.setTitle(tr("Courier feedback %1 – %2").arg(day(report.from), day(report.to)));
        writer.setCreator(QStringLiteral("Courier Feedback"));
        QPainter painter;
        if (!painter.begin(&writer))
            return Status::failure(tr("Could not start the PDF."));
        PageCursor cursor(writer, painter);
        const int line = QFontMetrics(font(10), &writer).height();

        cursor.text(tr("Courier feedback report"), font(18, true), 0, line / 3);
        cursor.text(tr("Period: %1 – %2").arg(day(report.from), day(report.to)), font(12), 0,
                    line / 4);
        cursor.text(
            tr("Printed %1 at %2")
                .arg(displayDateTime(QDateTime::currentDateTime()), report.workspaceName.left(100)),
            font(9), 0, line);
        const FeedbackFigures &f = report.figures;
        cursor.text(
            tr("%n rating(s), average %1 of 5", nullptr, f.total)
                    .arg(QLocale().toString(f.averageRating, 'f', 2)) +
                QStringLiteral(" · ") +
                tr("%n follow-up(s) open", nullptr, static_cast<int>(report.openFollowUps.size())),
            font(11), 0, line);

        QList<std::pair<QString, int>> stars;
        for (int rating = 5; rating >= 1; --rating)
            stars.append({ratingStars(rating), f.ratingCounts[static_cast<size_t>(rating - 1)]});
        drawBars(cursor, painter, tr("Ratings by stars"), stars);
        QList<std::pair<QString, int>> days;
        for (const auto &[date, count] : f.volumePerDay)
            days.append({day(date), count});
        if (!days.isEmpty())
            drawBars(cursor, painter, tr("Ratings per day"), days);

        cursor.ensure(line * 4);
        cursor.text(tr("The ten worst couriers"), font(13, true), 0, line / 3);
        if (report.worstCouriers.isEmpty())
            cursor.text(tr("No ratings in this period."), font(10), 0, line);
        for (const ReportCourier &c : report.worstCouriers) {
            cursor.text(
                tr("Courier %1: average %2 of 5 from %n rating(s)", nullptr, c.score.ratings)
                    .arg(c.score.courierId)
                    .arg(QLocale().toString(c.score.average, 'f', 2)),
                font(10, true), 0, line / 6);
            for (const QString &comment : c.publishedComments)
                cursor.text(QStringLiteral("“%1”").arg(RecordTableModel::commentExcerpt(
                                comment, WeeklyReport::kCommentChars)),
                            font(9, false, true), line, line / 6);
            cursor.advance(line / 3);
        }

        cursor.ensure(line * 4);
        cursor.advance(line / 2);
        cursor.text(tr("Open follow-ups"), font(13, true), 0, line / 3);
        if (report.openFollowUps.isEmpty())
            cursor.text(tr("None."), font(10));
        constexpr qsizetype kMostLines = 300;
        for (qsizetype i = 0; i < report.openFollowUps.size() && i < kMostLines; ++i)
            cursor.text(followUpLine(report.openFollowUps[i]), font(9), 0, line / 8);
        if (report.openFollowUps.size() > kMostLines)
            cursor.text(tr("… and %n more (the desk's Status filter lists them all).", nullptr,
                           static_cast<int>(report.openFollowUps.size() - kMostLines)),
                        font(9, false, true));
        painter.end();
    }
    QSaveFile file(path);
    if (!file.open(QIODevice::WriteOnly) || file.write(pdf.data()) != pdf.size() || !file.commit())
        return Status::failure(tr("Could not write %1: %2").arg(path, file.errorString()));
    return Ok{};
}

} // namespace feedback::app
