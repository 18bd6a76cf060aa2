#include "AppSession.h"

#include "AppLog.h"

#include <sync/Enrolment.h>

namespace feedback::app {

namespace {
const QString kRelayUrl = QStringLiteral("sync/relayUrl");
const QString kSyncEnabled = QStringLiteral("sync/enabled");
const QString kKioskPin = QStringLiteral("kioskPin");
} // namespace

AppSession::AppSession(store::Profile profile, std::unique_ptr<store::FeedbackStore> store,
                       QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_store(std::move(store))
{
    m_store->takeChanged(); // what the store loaded is not a change
    const auto last = m_store->value(QStringLiteral("sync/lastSync"));
    if (last)
        m_lastSync = QDateTime::fromString(QString::fromUtf8(*last), Qt::ISODate);
}

AppSession::~AppSession()
{
    stopSync();
}

QString AppSession::deviceName() const
{
    return m_profile.setting(QStringLiteral("profile/name"));
}

Result<RecordId> AppSession::submit(const NewFeedback &input)
{
    auto id = m_store->submit(input);
    if (id) {
        publishChanges();
        if (m_client)
            m_client->session().pushPending();
        Q_EMIT syncStatusChanged(); // one more pending
    }
    return id;
}

Status AppSession::edit(const RecordId &id, const FeedbackEdit &edit)
{
    Status s = m_store->edit(id, edit);
    if (s) {
        publishChanges();
        if (m_client)
            m_client->session().pushPending();
        Q_EMIT syncStatusChanged();
    }
    return s;
}

Result<int> AppSession::purgeOlderThan(int days)
{
    auto purged = m_store->purgeAcknowledged(days, QDateTime::currentMSecsSinceEpoch());
    publishChanges();
    return purged;
}

void AppSession::publishChanges()
{
    const std::vector<RecordId> changed = m_store->takeChanged();
    if (!changed.empty())
        Q_EMIT recordsChanged(QList<RecordId>(changed.begin(), changed.end()));
}

bool AppSession::syncEnabled() const
{
    return !sync::SyncClient::disabledByEnvironment() &&
           m_profile.setting(kSyncEnabled, QStringLiteral("true")) != QLatin1String("false");
}

QString AppSession::relayUrl() const
{
    return m_profile.setting(kRelayUrl);
}

Status AppSession::setSyncSettings(const QString &relayUrl, bool enabled)
{
    if (!relayUrl.isEmpty() && !sync::SyncClient::isRelayUrl(relayUrl))
        return Status::failure(tr("\"%1\" is not a ws:// or wss:// address.").arg(relayUrl));
    if (relayUrl != this->relayUrl()) {
        // Another relay has another log: positions in the old one mean nothing there. Pulling
        // from the start again is safe (deltas apply idempotently).
        stopSync();
        if (Status s = m_store->setValue(QStringLiteral("sync/cursor"), QByteArrayLiteral("0")); !s)
            return s;
    }
    if (Status s = m_profile.setSetting(kRelayUrl, relayUrl); !s)
        return s;
    if (Status s = m_profile.setSetting(kSyncEnabled,
                                        enabled ? QStringLiteral("true") : QStringLiteral("false"));
        !s)
        return s;
    stopSync();
    startSync();
    return Ok{};
}

void AppSession::startSync()
{
    if (m_client)
        return;
    m_syncOffReason.clear();
    auto keys = sync::workspaceKeysOf(*m_store);
    if (sync::SyncClient::disabledByEnvironment())
        m_syncOffReason = tr("Sync is turned off (FEEDBACK_SYNC=off): feedback stays on this "
                             "device.");
    else if (!syncEnabled())
        m_syncOffReason = tr("Sync is turned off in the settings: feedback stays on this device.");
    else if (relayUrl().isEmpty())
        m_syncOffReason = tr("No relay address is set: feedback stays on this device.");
    else if (!sync::SyncClient::isRelayUrl(relayUrl()))
        m_syncOffReason =
            tr("The relay address \"%1\" is not a ws:// or wss:// address.").arg(relayUrl());
    else if (!keys)
        m_syncOffReason = keys.error();
    if (!m_syncOffReason.isEmpty()) {
        qCInfo(lcApp) << "sync not started:" << m_syncOffReason;
        Q_EMIT syncStatusChanged();
        return;
    }
    sync::SyncClient::Options options;
    options.relayUrl = QUrl(relayUrl());
    options.caFile = qEnvironmentVariable("FEEDBACK_CA_FILE");
    m_client = new sync::SyncClient(*m_store, std::move(*keys), options, this);
    sync::SyncSession &session = m_client->session();
    connect(&session, &sync::SyncSession::stateChanged, this, [this](sync::SyncState state) {
        if (state == sync::SyncState::UpToDate)
            m_lastSync = QDateTime::currentDateTimeUtc();
        if (state != sync::SyncState::Syncing)
            m_progress = {0, 0};
        Q_EMIT syncStatusChanged();
    });
    connect(&session, &sync::SyncSession::progress, this, [this](qint64 done, qint64 total) {
        m_progress = {done, total};
        Q_EMIT syncStatusChanged();
    });
    connect(&session, &sync::SyncSession::recordsChanged, this, &AppSession::publishChanges);
    connect(&session, &sync::SyncSession::event, this, &AppSession::onSyncEvent);
    connect(m_client, &sync::SyncClient::retryScheduled, this, &AppSession::syncStatusChanged);
    m_client->start();
    Q_EMIT syncStatusChanged();
}

void AppSession::onSyncEvent(const QString &kind, const QJsonObject &details)
{
    if (kind == QLatin1String("acked")) {
        Q_EMIT syncedChanged();
        Q_EMIT syncStatusChanged();
    }
    if (kind == QLatin1String("quarantined") || kind == QLatin1String("recovered"))
        Q_EMIT syncStatusChanged(); // "n changes could not be read"
    if (syncState() == sync::SyncState::UpToDate &&
        (kind == QLatin1String("acked") || kind == QLatin1String("received")))
        m_lastSync = QDateTime::currentDateTimeUtc(); // a live connection is a sync in progress
    Q_EMIT syncEvent(kind, details);
}

void AppSession::stopSync()
{
    if (!m_client)
        return;
    m_client->stop();
    m_client->disconnect(this);
    m_client->session().disconnect(this);
    m_client->deleteLater();
    m_client = nullptr;
    Q_EMIT syncStatusChanged();
}

void AppSession::syncNow()
{
    if (m_client)
        m_client->syncNow();
    else
        startSync();
}

sync::SyncState AppSession::syncState() const
{
    return m_client ? m_client->session().state() : sync::SyncState::Offline;
}

QString AppSession::syncProblem() const
{
    if (!m_client)
        return m_syncOffReason;
    return m_client->session().lastError();
}

QString AppSession::kioskPin() const
{
    return QString::fromUtf8(m_store->secret(kKioskPin).value_or(QByteArray()));
}

Status AppSession::setKioskPin(const QString &pin)
{
    return m_store->setSecret(kKioskPin, pin.toUtf8());
}

} // namespace feedback::app
