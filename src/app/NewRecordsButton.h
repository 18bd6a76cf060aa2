// Keeps the dispatcher's table still while records arrive live. Someone reading a record (a
// row selected, or the list scrolled down) must not see it pushed down by rows landing above:
// the view scrolls along by as many rows, and this floating "3 new" button counts them. A click
// scrolls to the top and clears it, as does scrolling there by hand.
#pragma once
#include <QPushButton>

#include <core/FeedbackTypes.h>
#include <optional>

class QSortFilterProxyModel;
class QTableView;

namespace feedback::app {

class RecordTableModel;

class NewRecordsButton : public QPushButton
{
    Q_OBJECT
public:
    NewRecordsButton(QTableView &table, RecordTableModel &model, QSortFilterProxyModel &proxy);
    int count() const { return m_count; }
    void clear();

protected:
    bool eventFilter(QObject *watched, QEvent *event) override;
    void changeEvent(QEvent *event) override;

private:
    void beforeInsert();
    void afterInsert(int first, int last);
    void retranslate();
    void place();

    QTableView &m_table;
    RecordTableModel &m_model;
    QSortFilterProxyModel &m_proxy;
    std::optional<RecordId> m_anchor; // the top visible record while rows are inserted
    int m_count = 0;
};

} // namespace feedback::app
