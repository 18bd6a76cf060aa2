#include "RecordTableModel.h"

#include "AppSession.h"
#include "DisplayDates.h"
#include "PresenceLine.h"
#include "ReasonNames.h"

#include <QColor>
#include <QDateTime>
#include <QFont>
#include <QHeaderView>
#include <QIcon>
#include <QPalette>
#include <QStyle>
#include <QTableView>

#include <algorithm>

namespace feedback::app {

namespace {
bool olderFirst(const RecordRow &a, const RecordRow &b)
{
    return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
}

// Embeddings, overrides and isolates: in a cell they would reorder the text after them.
bool isBidiControl(char16_t c)
{
    return (c >= 0x202A && c <= 0x202E) || (c >= 0x2066 && c <= 0x2069);
}

const QIcon &conflictIcon()
{
    static const QIcon icon(QStringLiteral(":/icons/conflict.svg")); // SVG: sharp at any scale
    return icon;
}

const QIcon &presenceIcon()
{
    static const QIcon icon(QStringLiteral(":/icons/presence.svg"));
    return icon;
}

} // namespace

RecordTableModel::RecordTableModel(AppSession &session, QObject *parent)
    : QAbstractTableModel(parent)
    , m_session(session)
{
    m_clock.start();
    m_highlightEnd.setSingleShot(true);
    connect(&m_highlightEnd, &QTimer::timeout, this, &RecordTableModel::endHighlight);
    connect(&session, &AppSession::recordsChanged, this, &RecordTableModel::applyChanges);
    connect(&session, &AppSession::syncedChanged, this, [this] {
        if (!m_rows.empty())
            Q_EMIT dataChanged(index(0, State), index(rowCount() - 1, State));
    });
    // Another dispatcher came to or left a record: its marker, in the order column.
    connect(&session, &AppSession::presenceChanged, this, [this](const QList<RecordId> &ids) {
        for (const RecordId &id : ids)
            if (const int row = rowOf(id); row >= 0)
                Q_EMIT dataChanged(index(row, Order), index(row, Order),
                                   {Qt::DecorationRole, Qt::ToolTipRole});
    });
    reload();
}

std::optional<RecordRow> RecordTableModel::readRow(const RecordId &id)
{
    const auto view = m_session.record(id);
    if (!view)
        return std::nullopt;
    RecordRow row;
    row.id = id;
    row.createdAt = view->createdAt;
    // Erased personal data reads as such, in the table and its search alike.
    row.orderId = view->erased.contains(QLatin1String("orderId")) ? tr("(erased)") : view->orderId;
    row.comment = view->erased.contains(QLatin1String("comment")) ? tr("(erased)") : view->comment;
    row.assignee = view->assignee;
    row.reasons = sharedReasons(view->reasons);
    row.courierId = view->courierId;
    row.rating = static_cast<quint8>(view->rating);
    row.followUp = view->followUp ? static_cast<qint8>(*view->followUp) : qint8(-1);
    row.needsFollowUp = view->needsFollowUp;
    row.retracted = view->retracted;
    row.conflict = !view->conflicts.isEmpty();
    row.mine = m_session.isThisDevice(view->origin);
    return row;
}

// Rows share their reasons lists: a workspace uses some hundreds of combinations of its
// catalog's tags, and a list with strings of its own took about 140 bytes a row (issue 12).
QStringList RecordTableModel::sharedReasons(const QStringList &reasons)
{
    constexpr qsizetype kMaxShared = 4096;
    if (reasons.isEmpty())
        return {};
    if (const auto it = m_reasonLists.constFind(reasons); it != m_reasonLists.cend())
        return *it;
    if (m_reasonLists.size() < kMaxShared)
        m_reasonLists.insert(reasons);
    return reasons;
}

void RecordTableModel::reload()
{
    beginResetModel();
    m_rows.clear();
    m_rows.reserve(static_cast<size_t>(m_session.recordCount()));
    m_session.forEachRecordId([this](const RecordId &id) {
        if (auto row = readRow(id))
            m_rows.push_back(std::move(*row));
    });
    std::sort(m_rows.begin(), m_rows.end(), olderFirst);
    rebuildIndex();
    countConflicts();
    endResetModel();
}

void RecordTableModel::countConflicts()
{
    m_conflicts = static_cast<int>(
        std::count_if(m_rows.begin(), m_rows.end(), [](const RecordRow &r) { return r.conflict; }));
}

QString RecordTableModel::commentExcerpt(const QString &comment, int maxChars)
{
    QString out;
    out.reserve(qMin(comment.size(), qsizetype(maxChars) + 1));
    bool space = false;
    for (const QChar c : comment) {
        if (out.size() >= maxChars) {
            if (out.back().isHighSurrogate())
                out.chop(1);
            out.append(QChar(0x2026));
            break;
        }
        // ASCII without the Unicode tables: a header click reads 100,000 comments.
        const char16_t u = c.unicode();
        const bool ascii = u < 0x80;
        if (ascii ? (u == u' ' || (u >= 0x09 && u <= 0x0d)) : c.isSpace()) {
            space = !out.isEmpty();
            continue;
        }
        if (ascii ? (u < 0x20 || u == 0x7f)
                  : (c.category() == QChar::Other_Control || isBidiControl(u)))
            continue;
        if (space)
            out.append(QLatin1Char(' '));
        space = false;
        out.append(c);
    }
    return out;
}

void RecordTableModel::rebuildIndex()
{
    m_index.clear();
    m_index.reserve(m_rows.size());
    for (qsizetype i = 0; i < static_cast<qsizetype>(m_rows.size()); ++i)
        m_index.emplace(m_rows[static_cast<size_t>(i)].id, i);
}

void RecordTableModel::applyChanges(const QList<RecordId> &ids)
{
    std::vector<RecordRow> added;
    bool removed = false;
    int firstChanged = -1;
    int lastChanged = -1;
    const qint64 now = m_clock.elapsed();
    for (const RecordId &id : ids) {
        const auto found = m_index.find(id);
        auto row = readRow(id);
        if (found == m_index.end()) {
            if (row && std::none_of(added.begin(), added.end(),
                                    [&](const RecordRow &r) { return r.id == id; })) {
                row->arrivedMs = now;
                added.push_back(std::move(*row));
            }
            continue;
        }
        RecordRow &existing = m_rows[static_cast<size_t>(found->second)];
        if (!row) {
            // Gone from the book (purged): removed below in one reset. Still there but not
            // readable: keep showing what was read before.
            removed = removed || !m_session.hasRecord(id);
            continue;
        }
        row->arrivedMs = existing.arrivedMs;
        m_conflicts += int(row->conflict) - int(existing.conflict);
        existing = std::move(*row);
        const int display = displayRow(found->second);
        firstChanged = firstChanged < 0 ? display : qMin(firstChanged, display);
        lastChanged = qMax(lastChanged, display);
    }
    if (firstChanged >= 0)
        Q_EMIT dataChanged(index(firstChanged, 0), index(lastChanged, ColumnCount - 1));

    std::sort(added.begin(), added.end(), olderFirst);
    QList<RecordId> arrived;
    arrived.reserve(static_cast<qsizetype>(added.size()));
    for (const RecordRow &row : added)
        arrived.append(row.id);
    const bool allNewest =
        m_rows.empty() || added.empty() || !olderFirst(added.front(), m_rows.back());
    if (removed || !allNewest) {
        // Rare (a purge, or old records arriving late): rebuild in one go.
        beginResetModel();
        if (removed) {
            std::erase_if(m_rows,
                          [this](const RecordRow &r) { return !m_session.hasRecord(r.id); });
        }
        m_rows.insert(m_rows.end(), std::make_move_iterator(added.begin()),
                      std::make_move_iterator(added.end()));
        std::sort(m_rows.begin(), m_rows.end(), olderFirst);
        rebuildIndex();
        countConflicts();
        endResetModel();
    } else if (!added.empty()) {
        beginInsertRows(QModelIndex(), 0, static_cast<int>(added.size()) - 1);
        for (RecordRow &row : added) {
            m_conflicts += row.conflict ? 1 : 0;
            m_index.emplace(row.id, static_cast<qsizetype>(m_rows.size()));
            m_rows.push_back(std::move(row));
        }
        endInsertRows();
    }
    if (!added.empty()) {
        m_highlightEnd.start(kHighlightMs);
        Q_EMIT recordsArrived(arrived);
    }
}

void RecordTableModel::endHighlight()
{
    if (!m_rows.empty())
        Q_EMIT dataChanged(index(0, 0), index(rowCount() - 1, ColumnCount - 1),
                           {Qt::BackgroundRole});
}

void RecordTableModel::setUpView(QTableView *view)
{
    view->verticalHeader()->hide();
    view->verticalHeader()->setSectionResizeMode(QHeaderView::Fixed);
    view->verticalHeader()->setDefaultSectionSize(view->fontMetrics().height() + 10);
    view->setWordWrap(false);
    view->setSelectionBehavior(QAbstractItemView::SelectRows);
    view->setAlternatingRowColors(true);
    QHeaderView *header = view->horizontalHeader();
    header->setSectionResizeMode(QHeaderView::Interactive);
    header->setStretchLastSection(true);
    const QFontMetrics metrics = view->fontMetrics();
    const QString samples[] = {widestDateTime(),
                               QStringLiteral("ORD-000000"),
                               QStringLiteral("Courier"),
                               QString(5, QChar(0x2605)),
                               tr("Synced").size() > tr("Saved").size() ? tr("Synced")
                                                                        : tr("Saved"),
                               followUpLabel(1),
                               QStringLiteral("Assignee"),
                               QStringLiteral("Late, Wrong address"),
                               QStringLiteral("A comment of some words")};
    for (int column = 0; column < ColumnCount; ++column) {
        const int title = metrics.horizontalAdvance(
            view->model() ? view->model()->headerData(column, Qt::Horizontal).toString()
                          : QString());
        // The state's words follow a conflict icon, the order number a presence marker.
        const int icon =
            column == State || column == Order
                ? view->style()->pixelMetric(QStyle::PM_SmallIconSize, nullptr, view) + 6
                : 0;
        view->setColumnWidth(column,
                             qMax(title, metrics.horizontalAdvance(samples[column]) + icon) + 24);
    }
}

int RecordTableModel::rowCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : static_cast<int>(m_rows.size());
}

