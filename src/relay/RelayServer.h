// The WebSocket side of feedback-relay: accepts connections, admits them by certificate and
// device signature (RelayAdmission), stores signed pushes and acknowledges them after commit,
// serves catch-up in bounded batches, fans new deltas out live to the caught-up full devices of
// the same workspace, and keeps every device of a workspace told of its device list.
#pragma once

#include "RelayAdmission.h"
#include "RelayClock.h"
#include "RelayMetrics.h"
#include "RelayStorage.h"
#include "SocketGate.h"

#include <QHostAddress>
#include <QObject>
#include <QPointer>
#include <QSet>
#include <QSslConfiguration>
#include <QTimer>

#include <array>
#include <optional>

class QWebSocket;
class QWebSocketServer;

namespace feedback::relay {

class RelayConnection;

// One message for many connections, encoded once per protocol version they speak.
class SharedFrame
{
public:
    explicit SharedFrame(protocol::Message message)
        : m_message(std::move(message))
    {}
    const QByteArray &in(int version);

private:
    protocol::Message m_message;
    std::array<QByteArray, protocol::kProtocolVersion - protocol::kMinProtocolVersion + 1> m_frames;
};

struct RelayLimits
{
    qsizetype maxFrameBytes = protocol::limits::kDefaultMaxFrameBytes;
    qsizetype maxBatch = protocol::limits::kDefaultMaxBatch;
    int maxConnections = 1000;
    // Sockets of one source address, authenticated or not (a depot's devices share one).
    int maxConnectionsPerAddress = 256;
    // File descriptors the process may hold (0: raise the soft limit and use it).
    int descriptors = 0;
    // Output waiting in all connections together (--max-queued-mb): past it, the connections
    // furthest behind are dropped (they catch up when they come back).
    qint64 maxQueuedBytes = 256LL * 1024 * 1024;
    // Admission (--open, `feedback-relay admit`): whether any workspace is served, or only those
    // the operator admitted; what each may store (--workspace-quota-mb: its units and snapshot
    // parts) and how many of its devices may be connected at once.
    bool openAdmission = false;
    qint64 workspaceQuotaBytes = 4096LL * 1024 * 1024;
    int maxConnectionsPerWorkspace = 1024;
    int maxFramesPerSecond = 200;
    int authTimeoutMs = 5000;
    // A ping this often; a connection that answered none of three in a row is closed (a kiosk
    // that lost power would otherwise hold its slot forever).
    int keepaliveMs = 30000;
    // Snapshots (protocol 6): when to ask a device for one, and how long the units one covers
    // stay in the log after it (`--snapshot-every`, `--keep-history`).
    SnapshotPolicy snapshots;
    qint64 keepHistoryMs = 30LL * 24 * 3600 * 1000;
};

class RelayServer : public QObject
{
    Q_OBJECT
public:
    // `clock`: the system's, but for tests that step it.
    RelayServer(RelayStorage &storage, RelayLimits limits,
                std::optional<QSslConfiguration> tls = std::nullopt,
                const RelayClock &clock = RelayClock::system(), QObject *parent = nullptr);
    ~RelayServer() override;

    Status listen(const QHostAddress &address, quint16 port);
    QString url() const;

