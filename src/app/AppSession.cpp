#include "AppSession.h"

#include "AppSettings.h"
#include "SyncWords.h"

#include <common/LogCategories.h>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/RelayUrl.h>
#include <sync/SyncBookkeeping.h>

namespace feedback::app {

AppSession::AppSession(store::Profile profile, std::unique_ptr<store::FeedbackStore> store,
                       QObject *parent)
    : QObject(parent)
    , m_profile(std::move(profile))
    , m_store(std::move(store))
    , m_presence([this](const sync::PresenceNote &note) {
        // Through the relay and to nearby devices: a desk on both hears it twice, which is the
        // same place twice.
        const bool viaRelay = m_client && m_client->session().sendPresence(note);
        const bool nearby = m_peers && m_peers->sendPresence(note);
        return viaRelay || nearby;
    })
{
    connect(&m_presence, &sync::PresenceBoard::changed, this, &AppSession::presenceChanged);
    m_store->takeChanged(); // what the store loaded is not a change
    m_lastSync = sync::bookkeeping::lastSync(*m_store);
}

AppSession::~AppSession()
{
    // The desks on the relay see this one leave now (the relay says so too when the connection
    // ends); nearby devices may not get the note before their connection goes, and forget this
    // desk when its notes time out.
    m_presence.leave();
    stopSync();
}

QString AppSession::deviceName() const
{
    return m_profile.get(store::settings::kDeviceName);
}

Status AppSession::setDispatcherName(const QString &name)
{
    const QString trimmed = name.trimmed();
    if (!textrules::name(trimmed))
        return Status::failure(tr("A name is printable text of at most 100 characters."));
    m_dispatcherName = trimmed;
    return Ok{};
}

QString AppSession::authorName() const
{
    return m_dispatcherName.isEmpty() ? deviceName() : m_dispatcherName;
}

void AppSession::setLookingAt(const std::optional<RecordId> &id, bool editing)
{
    m_presence.setName(authorName());
    m_presence.setHere(id, editing);
}

Result<RecordId> AppSession::submit(const NewFeedback &input)
{
    auto id = m_store->submit(input);
    if (id) {
        publishChanges();
        if (m_client)
            m_client->session().pushPending();
        if (m_peers)
            m_peers->localChange();
        Q_EMIT syncStatusChanged(); // one more pending
    }
    return id;
}

Status AppSession::edit(const RecordId &id, const FeedbackEdit &edit)
{
    // The record's history names who made the change: the dispatcher's name when given in this
    // session, else this device's.
    FeedbackEdit signedEdit = edit;
    if (signedEdit.by.isEmpty())
        signedEdit.by = authorName();
    Status s = m_store->edit(id, signedEdit);
    if (s) {
        publishChanges();
        if (m_client)
            m_client->session().pushPending();
        if (m_peers)
            m_peers->localChange();
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
    return !sync::SyncClient::disabledByEnvironment() && m_profile.get(settings::kSyncEnabled);
}

QString AppSession::relayUrl() const
{
    return m_profile.get(store::settings::kRelayUrl);
}

QStringList AppSession::fallbackRelays() const
{
    return m_profile.get(store::settings::kRelayFallbacks)
        .split(QLatin1Char(' '), Qt::SkipEmptyParts);
}

Status AppSession::setSyncSettings(const QString &relayUrl, bool enabled, bool insecure,
                                   const QStringList &fallbacks)
{
    for (const QString &relay : QStringList{relayUrl} + fallbacks) {
        if (!relay.isEmpty() && !sync::SyncClient::isRelayUrl(relay))
            return Status::failure(tr("\"%1\" is not a ws:// or wss:// address.").arg(relay));
        if (!relay.isEmpty() && !sync::RelayUrl::check(relay, insecure))
            return Status::failure(insecureRelayMessage(QUrl(relay).host()));
    }
    if (Status s = m_profile.set(store::settings::kInsecure, insecure); !s)
        return s;
    if (Status s =
            m_profile.set(store::settings::kRelayFallbacks, fallbacks.join(QLatin1Char(' ')));
        !s)
        return s;
    if (relayUrl != this->relayUrl()) {
        // Another relay has another log: its positions start over.
        stopSync();
        if (Status s = sync::bookkeeping::forgetCursor(*m_store); !s)
            return s;
    }
    if (Status s = m_profile.set(store::settings::kRelayUrl, relayUrl); !s)
        return s;
    if (Status s = m_profile.set(settings::kSyncEnabled, enabled); !s)
        return s;
    stopSync();
    startSync();
    return Ok{};
}

void AppSession::startSync()
{
    if (m_client)
        return;
    using Refusal = sync::ClientSetup::Refusal;
    m_syncOffReason.clear();
    sync::ClientSetup setup = sync::ClientSetup::of(m_profile, *m_store);
    m_syncSetup = SyncSetup::Off;
    if (setup.refusal() == Refusal::TurnedOff) {
        m_syncOffReason = tr("Sync is turned off (FEEDBACK_SYNC=off): feedback stays on this "
                             "device.");
    } else if (!syncEnabled()) {
        m_syncOffReason = tr("Sync is turned off in the settings: feedback stays on this device.");
    } else if (setup.refusal() == Refusal::NoRelayUrl) {
        m_syncSetup = SyncSetup::NotSetUp;
        m_syncOffReason = tr("No relay address is set: feedback stays on this device.");
    } else if (setup.refusal() == Refusal::InvalidRelayUrl) {
        m_syncSetup = SyncSetup::Invalid;
        m_syncOffReason =
            tr("The relay address \"%1\" is not a ws:// or wss:// address.").arg(relayUrl());
    } else if (setup.refusal() == Refusal::Insecure) {
        m_syncSetup = SyncSetup::Invalid;
        m_syncOffReason = insecureRelayMessage(QUrl(relayUrl()).host());
    } else if (setup.refusal() == Refusal::NoWorkspace ||
               setup.refusal() == Refusal::DamagedRelayPin) {
        m_syncSetup = SyncSetup::Invalid;
        m_syncOffReason = setup.detail();
    }
    if (!m_syncOffReason.isEmpty()) {
        qCInfo(lcApp) << "sync not started:" << m_syncOffReason;
        Q_EMIT syncStatusChanged();
        return;
    }
    setup.options().caFile = qEnvironmentVariable("FEEDBACK_CA_FILE");
    const bool nearby = nearbyEnabled();
    setup.options().keepForPeers = nearby;
    m_syncSetup = SyncSetup::Running;
    m_client = setup.create(*m_store, this);
    if (nearby)
        startNearby();
    sync::SyncSession &session = m_client->session();
    connect(&session, &sync::SyncSession::stateChanged, this, [this](sync::SyncState state) {
        if (state == sync::SyncState::UpToDate)
            m_lastSync = QDateTime::currentDateTimeUtc();
        // Live again: the others learn where this desk is now, not at the next refresh.
        if (state == sync::SyncState::UpToDate && !std::exchange(m_presenceTold, true))
            m_presence.announce();
        if (state == sync::SyncState::Offline || state == sync::SyncState::Error)
            m_presenceTold = false; // told again when live
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
    connect(&session, &sync::SyncSession::inviteHeld, this, &AppSession::onInviteHeld);
    connect(&session, &sync::SyncSession::inviteRefused, this, &AppSession::onInviteRefused);
    connect(&session, &sync::SyncSession::presenceArrived, &m_presence,
            [this](const QByteArray &device, const std::optional<sync::PresenceNote> &note) {
                m_presence.receive(device, note, sync::PresenceBoard::Path::Relay);
            });
    connect(&session, &sync::SyncSession::presenceLost, this,
            [this] { m_presence.clear(sync::PresenceBoard::Path::Relay); });
    connect(m_client, &sync::SyncClient::retryScheduled, this, &AppSession::syncStatusChanged);
    // Invites asked for before sync was restarted still wait for the relay.
    for (const PendingInvite &pending : std::as_const(m_pendingInvites))
        session.offerInvite(pending.offer);
    for (const QByteArray &handle : std::as_const(m_cancelling))
        session.offerInvite(sync::InviteIssuer::cancellation(handle));
    m_client->start();
    Q_EMIT syncStatusChanged();
}

void AppSession::onSyncEvent(sync::SyncEvent kind, const QJsonObject &details)
{
    using sync::SyncEvent;
    if (kind == SyncEvent::Acked) {
        Q_EMIT syncedChanged();
        Q_EMIT syncStatusChanged();
    }
    if (kind == SyncEvent::Quarantined || kind == SyncEvent::Recovered)
        Q_EMIT syncStatusChanged(); // "n changes could not be read"
    if (syncState() == sync::SyncState::UpToDate &&
        (kind == SyncEvent::Acked || kind == SyncEvent::Received))
        m_lastSync = QDateTime::currentDateTimeUtc(); // a live connection is a sync in progress
    Q_EMIT syncEvent(kind, details);
}

void AppSession::startNearby()
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    if (!keys)
        return;
    sync::PeerNetwork::Options options;
    for (const QString &text :
         m_profile.get(settings::kNearbyPeers).split(QLatin1Char(' '), Qt::SkipEmptyParts))
        if (const auto address = sync::PeerAddress::parse(text))
            options.peers.append(*address);
    // The port kept from the last start; a free one when it is taken now (and kept instead).
    const int kept = m_profile.get(settings::kNearbyPort);
    options.anyInterfacePort = kept > 0 && kept <= 65535 ? quint16(kept) : 0;
    Status started = startPeers(*keys, options);
    if (!started && options.anyInterfacePort != 0) {
        qCInfo(lcApp).noquote() << "port" << kept
                                << "for nearby devices is taken:" << started.error();
        options.anyInterfacePort = 0;
        started = startPeers(*keys, options);
    }
    if (!started) {
        qCWarning(lcApp).noquote() << "no sync with nearby devices:" << started.error();
        return;
    }
    if (m_peers->listenPort() != kept)
        if (Status s = m_profile.set(settings::kNearbyPort, int(m_peers->listenPort())); !s)
            qCWarning(lcApp).noquote() << "cannot keep the port for nearby devices:" << s.error();
}

Status AppSession::startPeers(const sync::WorkspaceKeys &keys,
                              const sync::PeerNetwork::Options &options)
{
    m_peers = new sync::PeerNetwork(*m_store, keys, options, this);
    m_peers->attach(&m_client->session());
    connect(m_peers, &sync::PeerNetwork::recordsChanged, this, &AppSession::publishChanges);
    connect(m_peers, &sync::PeerNetwork::peersChanged, this, &AppSession::syncStatusChanged);
    connect(m_peers, &sync::PeerNetwork::presenceArrived, &m_presence,
            [this](const QByteArray &device, const std::optional<sync::PresenceNote> &note) {
                m_presence.receive(device, note, sync::PresenceBoard::Path::Nearby);
            });
    // A device that just came near learns where this desk is at once.
    connect(m_peers, &sync::PeerNetwork::peerConnected, &m_presence,
            &sync::PresenceBoard::announce);
    Status started = m_peers->start();
    if (!started)
        delete std::exchange(m_peers, nullptr);
    return started;
}

bool AppSession::nearbyEnabled() const
{
    return !isKioskDevice() && m_profile.get(settings::kNearbySync) &&
           sync::PeerNetwork::enabledByEnvironment(true);
}

int AppSession::nearbyCount() const
{
    return m_peers ? m_peers->peerCount() : 0;
}

int AppSession::nearbySyncedCount() const
{
    return m_peers ? m_peers->syncedCount() : 0;
}

void AppSession::stopSync()
{
    delete std::exchange(m_peers, nullptr); // before the client: it gives the session back
    if (!m_client)
        return;
    m_client->stop();
    m_client->disconnect(this);
    m_client->session().disconnect(this);
    m_client->session().disconnect(&m_presence);
    m_client->deleteLater();
    m_client = nullptr;
    m_presenceTold = false;
    m_presence.clear();
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

sync::SyncProblem AppSession::syncDetails() const
{
    return m_client ? m_client->session().problem() : sync::SyncProblem();
}

QString AppSession::relayHost() const
{
    const QString host = QUrl(relayUrl()).host();
    return host.isEmpty() ? relayUrl() : host;
}

QString AppSession::syncProblem() const
{
    if (!m_client)
        return m_syncOffReason;
    return m_client->session().lastError();
}

QString AppSession::kioskPin() const
{
    return store::stored(*m_store, settings::kKioskPin);
}

Status AppSession::setKioskPin(const QString &pin)
{
    return store::setStored(*m_store, settings::kKioskPin, pin);
}

} // namespace feedback::app
