// Finding nearby devices of the same workspace (PROTOCOL.md, "Nearby devices"): every few
// seconds a device sends a small UDP datagram to a fixed multicast group and port, and to the
// broadcast address where multicast is blocked: [magic "CFP1", window (4), salt (8), port (2),
// tag (16)]. The tag is a BLAKE2b MAC over window, salt and port under a key derived from the
// workspace id, so only devices of the workspace recognise it, and the salt is fresh in every
// datagram and the window changes every ten minutes, so a stranger can neither learn the
// workspace nor link two datagrams of it. A datagram of another workspace, one out of its time
// window, or one of this device itself is ignored.
#pragma once

#include <QHostAddress>
#include <QList>
#include <QObject>
#include <QTimer>

class QUdpSocket;

namespace feedback::sync {

class PeerDiscovery : public QObject
{
    Q_OBJECT
public:
    static constexpr quint16 kDefaultPort = 47231;
    static constexpr qsizetype kDatagramBytes = 34;
    static constexpr qint64 kWindowSeconds = 600;
    static constexpr int kAnnounceMs = 2000;
    static QHostAddress group() { return QHostAddress(QStringLiteral("239.255.72.31")); }

    PeerDiscovery(const QByteArray &workspaceId, quint16 listenPort, QObject *parent = nullptr);

    // Binds the discovery port (shared with other programs on this machine) and announces.
    // False, with the reason, when no socket could be bound: discovery is then off, and peers
    // named by hand still work.
    bool start(quint16 port = kDefaultPort, QString *error = nullptr);
    void stop();

    // The datagram announcing `listenPort` at `nowSeconds` (tests build foreign ones too).
    static QByteArray announcement(const QByteArray &workspaceId, quint16 listenPort,
                                   qint64 nowSeconds, const QByteArray &salt);
    // The port a datagram announces, or 0 when it is not one of `workspaceId` in this window.
    static quint16 recognise(const QByteArray &workspaceId, const QByteArray &datagram,
                             qint64 nowSeconds);

    // What a device dialling a peer answers to the listener's first challenge, before either
    // says anything else (PeerSession): a BLAKE2b-512 MAC of `nonce` under the discovery key,
    // so that only a device of the workspace gets the listener's hello (which names it).
    static QByteArray gate(const QByteArray &workspaceId, const QByteArray &nonce);
    static bool passesGate(const QByteArray &workspaceId, const QByteArray &nonce,
                           const QByteArray &mac); // in constant time

Q_SIGNALS:
    // A device of this workspace listens at `address`:`port`.
    void found(const QHostAddress &address, quint16 port);

private:
    void announce();
    void read();

    QByteArray m_workspace;
    quint16 m_listenPort;
    quint16 m_port = kDefaultPort;
    QUdpSocket *m_socket = nullptr;
    QTimer m_timer;
    QList<QByteArray> m_ownSalts; // the last few sent: this device's own datagrams come back
};

} // namespace feedback::sync
