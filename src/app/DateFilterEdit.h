// A date for a filter: it can be "any" (no date), and Tab leaves it. QDateEdit spends Tab on
// moving between its day, month and year sections, and while it shows "any" there is no section
// to move to, so Tab never left it; the sections stay reachable with the arrow keys.
#pragma once
#include <QDateEdit>

namespace feedback::app {

class DateFilterEdit : public QDateEdit
{
    Q_OBJECT
public:
    explicit DateFilterEdit(QWidget *parent = nullptr);

    QDate filterDate() const; // null while it shows "any"
    void setFilterDate(const QDate &date);
    void retranslate();

    void stepBy(int steps) override;

protected:
    bool focusNextPrevChild(bool next) override;
};

} // namespace feedback::app
