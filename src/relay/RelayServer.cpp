#include "RelayServer.h"

#include <QAbstractSocket>
#include <QTcpServer>
#include <QTcpSocket>
#include <QTimer>
#include <QWebSocket>
#include <QWebSocketServer>

#include <common/LogCategories.h>
#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>

namespace feedback::relay {

using namespace protocol;

namespace {
// Output a connection may have queued before the relay stops feeding it.
constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;
} // namespace

RelayServer::RelayServer(RelayStorage &storage, RelayLimits limits,
                         std::optional<QSslConfiguration> tls, const RelayClock &clock,
                         QObject *parent)
    : QObject(parent)
    , m_storage(storage)
    , m_limits(limits)
    , m_clock(clock)
    , m_server(new QWebSocketServer(
          QStringLiteral("feedback-relay"),
          tls ? QWebSocketServer::SecureMode : QWebSocketServer::NonSecureMode, this))
{
    if (tls)
        m_server->setSslConfiguration(*tls);
    connect(m_server, &QWebSocketServer::newConnection, this, &RelayServer::accept);
}

RelayServer::~RelayServer()
{
    closeAll();
}

Status RelayServer::listen(const QHostAddress &address, quint16 port)
{
    if (m_server->secureMode() == QWebSocketServer::SecureMode) {
        if (!m_server->listen(address, port))
            return Status::failure(m_server->errorString());
        return Ok{};
    }
    // Plain ws://: accept the TCP connections ourselves to turn Nagle's algorithm off. With it,
    // the tail of every catch-up batch waited ~40 ms for the peer's delayed ACK.
    m_tcp = new QTcpServer(this);
    connect(m_tcp, &QTcpServer::newConnection, this, [this] {
        while (QTcpSocket *socket = m_tcp->nextPendingConnection()) {
            socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
            m_server->handleConnection(socket);
        }
    });
    if (!m_tcp->listen(address, port))
        return Status::failure(m_tcp->errorString());
    return Ok{};
}

QString RelayServer::url() const
{
    if (m_tcp)
        return QStringLiteral("ws://%1:%2")
            .arg(m_tcp->serverAddress().toString())
            .arg(m_tcp->serverPort());
    return m_server->serverUrl().toString();
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
    if (m_tcp)
        m_tcp->close();
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
    const QByteArray frame = encode(Deltas{deltas, false, true}); // once for all of them
    for (RelayConnection *c : live)
        c->sendLive(frame);
}

void RelayServer::abandonLive(const QByteArray &workspace, const RelayConnection *except)
{
    for (RelayConnection *c : liveConnections(workspace, except))
        c->refuse(ErrorCode::Internal,
                  QStringLiteral("live deltas could not be stored: catch up again"));
}

void RelayServer::confirm(const QByteArray &workspace, quint64 position)
{
    const auto live = liveConnections(workspace, nullptr);
    if (live.isEmpty())
        return;
    const QByteArray frame = encode(CaughtUp{position});
    for (RelayConnection *c : live)
        c->sendLive(frame);
}

RelayConnection::RelayConnection(QWebSocket *socket, RelayServer &server)
    : QObject(&server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    // The WebSocket layer buffers up to twice the limit, so that a frame just over it gets a
    // `too-large` error rather than a bare close.
    m_socket->setMaxAllowedIncomingFrameSize(2 *
                                             static_cast<quint64>(server.limits().maxFrameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(2 *
                                               static_cast<quint64>(server.limits().maxFrameBytes));
    qCInfo(lcRelay).noquote() << "connected" << peer();
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RelayConnection::onFrame);
    // Half-open connections (a kiosk that lost power) would hold a slot forever: ping and
    // close when nothing was heard for three rounds.
    m_lastHeard = m_windowStart = server.clock().monotonicMs();
    connect(m_socket, &QWebSocket::pong, this,
            [this] { m_lastHeard = m_server.clock().monotonicMs(); });
    auto *keepalive = new QTimer(this);
    connect(keepalive, &QTimer::timeout, this, [this, keepalive] {
        if (m_server.clock().monotonicMs() - m_lastHeard > 3LL * keepalive->interval()) {
            keepalive->stop();
            qCInfo(lcRelay).noquote() << "silent" << peer();
            m_socket->abort();
            return;
        }
        m_socket->ping();
    });
    keepalive->start(server.limits().keepaliveMs);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] {
        refuse(ErrorCode::BadFrame, QStringLiteral("text frames are not part of the protocol"));
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        qCInfo(lcRelay).noquote() << "disconnected" << peer();
        m_server.forget(this);
        deleteLater();
    });
    // An unauthenticated socket costs memory and a slot: it gets a few seconds.
    QTimer::singleShot(server.limits().authTimeoutMs, this, [this] {
        if (m_state != State::Authenticated && m_state != State::Closing)
            refuse(ErrorCode::AuthTimeout, QStringLiteral("no authentication in time"));
    });
}

