#include "IdleWatch.h"

#include <QCoreApplication>
#include <QEvent>

namespace feedback::app {

IdleWatch::IdleWatch(int intervalMs, QObject *parent)
    : QObject(parent)
{
    m_timer.setSingleShot(true);
    m_timer.setInterval(intervalMs);
    connect(&m_timer, &QTimer::timeout, this, [this] {
        stop();
        Q_EMIT idle();
    });
}

void IdleWatch::start()
{
    QCoreApplication::instance()->removeEventFilter(this);
    QCoreApplication::instance()->installEventFilter(this);
    m_timer.start();
}

void IdleWatch::stop()
{
    QCoreApplication::instance()->removeEventFilter(this);
    m_timer.stop();
}

bool IdleWatch::eventFilter(QObject *watched, QEvent *event)
{
    switch (event->type()) {
    case QEvent::KeyPress:
    case QEvent::MouseButtonPress:
    case QEvent::MouseMove:
    case QEvent::TouchBegin:
    case QEvent::TouchUpdate:
    case QEvent::Wheel:
        m_timer.start();
        break;
    default:
        break;
    }
    return QObject::eventFilter(watched, event);
}

} // namespace feedback::app
