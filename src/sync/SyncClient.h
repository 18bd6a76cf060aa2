// A device's sync with its relay, kept alive: owns the WebSocket transport and the session,
// reconnects with exponential backoff and jitter (RetrySchedule: short while nobody answers, so
// a device is back within seconds of its relay), and retries at once when asked (network back,
// "Sync now"). FEEDBACK_SYNC=off (or the setting) turns it off entirely: a local-only queue.
#pragma once

#include "RetrySchedule.h"
#include "SyncSession.h"

#include <QTimer>

#include <memory>

namespace feedback::sync {

class SyncClient : public QObject
{
    Q_OBJECT
public:
    struct Options
    {
        QUrl relayUrl;
        // Relays of the same database to try in turn when the one before does not answer (they
        // share the TLS key the device pins).
        QList<QUrl> fallbackUrls;
        QString caFile;
        // The relay's pinned key (RelayPin; WebSocketTransport::setPinnedKey); empty: none yet,
        // and the key of the first sync that gets through over wss:// is pinned from then on.
        QByteArray relayPin;
        // The relay operator's admission token for a workspace it has not admitted yet
        // (AdmissionTokenKey.h): sent until the relay welcomes this device, then emptied.
        QByteArray admissionToken;
        // The name this device's certificate gets when a sync makes one (after an upgrade).
        QString deviceName;
        // Keep what syncs with the relay brings for nearby devices (UnitKeeper): so that a device
        // that runs nearby-device sync later can give peers what they missed before. Default:
        // FEEDBACK_P2P=on.
        bool keepForPeers = keepForPeersByEnvironment();
        bool reconnect = true;
        int initialBackoffMs = 1000;
        int maxBackoffMs = 60000;
        // While the relay does not answer at all (refused, timed out): tried again this often
        // at most, so that a restarted relay is found within seconds, not after a minute.
        int maxUnreachableBackoffMs = 4000;
        // A ping this often; nothing heard for three intervals means the path is dead.
        int keepaliveMs = 20000;
    };

    static bool disabledByEnvironment();         // FEEDBACK_SYNC=off
    static bool keepForPeersByEnvironment();     // FEEDBACK_P2P=on
    static bool isRelayUrl(const QString &text); // a valid ws:// or wss:// URL with a host

    SyncClient(store::FeedbackStore &store, WorkspaceKeys keys, Options options,
               QObject *parent = nullptr);

    void start();
    void stop();
    void syncNow(); // reconnect immediately if offline, else send pending revocations and push
    SyncSession &session() { return *m_session; }
    int nextRetryMs() const { return m_schedule.backoffMs(); }
    // Time left until the scheduled attempt; -1 when none is scheduled. For a countdown.
    int retryRemainingMs() const { return m_retry.isActive() ? m_retry.remainingTime() : -1; }
    // The relay this client connects to now (of relayUrl and fallbackUrls).
    QUrl currentRelay() const { return m_transport->url(); }
    // The session just went offline because its relay did not answer, and the client is trying
    // the next relay of its list at once: not an outcome to report yet.
    bool failingOver() const { return m_failingOver; }

Q_SIGNALS:
    void retryScheduled(int ms);
    // Trust on first use: a client without a pin got through (up to date) over wss:// with
    // the relay's key `pin`, which it requires from now on. ClientSetup keeps it in the
    // profile, so that later runs require it too.
    void relayKeyPinned(const QByteArray &pin);

private:
    void scheduleRetry();
    void pinFirstKey();
    void forgetAdmissionToken();
    void watchNetwork();
    // After an attempt that reached nobody: the next relay of the list; true when it is tried
    // at once (one round over the list, then the usual backoff).
    bool failOver();

    store::FeedbackStore &m_store;
    Options m_options;
    WebSocketTransport *m_transport;
    UnitKeeper m_keeper; // before the session, which refers to it
    std::unique_ptr<SyncSession> m_session;
    QTimer m_retry;
    RetrySchedule m_schedule;
    bool m_running = false;
    bool m_watchingNetwork = false;
    qsizetype m_current = 0;
    qsizetype m_triedInRound = 0;
    bool m_failingOver = false;
};

} // namespace feedback::sync
