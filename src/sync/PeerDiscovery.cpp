#include "PeerDiscovery.h"

#include <QDateTime>
#include <QNetworkDatagram>
#include <QUdpSocket>
#include <QtEndian>

#include <common/LogCategories.h>
#include <sodium.h>

namespace feedback::sync {

namespace {

const QByteArray kMagic = QByteArrayLiteral("CFP1");
constexpr qsizetype kSaltBytes = 8;
constexpr qsizetype kTagBytes = 16;

QByteArray keyOf(const QByteArray &workspaceId)
{
    QByteArray key(crypto_generichash_KEYBYTES, Qt::Uninitialized);
    const QByteArray input = QByteArrayLiteral("courier-feedback/lan/1") + workspaceId;
    crypto_generichash(reinterpret_cast<unsigned char *>(key.data()), size_t(key.size()),
                       reinterpret_cast<const unsigned char *>(input.constData()),
                       size_t(input.size()), nullptr, 0);
    return key;
}

// The tag over everything before it in the datagram.
QByteArray tagOf(const QByteArray &workspaceId, const QByteArray &body)
{
    const QByteArray key = keyOf(workspaceId);
    QByteArray tag(kTagBytes, Qt::Uninitialized);
    crypto_generichash(
        reinterpret_cast<unsigned char *>(tag.data()), size_t(tag.size()),
        reinterpret_cast<const unsigned char *>(body.constData()), size_t(body.size()),
        reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    return tag;
}

qint64 nowSeconds()
{
    return QDateTime::currentSecsSinceEpoch();
}

} // namespace

PeerDiscovery::PeerDiscovery(const QByteArray &workspaceId, quint16 listenPort, QObject *parent)
    : QObject(parent)
    , m_workspace(workspaceId)
    , m_listenPort(listenPort)
{
    m_timer.setInterval(kAnnounceMs);
    connect(&m_timer, &QTimer::timeout, this, &PeerDiscovery::announce);
}

QByteArray PeerDiscovery::announcement(const QByteArray &workspaceId, quint16 listenPort,
                                       qint64 now, const QByteArray &salt)
{
    QByteArray body = kMagic;
    body.resize(body.size() + 4);
    qToBigEndian(quint32(now / kWindowSeconds), body.data() + 4);
    body += salt.left(kSaltBytes).leftJustified(kSaltBytes, '\0');
    body.resize(body.size() + 2);
    qToBigEndian(listenPort, body.data() + body.size() - 2);
    return body + tagOf(workspaceId, body);
}

QByteArray PeerDiscovery::gate(const QByteArray &workspaceId, const QByteArray &nonce)
{
    const QByteArray key = keyOf(workspaceId);
    const QByteArray input = QByteArrayLiteral("courier-feedback/peer-gate/1") + nonce;
    QByteArray mac(crypto_generichash_BYTES_MAX, Qt::Uninitialized);
    crypto_generichash(
        reinterpret_cast<unsigned char *>(mac.data()), size_t(mac.size()),
        reinterpret_cast<const unsigned char *>(input.constData()), size_t(input.size()),
        reinterpret_cast<const unsigned char *>(key.constData()), size_t(key.size()));
    return mac;
}

bool PeerDiscovery::passesGate(const QByteArray &workspaceId, const QByteArray &nonce,
                               const QByteArray &mac)
{
    const QByteArray expected = gate(workspaceId, nonce);
    return mac.size() == expected.size() &&
           crypto_verify_64(reinterpret_cast<const unsigned char *>(mac.constData()),
                            reinterpret_cast<const unsigned char *>(expected.constData())) == 0;
}

quint16 PeerDiscovery::recognise(const QByteArray &workspaceId, const QByteArray &datagram,
                                 qint64 now)
{
    if (datagram.size() != kDatagramBytes || !datagram.startsWith(kMagic))
        return 0;
    const QByteArray body = datagram.left(kDatagramBytes - kTagBytes);
    const QByteArray tag = tagOf(workspaceId, body);
    if (crypto_verify_16(reinterpret_cast<const unsigned char *>(tag.constData()),
                         reinterpret_cast<const unsigned char *>(datagram.constData()) +
                             body.size()) != 0)
        return 0;
    // The window it was sent in, or the one next to it (clocks differ a little).
    const qint64 window = qFromBigEndian<quint32>(datagram.constData() + 4);
    if (std::abs(window - now / kWindowSeconds) > 1)
        return 0;
    return qFromBigEndian<quint16>(datagram.constData() + 4 + 4 + kSaltBytes);
}

bool PeerDiscovery::start(quint16 port, QString *error)
{
    stop();
    m_port = port;
    m_socket = new QUdpSocket(this);
    if (!m_socket->bind(QHostAddress::AnyIPv4, port,
                        QUdpSocket::ShareAddress | QUdpSocket::ReuseAddressHint)) {
        if (error)
            *error = m_socket->errorString();
        delete std::exchange(m_socket, nullptr);
        return false;
    }
    m_socket->setSocketOption(QAbstractSocket::MulticastLoopbackOption, 1);
    // Joined where the machine allows it; broadcast reaches the rest.
    if (!m_socket->joinMulticastGroup(group()))
        qCInfo(lcPeers) << "discovery: cannot join the multicast group, broadcast only";
    connect(m_socket, &QUdpSocket::readyRead, this, &PeerDiscovery::read);
    m_timer.start();
    announce();
    return true;
}

void PeerDiscovery::stop()
{
    m_timer.stop();
    delete std::exchange(m_socket, nullptr);
}

void PeerDiscovery::announce()
{
    if (!m_socket)
        return;
    QByteArray salt(kSaltBytes, Qt::Uninitialized);
    randombytes_buf(salt.data(), size_t(salt.size()));
    m_ownSalts.append(salt);
    if (m_ownSalts.size() > 8)
        m_ownSalts.removeFirst();
    const QByteArray datagram = announcement(m_workspace, m_listenPort, nowSeconds(), salt);
    // Either may fail (no route for multicast, broadcast not allowed): the other may not.
    m_socket->writeDatagram(datagram, group(), m_port);
    m_socket->writeDatagram(datagram, QHostAddress::Broadcast, m_port);
}

void PeerDiscovery::read()
{
    while (m_socket && m_socket->hasPendingDatagrams()) {
        const QNetworkDatagram datagram = m_socket->receiveDatagram(kDatagramBytes + 1);
        const QByteArray data = datagram.data();
        const quint16 port = recognise(m_workspace, data, nowSeconds());
        if (port == 0)
            continue;
        if (m_ownSalts.contains(data.mid(8, kSaltBytes)))
            continue; // this device's own announcement
        QHostAddress from = datagram.senderAddress();
        if (from.protocol() == QAbstractSocket::IPv6Protocol) {
            bool ok = false;
            const quint32 v4 = from.toIPv4Address(&ok);
            if (ok)
                from = QHostAddress(v4);
        }
        Q_EMIT found(from, port);
    }
}

} // namespace feedback::sync
