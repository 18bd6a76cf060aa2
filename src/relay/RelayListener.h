// The relay's listening socket: accepts TCP connections itself (so that every socket, even one
// that never sends a byte, passes the SocketGate), turns Nagle's algorithm off, runs the TLS
// handshake for wss://, and hands each socket to the WebSocket server. When the process runs out
// of descriptors, accept() fails and Qt stops listening; the listener then makes room and listens
// again instead of staying deaf for good.
#pragma once

#include "SocketGate.h"

#include <QSslConfiguration>
#include <QTcpServer>

#include <functional>
#include <optional>

namespace feedback::relay {

// SCHEME://HOST:PORT of a listening server, an IPv6 host in brackets.
QString listenUrl(const QString &scheme, const QTcpServer &server);

class RelayListener : public QTcpServer
{
    Q_OBJECT
public:
    // `handOver`: a socket whose TLS handshake (if any) is done, for the WebSocket handshake.
    RelayListener(SocketGate &gate, std::optional<QSslConfiguration> tls,
                  std::function<void(QTcpSocket *)> handOver, QObject *parent = nullptr);

    bool isSecure() const { return m_tls.has_value(); }

protected:
    void incomingConnection(qintptr descriptor) override;

private:
    void onAcceptError(QAbstractSocket::SocketError error);

    SocketGate &m_gate;
    std::optional<QSslConfiguration> m_tls;
    std::function<void(QTcpSocket *)> m_handOver;
};

} // namespace feedback::relay