int RecordTableModel::columnCount(const QModelIndex &parent) const
{
    return parent.isValid() ? 0 : ColumnCount;
}

const RecordRow &RecordTableModel::rowAt(int row) const
{
    return m_rows[static_cast<size_t>(storageIndex(row))];
}

int RecordTableModel::rowOf(const RecordId &id) const
{
    const auto found = m_index.find(id);
    return found == m_index.end() ? -1 : displayRow(found->second);
}

QVariant RecordTableModel::data(const QModelIndex &index, int role) const
{
    if (!index.isValid() || index.row() >= rowCount())
        return {};
    const RecordRow &r = rowAt(index.row());
    if (role == IdRole)
        return recordIdToString(r.id);
    if (role == SortRole) {
        switch (index.column()) {
        case Created:
            return QVariant::fromValue(r.createdAt);
        case Courier:
            return r.courierId;
        case Rating:
            return r.rating;
        case FollowUp:
            return r.followUp;
        default:
            return data(index, Qt::DisplayRole);
        }
    }
    if (role == Qt::BackgroundRole) {
        if (r.arrivedMs >= 0 && m_clock.elapsed() - r.arrivedMs < kHighlightMs)
            return QColor(255, 244, 196);
        return {};
    }
    if (role == Qt::ForegroundRole && r.retracted)
        return QColor(Qt::gray);
    if (role == Qt::FontRole && r.retracted) {
        QFont font;
        font.setStrikeOut(true);
        return font;
    }
    if ((role == Qt::ToolTipRole || role == Qt::AccessibleTextRole) && index.column() == Rating)
        return tr("%n of 5 stars", nullptr, r.rating);
    if (index.column() == Order && role == Qt::DecorationRole)
        return m_session.viewersOf(r.id).isEmpty() ? QVariant() : presenceIcon();
    if (index.column() == Order && (role == Qt::ToolTipRole || role == Qt::AccessibleTextRole)) {
        const QString here = PresenceLine::sentence(m_session.viewersOf(r.id));
        return here.isEmpty() ? QVariant() : here;
    }
    if (index.column() == State && role != Qt::DisplayRole)
        return stateData(r, role);
    if (role != Qt::DisplayRole)
        return {};
    switch (index.column()) {
    case Created:
        return displayDateTime(r.createdAt);
    case Order:
        return r.orderId;
    case Courier:
        return r.courierId;
    case Rating:
        return ratingStars(r.rating);
    case Reasons: {
        QStringList labels;
        for (const QString &tag : r.reasons)
            labels.append(reasonLabel(tag));
        return labels.join(QStringLiteral(", "));
    }
    case FollowUp:
        return r.followUp < 0 ? QString() : followUpLabel(r.followUp);
    case Assignee:
        return r.assignee;
    case State:
        // Short, so that it is never cut: a conflict is the icon, retraction the struck-out row.
        return m_session.isSynced(r.id) ? tr("Synced") : tr("Saved");
    case Comment:
        return commentExcerpt(r.comment);
    default:
        return {};
    }
}

