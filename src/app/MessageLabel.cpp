#include "MessageLabel.h"

#include <QEvent>

namespace feedback::app {

MessageLabel::MessageLabel(QWidget *parent)
    : QLabel(parent)
{
    setWordWrap(true);
    setAlignment(Qt::AlignLeft | Qt::AlignTop);
    setContentsMargins(0, 1, 0, 4); // a little air before the next field
    setMinimumHeight(oneLine());
}

void MessageLabel::showMessage(const QString &text)
{
    // What the layout gave the message it replaces stays reserved: its real height, whatever
    // the wrapping came to.
    if (!this->text().isEmpty() && isVisible())
        setMinimumHeight(qMax(minimumHeight(), height()));
    setText(text);
}

void MessageLabel::releaseSpace()
{
    setText(QString());
    setMinimumHeight(oneLine());
}

void MessageLabel::changeEvent(QEvent *event)
{
    QLabel::changeEvent(event);
    if (event->type() == QEvent::FontChange) // a larger kiosk type: a taller line
        setMinimumHeight(oneLine());
}

int MessageLabel::oneLine() const
{
    const QMargins m = contentsMargins();
    return fontMetrics().height() + m.top() + m.bottom() + 2 * margin();
}

} // namespace feedback::app
