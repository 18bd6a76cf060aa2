#include "RecordFilterModel.h"

#include "RecordTableModel.h"

#include <QDateTime>

namespace feedback::app {

RecordFilterModel::RecordFilterModel(RecordTableModel &source, QObject *parent)
    : QSortFilterProxyModel(parent)
    , m_source(source)
{
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
    invalidateFilter();
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
