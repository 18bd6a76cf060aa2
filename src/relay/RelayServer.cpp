#include "RelayServer.h"

#include "RelayListener.h"

#include <QWebSocket>
#include <QWebSocketServer>

#include <common/LogCategories.h>

namespace feedback::relay {

using namespace protocol;

RelayServer::RelayServer(RelayStorage &storage, RelayLimits limits,
                         std::optional<QSslConfiguration> tls, const RelayClock &clock,
                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_limits(limits)
    , m_clock(clock)
    , m_admission(storage, clock)
    , m_gate(socketLimitsFor(limits.maxConnections, limits.maxConnectionsPerAddress,
                             limits.authTimeoutMs,
                             limits.descriptors > 0 ? limits.descriptors : raiseDescriptorLimit()))
    , m_server(new QWebSocketServer(
          QStringLiteral("feedback-relay"),
          tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this))
    , m_listener(new RelayListener(
          m_gate, tls, [this](QTcpSocket *socket) { m_server->handleConnection(socket); }, this))
{
    // The WebSocket server never listens itself: the listener accepts every socket through the
    // gate, whose deadline covers the upgrade too (Qt's handshake timer runs only for sockets
    // the WebSocket server accepts itself).
    connect(m_server, &QWebSocketServer::newConnection, this, &RelayServer::accept);
    // A few times a second: one pull answer is at most a frame, so a queue grows by little
    // between two checks, and summing a thousand connections' queues costs nothing.
    m_queueCheck = new QTimer(this);
    connect(m_queueCheck, &QTimer::timeout, this, &RelayServer::shedQueues);
    m_queueCheck->start(200);
    m_storage.setStoredElsewhere(
        [this](const QByteArray &workspace, const RelayStorage::StoredChange &change) {
            storedElsewhere(workspace, change);
        });
}

void RelayServer::shedQueues()
{
    qint64 total = 0;
    QList<std::pair<qint64, RelayConnection *>> queued;
    for (RelayConnection *c : std::as_const(m_connections))
        if (const qint64 bytes = c->queuedBytes(); bytes > 0) {
            total += bytes;
            queued.append({bytes, c});
        }
    if (total <= m_limits.maxQueuedBytes)
        return;
    std::sort(queued.begin(), queued.end(),
              [](const auto &a, const auto &b) { return a.first > b.first; });
    const qint64 before = total;
    for (const auto &[bytes, connection] : std::as_const(queued)) {
        if (total <= m_limits.maxQueuedBytes)
            break;
        total -= bytes;
        connection->dropBehind(before);
    }
}

RelayServer::~RelayServer()
{
    m_storage.setStoredElsewhere({});
    closeAll();
}

Status RelayServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_listener->listen(address, port))
        return Status::failure(m_listener->errorString());
    return Ok{};
}

QString RelayServer::url() const
{
    return listenUrl(m_listener->isSecure() ? QStringLiteral("wss") : QStringLiteral("ws"),
                     *m_listener);
}

void RelayServer::accept()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        auto *connection = new RelayConnection(socket, *this);
        if (m_connections.size() >= m_limits.maxConnections) {
            connection->refuse(ErrorCode::Busy, QStringLiteral("too many connections"));
            continue;
        }
        m_connections.insert(connection);
    }
}

void RelayServer::sendDevices(const QByteArray &workspace, const RelayConnection *except)
{
    const Result<Devices> devices = m_admission.devices(workspace);
    if (!devices) {
        qCWarning(lcRelay).noquote() << "cannot read the device list:" << devices.error();
        return;
    }
    SharedFrame frame(*devices); // encoded once for all of them
    for (RelayConnection *c : std::as_const(m_connections))
        if (c != except && c->isAuthenticated() && c->workspace() == workspace)
            c->sendLive(frame);
}

void RelayServer::closeRevoked(const QByteArray &workspace, const QByteArray &device)
{
    const auto connections = m_connections; // a copy: refusing may end one
    for (RelayConnection *c : connections)
        if (c->workspace() == workspace && c->device() == device)
            c->refuse(ErrorCode::Revoked,
                      QStringLiteral("This device was removed from the workspace"));
}

const QByteArray &SharedFrame::in(int version)
{
    const auto slot = static_cast<std::size_t>(version - kMinProtocolVersion);
    Q_ASSERT(slot < m_frames.size());
    if (m_frames[slot].isEmpty())
        m_frames[slot] = encode(m_message, version);
    return m_frames[slot];
}

QByteArray RelayServer::metricsText()
{
    RelayMetrics::Gauges g;
    QSet<QByteArray> devices, workspaces;
    for (const RelayConnection *c : std::as_const(m_connections)) {
        if (!c->isAuthenticated()) {
            ++g.unauthenticatedConnections;
            continue;
        }
        ++(c->role() == Role::Kiosk ? g.kioskConnections : g.fullConnections);
        devices.insert(c->workspace() + c->device());
        workspaces.insert(c->workspace());
    }
    g.devices = static_cast<int>(devices.size());
    g.liveWorkspaces = static_cast<int>(workspaces.size());
    g.sockets = m_gate.sockets();
    if (const Result<qint64> stored = m_storage.workspaceCount())
        g.workspaces = *stored;
    g.storageBytes = m_storage.bytesOnDisk();
    return m_metrics.render(g);
}

int RelayServer::connectionsOf(const QByteArray &workspace) const
{
    int count = 0;
    for (const RelayConnection *c : m_connections)
        count += c->isAuthenticated() && c->workspace() == workspace ? 1 : 0;
    return count;
}

void RelayServer::forget(RelayConnection *connection)
{
    m_connections.remove(connection);
}

void RelayServer::closeAll()
{
    const auto connections = m_connections;
    for (RelayConnection *c : connections)
        delete c;
    m_connections.clear();
    m_listener->close();
    m_server->close();
}

QList<RelayConnection *> RelayServer::liveConnections(const QByteArray &workspace,
                                                      const RelayConnection *except) const
{
    // A copy: refusing one of them below may end it.
    QList<RelayConnection *> out;
    for (RelayConnection *c : m_connections)
        if (c != except && c->isLive() && c->workspace() == workspace)
            out.append(c);
    return out;
}

void RelayServer::broadcast(const QByteArray &workspace, const QList<SealedDelta> &deltas,
                            const RelayConnection *except)
{
    const auto live = liveConnections(workspace, except);
    if (live.isEmpty())
        return;
    SharedFrame frame(Deltas{deltas, false, true}); // encoded once for all of them
    for (RelayConnection *c : live)
        c->sendLive(frame);
    m_metrics.unitsSent(live.size() * deltas.size());
}

void RelayServer::abandonLive(const QByteArray &workspace, const RelayConnection *except)
{
    for (RelayConnection *c : liveConnections(workspace, except))
        c->refuse(ErrorCode::Internal,
                  QStringLiteral("live deltas could not be stored: catch up again"));
}

void RelayServer::confirm(const QByteArray &workspace, quint64 first, quint64 position,
                          const QByteArray &chain)
{
    const auto live = liveConnections(workspace, nullptr);
    if (live.isEmpty())
        return;
    SharedFrame frame(CaughtUp{position, chain});
    for (RelayConnection *c : live) {
        // A device moves its cursor to the confirmed position: what another relay stored before
        // `first` must reach it first, or it would never read it.
        if (m_storage.isShared() && c->confirmedPosition() + 1 < first && !fillGap(*c, first))
            continue;
        c->sendLive(frame);
        c->setConfirmed(position);
    }
}

} // namespace feedback::relay
