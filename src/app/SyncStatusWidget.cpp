#include "SyncStatusWidget.h"

#include "AppSession.h"
#include "DisplayDates.h"
#include "ui_SyncPanel.h"

#include <QDateTime>
#include <QEvent>
#include <QJsonDocument>
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

namespace {

QString stateSummary(const AppSession &session)
{
    const int pending = int(session.pendingCount());
    const QString waiting =
        QCoreApplication::translate("SyncStatus", "%n waiting", nullptr, pending);
    switch (session.syncState()) {
    case sync::SyncState::Offline:
        if (!session.syncProblem().isEmpty() && !session.syncEnabled())
            return QCoreApplication::translate("SyncStatus", "Sync off · %1").arg(waiting);
        return QCoreApplication::translate("SyncStatus", "Offline · %1").arg(waiting);
    case sync::SyncState::Connecting:
        return QCoreApplication::translate("SyncStatus", "Connecting… · %1").arg(waiting);
    case sync::SyncState::Syncing: {
        const auto [done, total] = session.progress();
        if (total > 0)
            return QCoreApplication::translate("SyncStatus", "Syncing %1 of %2 · %3")
                .arg(done)
                .arg(total)
                .arg(waiting);
        return QCoreApplication::translate("SyncStatus", "Syncing… · %1").arg(waiting);
    }
    case sync::SyncState::UpToDate:
        return QCoreApplication::translate("SyncStatus", "Up to date (%1) · %2")
            .arg(describeAge(session.lastSync(), QDateTime::currentDateTimeUtc()), waiting);
    case sync::SyncState::Error:
        return QCoreApplication::translate("SyncStatus", "Sync error: %1 · %2")
            .arg(session.syncProblem(), waiting);
    }
    return QString();
}

} // namespace

QString syncSummary(const AppSession &session)
{
    // Changes of other devices set aside (feedbackctl doctor lists them): sync goes on without
    // them, but nobody should believe this device holds everything.
    const int unreadable = int(session.quarantinedCount());
    if (unreadable == 0)
        return stateSummary(session);
    return stateSummary(session) + QStringLiteral(" · ") +
           QCoreApplication::translate("SyncStatus", "%n change(s) could not be read", nullptr,
                                       unreadable);
}

SyncPanel::SyncPanel(AppSession &session, QWidget *parent)
    : QDialog(parent)
    , m_session(session)
    , m_ui(std::make_unique<Ui::SyncPanel>())
{
    m_ui->setupUi(this);
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
    }
    QDialog::changeEvent(event);
}

void SyncPanel::refresh()
{
    m_ui->stateLabel->setText(syncSummary(m_session));
    const QString relay = m_session.relayUrl();
    m_ui->relayValue->setText(relay.isEmpty() ? tr("none set") : relay);
    const QString name = m_session.deviceName();
    const QString id = replicaIdToString(m_session.store().deviceId());
    m_ui->deviceValue->setText(name.isEmpty() ? id : tr("%1 (%2)").arg(name, id));
    m_ui->pendingValue->setText(QString::number(m_session.pendingCount()));
    m_ui->lastSyncValue->setText(
        m_session.lastSync().isValid() ? displayDateTime(m_session.lastSync()) : tr("never"));
    const QString problem = m_session.syncProblem();
    m_ui->errorValue->setText(problem.isEmpty() ? tr("none") : problem);
}

void SyncPanel::addEvent(const QString &kind, const QJsonObject &details)
{
    // Details carry counts and positions only, never feedback text.
    const QString line =
        QStringLiteral("%1  %2  %3")
            .arg(QTime::currentTime().toString(QStringLiteral("HH:mm:ss")), kind,
                 QString::fromUtf8(QJsonDocument(details).toJson(QJsonDocument::Compact)));
    m_ui->eventsList->insertItem(0, line);
    while (m_ui->eventsList->count() > 200)
        delete m_ui->eventsList->takeItem(m_ui->eventsList->count() - 1);
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
    const QString problem = m_session.syncProblem();
    setToolTip(problem.isEmpty() ? tr("Click for sync details") : problem);
    setProperty("state", syncStateName());
    style()->unpolish(this);
    style()->polish(this);
}

} // namespace feedback::app
