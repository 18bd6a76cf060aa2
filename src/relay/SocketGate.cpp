#include "SocketGate.h"

#include <QTcpSocket>
#include <QTimer>

#include <algorithm>
#include <common/LogCategories.h>
#include <limits>
#include <sys/resource.h>

namespace feedback::relay {

namespace {
// Descriptors kept for everything but the devices' sockets: the database with its journal and
// shared memory, the listeners, standard streams, the signal pipe, a snapshot being written.
constexpr int kReservedDescriptors = 64;
// Sockets over --max-connections that may still finish their handshake, to be told `busy`.
constexpr int kBusyHeadroom = 32;
} // namespace

SocketGate::SocketGate(SocketLimits limits, QObject *parent)
    : QObject(parent)
    , m_limits(limits)
{}

QHostAddress SocketGate::sourceOf(const QHostAddress &address)
{
    if (address.protocol() != QAbstractSocket::IPv6Protocol)
        return address;
    bool mapped = false;
    if (const quint32 v4 = address.toIPv4Address(&mapped); mapped)
        return QHostAddress(v4);
    Q_IPV6ADDR block = address.toIPv6Address();
    for (int i = 8; i < 16; ++i)
        block[i] = 0;
    return QHostAddress(block);
}

bool SocketGate::admit(QTcpSocket *socket)
{
    const QHostAddress address = socket->peerAddress();
    const QHostAddress source = sourceOf(address);
    const bool room = (m_perAddress.value(source) < m_limits.maxPerAddress || shed(&source)) &&
                      (sockets() < m_limits.maxSockets || shed());
    if (!room) {
        qCInfo(lcRelay).noquote() << "no room for" << address.toString()
                                  << "every socket there is in use by a device";
        socket->abort();
        socket->deleteLater();
        return false;
    }
    m_sockets.insert(socket, {address, source, socket->peerPort(), ++m_accepted, false});
    m_byPeer.insert({address, socket->peerPort()}, socket);
    ++m_perAddress[source];
    // Counted until its descriptor is closed, whoever closes it.
    connect(socket, &QAbstractSocket::disconnected, this, [this, socket] { forget(socket); });
    connect(socket, &QObject::destroyed, this, [this, socket] { forget(socket); });
    QTimer::singleShot(m_limits.deadlineMs, socket, [this, socket] {
        const auto it = m_sockets.constFind(socket);
        if (it == m_sockets.cend() || it->authenticated)
            return;
        qCInfo(lcRelay).noquote() << "no authentication from" << it->address.toString() << "in"
                                  << m_limits.deadlineMs << "ms: closed";
        forget(socket);
        socket->abort();
    });
    return true;
}

void SocketGate::authenticated(const QHostAddress &address, quint16 port)
{
    if (QTcpSocket *socket = m_byPeer.value({address, port}))
        m_sockets[socket].authenticated = true;
}

bool SocketGate::shed(const QHostAddress *source)
{
    QTcpSocket *oldest = oldestUnauthenticated(source);
    if (!oldest)
        return false;
    forget(oldest);
    oldest->abort();
    return true;
}

QTcpSocket *SocketGate::oldestUnauthenticated(const QHostAddress *source) const
{
    QTcpSocket *oldest = nullptr;
    quint64 order = 0;
    for (auto it = m_sockets.cbegin(); it != m_sockets.cend(); ++it) {
        if (it->authenticated || (source && it->source != *source))
            continue;
        if (!oldest || it->order < order) {
            oldest = it.key();
            order = it->order;
        }
    }
    return oldest;
}

void SocketGate::forget(QTcpSocket *socket)
{
    const auto it = m_sockets.constFind(socket);
    if (it == m_sockets.cend())
        return;
    if (--m_perAddress[it->source] <= 0)
        m_perAddress.remove(it->source);
    if (const auto peer = m_byPeer.constFind({it->address, it->port});
        peer != m_byPeer.cend() && *peer == socket)
        m_byPeer.erase(peer);
    m_sockets.erase(it);
}

int raiseDescriptorLimit()
{
    rlimit limit{};
    if (getrlimit(RLIMIT_NOFILE, &limit) != 0)
        return 1024;
    if (limit.rlim_cur < limit.rlim_max) {
        rlimit raised = limit;
        raised.rlim_cur = limit.rlim_max;
        if (setrlimit(RLIMIT_NOFILE, &raised) == 0)
            limit = raised;
    }
    // select() is not used (Qt polls), so past FD_SETSIZE is fine; an int is plenty.
    return static_cast<int>(std::min<rlim_t>(limit.rlim_cur, 1 << 30));
}

SocketLimits socketLimitsFor(int maxConnections, int maxPerAddress, int authTimeoutMs,
                             int descriptors)
{
    SocketLimits limits;
    const qint64 wanted = static_cast<qint64>(maxConnections) + kBusyHeadroom;
    const qint64 allowed = std::max(1, descriptors - kReservedDescriptors);
    limits.maxSockets = static_cast<int>(std::min(wanted, allowed));
    limits.maxPerAddress = std::min(maxPerAddress, limits.maxSockets);
    // The connection's own timer answers `auth-timeout` first; this one closes what did not
    // get that far (no WebSocket upgrade at all) or does not close when told.
    limits.deadlineMs = std::min(authTimeoutMs, std::numeric_limits<int>::max() - 1000) + 1000;
    return limits;
}

} // namespace feedback::relay