RelayConnection::~RelayConnection()
{
    m_server.forget(this);
}

QString RelayConnection::peer() const
{
    QString who = m_socket->peerAddress().toString() + QLatin1Char(':') +
                  QString::number(m_socket->peerPort());
    if (!m_device.isEmpty())
        who += QStringLiteral(" device=") + QString::fromLatin1(m_device.toHex());
    return who;
}

void RelayConnection::send(const Message &message)
{
    m_socket->sendBinaryMessage(encode(message));
}

void RelayConnection::refuse(ErrorCode code, const QString &text, int frameVersion)
{
    if (m_state == State::Closing)
        return;
    qCInfo(lcRelay).noquote() << "refused" << peer() << errorCodeName(code) << text;
    m_socket->sendBinaryMessage(encode(Error{code, text}, frameVersion));
    m_state = State::Closing;
    m_socket->flush();
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, errorCodeName(code));
}

void RelayConnection::onFrame(const QByteArray &frame)
{
    if (m_state == State::Closing)
        return;
    const qint64 now = m_server.clock().monotonicMs();
    m_lastHeard = now;
    if (now - m_windowStart >= 1000) {
        m_windowStart = now;
        m_framesInWindow = 0;
    }
    if (++m_framesInWindow > m_server.limits().maxFramesPerSecond)
        return refuse(ErrorCode::RateLimited, QStringLiteral("too many frames per second"));
    const DecodeResult decoded =
        decode(frame, m_server.limits().maxFrameBytes, m_server.limits().maxBatch);
    if (!decoded.message && decoded.unsupportedVersion)
        return refuseVersion(decoded.version);
    if (!decoded.message)
        return refuse(decoded.tooLarge ? ErrorCode::TooLarge : ErrorCode::BadFrame, decoded.error);
    const Message &m = *decoded.message;
    if (const auto *hello = std::get_if<Hello>(&m); hello && m_state == State::AwaitHello)
        return onHello(*hello);
    if (const auto *auth = std::get_if<Auth>(&m); auth && m_state == State::AwaitAuth)
        return onAuth(*auth);
    if (m_state != State::Authenticated)
        return refuse(ErrorCode::NotAuthenticated, QStringLiteral("hello and auth come first"));
    if (const auto *push = std::get_if<Push>(&m))
        return onPush(*push);
    if (const auto *pull = std::get_if<Pull>(&m))
        return onPull(*pull);
    refuse(ErrorCode::BadFrame, QStringLiteral("unexpected message"));
}

void RelayConnection::refuseVersion(quint64 version)
{
    if (version < quint64(kMinProtocolVersion))
        // Said in the device's own frame version, so that it can show "update required".
        return refuse(ErrorCode::UpdateRequired,
                      QStringLiteral("update required: this relay requires protocol %1 or newer; "
                                     "this device speaks protocol %2")
                          .arg(kMinProtocolVersion)
                          .arg(version),
                      static_cast<int>(version));
    refuse(ErrorCode::UnsupportedVersion,
           QStringLiteral("this relay speaks protocol %1 to %2, older than the device's %3: the "
                          "relay needs an update")
               .arg(kMinProtocolVersion)
               .arg(kProtocolVersion)
               .arg(version));
}

