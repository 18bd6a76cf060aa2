#include "StatusDot.h"

#include "AppSession.h"

#include <QEvent>
#include <QPainter>

namespace feedback::app {

StatusDot::StatusDot(AppSession &session, QWidget *parent)
    : QWidget(parent)
    , m_session(session)
{
    setObjectName(QStringLiteral("kioskStatusDot"));
    setSizePolicy(QSizePolicy::Fixed, QSizePolicy::Fixed);
    setAccessibleName(tr("Status light for staff"));
    connect(&session, &AppSession::syncStatusChanged, this, qOverload<>(&QWidget::update));
}

bool StatusDot::allSent() const
{
    return m_session.pendingCount() == 0;
}

QSize StatusDot::sizeHint() const
{
    const int side = fontMetrics().height() / 2 + 4;
    return {side, side};
}

void StatusDot::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        setAccessibleName(tr("Status light for staff"));
    else if (event->type() == QEvent::FontChange)
        updateGeometry();
    QWidget::changeEvent(event);
}

void StatusDot::paintEvent(QPaintEvent *)
{
    QPainter painter(this);
    painter.setRenderHint(QPainter::Antialiasing);
    // One neutral grey either way: nothing here should look like an alarm to a customer.
    const QColor grey(0x9a, 0xa5, 0xb1);
    const qreal side = qMin(width(), height()) - 4;
    const QRectF dot(QPointF((width() - side) / 2, (height() - side) / 2), QSizeF(side, side));
    painter.setPen(QPen(grey, 1.5));
    painter.setBrush(allSent() ? QBrush(grey) : Qt::NoBrush);
    painter.drawEllipse(dot);
}

} // namespace feedback::app
