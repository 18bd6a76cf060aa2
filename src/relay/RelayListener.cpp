#include "RelayListener.h"

#include <QSslSocket>
#include <QTimer>

#include <common/LogCategories.h>
#include <unistd.h>

namespace feedback::relay {

QString listenUrl(const QString &scheme, const QTcpServer &server)
{
    const QHostAddress address = server.serverAddress();
    const QString host = address.protocol() == QAbstractSocket::IPv6Protocol
                             ? QLatin1Char('[') + address.toString() + QLatin1Char(']')
                             : address.toString();
    return QStringLiteral("%1://%2:%3").arg(scheme, host).arg(server.serverPort());
}

namespace {
// How long accepting pauses when the descriptors ran out: long enough not to spin on a full
// table, short enough that a device retrying soon gets in.
constexpr int kAcceptPauseMs = 100;
} // namespace

RelayListener::RelayListener(SocketGate &gate, std::optional<QSslConfiguration> tls,
                             std::function<void(QTcpSocket *)> handOver, QObject *parent)
    : QTcpServer(parent)
    , m_gate(gate)
    , m_tls(std::move(tls))
    , m_handOver(std::move(handOver))
{
    connect(this, &QTcpServer::acceptError, this, &RelayListener::onAcceptError);
}

void RelayListener::incomingConnection(qintptr descriptor)
{
    QTcpSocket *socket = m_tls ? new QSslSocket(this) : new QTcpSocket(this);
    if (!socket->setSocketDescriptor(descriptor)) {
        qCWarning(lcRelay).noquote() << "cannot take a connection:" << socket->errorString();
        delete socket;
        ::close(static_cast<int>(descriptor));
        return;
    }
    // Without it the tail of every catch-up batch waited ~40 ms for the peer's delayed ACK.
    socket->setSocketOption(QAbstractSocket::LowDelayOption, 1);
    if (!m_gate.admit(socket))
        return;
    if (!m_tls)
        return m_handOver(socket);
    auto *tls = static_cast<QSslSocket *>(socket);
    tls->setSslConfiguration(*m_tls);
    // Until it is handed over, a socket that goes (its handshake failed, the gate closed it)
    // is this listener's to delete.
    const auto pending = connect(tls, &QAbstractSocket::disconnected, tls, &QObject::deleteLater);
    connect(tls, &QSslSocket::sslErrors, tls, [tls] { tls->abort(); });
    connect(tls, &QSslSocket::encrypted, this, [this, tls, pending] {
        disconnect(pending);
        m_handOver(tls);
    });
    tls->startServerEncryption();
}

void RelayListener::onAcceptError(QAbstractSocket::SocketError error)
{
    // Qt paused accepting; it never resumes by itself.
    if (error != QAbstractSocket::SocketResourceError) {
        qCWarning(lcRelay).noquote() << "accept failed:" << errorString();
    } else {
        const bool shed = m_gate.shed();
        qCWarning(lcRelay).noquote()
            << "out of file descriptors with" << m_gate.sockets() << "sockets open;"
            << (shed ? "closed the oldest unauthenticated one" : "every socket is a device's");
    }
    QTimer::singleShot(kAcceptPauseMs, this, [this] { resumeAccepting(); });
}

} // namespace feedback::relay
