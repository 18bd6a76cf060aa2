#include "DateFilterEdit.h"

#include "DisplayDates.h"

namespace feedback::app {

namespace {
const QDate kAnyDate(2000, 1, 1); // shown as "any": QDateEdit has no empty value
}

DateFilterEdit::DateFilterEdit(QWidget *parent)
    : QDateEdit(parent)
{
    setCalendarPopup(true);
    setMinimumDate(kAnyDate);
    retranslate();
    setDate(kAnyDate);
}

void DateFilterEdit::retranslate()
{
    setSpecialValueText(tr("any"));
    setDisplayFormat(displayDateFormat()); // the language may have changed the locale
}

QDate DateFilterEdit::filterDate() const
{
    return date() == kAnyDate ? QDate() : date();
}

void DateFilterEdit::setFilterDate(const QDate &date)
{
    setDate(date.isValid() && date > kAnyDate ? date : kAnyDate);
}

void DateFilterEdit::stepBy(int steps)
{
    // From "any", the first step goes to today, not to a day in 2000.
    if (!filterDate().isValid() && steps > 0)
        setDate(QDate::currentDate());
    else
        QDateEdit::stepBy(steps);
}

bool DateFilterEdit::focusNextPrevChild(bool next)
{
    return QWidget::focusNextPrevChild(next); // past QDateTimeEdit's section stepping
}

} // namespace feedback::app
