#include "PeerNetwork.h"

#include "SyncSession.h"

#include <QUrl>
#include <QWebSocket>
#include <QWebSocketServer>

#include <common/HostPort.h>
#include <common/LogCategories.h>
#include <store/RowSealer.h>

namespace feedback::sync {

namespace {

// Why a second connection to the same device is closed (not an error: it is not reported).
constexpr char kDuplicate[] = "already connected to this device";

} // namespace

std::optional<PeerAddress> PeerAddress::parse(const QString &text, bool anyPort)
{
    const auto split = splitHostPort(text);
    if (!split || (split->port == 0 && !anyPort) || split->host.contains(QLatin1Char('/')) ||
        split->host.contains(QLatin1Char(' ')))
        return std::nullopt;
    return PeerAddress{split->host, split->port};
}

bool PeerNetwork::enabledByEnvironment(bool byDefault)
{
    const QByteArray value = qgetenv("FEEDBACK_P2P").trimmed().toLower();
    if (value == "on" || value == "1" || value == "true")
        return true;
    if (value == "off" || value == "0" || value == "false")
        return false;
    return byDefault;
}

quint16 PeerNetwork::defaultDiscoveryPort()
{
    bool ok = false;
    const uint port = qEnvironmentVariable("FEEDBACK_P2P_DISCOVERY_PORT").toUInt(&ok);
    return ok && port > 0 && port <= 65535 ? static_cast<quint16>(port)
                                           : PeerDiscovery::kDefaultPort;
}

PeerNetwork::PeerNetwork(store::FeedbackStore &store, WorkspaceKeys keys, Options options,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keys(std::move(keys))
    , m_options(std::move(options))
    , m_keeper(store)
    , m_trust(store, m_keys)
{
    m_keeper.setKeeping(true);
}

PeerNetwork::~PeerNetwork()
{
    closeSessions(); // not stop(): the store may be gone by now
    if (m_relay)
        m_relay->setKeeper(m_relayKeeper);
}

Status PeerNetwork::start()
{
    m_running = true;
    if (m_options.serve) {
        m_server = new QWebSocketServer(QStringLiteral("courier-feedback"),
                                        QWebSocketServer::NonSecureMode, this);
        const QHostAddress address = m_options.listen ? QHostAddress(m_options.listen->host)
                                                      : QHostAddress(QHostAddress::Any);
        if (m_options.listen && address.isNull())
            return Status::failure(QStringLiteral("--peer-listen %1: not an IP address of this "
                                                  "machine")
                                       .arg(m_options.listen->text()));
        if (!m_server->listen(address, m_options.listen ? m_options.listen->port
                                                        : m_options.anyInterfacePort))
            return Status::failure(
                QStringLiteral("cannot listen for nearby devices at %1: %2")
                    .arg(m_options.listen ? m_options.listen->text()
                         : m_options.anyInterfacePort
                             ? QStringLiteral("port %1").arg(m_options.anyInterfacePort)
                             : QStringLiteral("a free port"),
                         m_server->errorString()));
        connect(m_server, &QWebSocketServer::newConnection, this, &PeerNetwork::onNewConnection);
    }
    for (const PeerAddress &peer : std::as_const(m_options.peers))
        dial(peer);
    if (m_options.discovery && m_server) {
        m_discovery = new PeerDiscovery(m_keys.workspaceId(), listenPort(), this);
        QString error;
        if (!m_discovery->start(m_options.discoveryPort, &error))
            qCWarning(lcPeers).noquote() << "discovery is off: cannot use UDP port"
                                         << m_options.discoveryPort << ":" << error;
        connect(m_discovery, &PeerDiscovery::found, this,
                [this](const QHostAddress &host, quint16 port) {
                    const PeerAddress address{host.toString(), port};
                    if (!m_dialling.contains(address))
                        dial(address);
                });
    }
    return Ok{};
}

void PeerNetwork::stop()
{
    closeSessions();
    m_keeper.flush();
}

void PeerNetwork::closeSessions()
{
    m_running = false;
    if (m_discovery)
        m_discovery->stop();
    for (PeerSession *session : std::as_const(m_sessions)) {
        session->disconnect(this);
        session->close(QStringLiteral("this device stopped syncing with nearby devices"));
        session->deleteLater();
    }
    m_sessions.clear();
    m_dialling.clear();
    if (m_server)
        m_server->close();
}

void PeerNetwork::attach(SyncSession *relay)
{
    m_relay = relay;
    if (!relay)
        return;
    m_relayKeeper = relay->keeper();
    relay->setKeeper(&m_keeper);
    // Units from the relay may be what a peer lacks.
    connect(relay, &SyncSession::recordsChanged, this, [this] { offerAll(); });
}

void PeerNetwork::localChange()
{
    offerAll();
}

quint16 PeerNetwork::listenPort() const
{
    return m_server && m_server->isListening() ? m_server->serverPort() : 0;
}

int PeerNetwork::peerCount() const
{
    QSet<QByteArray> devices;
    for (const PeerSession *s : m_sessions)
        if (s->isAuthenticated())
            devices.insert(s->peerDevice());
    return static_cast<int>(devices.size());
}

int PeerNetwork::syncedCount() const
{
    QSet<QByteArray> devices;
    for (const PeerSession *s : m_sessions)
        if (s->isSynced())
            devices.insert(s->peerDevice());
    return static_cast<int>(devices.size());
}

void PeerNetwork::onNewConnection()
{
    while (QWebSocket *socket = m_server->nextPendingConnection()) {
        // Bounded: a flood of connections from the network costs at most this many sessions
        // (each closed within the answer timeout when it does not authenticate).
        if (!m_running || m_sessions.size() >= kMaxSessions) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        adopt(new PeerSession(m_store, m_keys, m_keeper, m_trust, socket, false, this),
              std::nullopt);
    }
}

void PeerNetwork::dial(const PeerAddress &address)
{
    if (!m_running || m_dialling.contains(address))
        return;
    // Bounded like accepted connections: announcements replayed from many addresses must not
    // open a connection each.
    if (m_sessions.size() >= kMaxSessions) {
        if (m_options.peers.contains(address))
            QTimer::singleShot(m_options.redialMs, this, [this, address] { dial(address); });
        return;
    }
    // Connected to that device already (it dialled this one): checked again later while named.
    if (connectedTo(address)) {
        if (m_options.peers.contains(address))
            QTimer::singleShot(m_options.redialMs, this, [this, address] { dial(address); });
        return;
    }
    m_dialling.append(address);
    auto *socket =
        new QWebSocket(QStringLiteral("courier-feedback"), QWebSocketProtocol::VersionLatest);
    QUrl url;
    url.setScheme(QStringLiteral("ws"));
    url.setHost(address.host);
    url.setPort(address.port);
    url.setPath(QStringLiteral("/"));
    auto *session = new PeerSession(m_store, m_keys, m_keeper, m_trust, socket, true, this);
    session->setAddress(address.text());
    adopt(session, address);
    socket->open(url);
}

void PeerNetwork::adopt(PeerSession *session, std::optional<PeerAddress> dialled)
{
    m_sessions.append(session);
    connect(session, &PeerSession::authenticated, this, [this, session, dialled] {
        if (dialled)
            m_deviceAt.insert(dialled->text(), session->peerDevice());
        onAuthenticated(session);
    });
    connect(
        session, &PeerSession::received, this,
        [this, session](const QList<protocol::SealedDelta> &units) { onReceived(session, units); });
    connect(session, &PeerSession::presenceArrived, this, &PeerNetwork::presenceArrived);
    connect(session, &PeerSession::synced, this, [this, session] {
        Q_EMIT peerSynced(detailsOf(session));
        Q_EMIT peersChanged();
    });
    connect(session, &PeerSession::closed, this, [this, session, dialled](const QString &reason) {
        const bool wasPeer = session->isAuthenticated();
        const bool duplicate = reason == QLatin1String(kDuplicate);
        QJsonObject details = detailsOf(session);
        details.insert(QStringLiteral("reason"), reason);
        m_sessions.removeOne(session);
        session->deleteLater();
        if (dialled)
            m_dialling.removeOne(*dialled);
        if (wasPeer && !duplicate)
            Q_EMIT peersChanged();
        if (!duplicate)
            Q_EMIT peerClosed(details);
        // A peer named by hand is dialled again while this device runs; a discovered one is
        // found again by its next announcement.
        if (dialled && m_running && m_options.peers.contains(*dialled))
            QTimer::singleShot(m_options.redialMs, this,
                               [this, address = *dialled] { dial(address); });
    });
    session->setAnswerTimeout(m_options.answerTimeoutMs);
    session->start();
}

void PeerNetwork::onAuthenticated(PeerSession *session)
{
    // Two connections to one device (each dialled the other, or it was named twice): both
    // devices keep the same one, the one dialled by the device with the smaller id (the older
    // of two dialled by the same device), and close the other.
    for (PeerSession *other : std::as_const(m_sessions)) {
        if (other == session || !other->isAuthenticated() ||
            other->peerDevice() != session->peerDevice())
            continue;
        const bool keepNew =
            session->dialler() != other->dialler() && session->dialler() < other->dialler();
        PeerSession *closing = keepNew ? other : session;
        closing->close(QString::fromLatin1(kDuplicate));
        if (!keepNew)
            return;
        break;
    }
    Q_EMIT peerConnected(detailsOf(session));
    Q_EMIT peersChanged();
}

bool PeerNetwork::sendPresence(const PresenceNote &note)
{
    bool sent = false;
    for (PeerSession *session : std::as_const(m_sessions))
        sent = session->sendPresence(note) || sent;
    return sent;
}

void PeerNetwork::onReceived(PeerSession *session, const QList<protocol::SealedDelta> &units)
{
    Q_EMIT recordsChanged();
    m_keeper.received(units);
    // What one peer gave, the others may lack; the relay gets it as soon as it can.
    offerAll(session);
    if (m_relay)
        m_relay->handOverNow();
}

bool PeerNetwork::connectedTo(const PeerAddress &address) const
{
    const auto device = m_deviceAt.constFind(address.text());
    if (device == m_deviceAt.constEnd())
        return false;
    return std::any_of(m_sessions.cbegin(), m_sessions.cend(), [&device](const PeerSession *s) {
        return s->isAuthenticated() && s->peerDevice() == *device;
    });
}

void PeerNetwork::offerAll(PeerSession *except)
{
    for (PeerSession *session : std::as_const(m_sessions))
        if (session != except)
            session->offer();
}

QJsonObject PeerNetwork::detailsOf(const PeerSession *session) const
{
    return {{QStringLiteral("peer"), QString::fromLatin1(session->peerDevice().toHex())},
            {QStringLiteral("authenticated"), session->isAuthenticated()},
            {QStringLiteral("address"), session->address()},
            {QStringLiteral("role"), session->peerRole() == protocol::Role::Kiosk
                                         ? QStringLiteral("kiosk")
                                         : QStringLiteral("full")}};
}

} // namespace feedback::sync
