#include "SyncClient.h"

#include "AdmissionTokenKey.h"

#include <QNetworkInformation>
#include <QPointer>
#include <QRandomGenerator>

#include <common/LogCategories.h>
#include <store/StoredValue.h>

namespace feedback::sync {

bool SyncClient::disabledByEnvironment()
{
    return qEnvironmentVariable("FEEDBACK_SYNC") == QLatin1String("off");
}

bool SyncClient::isRelayUrl(const QString &text)
{
    // Strict: no spaces or control characters are fixed up; and "ws://" or "ws:relay" name no
    // host to connect to.
    const QUrl url(text, QUrl::StrictMode);
    return url.isValid() && !url.host().isEmpty() &&
           (url.scheme() == QLatin1String("ws") || url.scheme() == QLatin1String("wss"));
}

bool SyncClient::keepForPeersByEnvironment()
{
    const QByteArray value = qgetenv("FEEDBACK_P2P").trimmed().toLower();
    return value == "on" || value == "1" || value == "true";
}

SyncClient::SyncClient(store::FeedbackStore &store, WorkspaceKeys keys, Options options,
                       QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_options(std::move(options))
    , m_transport(
          new WebSocketTransport(m_options.relayUrl, m_options.caFile, m_options.keepaliveMs, this))
    , m_keeper(store)
    , m_session(std::make_unique<SyncSession>(store, keys, m_transport))
    , m_schedule(m_options.initialBackoffMs, m_options.maxBackoffMs,
                 m_options.maxUnreachableBackoffMs)
{
    // A full device sends a local change while its disk flushes it (setCommitListener); a
    // kiosk does not, since its certificate names its identity and a change the relay has but
    // its disk lost would need a new invite. The listener holds a guarded pointer: an app's
    // session deletes its store before this child, and a stale listener does nothing.
    if (keys.canRead())
        m_store.setCommitListener([session = QPointer<SyncSession>(m_session.get())] {
            if (session)
                session->pushPending();
        });
    m_transport->setPinnedKey(m_options.relayPin);
    m_transport->setAdmissionToken(m_options.admissionToken);
    m_session->setDeviceName(m_options.deviceName);
    m_keeper.setKeeping(m_options.keepForPeers);
    m_session->setKeeper(&m_keeper);
    m_retry.setSingleShot(true);
    connect(&m_retry, &QTimer::timeout, this, [this] { m_session->start(); });
    connect(m_session.get(), &SyncSession::stateChanged, this, [this](SyncState state) {
        m_failingOver = false;
        // Syncing comes only after the relay's welcome: it served the workspace.
        if (state == SyncState::Syncing || state == SyncState::UpToDate)
            forgetAdmissionToken();
        if (state == SyncState::UpToDate) { // only a sync that got through resets the backoff
            m_schedule.reset();
            m_triedInRound = 0;
            pinFirstKey();
        }
        const bool down = state == SyncState::Offline || state == SyncState::Error;
        if (down && m_running && failOver())
            return;
        // A revoked device stops for good: the relay refuses it from now on.
        if (down && m_running && m_options.reconnect && !m_session->revoked())
            scheduleRetry();
    });
}

void SyncClient::forgetAdmissionToken()
{
    // The relay served the workspace, so it is admitted there: the token is spent (or was not
    // needed), and is not sent again.
    if (m_options.admissionToken.isEmpty())
        return;
    m_options.admissionToken.clear();
    m_transport->setAdmissionToken(QByteArray());
    if (Status cleared = store::setStored(m_store, kAdmissionToken, QByteArray()); !cleared)
        qCWarning(lcSync).noquote() << "cannot forget the used admission token:" << cleared.error();
}

void SyncClient::pinFirstKey()
{
    // The key was trusted by the certificate's chain (system CAs or the CA file) and the relay
    // served this device: from now on only that key is, whatever a CA signs later.
    if (!m_options.relayPin.isEmpty() || m_transport->peerKey().isEmpty())
        return;
    m_options.relayPin = m_transport->peerKey();
    m_transport->setPinnedKey(m_options.relayPin);
    Q_EMIT relayKeyPinned(m_options.relayPin);
}

bool SyncClient::failOver()
{
    // relayUrl, then fallbackUrls.
    const qsizetype relays = 1 + m_options.fallbackUrls.size();
    if (relays < 2)
        return false;
    if (!m_session->problem().unreachable() || ++m_triedInRound >= relays) {
        // A relay that answers and refuses, or a round where none answered: after the backoff,
        // a new round from the first relay (the one to come back to once it is there again).
        m_triedInRound = 0;
        m_current = 0;
        m_transport->setUrl(m_options.relayUrl);
        return false;
    }
    m_current = (m_current + 1) % relays;
    const QUrl next =
        m_current == 0 ? m_options.relayUrl : m_options.fallbackUrls.at(m_current - 1);
    m_transport->setUrl(next);
    qCInfo(lcSync).noquote() << "the relay does not answer: trying"
                             << next.toString(QUrl::RemoveUserInfo);
    m_failingOver = true;
    m_retry.stop();
    m_retry.start(0); // from the event loop: the session is still ending this attempt
    return true;
}

void SyncClient::scheduleRetry()
{
    if (m_retry.isActive())
        return;
    // Jitter spreads the reconnects of many kiosks after a relay restart.
    const int delay =
        m_schedule.next(m_session->problem().unreachable(), *QRandomGenerator::global());
    m_retry.start(delay);
    Q_EMIT retryScheduled(delay);
}

void SyncClient::start()
{
    m_running = true;
    watchNetwork();
    m_session->start();
}

void SyncClient::watchNetwork()
{
    // When the machine's network comes back, retry at once instead of waiting out the backoff.
    // Without a backend (no NetworkManager), the backoff alone does the job.
    if (!m_options.reconnect || m_watchingNetwork || !QNetworkInformation::loadDefaultBackend())
        return;
    m_watchingNetwork = true;
    connect(QNetworkInformation::instance(), &QNetworkInformation::reachabilityChanged, this,
            [this](QNetworkInformation::Reachability reachability) {
                if (m_running && reachability == QNetworkInformation::Reachability::Online)
                    syncNow();
            });
}

void SyncClient::stop()
{
    m_running = false;
    m_retry.stop();
    m_session->stop();
}

void SyncClient::syncNow()
{
    const SyncState state = m_session->state();
    if (state == SyncState::Offline || state == SyncState::Error) {
        m_retry.stop();
        m_schedule.reset();
        m_session->start();
        return;
    }
    m_session->sendRevocations();
    m_session->pushPending();
}

} // namespace feedback::sync
