// The dispatcher's quick filters over the record table: text, rating range, follow-up needed,
// status, courier, reason, conflicts, date range; the field view uses "this device's records
// only".
#pragma once
#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>
#include <vector>

namespace feedback::app {

class RecordTableModel;

struct RecordFilter
{
    QString text; // order id, comment, assignee or courier number contains it
    int minRating = 1;
    int maxRating = 5;
    bool followUpNeeded = false;
    std::optional<int> status; // FollowUpStatus; -1 matches "no follow-up"
    std::optional<quint32> courier;
    QString reason; // a reason tag; empty: any
    bool conflictsOnly = false;
    QDate from; // local dates, inclusive; null: open
    QDate to;
    bool mineOnly = false;
    QString assignee; // "my follow-ups": assigned to this name (any case); empty: to anyone
    bool operator==(const RecordFilter &) const = default;
};

class RecordFilterModel : public QSortFilterProxyModel
{
    Q_OBJECT
public:
    explicit RecordFilterModel(RecordTableModel &source, QObject *parent = nullptr);
    void setFilter(const RecordFilter &filter);
    const RecordFilter &filter() const { return m_filter; }
    // A text column is ranked first (each row's key read and case-folded once, sorted once),
    // then the proxy sorts by rank: a header click does not fold and compare strings 1.7 million
    // times. Any change of the rows forgets the ranks, and the proxy's own re-sorts of changed
    // rows compare the rows directly.
    void sort(int column, Qt::SortOrder order = Qt::AscendingOrder) override;
    // The app's language changed: the State and Reasons columns show other words, in another
    // order (no model signal says so).
    void retranslate();

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;
    // On the rows themselves, not through data() and QVariant: a header click sorts 100,000
    // rows with some 1.7 million comparisons.
    bool lessThan(const QModelIndex &left, const QModelIndex &right) const override;

private:
    QString sortText(int row, int column) const; // what a text column sorts by
    void rankRows(int column);
    void forgetRanks();
    static bool isTextColumn(int column);

    RecordTableModel &m_source;
    std::vector<int> m_rank; // by source row: its place in m_rankColumn's order (ties share)
    int m_rankColumn = -1;
    RecordFilter m_filter;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace feedback::app
