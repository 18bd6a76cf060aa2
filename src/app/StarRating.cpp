#include "StarRating.h"

#include <QAccessible>
#include <QKeyEvent>
#include <QPainter>
#include <QPainterPath>
#include <QtMath>

namespace feedback::app {

namespace {
constexpr int kStars = 5;
constexpr int kGap = 6;

QPainterPath starPath(const QRectF &box)
{
    QPainterPath path;
    const QPointF centre = box.center();
    const double outer = box.width() / 2.0;
    const double inner = outer * 0.45;
    for (int i = 0; i < 10; ++i) {
        const double angle = -M_PI / 2 + i * M_PI / 5;
        const double radius = i % 2 ? inner : outer;
        const QPointF p(centre.x() + radius * qCos(angle), centre.y() + radius * qSin(angle));
        if (i == 0)
            path.moveTo(p);
        else
            path.lineTo(p);
    }
    path.closeSubpath();
    return path;
}
} // namespace

StarRating::StarRating(QWidget *parent)
    : QWidget(parent)
{
    setFocusPolicy(Qt::StrongFocus);
    setMouseTracking(true);
    setCursor(Qt::PointingHandCursor);
    setAccessibleName(tr("Rating"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    updateAccessibleText();
}

void StarRating::setRating(int rating)
{
    rating = qBound(0, rating, kStars);
    if (rating == m_rating)
        return;
    m_rating = rating;
    updateAccessibleText();
    update();
    Q_EMIT ratingChanged(m_rating);
}

void StarRating::setStarSize(int pixels)
{
    m_starSize = pixels;
    updateGeometry();
    update();
}

QSize StarRating::sizeHint() const
{
    return {kStars * m_starSize + (kStars - 1) * kGap + 8, m_starSize + 8};
}

QRectF StarRating::starRect(int index) const
{
    return QRectF(4 + index * (m_starSize + kGap), 4, m_starSize, m_starSize);
}

int StarRating::starAt(const QPoint &pos) const
{
    for (int i = 0; i < kStars; ++i) {
        if (starRect(i).adjusted(-kGap / 2.0, -4, kGap / 2.0, 4).contains(pos))
            return i + 1;
    }
    return 0;
}

void StarRating::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    const int shown = m_hover ? m_hover : m_rating;
    const QColor filled = isEnabled() ? QColor(0xF5, 0xA6, 0x23) : palette().color(QPalette::Mid);
    const QColor outline = palette().color(QPalette::Dark);
    for (int i = 0; i < kStars; ++i) {
        const QPainterPath path = starPath(starRect(i));
        painter.setPen(QPen(i < shown ? filled.darker(130) : outline, 1.5));
        painter.setBrush(i < shown ? filled : palette().color(QPalette::Base));
        painter.drawPath(path);
    }
    if (hasFocus()) {
        QPen focus(palette().color(QPalette::Highlight), 2, Qt::DotLine);
        painter.setPen(focus);
        painter.setBrush(Qt::NoBrush);
        painter.drawRoundedRect(QRectF(rect()).adjusted(1, 1, -1, -1), 4, 4);
    }
}

void StarRating::mousePressEvent(QMouseEvent *event)
{
    if (const int star = starAt(event->position().toPoint()))
        setRating(star);
    setFocus(Qt::MouseFocusReason);
}

void StarRating::mouseMoveEvent(QMouseEvent *event)
{
    const int star = starAt(event->position().toPoint());
    if (star != m_hover) {
        m_hover = star;
        update();
    }
}

void StarRating::leaveEvent(QEvent *)
{
    m_hover = 0;
    update();
}

void StarRating::keyPressEvent(QKeyEvent *event)
{
    const int key = event->key();
    if (key >= Qt::Key_1 && key <= Qt::Key_5)
        setRating(key - Qt::Key_0);
    else if (key == Qt::Key_0 || key == Qt::Key_Backspace || key == Qt::Key_Delete)
        setRating(0);
    else if (key == Qt::Key_Right || key == Qt::Key_Up || key == Qt::Key_Plus)
        setRating(m_rating + 1);
    else if (key == Qt::Key_Left || key == Qt::Key_Down || key == Qt::Key_Minus)
        setRating(qMax(1, m_rating - 1));
    else
        return QWidget::keyPressEvent(event);
    event->accept();
}

void StarRating::updateAccessibleText()
{
    const QString text = m_rating ? tr("%n of 5 stars", nullptr, m_rating) : tr("No rating yet");
    setAccessibleDescription(text);
    setToolTip(text);
    QAccessibleValueChangeEvent change(this, m_rating);
    QAccessible::updateAccessibility(&change);
}

} // namespace feedback::app