QVariant RecordTableModel::headerData(int section, Qt::Orientation orientation, int role) const
{
    if (orientation != Qt::Horizontal || role != Qt::DisplayRole)
        return QAbstractTableModel::headerData(section, orientation, role);
    switch (section) {
    case Created:
        return tr("Created");
    case Order:
        return tr("Order");
    case Courier:
        return tr("Courier");
    case Rating:
        return tr("Rating");
    case Reasons:
        return tr("Reasons");
    case FollowUp:
        return tr("Follow-up");
    case Assignee:
        return tr("Assignee");
    case State:
        return tr("State");
    case Comment:
        return tr("Comment");
    default:
        return {};
    }
}

QVariant RecordTableModel::stateData(const RecordRow &r, int role) const
{
    if (role == Qt::DecorationRole)
        return r.conflict ? conflictIcon() : QVariant();
    if (role != Qt::ToolTipRole && role != Qt::AccessibleTextRole)
        return {};
    QStringList parts;
    parts.append(m_session.isSynced(r.id) ? tr("Synced with the other devices")
                                          : tr("Saved on this device, not yet synced"));
    if (r.conflict)
        parts.append(tr("Conflict: edited on two devices at once. Open it to keep one value."));
    if (r.retracted)
        parts.append(tr("Retracted: left out of analytics and exports."));
    return parts.join(role == Qt::ToolTipRole ? QStringLiteral("\n") : QStringLiteral(" "));
}

} // namespace feedback::app
