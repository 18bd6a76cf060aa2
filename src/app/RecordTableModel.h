// The dispatcher's table: one row per record of the book, newest first. It refreshes only the
// records the store reports changed, and inserts a burst of new records as one block, so a
// thousand arriving records cost one model signal, not a thousand. Rows that just arrived are
// highlighted for a few seconds.
#pragma once
#include <QAbstractTableModel>
#include <QElapsedTimer>
#include <QSet>
#include <QTimer>

#include <core/FeedbackTypes.h>
#include <unordered_map>
#include <vector>

class QTableView;

namespace feedback::app {

class AppSession;

struct RecordRow
{
    RecordId id;
    Hlc createdAt = 0;
    QString orderId;
    QString comment;
    QString assignee;
    QStringList reasons;
    quint32 courierId = 0;
    quint8 rating = 0;
    qint8 followUp = -1; // FollowUpStatus, -1: none
    bool needsFollowUp = false;
    bool retracted = false;
    bool conflict = false;
    bool mine = false;
    qint64 arrivedMs = -1; // when it arrived after the table was filled; -1: was there already
};

class RecordTableModel : public QAbstractTableModel
{
    Q_OBJECT
public:
    enum Column
    {
        Created,
        Order,
        Courier,
        Rating,
        State, // early, so that its conflict icon shows whatever the width
        FollowUp,
        Assignee,
        Reasons,
        Comment, // a one-line excerpt, last so that it takes the width left
        ColumnCount
    };
    enum Role
    {
        SortRole = Qt::UserRole + 1,
        IdRole
    };

    explicit RecordTableModel(AppSession &session, QObject *parent = nullptr);

    int rowCount(const QModelIndex &parent = QModelIndex()) const override;
    int columnCount(const QModelIndex &parent = QModelIndex()) const override;
    QVariant data(const QModelIndex &index, int role = Qt::DisplayRole) const override;
    QVariant headerData(int section, Qt::Orientation orientation,
                        int role = Qt::DisplayRole) const override;

    // Fixed row heights and column widths from sample texts: nothing measures 100,000 rows,
    // and dates and order numbers are never cut off.
    static void setUpView(QTableView *view);

    const RecordRow &rowAt(int row) const;
    int rowOf(const RecordId &id) const; // -1 when absent
    int conflictCount() const { return m_conflicts; }
    // The comment on one line: whitespace runs (newlines too) become one space, control and
    // bidirectional-override characters are dropped, at most `maxChars` characters.
    static QString commentExcerpt(const QString &comment, int maxChars = 160);
    void reload();
    void applyChanges(const QList<RecordId> &ids);
    static constexpr int kHighlightMs = 4000;

Q_SIGNALS:
    // Records new to the table since it was filled (from this device or another), once each,
    // after their rows are in.
    void recordsArrived(const QList<feedback::RecordId> &ids);

private:
    std::optional<RecordRow> readRow(const RecordId &id);
    QStringList sharedReasons(const QStringList &reasons);
    QVariant stateData(const RecordRow &row, int role) const;
    qsizetype storageIndex(int row) const
    {
        return static_cast<qsizetype>(m_rows.size()) - 1 - row;
    }
    int displayRow(qsizetype index) const { return static_cast<int>(m_rows.size() - 1 - index); }
    void rebuildIndex();
    void endHighlight();
    void countConflicts();

    AppSession &m_session;
    // Oldest first, so that new records append without moving the others; row r on screen is
    // m_rows[size - 1 - r].
    std::vector<RecordRow> m_rows;
    std::unordered_map<RecordId, qsizetype, crdt::DotHash> m_index;
    // The reasons lists rows share (sharedReasons). Bounded: other devices may send any
    // combination of tags; past the bound, rows keep lists of their own.
    QSet<QStringList> m_reasonLists;
    int m_conflicts = 0;
    QElapsedTimer m_clock;
    QTimer m_highlightEnd;
};

} // namespace feedback::app
