// Every TCP socket the relay holds, from accept to close: counted against a limit overall and per
// source address, given until a deadline to finish its TLS and WebSocket handshakes and
// authenticate, and the first to go when room is needed. A socket that never speaks costs a file
// descriptor all the same: before the gate, 250 of them took every descriptor of a relay allowed
// 200, it stopped accepting anyone, and it never started again.
#pragma once

#include <QHash>
#include <QHostAddress>
#include <QObject>

class QTcpSocket;

namespace feedback::relay {

struct SocketLimits
{
    int maxSockets = 1032;
    int maxPerAddress = 256;
    // An unauthenticated socket is aborted this long after it was accepted.
    int deadlineMs = 6000;
};

class SocketGate : public QObject
{
    Q_OBJECT
public:
    explicit SocketGate(SocketLimits limits, QObject *parent = nullptr);

    // A socket just accepted: counted, with its deadline. At a limit (its address's, else the
    // relay's), the oldest socket under that limit that has not authenticated is aborted to make
    // room; when every one there has authenticated, `socket` is aborted instead and false
    // returned (it is deleted later).
    bool admit(QTcpSocket *socket);
    // The connection of this peer authenticated: no deadline any more, never aborted for room.
    void authenticated(const QHostAddress &address, quint16 port);
    // Aborts the oldest unauthenticated socket (of `address`, else of all): room for a new one,
    // or a descriptor when accept() failed for want of them. False when every one there has
    // authenticated.
    bool shed(const QHostAddress *source = nullptr);

    // The socket of this peer, if the gate holds it.
    QTcpSocket *socketOf(const QHostAddress &address, quint16 port) const
    {
        return m_byPeer.value({address, port});
    }
    int sockets() const { return static_cast<int>(m_sockets.size()); }
    // What the per-address limit counts: an IPv4 address (also when mapped into IPv6), or an
    // IPv6 address's /64, the block one subscriber gets (any address in it is theirs to use).
    static QHostAddress sourceOf(const QHostAddress &address);
    const SocketLimits &limits() const { return m_limits; }

private:
    struct Entry
    {
        QHostAddress address;
        QHostAddress source; // sourceOf(address)
        quint16 port = 0;
        quint64 order = 0; // accept order: the smallest is the oldest
        bool authenticated = false;
    };

    // `source` (sourceOf) null: of every source.
    QTcpSocket *oldestUnauthenticated(const QHostAddress *source) const;
    void forget(QTcpSocket *socket);

    SocketLimits m_limits;
    QHash<QTcpSocket *, Entry> m_sockets;
    QHash<QHostAddress, int> m_perAddress; // by source
    QHash<std::pair<QHostAddress, quint16>, QTcpSocket *> m_byPeer;
    quint64 m_accepted = 0;
};

// The file descriptors this process may hold: the soft limit raised to the hard one, so a relay
// started from a shell with the usual 1,024 serves what its unit's LimitNOFILE allows.
int raiseDescriptorLimit();

// What `limits` may hold with `descriptors` file descriptors: the database, its journal, the
// listeners and the log keep some.
SocketLimits socketLimitsFor(int maxConnections, int maxPerAddress, int authTimeoutMs,
                             int descriptors);

} // namespace feedback::relay