void RelayConnection::onHello(const Hello &hello)
{
    if (hello.protocol < kMinProtocolVersion || hello.protocol > kProtocolVersion)
        return refuseVersion(static_cast<quint64>(hello.protocol));
    const Result<DeviceCertificate> certificate =
        DeviceCertificate::verify(hello.certificate, hello.workspace);
    if (!certificate || certificate->device != hello.device)
        return refuse(ErrorCode::AuthFailed, QStringLiteral("the certificate is not valid"));
    m_workspace = hello.workspace;
    m_device = hello.device;
    m_devicePublicKey = certificate->publicKey;
    m_nonce = AuthProof::newChallenge();
    m_state = State::AwaitAuth;
    send(Challenge{m_nonce});
}

void RelayConnection::onAuth(const Auth &auth)
{
    if (!AuthProof::verify(m_devicePublicKey, m_nonce, m_workspace, m_device, auth.signature))
        return refuse(ErrorCode::AuthFailed, QStringLiteral("the signature does not prove "
                                                            "membership of this workspace"));
    m_nonce.clear(); // one challenge, one use
    m_state = State::Authenticated;
    qCInfo(lcRelay).noquote() << "authenticated" << peer() << "workspace"
                              << QString::fromLatin1(m_workspace.toHex().left(16));
    RelayStorage &storage = m_server.storage();
    const RelayLimits &limits = m_server.limits();
    send(Welcome{storage.head(m_workspace), storage.storedUpTo(m_workspace, m_device),
                 static_cast<quint64>(limits.maxBatch),
                 static_cast<quint64>(limits.maxFrameBytes)});
}

void RelayConnection::onPush(const Push &push)
{
    if (push.deltas.isEmpty())
        return send(Ack{m_device, m_server.storage().storedUpTo(m_workspace, m_device)});
    // The signature proved workspace membership; the device id in hello is only a name. So a
    // device may also push deltas of another origin (the old identity of a copied profile):
    // one origin per push, contiguous as always (RelayStorage::append checks both).
    const QByteArray origin = push.deltas.first().origin;
    // The other devices see the new units while the relay's disk flushes them; the writer's
    // ack waits for the flush. Should the commit fail (or the relay die first), those
    // positions were never confirmed: the devices keep their cursors before them and get
    // whatever ends up stored there, and the writer pushes the same deltas again.
    bool sentLive = false;
    const AppendOutcome outcome = m_server.storage().append(
        m_workspace, push.deltas, [this, &sentLive](const QList<SealedDelta> &units) {
            sentLive = true;
            m_server.broadcast(m_workspace, units, this);
        });
    if (outcome.refused) {
        if (sentLive)
            m_server.abandonLive(m_workspace, this);
        return refuse(outcome.refused->code, outcome.refused->text);
    }
    send(Ack{origin, outcome.storedUpTo});
    if (!outcome.appended.isEmpty())
        m_server.confirm(m_workspace, outcome.appended.last().position);
}

void RelayConnection::onPull(const Pull &pull)
{
    // A reader that does not read must not make the relay buffer for it without end.
    if (m_socket->bytesToWrite() > kMaxQueuedBytes)
        return refuse(ErrorCode::RateLimited, QStringLiteral("pulling faster than reading"));
    // Cut by count and by bytes, so each frame stays under the frame limit (long comments in
    // many-byte scripts, large groups) and a catch-up never holds more than a frame.
    const Result<LogPage> page = m_server.storage().read(
        m_workspace, pull.cursor, m_server.limits().maxBatch, m_server.limits().maxFrameBytes - 64);
    if (!page) {
        qCWarning(lcRelay).noquote() << "cannot read the log:" << page.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
    }
    const QList<SealedDelta> &deltas = page->units;
    const bool more = page->more;
    if (!deltas.isEmpty())
        send(Deltas{deltas, more, false});
    if (!more) {
        const quint64 cursor = deltas.isEmpty() ? pull.cursor : deltas.last().position;
        send(CaughtUp{cursor});
        m_subscribed = true;
    }
}

void RelayConnection::sendLive(const QByteArray &frame)
{
    if (m_socket->bytesToWrite() > kMaxQueuedBytes)
        return refuse(ErrorCode::RateLimited,
                      QStringLiteral("too far behind the live stream: reconnect and catch up"));
    m_socket->sendBinaryMessage(frame);
    // Out now, not when the event loop next runs: live deltas are sent before the commit so
    // that they travel while the disk flushes.
    m_socket->flush();
}

} // namespace feedback::relay
