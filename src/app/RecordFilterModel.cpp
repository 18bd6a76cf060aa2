#include "RecordFilterModel.h"

#include "RecordTableModel.h"

#include <QDateTime>

#include <algorithm>

namespace feedback::app {

RecordFilterModel::RecordFilterModel(RecordTableModel &source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
    // Before setSourceModel: these run before the proxy handles the same change (slots run in
    // the order they were connected), so it never sorts by ranks of rows that moved.
    connect(&source, &QAbstractItemModel::rowsAboutToBeInserted, this,
            &RecordFilterModel::forgetRanks);
    connect(&source, &QAbstractItemModel::rowsAboutToBeRemoved, this,
            &RecordFilterModel::forgetRanks);
    connect(&source, &QAbstractItemModel::modelAboutToBeReset, this,
            &RecordFilterModel::forgetRanks);
    connect(&source, &QAbstractItemModel::layoutAboutToBeChanged, this,
            &RecordFilterModel::forgetRanks);
    connect(&source, &QAbstractItemModel::dataChanged, this, &RecordFilterModel::forgetRanks);
    setSourceModel(&source);
    setSortRole(RecordTableModel::SortRole);
    setSortCaseSensitivity(Qt::CaseInsensitive);
}

void RecordFilterModel::setFilter(const RecordFilter &filter)
{
    if (filter == m_filter)
        return;
    m_filter = filter;
    m_fromMs = filter.from.isValid() ? filter.from.startOfDay().toMSecsSinceEpoch() : 0;
    m_toMs = filter.to.isValid() ? filter.to.addDays(1).startOfDay().toMSecsSinceEpoch() : 0;
    // One layout change, not invalidateFilter(): that removes the rows a narrower filter drops
    // range by range, and a keystroke that drops every other of 100,000 rows then costs a
    // second in rowsRemoved signals. The sort stays (the ranks hold: the rows did not change).
    if (isTextColumn(sortColumn()) && m_rankColumn != sortColumn())
        rankRows(sortColumn()); // rows changed since the header was clicked
    invalidate();
}

bool RecordFilterModel::isTextColumn(int column)
{
    return column == RecordTableModel::Order || column == RecordTableModel::State ||
           column == RecordTableModel::Assignee || column == RecordTableModel::Reasons ||
           column == RecordTableModel::Comment;
}

void RecordFilterModel::forgetRanks()
{
    m_rankColumn = -1;
    m_rank = {};
}

void RecordFilterModel::retranslate()
{
    forgetRanks();
    if (sortColumn() == RecordTableModel::State || sortColumn() == RecordTableModel::Reasons)
        sort(sortColumn(), sortOrder());
}

void RecordFilterModel::sort(int column, Qt::SortOrder order)
{
    forgetRanks();
    if (isTextColumn(column))
        rankRows(column);
    QSortFilterProxyModel::sort(column, order);
}

QString RecordFilterModel::sortText(int row, int column) const
{
    const RecordRow &r = m_source.rowAt(row);
    switch (column) {
    case RecordTableModel::Order:
        return r.orderId;
    case RecordTableModel::Assignee:
        return r.assignee;
    case RecordTableModel::Comment:
        return RecordTableModel::commentExcerpt(r.comment); // as the column shows it
    default: // State and Reasons: the words shown, in the app's language
        return m_source.data(m_source.index(row, column), Qt::DisplayRole).toString();
    }
}

void RecordFilterModel::rankRows(int column)
{
    const int rows = m_source.rowCount();
    std::vector<std::pair<QString, int>> keys;
    keys.reserve(static_cast<size_t>(rows));
    for (int row = 0; row < rows; ++row)
        keys.emplace_back(sortText(row, column).toCaseFolded(), row);
    std::sort(keys.begin(), keys.end());
    m_rank.assign(static_cast<size_t>(rows), 0);
    int rank = 0;
    for (size_t i = 0; i < keys.size(); ++i) {
        if (i > 0 && keys[i].first != keys[i - 1].first)
            ++rank;
        m_rank[static_cast<size_t>(keys[i].second)] = rank;
    }
    m_rankColumn = column;
}

bool RecordFilterModel::lessThan(const QModelIndex &left, const QModelIndex &right) const
{
    const int column = left.column();
    if (isTextColumn(column)) {
        if (column == m_rankColumn && static_cast<size_t>(left.row()) < m_rank.size() &&
            static_cast<size_t>(right.row()) < m_rank.size())
            return m_rank[static_cast<size_t>(left.row())] <
                   m_rank[static_cast<size_t>(right.row())];
        // Rows that changed since the ranks were made: the same keys, compared one pair at a time.
        return sortText(left.row(), column)
                   .compare(sortText(right.row(), column), Qt::CaseInsensitive) < 0;
    }
    const RecordRow &a = m_source.rowAt(left.row());
    const RecordRow &b = m_source.rowAt(right.row());
    switch (column) {
    case RecordTableModel::Created:
        return a.createdAt < b.createdAt;
    case RecordTableModel::Courier:
        return a.courierId < b.courierId;
    case RecordTableModel::Rating:
        return a.rating < b.rating;
    case RecordTableModel::FollowUp:
        return a.followUp < b.followUp;
    default:
        return QSortFilterProxyModel::lessThan(left, right);
    }
}

bool RecordFilterModel::filterAcceptsRow(int sourceRow, const QModelIndex &) const
{
    const RecordRow &r = m_source.rowAt(sourceRow);
    const RecordFilter &f = m_filter;
    if (r.rating < f.minRating || r.rating > f.maxRating)
        return false;
    if (f.mineOnly && !r.mine)
        return false;
    if (!f.assignee.isEmpty() && r.assignee.compare(f.assignee, Qt::CaseInsensitive) != 0)
        return false;
    if (f.followUpNeeded && !r.needsFollowUp)
        return false;
    if (f.status && *f.status != r.followUp)
        return false;
    if (f.courier && *f.courier != r.courierId)
        return false;
    if (f.conflictsOnly && !r.conflict)
        return false;
    if (!f.reason.isEmpty() && !r.reasons.contains(f.reason))
        return false;
    const qint64 ms = HybridLogicalClock::millisOf(r.createdAt);
    if ((m_fromMs && ms < m_fromMs) || (m_toMs && ms >= m_toMs))
        return false;
    if (!f.text.isEmpty()) {
        return r.orderId.contains(f.text, Qt::CaseInsensitive) ||
               r.comment.contains(f.text, Qt::CaseInsensitive) ||
               r.assignee.contains(f.text, Qt::CaseInsensitive) ||
               QString::number(r.courierId) == f.text;
    }
    return true;
}

} // namespace feedback::app
