// The dispatcher's quick filters over the record table: text, rating range, follow-up needed,
// status, courier, reason, conflicts, date range; the field view uses "this device's records
// only".
#pragma once
#include <QDate>
#include <QSortFilterProxyModel>

#include <optional>

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

protected:
    bool filterAcceptsRow(int sourceRow, const QModelIndex &sourceParent) const override;

private:
    RecordTableModel &m_source;
    RecordFilter m_filter;
    qint64 m_fromMs = 0;
    qint64 m_toMs = 0;
};

} // namespace feedback::app