    RelayStorage &storage() { return m_storage; }
    const RelayLimits &limits() const { return m_limits; }
    const RelayClock &clock() const { return m_clock; }
    RelayAdmission &admission() { return m_admission; }
    SocketGate &gate() { return m_gate; }
    RelayMetrics &metrics() { return m_metrics; }
    // `GET /metrics`: the counters with the gauges of this moment.
    QByteArray metricsText();
    // Live deltas go to the workspace's other caught-up devices before they are durable (see
    // RelayStorage::append); `confirm` then tells every caught-up device that the log is
    // durable up to `position`, the only positions a device may keep as its cursor.
    void broadcast(const QByteArray &workspace, const QList<protocol::SealedDelta> &deltas,
                   const RelayConnection *except);
    // `first`: the first position sent live with it (the snapshot's for a snapshot). On a
    // database that several relays share, a device whose confirmed position is before `first - 1`
    // first gets the units the other relays stored in between (fillGap).
    void confirm(const QByteArray &workspace, quint64 first, quint64 position,
                 const QByteArray &chain);
    // A push sent live could not be committed after all: the devices that saw it reconnect and
    // catch up from their confirmed positions (which the next units will reuse).
    void abandonLive(const QByteArray &workspace, const RelayConnection *except);
    // The workspace's device list to each of its authenticated connections but `except`.
    void sendDevices(const QByteArray &workspace, const RelayConnection *except);
    // Closes every connection of a device just revoked, with `revoked`.
    void closeRevoked(const QByteArray &workspace, const QByteArray &device);
    // RelayEpochs.cpp: each authenticated connection of the workspace gets the key epochs, with
    // the envelope sealed to its own device.
    void sendEpochs(const QByteArray &workspace);
    // RelaySnapshots.cpp: an essential snapshot to the caught-up devices but `except`, then the
    // position confirmed to all of them.
    void spreadSnapshot(const QByteArray &workspace, const StoredSnapshot &snapshot,
                        const RelayConnection *except);
    // Whether to ask this device for a snapshot in its welcome: the log grew enough, and no other
    // device of the workspace was asked in the last few minutes.
    bool askForSnapshot(const QByteArray &workspace);
    void snapshotArrived(const QByteArray &workspace) { m_snapshotAsked.remove(workspace); }
    // RelayPresence.cpp: a presence note to the workspace's live full devices of protocol 7 but
    // `except` and the sender; and, when a device that sent notes leaves, that it is gone.
    void forwardPresence(const QByteArray &workspace, const protocol::Presence &presence,
                         const RelayConnection *except);
    void presenceEnded(const RelayConnection &connection);
    // Authenticated connections of the workspace.
    int connectionsOf(const QByteArray &workspace) const;
    void forget(RelayConnection *connection);
    void closeAll();

private:
    void accept();
    // Keeps the output all connections have queued within maxQueuedBytes.
    void shedQueues();
    QList<RelayConnection *> liveConnections(const QByteArray &workspace,
                                             const RelayConnection *except) const;
    // RelaySharedLog.cpp. Sends `c` the units after its confirmed position and before `first`,
    // which another relay stored; false when they do not fit one frame or are not all units (the
    // device was told to catch up again).
    bool fillGap(RelayConnection &c, quint64 first);
    // Another relay on the database changed the workspace: this relay's devices hear of it as
    // they would of its own changes.
    void storedElsewhere(const QByteArray &workspace, const RelayStorage::StoredChange &change);
    // Units up to `head`: the live devices get them, with their confirmation.
    void unitsStoredElsewhere(const QByteArray &workspace, quint64 head);

    RelayStorage &m_storage;
    RelayLimits m_limits;
    const RelayClock &m_clock;
    RelayAdmission m_admission;
    SocketGate m_gate;
    RelayMetrics m_metrics;
    QWebSocketServer *m_server;
    class RelayListener *m_listener;
    QSet<RelayConnection *> m_connections;
    QHash<QByteArray, qint64> m_snapshotAsked; // workspace -> when a device was asked (monotonic)
    QTimer *m_queueCheck;
};

class RelayConnection : public QObject
{
    Q_OBJECT
public:
    RelayConnection(QWebSocket *socket, RelayServer &server);
    ~RelayConnection() override;

