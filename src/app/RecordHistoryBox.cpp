#include "RecordHistoryBox.h"

#include "AppSession.h"
#include "DisplayDates.h"
#include "ReasonNames.h"

#include <QEvent>
#include <QListWidget>
#include <QVBoxLayout>

#include <core/RecordHistory.h>

namespace feedback::app {

namespace {
constexpr int kLongLine = 60; // characters; such a line likely runs past the pane
}

RecordHistoryBox::RecordHistoryBox(const AppSession &session, QWidget *parent)
    : QGroupBox(parent)
    , m_session(session)
    , m_list(new QListWidget(this))
{
    setObjectName(QStringLiteral("historyBox"));
    setTitle(tr("History"));
    m_list->setObjectName(QStringLiteral("historyList"));
    m_list->setAccessibleName(tr("History"));
    // One line an item, all the same height: a record with thousands of changes lays out at
    // once (wrapped items are measured one by one); a long line scrolls sideways instead, and
    // shows whole in its tooltip.
    m_list->setWordWrap(false);
    m_list->setUniformItemSizes(true);
    m_list->setTextElideMode(Qt::ElideNone);
    m_list->setMinimumHeight(110);
    m_list->setSelectionMode(QAbstractItemView::NoSelection);
    auto *layout = new QVBoxLayout(this);
    layout->addWidget(m_list);
}

void RecordHistoryBox::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        setTitle(tr("History"));
        m_list->setAccessibleName(tr("History"));
        if (m_id)
            showRecord(*m_id);
    }
    QGroupBox::changeEvent(event);
}

void RecordHistoryBox::showRecord(const RecordId &id)
{
    m_id = id;
    const QList<RecordChange> changes = m_session.history(id);
    QStringList lines;
    lines.reserve(changes.size());
    for (const RecordChange &change : changes)
        lines.append(lineOf(change));
    // One model reset for the whole list: a record with a thousand changes opens at once.
    m_list->setUpdatesEnabled(false);
    m_list->clear();
    m_list->addItems(lines);
    for (int row = 0; row < lines.size(); ++row)
        if (lines[row].size() > kLongLine)
            m_list->item(row)->setToolTip(lines[row]);
    m_list->setUpdatesEnabled(true);
    m_list->scrollToBottom(); // the latest change is what a dispatcher looks for first
}

QString RecordHistoryBox::lineOf(const RecordChange &change) const
{
    const QString who = change.by.isEmpty()
                            ? m_session.deviceLabel(change.device, AppSession::DeviceLabel::Column)
                            : change.by;
    return tr("%1 · %2 · %3").arg(displayDateTime(change.at), who, whatText(change));
}

QString RecordHistoryBox::whatText(const RecordChange &change) const
{
    const QString &field = change.field;
    if (field == QLatin1String(RecordHistory::kCreated))
        return tr("Created");
    // The text fields log only "changed" or "erased" (an assignee named "erased" is a name).
    const bool text = field == QLatin1String("comment") || field == QLatin1String("contact") ||
                      field == QLatin1String("orderId");
    const bool erased = text && change.to == QLatin1String(RecordHistory::kErased);
    if (erased && field == QLatin1String("orderId"))
        return tr("Order number erased");
    if (erased)
        return tr("%1 erased").arg(fieldLabel(field));
    if (text)
        return tr("%1 changed").arg(fieldLabel(field));
    if (field == QLatin1String("note"))
        return tr("Note added");
    if (field == QLatin1String("retracted"))
        return tr("Retracted");
    const QString label = field == QLatin1String("reasons") ? tr("Reasons") : fieldLabel(field);
    return tr("%1: %2 → %3").arg(label, valueText(field, change.from), valueText(field, change.to));
}

QString RecordHistoryBox::valueText(const QString &field, const QString &value) const
{
    if (value.isEmpty())
        return field == QLatin1String("reasons") ? tr("none") : tr("—");
    if (field == QLatin1String("rating"))
        return ratingStars(value.toInt());
    if (field == QLatin1String("followUp")) {
        const auto status = followUpStatusFromName(value);
        return status ? followUpLabel(static_cast<int>(*status)) : value;
    }
    const bool flag = field == QLatin1String("publishConsent") ||
                      field == QLatin1String("needsFollowUp") ||
                      field == QLatin1String("contactRequested");
    if (flag)
        return value == QLatin1String("true") ? tr("Yes") : tr("No");
    if (field == QLatin1String("reasons")) {
        QStringList labels;
        for (const QString &tag : value.split(QStringLiteral(", ")))
            labels.append(reasonLabel(tag));
        return labels.join(QStringLiteral(", "));
    }
    return value;
}

} // namespace feedback::app
