#include "DevicesDialog.h"

#include "AppSession.h"
#include "DialogService.h"
#include "DisplayDates.h"
#include "InvitePanel.h"
#include "PendingInvitesPanel.h"

#include <QClipboard>
#include <QGuiApplication>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QPushButton>
#include <QTableWidget>
#include <QVBoxLayout>

namespace feedback::app {

namespace {

constexpr int kDeviceIdRole = Qt::UserRole;

QString roleText(protocol::Role role)
{
    return role == protocol::Role::Kiosk ? DevicesDialog::tr("Kiosk") : DevicesDialog::tr("Full");
}

// A device that gave no name is still told apart from the others by its id.
QString displayName(const AppSession::Device &d)
{
    return d.name.isEmpty() ? DevicesDialog::tr("Device %1").arg(replicaIdToString(d.id).left(8))
                            : d.name;
}

QString momentText(qint64 ms)
{
    return ms <= 0 ? DevicesDialog::tr("never")
                   : displayDateTime(QDateTime::fromMSecsSinceEpoch(ms).toLocalTime());
}

QString stateText(const AppSession::Device &d)
{
    QStringList state;
    if (d.thisDevice)
        state << DevicesDialog::tr("this device");
    if (d.revoked)
        state << DevicesDialog::tr("revoked");
    else if (d.revocationPending)
        state << DevicesDialog::tr("revocation pending");
    return state.join(u", ");
}

QTableWidgetItem *cell(const QString &text)
{
    auto *item = new QTableWidgetItem(text);
    item->setFlags(Qt::ItemIsSelectable | Qt::ItemIsEnabled);
    return item;
}

} // namespace

DevicesDialog::DevicesDialog(AppSession &session, DialogService &dialogs, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_dialogs(dialogs)
{
    setObjectName(QStringLiteral("devicesDialog"));
    setWindowTitle(tr("Devices"));
    auto *layout = new QVBoxLayout(this);
    auto *intro = new QLabel(tr("The devices of this workspace, as the relay last listed them."));
    intro->setWordWrap(true);
    layout->addWidget(intro);

    m_table = new QTableWidget(0, ColumnCount, this);
    m_table->setObjectName(QStringLiteral("deviceTable"));
    m_table->setHorizontalHeaderLabels(
        {tr("Name"), tr("Role"), tr("Enrolled"), tr("Last seen"), tr("State")});
    m_table->setSelectionBehavior(QAbstractItemView::SelectRows);
    m_table->setSelectionMode(QAbstractItemView::SingleSelection);
    m_table->setEditTriggers(QAbstractItemView::NoEditTriggers);
    m_table->verticalHeader()->hide();
    m_table->setWordWrap(false);
    m_table->setAlternatingRowColors(true);
    // Columns as wide as what they show plus a margin (refresh()), the state last: names are
    // short, and a stretched name column squeezed the dates.
    m_table->horizontalHeader()->setStretchLastSection(true);
    // Room for a few devices whatever the invites below take.
    m_table->setMinimumHeight(m_table->horizontalHeader()->sizeHint().height() +
                              3 * m_table->verticalHeader()->defaultSectionSize() +
                              2 * m_table->frameWidth());
    layout->addWidget(m_table, 1);

    m_emptyLabel = new QLabel(tr("No device list yet: the relay sends it at the next sync."));
    m_emptyLabel->setObjectName(QStringLiteral("emptyLabel"));
    m_emptyLabel->setWordWrap(true);
    layout->addWidget(m_emptyLabel);

    m_errorLabel = new QLabel;
    m_errorLabel->setObjectName(QStringLiteral("errorLabel"));
    m_errorLabel->setProperty("class", QStringLiteral("error"));
    m_errorLabel->setWordWrap(true);
    m_errorLabel->setTextFormat(Qt::PlainText); // errors may quote a relay or a device
    layout->addWidget(m_errorLabel);

    auto *invites = new InvitePanel(m_session, this);
    layout->addWidget(invites);
    connect(invites, &InvitePanel::failed, this, &DevicesDialog::showError);
    auto *pending = new PendingInvitesPanel(m_session, m_dialogs, this);
    layout->addSpacing(fontMetrics().height() / 2);
    layout->addWidget(pending);
    connect(pending, &PendingInvitesPanel::failed, this, &DevicesDialog::showError);

    auto *buttons = new QHBoxLayout;
    m_revokeButton = new QPushButton(tr("&Revoke…"));
    m_revokeButton->setObjectName(QStringLiteral("revokeButton"));
    m_revokeButton->setProperty("class", QStringLiteral("danger"));
    auto *closeButton = new QPushButton(tr("Close"));
    closeButton->setObjectName(QStringLiteral("closeButton"));
    buttons->addWidget(m_revokeButton);
    buttons->addStretch(1);
    buttons->addWidget(closeButton);
    layout->addLayout(buttons);

    connect(m_table, &QTableWidget::itemSelectionChanged, this, &DevicesDialog::updateButtons);
    connect(m_revokeButton, &QPushButton::clicked, this, &DevicesDialog::requestRevoke);
    connect(closeButton, &QPushButton::clicked, this, &DevicesDialog::accept);
    connect(&m_session, &AppSession::syncEvent, this, [this](sync::SyncEvent kind) {
        if (kind == sync::SyncEvent::Devices)
            refresh();
    });
    showError(QString());
    refresh();
    resize(780, 480);
}

void DevicesDialog::refresh()
{
    const std::optional<ReplicaId> selected = selectedDevice();
    const QList<AppSession::Device> devices = m_session.devices();
    const QSignalBlocker blocker(m_table);
    m_table->clearContents();
    m_table->setRowCount(static_cast<int>(devices.size()));
    int selectRow = -1;
    for (int row = 0; row < devices.size(); ++row) {
        const AppSession::Device &d = devices.at(row);
        QTableWidgetItem *name = cell(displayName(d));
        name->setData(kDeviceIdRole, replicaIdToString(d.id));
        name->setToolTip(replicaIdToString(d.id));
        m_table->setItem(row, NameColumn, name);
        m_table->setItem(row, RoleColumn, cell(roleText(d.role)));
        m_table->setItem(row, EnrolledColumn, cell(momentText(d.enrolledAtMs)));
        m_table->setItem(row, LastSeenColumn, cell(momentText(d.lastSeenMs)));
        m_table->setItem(row, StateColumn, cell(stateText(d)));
        if (selected && *selected == d.id)
            selectRow = row;
    }
    if (selectRow >= 0)
        m_table->selectRow(selectRow);
    else
        m_table->clearSelection();
    m_table->resizeColumnsToContents(); // ResizeToContents leaves the text on the grid lines
    const int margin = fontMetrics().horizontalAdvance(u'M') * 2;
    for (int column = 0; column < StateColumn; ++column)
        m_table->setColumnWidth(column, m_table->columnWidth(column) + margin);
    m_table->setColumnWidth(NameColumn, qMax(m_table->columnWidth(NameColumn), margin * 6));
    m_emptyLabel->setVisible(devices.isEmpty());
    updateButtons();
}

std::optional<ReplicaId> DevicesDialog::selectedDevice() const
{
    const QList<QTableWidgetItem *> items = m_table->selectedItems();
    for (const QTableWidgetItem *item : items) {
        ReplicaId id;
        if (item->column() == NameColumn &&
            ReplicaId::fromHex(item->data(kDeviceIdRole).toString().toStdString(), id))
            return id;
    }
    return std::nullopt;
}

void DevicesDialog::updateButtons()
{
    const std::optional<ReplicaId> id = selectedDevice();
    bool revocable = false;
    if (id && m_session.isFullDevice()) {
        for (const AppSession::Device &d : m_session.devices())
            if (d.id == *id)
                revocable = !d.thisDevice && !d.revoked && !d.revocationPending;
    }
    m_revokeButton->setEnabled(revocable);
}

void DevicesDialog::requestRevoke()
{
    const std::optional<ReplicaId> id = selectedDevice();
    if (!id)
        return;
    QString name;
    for (const AppSession::Device &d : m_session.devices())
        if (d.id == *id)
            name = displayName(d);
    const QString text =
        tr("Remove “%1” from the workspace? It will no longer sync: the relay refuses it from the "
           "next sync on. This cannot be undone.")
            .arg(name);
    const ReplicaId device = *id;
    m_dialogs.confirm(this, tr("Revoke a device"), text, tr("Remove from the workspace"),
                      [this, device](bool yes) {
                          if (!yes)
                              return;
                          const auto outcome = m_session.revoke(device);
                          if (!outcome)
                              showError(
                                  tr("The revocation could not be saved: %1").arg(outcome.error()));
                          else if (*outcome == sync::RevokeOutcome::NotFullDevice)
                              showError(tr("Only a full device can revoke devices."));
                          else
                              showError(QString());
                          refresh();
                      });
}

void DevicesDialog::showError(const QString &text)
{
    m_errorLabel->setText(text);
    m_errorLabel->setVisible(!text.isEmpty());
}

} // namespace feedback::app
