#include "SyncStatusWidget.h"

#include "AppSession.h"
#include "DisplayDates.h"
#include "ui_SyncPanel.h"

#include <QDateTime>
#include <QEvent>
#include <QStyle>

namespace feedback::app {

QString describeAge(const QDateTime &when, const QDateTime &now)
{
    if (!when.isValid())
        return QCoreApplication::translate("SyncStatus", "never");
    const qint64 seconds = qMax<qint64>(0, when.secsTo(now));
    // Plain ints for the counts: lupdate does not see a translate() whose count is a cast.
    const int minutes = int(seconds / 60);
    const int hours = int(seconds / 3600);
    const int days = int(seconds / 86400);
    if (seconds < 60)
        return QCoreApplication::translate("SyncStatus", "just now");
    if (seconds < 3600)
        return QCoreApplication::translate("SyncStatus", "%n min ago", nullptr, minutes);
    if (seconds < 86400)
        return QCoreApplication::translate("SyncStatus", "%n h ago", nullptr, hours);
    return QCoreApplication::translate("SyncStatus", "%n day(s) ago", nullptr, days);
}

SyncPanel::SyncPanel(AppSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::SyncPanel>())
{
    m_ui->setupUi(this);
    // "Retry now" while waiting for the next attempt: at once, and the backoff starts over.
    connect(m_ui->syncNowButton, &QPushButton::clicked, this, [this] {
        m_session.syncNow();
        refresh();
    });
    connect(&session, &AppSession::syncStatusChanged, this, &SyncPanel::refresh);
    connect(&session, &AppSession::syncEvent, this, &SyncPanel::addEvent);
    refresh();
}

SyncPanel::~SyncPanel() = default;

void SyncPanel::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange) {
        m_ui->retranslateUi(this);
        refresh();
        showEvents();
    }
    QDialog::changeEvent(event);
}

void SyncPanel::refresh()
{
    m_ui->stateLabel->setText(syncSummary(m_session));
    const QString relay = m_session.relayUrl();
    m_ui->relayValue->setText(relay.isEmpty() ? tr("none set") : relay);
    const QString name = m_session.deviceName();
    const QString id = replicaIdToString(m_session.deviceId());
    m_ui->deviceValue->setText(name.isEmpty() ? id : tr("%1 (%2)").arg(name, id));
    m_ui->pendingValue->setText(QString::number(m_session.pendingCount()));
    m_ui->lastSyncValue->setText(
        m_session.lastSync().isValid() ? displayDateTime(m_session.lastSync()) : tr("never"));
    const QString problem = syncProblemText(m_session);
    m_ui->errorValue->setText(problem.isEmpty() ? tr("none") : problem);
    m_ui->syncNowButton->setText(m_session.retryRemainingMs() >= 0 ? tr("&Retry now")
                                                                   : tr("&Sync now"));
}

void SyncPanel::addEvent(sync::SyncEvent kind, const QJsonObject &details)
{
    // Details carry counts, positions and causes only, never feedback text.
    m_events.prepend({QTime::currentTime(), kind, details});
    if (m_events.size() > 200)
        m_events.removeLast();
    m_ui->eventsList->insertItem(0, eventLine(m_events.first()));
    while (m_ui->eventsList->count() > m_events.size())
        delete m_ui->eventsList->takeItem(m_ui->eventsList->count() - 1);
}

QString SyncPanel::eventLine(const Event &event) const
{
    return tr("%1  %2").arg(event.at.toString(QStringLiteral("HH:mm:ss")),
                            syncEventText(event.kind, event.details, m_session.relayHost()));
}

void SyncPanel::showEvents()
{
    m_ui->eventsList->clear();
    for (const Event &event : std::as_const(m_events))
        m_ui->eventsList->addItem(eventLine(event));
}

SyncStatusWidget::SyncStatusWidget(AppSession &session, QWidget *parent)
    : QPushButton(parent)
    , m_session(session)
    , m_panel(new SyncPanel(session, parent))
{
    setFlat(true);
    setObjectName(QStringLiteral("syncStatus"));
    m_panel->setObjectName(QStringLiteral("syncPanel"));
    setCursor(Qt::PointingHandCursor);
    connect(this, &QPushButton::clicked, this, [this] {
        m_panel->refresh();
        m_panel->show();
        m_panel->raise();
        m_panel->activateWindow();
    });
    connect(&session, &AppSession::syncStatusChanged, this, &SyncStatusWidget::refresh);
    m_ageTimer.setInterval(30000);
    connect(&m_ageTimer, &QTimer::timeout, this, &SyncStatusWidget::refresh);
    m_ageTimer.start();
    m_countdown.setSingleShot(true);
    connect(&m_countdown, &QTimer::timeout, this, [this] {
        refresh();
        if (m_panel->isVisible())
            m_panel->refresh();
    });
    refresh();
}

void SyncStatusWidget::changeEvent(QEvent *event)
{
    if (event->type() == QEvent::LanguageChange)
        refresh();
    QPushButton::changeEvent(event);
}

QString SyncStatusWidget::syncStateName() const
{
    return sync::syncStateName(m_session.syncState());
}

qint64 SyncStatusWidget::pending() const
{
    return m_session.pendingCount();
}

void SyncStatusWidget::refresh()
{
    const QString text = syncSummary(m_session);
    setText(text);
    setAccessibleName(tr("Sync status: %1").arg(text));
    // The countdown follows the reconnect timer itself: wake when its shown second changes.
    const int remaining = m_session.retryRemainingMs();
    if (remaining > 0)
        m_countdown.start((remaining - 1) % 1000 + 1);
    else
        m_countdown.stop();
    const QString problem = syncProblemText(m_session);
    setToolTip(problem.isEmpty() ? tr("Click for sync details") : problem);
    setProperty("state", syncStateName());
    style()->unpolish(this);
    style()->polish(this);
}

} // namespace feedback::app