    const QByteArray &workspace() const { return m_workspace; }
    const QByteArray &device() const { return m_device; }
    bool isAuthenticated() const { return m_state == State::Authenticated; }
    protocol::Role role() const { return m_role; }
    int frameVersion() const { return m_frameVersion; }
    // Kiosks never subscribe (their pull is refused): they get no live deltas.
    bool isLive() const
    {
        return isAuthenticated() && m_subscribed && !m_sending && m_role == protocol::Role::Full;
    }
    // `frame`: a message encoded once for all the workspace's devices.
    void sendLive(SharedFrame &frame);
    // The last position the device was told is durable (its cursor, as this relay knows it).
    quint64 confirmedPosition() const { return m_confirmed; }
    void setConfirmed(quint64 position) { m_confirmed = std::max(m_confirmed, position); }
    // Output written to the socket that the device has not read yet.
    qint64 queuedBytes() const;
    // Closed at once, its queue dropped: it fell too far behind (no error frame, since it would
    // wait behind that queue).
    void dropBehind(qint64 totalQueued);
    // Sends the error (in `frameVersion`, else in the version the device speaks) and closes.
    void refuse(protocol::ErrorCode code, const QString &text,
                std::optional<int> frameVersion = std::nullopt);
    // A device of another protocol version: update-required when it is older than this relay
    // serves, unsupported-version when it is newer.
    void refuseVersion(quint64 version);
    // RelayEpochs.cpp: the workspace's key epochs with this device's envelopes (version 5 on).
    void sendEpochs();
    // RelayPresence.cpp: whether presence notes go to it (live, full, protocol 7 on), and one
    // note, dropped when the device is slow to read.
    bool hearsPresence() const;
    void sendPresence(SharedFrame &frame);
    bool sentPresence() const { return m_presenceSent; }
    // RelaySnapshots.cpp: the snapshot at `position`, part by part; `paced`: as the socket
    // drains (a catch-up), else all at once (to a live device, before live frames).
    void sendSnapshot(quint64 position, bool paced);

private:
    enum class State
    {
        AwaitHello,
        AwaitAuth,
        Authenticated,
        Closing
    };

    void onFrame(const QByteArray &frame);
    void onHello(const protocol::Hello &hello);
    void onAuth(const protocol::Auth &auth);
    void onPush(const protocol::Push &push);
    void onPull(const protocol::Pull &pull);
    void onRevoke(const protocol::Revoke &revoke);
    // RelayInvites.cpp: an invite to hold (a full device's), and a claim (before any hello).
    void onInvite(const protocol::Invite &invite);
    void onClaim(const protocol::Claim &claim);
    void cancelInvite(const QByteArray &handle);
    void onRotate(const protocol::Rotate &rotate);
    // RelaySnapshots.cpp: a full device's snapshot, part by part; a snapshot in the catch-up.
    void onPutSnapshot(const protocol::PutSnapshot &put);
    void sendSnapshotParts();
    void onPresence(const protocol::Presence &presence);
    // A pull's cursor whose chain value differs from the log's there: the device was told.
    bool divergedAt(const protocol::Pull &pull);
    void sendDeviceList();
    void refuse(const protocol::Error &error) { refuse(error.code, error.text); }
    void send(const protocol::Message &message);
    QString peer() const;

    QWebSocket *m_socket;
    RelayServer &m_server;
    State m_state = State::AwaitHello;
    // The protocol version of this connection's first frame (a hello or a claim): every later
    // frame must have it, and every frame to the device is in it.
    int m_frameVersion = protocol::kProtocolVersion;
    QByteArray m_workspace;
    QByteArray m_device;
    protocol::Role m_role = protocol::Role::Full; // from the device's certificate
    protocol::DeviceCertificate m_certificate;    // verified at hello
    QByteArray m_nonce;
    // The hash of the admission token that let an unadmitted workspace's hello through: used up
    // at a good auth, which admits the workspace.
    QByteArray m_admissionToken;
    bool m_subscribed = false;
    quint64 m_confirmed = 0;
    // The snapshot this device's catch-up starts from (RelayStorage::planFor), until it is past.
    std::optional<StoredSnapshot> m_plan;
    // The snapshot being sent to this device, and the pulls that wait for its last part (no
    // live frames meanwhile either: isLive).
    struct SnapshotSending
    {
        StoredSnapshot snapshot;
        quint64 next = 0;
        bool paced = true;
    };
    std::optional<SnapshotSending> m_sending;
    // The TCP (or TLS) socket under m_socket, from the gate: what waits in it counts too.
    QPointer<QTcpSocket> m_tcp;
    QList<protocol::Pull> m_pullsAfterSnapshot;
    // The snapshot this device is uploading: the next part expected, and its first part's shape.
    std::optional<protocol::SnapshotPart> m_upload;
    // On the monotonic clock (RelayClock::monotonicMs).
    qint64 m_windowStart = 0;
    qint64 m_lastHeard = 0;
    int m_framesInWindow = 0;
    // Presence notes: a token bucket (RelayPresence.cpp), and whether any was sent.
    int m_presenceTokens = 8;
    qint64 m_presenceRefilledAt = 0;
    bool m_presenceSent = false;
};

} // namespace feedback::relay
