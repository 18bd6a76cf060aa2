#include "PendingInvitesPanel.h"

#include "AppSession.h"
#include "DialogService.h"
#include "DisplayDates.h"

#include <QDateTime>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QPushButton>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>

namespace feedback::app {

namespace {

constexpr int kHandleRole = Qt::UserRole;
// At most this long between two looks at the expiry times (a QTimer holds an int of ms).
constexpr qint64 kMaxExpiryWaitMs = 3600 * 1000;
// The list is as tall as its rows up to this many, then scrolls: the devices above keep the room.
constexpr int kMaxVisibleRows = 4;

QString roleText(const sync::IssuedInvites::Entry &e)
{
    if (e.role == protocol::Role::Full)
        return PendingInvitesPanel::tr("Full device");
    // The app names its kiosks "Kiosk" (AppSession::requestInvite): said once is enough.
    const bool named = !e.kioskName.isEmpty() && e.kioskName != AppSession::tr("Kiosk");
    return named ? PendingInvitesPanel::tr("Kiosk “%1”").arg(e.kioskName)
                 : PendingInvitesPanel::tr("Kiosk");
}

QString expiryText(qint64 ms)
{
    return displayDateTime(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime());
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

PendingInvitesPanel::PendingInvitesPanel(AppSession &session, DialogService &dialogs,
                                         QWidget *parent)
    : QWidget(parent)
    , m_session(session)
    , m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("pendingInvitesPanel"));
    auto *layout = new QVBoxLayout(this);
    layout->setContentsMargins(0, 0, 0, 0);

    auto *title = new QLabel(tr("Pending invites"));
    QFont bold = title->font();
    bold.setBold(true);
    title->setFont(bold);
    layout->addWidget(title);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("pendingInvitesList"));
    m_table->setAccessibleName(tr("Pending invites"));
    m_table->setHorizontalHeaderLabels({tr("Role"), tr("Valid until"), tr("Uses left")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    m_table->horizontalHeader()->setStretchLastSection(true);
    title->setBuddy(m_table);
    layout->addWidget(m_table);

    m_emptyLabel = new QLabel(tr("No pending invites: an invite made here shows once the relay "
                                 "holds it."));
    m_emptyLabel->setObjectName(QStringLiteral("noInvitesLabel"));
    m_emptyLabel->setWordWrap(true);
    layout->addWidget(m_emptyLabel);

    auto *row = new QHBoxLayout;
    m_cancelButton = new QPushButton(tr("C&ancel invite…"));
    m_cancelButton->setObjectName(QStringLiteral("cancelInviteButton"));
    m_cancelButton->setProperty("class", QStringLiteral("danger"));
    row->addWidget(m_cancelButton);
    row->addStretch(1);
    layout->addLayout(row);

    m_expiry = new QTimer(this);
    m_expiry->setSingleShot(true);
    connect(m_expiry, &QTimer::timeout, this, &PendingInvitesPanel::refresh);
    connect(m_table, &QTableWidget::itemSelectionChanged, this, &PendingInvitesPanel::updateButton);
    connect(m_cancelButton, &QPushButton::clicked, this, &PendingInvitesPanel::requestCancel);
    connect(&m_session, &AppSession::invitesChanged, this, [this] {
        // A cancellation the relay confirmed is no longer listed; the others are still pending.
        QSet<QByteArray> listed;
        for (const sync::IssuedInvites::Entry &e : m_session.pendingInvites())
            listed.insert(e.handle);
        m_cancelling.intersect(listed);
        refresh();
    });
    connect(&m_session, &AppSession::inviteCancelFailed, this,
            [this](const QByteArray &handle, const QString &reason) {
                if (!m_cancelling.remove(handle))
                    return;
                refresh();
                Q_EMIT failed(tr("The relay did not cancel the invite: %1").arg(reason));
            });
    refresh();
}

void PendingInvitesPanel::refresh()
{
    const QByteArray selected = selectedHandle();
    const QList<sync::IssuedInvites::Entry> invites = m_session.pendingInvites();
    const QSignalBlocker blocker(m_table);
    m_table->clearContents();
    m_table->setRowCount(static_cast<int>(invites.size()));
    int selectRow = -1;
    qint64 nextExpiry = 0;
    for (int row = 0; row < invites.size(); ++row) {
        const sync::IssuedInvites::Entry &e = invites.at(row);
        QTableWidgetItem *role = cell(roleText(e));
        role->setData(kHandleRole, e.handle);
        role->setToolTip(QString::fromLatin1(e.handle.toHex()));
        m_table->setItem(row, RoleColumn, role);
        m_table->setItem(row, ExpiresColumn, cell(expiryText(e.expiresAtMs)));
        m_table->setItem(row, UsesLeftColumn,
                         cell(m_cancelling.contains(e.handle)
                                  ? tr("cancelling…")
                                  : tr("%1 of %2").arg(e.usesLeft).arg(e.uses)));
        if (e.handle == selected)
            selectRow = row;
        if (nextExpiry == 0 || e.expiresAtMs < nextExpiry)
            nextExpiry = e.expiresAtMs;
    }
    if (selectRow >= 0)
        m_table->selectRow(selectRow);
    else
        m_table->clearSelection();
    m_table->resizeColumnsToContents();
    const int margin = fontMetrics().horizontalAdvance(u'M') * 2;
    for (int column = 0; column < UsesLeftColumn; ++column)
        m_table->setColumnWidth(column, m_table->columnWidth(column) + margin);
    const int rows = qBound(1, m_table->rowCount(), kMaxVisibleRows);
    m_table->setFixedHeight(m_table->horizontalHeader()->sizeHint().height() +
                            rows * m_table->verticalHeader()->defaultSectionSize() +
                            2 * m_table->frameWidth());
    m_table->setVisible(!invites.isEmpty());
    m_emptyLabel->setVisible(invites.isEmpty());
    m_expiry->stop();
    if (nextExpiry > 0) {
        const qint64 wait = nextExpiry - QDateTime::currentMSecsSinceEpoch() + 1;
        m_expiry->start(static_cast<int>(qBound<qint64>(0, wait, kMaxExpiryWaitMs)));
    }
    updateButton();
}

QByteArray PendingInvitesPanel::selectedHandle() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    for (const QTableWidgetItem *item : items)
        if (item->column() == RoleColumn)
            return item->data(kHandleRole).toByteArray();
    return QByteArray();
}

void PendingInvitesPanel::updateButton()
{
    const QByteArray handle = selectedHandle();
    m_cancelButton->setEnabled(!handle.isEmpty() && !m_cancelling.contains(handle));
}

void PendingInvitesPanel::requestCancel()
{
    const QByteArray handle = selectedHandle();
    if (handle.isEmpty())
        return;
    QString what;
    for (const sync::IssuedInvites::Entry &e : m_session.pendingInvites())
        if (e.handle == handle)
            what = tr("Cancel the invite for “%1”, valid until %2? Its code will no longer let "
                      "anyone join; devices that joined with it stay.")
                       .arg(roleText(e), expiryText(e.expiresAtMs));
    if (what.isEmpty())
        return refresh(); // expired meanwhile
    m_dialogs.confirm(this, tr("Cancel an invite"), what, tr("Cancel the invite"),
                      [this, handle](bool yes) {
                          if (!yes)
                              return;
                          if (Status s = m_session.cancelInvite(handle); !s) {
                              Q_EMIT failed(s.error());
                              return;
                          }
                          Q_EMIT failed(QString());
                          m_cancelling.insert(handle);
                          refresh();
                      });
}

} // namespace feedback::app
