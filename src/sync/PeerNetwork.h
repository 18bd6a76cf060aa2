// Sync with nearby devices of the workspace (PROTOCOL.md, "Nearby devices"), beside the relay:
// listens for peers (QWebSocketServer), dials the peers named by hand and those discovery finds,
// keeps one PeerSession per connection, and tells every session when there is something new to
// give (a change here, units from the relay or from another peer). With a relay session
// attached, units are kept for peers as they arrive, this device's own units are sealed once,
// and what peers gave is handed over to the relay. FEEDBACK_P2P=on|off turns it on or off.
#pragma once

#include "PeerDiscovery.h"
#include "PeerSession.h"
#include "UnitKeeper.h"
#include "WorkspaceKeys.h"

#include <QHash>
#include <QHostAddress>
#include <QJsonObject>
#include <QObject>
#include <QPointer>
#include <QTimer>

#include <memory>
#include <optional>

class QWebSocketServer;

namespace feedback::sync {

class SyncSession;

struct PeerAddress
{
    QString host;
    quint16 port = 0;
    QString text() const { return host + QLatin1Char(':') + QString::number(port); }
    bool operator==(const PeerAddress &) const = default;
    // "HOST:PORT" (IPv6 as [ADDR]:PORT), port 1..65535 (0 too with `anyPort`: a free one, for a
    // listening address); nothing otherwise.
    static std::optional<PeerAddress> parse(const QString &text, bool anyPort = false);
};

class PeerNetwork : public QObject
{
    Q_OBJECT
public:
    // Connections at once, dialled and accepted: a depot has a few dozen devices at most.
    static constexpr qsizetype kMaxSessions = 64;
    struct Options
    {
        QList<PeerAddress> peers;          // --peer: dialled, and dialled again when they go
        std::optional<PeerAddress> listen; // --peer-listen; default: every interface, free port
        quint16 anyInterfacePort = 0;      // without `listen`: every interface at this port
        bool serve = true;                 // listen for peers at all
        bool discovery = true;
        quint16 discoveryPort = defaultDiscoveryPort();
        int redialMs = 3000;
        int answerTimeoutMs = PeerSession::kAnswerTimeoutMs;
    };
    // FEEDBACK_P2P=on|off; `byDefault` when unset (or anything else).
    static bool enabledByEnvironment(bool byDefault);
    // PeerDiscovery::kDefaultPort, or FEEDBACK_P2P_DISCOVERY_PORT (tests on one machine keep
    // their announcements apart).
    static quint16 defaultDiscoveryPort();

    PeerNetwork(store::FeedbackStore &store, WorkspaceKeys keys, Options options,
                QObject *parent = nullptr);
    ~PeerNetwork() override;

    // Listens, dials and announces. A failure to listen is an error (the address is taken or
    // not this machine's); discovery that cannot start is only logged.
    Status start();
    void stop();
    // The relay's session (may be null): it keeps units for peers and hands over theirs.
    void attach(SyncSession *relay);
    // Something changed here (a submit, an edit): every peer is given it.
    void localChange();
    // Tells every peer that takes presence where this device's dispatcher is; false when none.
    bool sendPresence(const PresenceNote &note);

    quint16 listenPort() const;
    // Distinct devices connected and authenticated, and those of them synced.
    int peerCount() const;
    int syncedCount() const;
    UnitKeeper &keeper() { return m_keeper; }

Q_SIGNALS:
    void peerConnected(const QJsonObject &details);
    void peerSynced(const QJsonObject &details);
    void peerClosed(const QJsonObject &details);
    void recordsChanged();
    void peersChanged();
    // A peer's presence note (PeerSession::presenceArrived).
    void presenceArrived(const QByteArray &device, const std::optional<PresenceNote> &note);

private:
    void closeSessions();
    void onNewConnection();
    void dial(const PeerAddress &address);
    void adopt(PeerSession *session, std::optional<PeerAddress> dialled);
    void onAuthenticated(PeerSession *session);
    void onReceived(PeerSession *session, const QList<protocol::SealedDelta> &units);
    void offerAll(PeerSession *except = nullptr);
    // A connection to the device last met at `address` is up (whoever dialled it).
    bool connectedTo(const PeerAddress &address) const;
    QJsonObject detailsOf(const PeerSession *session) const;

    store::FeedbackStore &m_store;
    WorkspaceKeys m_keys;
    Options m_options;
    UnitKeeper m_keeper;
    PeerTrust m_trust;
    QWebSocketServer *m_server = nullptr;
    PeerDiscovery *m_discovery = nullptr;
    QPointer<SyncSession> m_relay;
    UnitKeeper *m_relayKeeper = nullptr; // the relay session's own, given back when this goes
    QList<PeerSession *> m_sessions;
    QList<PeerAddress> m_dialling;         // connections being made or held, by the address dialled
    QHash<QString, QByteArray> m_deviceAt; // address dialled -> the device met there
    bool m_running = false;
};

} // namespace feedback::sync
