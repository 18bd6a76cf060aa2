// What a person checks by looking at a window: every visible control and text is whole. A text
// fits its widget (a word-wrapped label is tall enough for its lines and its longest word fits
// its width; buttons and checkboxes get at least their size hint; a field's placeholder fits),
// and no widget is cut by one of its parents or the window's edge.
#pragma once

#include <QAbstractButton>
#include <QLabel>
#include <QLineEdit>
#include <QPlainTextEdit>
#include <QRegularExpression>
#include <QStringList>
#include <QWidget>

namespace feedback::test {

inline QString describe(const QWidget *w)
{
    QString text;
    if (auto *label = qobject_cast<const QLabel *>(w))
        text = label->text();
    else if (auto *button = qobject_cast<const QAbstractButton *>(w))
        text = button->text();
    return QStringLiteral("%1 %2 \"%3\" %4x%5")
        .arg(QString::fromLatin1(w->metaObject()->className()), w->objectName(), text.left(40))
        .arg(w->width())
        .arg(w->height());
}

// Widgets Qt builds inside its own controls (a text box's viewport, scroll bars, a combo box's
// parts) are checked through the control that owns them. A scroll area's viewport is no such
// control: what is inside it is checked like the rest.
inline bool isQtInternal(const QWidget *w, const QWidget *window)
{
    if (w->objectName().startsWith(QLatin1String("qt_")) || w->inherits("QScrollBar"))
        return true;
    for (const QWidget *p = w->parentWidget(); p && p != window; p = p->parentWidget()) {
        if (p->inherits("QAbstractScrollArea") && !p->inherits("QScrollArea"))
            return true; // inside a text box or a list, not inside the kiosk's scroll area
        if (p->inherits("QComboBox") || p->inherits("QAbstractSpinBox"))
            return true;
    }
    return false;
}

inline QStringList textProblems(const QWidget *w)
{
    QStringList problems;
    const QFontMetrics fm = w->fontMetrics();
    if (auto *label = qobject_cast<const QLabel *>(w)) {
        if (label->text().isEmpty())
            return problems;
        if (label->wordWrap()) {
            const int needed = label->heightForWidth(label->width());
            if (needed > label->height())
                problems << QStringLiteral("needs %1 px of height").arg(needed);
            QString plain = label->text();
            plain.remove(QLatin1Char('&'));
            const int room = label->contentsRect().width();
            for (const QString &word : plain.split(QRegularExpression(QStringLiteral("\\s+")))) {
                if (fm.horizontalAdvance(word) > room)
                    problems << QStringLiteral("\"%1\" is wider than the label").arg(word);
            }
        } else {
            const QSize needed = label->minimumSizeHint();
            if (needed.width() > label->width() || needed.height() > label->height())
                problems << QStringLiteral("needs %1x%2").arg(needed.width()).arg(needed.height());
        }
    } else if (auto *button = qobject_cast<const QAbstractButton *>(w)) {
        const QSize needed = button->sizeHint();
        if (needed.width() > button->width() || needed.height() > button->height())
            problems << QStringLiteral("needs %1x%2").arg(needed.width()).arg(needed.height());
    } else if (auto *edit = qobject_cast<const QLineEdit *>(w)) {
        if (edit->minimumSizeHint().height() > edit->height())
            problems << QStringLiteral("lower than one line");
        // The frame, the style's padding and the text margins take about 16 px.
        if (fm.horizontalAdvance(edit->placeholderText()) + 16 > edit->width())
            problems << QStringLiteral("placeholder cut");
    } else if (auto *text = qobject_cast<const QPlainTextEdit *>(w)) {
        if (text->viewport()->height() < 3 * fm.lineSpacing())
            problems << QStringLiteral("shows fewer than three lines");
    } else if (!w->layout() && w->minimumSizeHint().isValid()) {
        const QSize needed = w->minimumSizeHint();
        if (needed.width() > w->width() || needed.height() > w->height())
            problems << QStringLiteral("needs %1x%2").arg(needed.width()).arg(needed.height());
    }
    return problems;
}

inline QStringList layoutProblems(QWidget *window)
{
    QStringList problems;
    for (QWidget *w : window->findChildren<QWidget *>()) {
        if (!w->isVisible() || w->isWindow() || isQtInternal(w, window))
            continue;
        for (const QString &problem : textProblems(w))
            problems << describe(w) + QStringLiteral(": ") + problem;
        // Inside each parent, up to the window: nothing cut by a parent, a scrolled area or
        // the screen's edge.
        QRect rect = w->rect();
        const QWidget *child = w;
        for (QWidget *parent = w->parentWidget(); parent; parent = parent->parentWidget()) {
            rect.translate(child->pos());
            if (!parent->rect().contains(rect)) {
                problems << describe(w) + QStringLiteral(": cut by ") + describe(parent);
                break;
            }
            if (parent == window)
                break;
            child = parent;
        }
    }
    return problems;
}

} // namespace feedback::test
