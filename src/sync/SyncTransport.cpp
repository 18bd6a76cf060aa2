#include "SyncTransport.h"

#include "RelayPin.h"

#include <QAbstractSocket>
#include <QDateTime>
#include <QFile>
#include <QNetworkRequest>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QWebSocket>

#include <common/EnumNames.h>
#include <protocol/AdmissionToken.h>

namespace feedback::sync {

constexpr std::array<const char *, 8> kCloseCauseNames{
    "other",        "refused", "host-not-found",  "timed-out",
    "network-down", "tls",     "closed-by-relay", "closed-here"};
static_assert(kCloseCauseNames.size() == static_cast<std::size_t>(CloseCause::ClosedHere) + 1);

QString closeCauseName(CloseCause cause)
{
    return enumName(cause, kCloseCauseNames);
}

std::optional<CloseCause> closeCauseFromName(const QString &name)
{
    return enumFromName<CloseCause>(name, kCloseCauseNames);
}

namespace {

CloseCause causeOf(QAbstractSocket::SocketError error, bool wasOpen)
{
    // After a connection was up, the socket's error may still be the one of an earlier attempt.
    if (wasOpen && error != QAbstractSocket::SslHandshakeFailedError &&
        error != QAbstractSocket::SslInternalError)
        return CloseCause::ClosedByRelay;
    switch (error) {
    case QAbstractSocket::ConnectionRefusedError:
        return CloseCause::Refused;
    case QAbstractSocket::HostNotFoundError:
        return CloseCause::HostNotFound;
    case QAbstractSocket::SocketTimeoutError:
        return CloseCause::TimedOut;
    case QAbstractSocket::NetworkError:
        return CloseCause::NetworkDown;
    case QAbstractSocket::RemoteHostClosedError:
        return CloseCause::ClosedByRelay;
    case QAbstractSocket::SslHandshakeFailedError:
    case QAbstractSocket::SslInternalError:
    case QAbstractSocket::SslInvalidUserDataError:
        return CloseCause::Tls;
    default:
        return CloseCause::Other;
    }
}

} // namespace

WebSocketTransport::WebSocketTransport(QUrl url, QString caFile, int keepaliveMs, QObject *parent)
    : SyncTransport(parent)
    , m_url(std::move(url))
    , m_caFile(std::move(caFile))
    , m_socket(new QWebSocket(QString(), QWebSocketProtocol::VersionLatest, this))
{
    m_socket->setMaxAllowedIncomingMessageSize(8 * 1024 * 1024);
    connect(m_socket, &QWebSocket::connected, this, [this] {
        m_reportedClose = false;
        // Read before the first frame leaves: with a pin, the relay's key decides (a relay
        // whose certificate a CA vouches for, but with another key, is not trusted either).
        m_peerKey = m_url.scheme() == QLatin1String("wss")
                        ? RelayPin::of(m_socket->sslConfiguration().peerCertificate())
                        : QByteArray();
        if (!m_pin.isEmpty() && m_peerKey != m_pin)
            return refuseTls(pinMismatch(m_peerKey), true);
        m_wasOpen = true;
        m_lastHeard = QDateTime::currentMSecsSinceEpoch();
        m_keepalive->start();
        // Pull requests and pushes must not wait for a delayed ACK (Nagle).
        if (auto *tcp = m_socket->findChild<QAbstractSocket *>())
            tcp->setSocketOption(QAbstractSocket::LowDelayOption, 1);
        Q_EMIT opened();
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        m_keepalive->stop();
        // A write that failed inside send() (flush) ends the connection there: the close is
        // reported from the event loop, never from inside the caller's send.
        if (!m_sending)
            return reportClose();
        QMetaObject::invokeMethod(
            this,
            [this, connection = m_connection] {
                if (connection == m_connection) // not a later connection's close
                    reportClose();
            },
            Qt::QueuedConnection);
    });
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, [this](const QByteArray &frame) {
        m_lastHeard = QDateTime::currentMSecsSinceEpoch();
        Q_EMIT frameReceived(frame);
    });
    // Keepalive: a ping every interval (20 s by default); nothing heard for three means the path
    // is dead (NAT gone, relay powered off), which TCP alone may not notice for hours.
    m_keepalive = new QTimer(this);
    m_keepalive->setInterval(keepaliveMs);
    connect(m_socket, &QWebSocket::pong, this,
            [this] { m_lastHeard = QDateTime::currentMSecsSinceEpoch(); });
    connect(m_keepalive, &QTimer::timeout, this, [this] {
        if (QDateTime::currentMSecsSinceEpoch() - m_lastHeard > 3LL * m_keepalive->interval()) {
            m_keepalive->stop();
            m_causeKnown = true;
            setCloseCause(CloseCause::TimedOut);
            m_socket->abort();
            return;
        }
        m_socket->ping();
    });
    connect(m_socket, &QWebSocket::sslErrors, this, [this](const QList<QSslError> &errors) {
        // Without a pin never ignored: a relay whose certificate does not verify is not ours.
        if (m_pin.isEmpty())
            return refuseTls(QStringLiteral("TLS: %1").arg(errors.value(0).errorString()), false);
        // QWebSocket copied the socket's configuration, the relay's certificate with it, just
        // before it passed the errors on.
        const QByteArray seen = RelayPin::of(m_socket->sslConfiguration().peerCertificate());
        if (seen != m_pin)
            return refuseTls(pinMismatch(seen), false);
        // The pinned key stands in for a CA (a self-signed relay); `connected` checks it again.
        m_socket->ignoreSslErrors(errors);
    });
}

void WebSocketTransport::reportClose()
{
    if (m_reportedClose)
        return;
    m_reportedClose = true;
    if (m_closingHere)
        setCloseCause(CloseCause::ClosedHere);
    else if (!m_causeKnown) // the keepalive knows better: it gave up on the relay
        // Read here: QAbstractSocket reports a failed connect's state change (our
        // "disconnected") before its error signal, with the error already set.
        setCloseCause(causeOf(m_socket->error(), m_wasOpen));
    QString reason = m_socket->closeReason();
    if (reason.isEmpty())
        reason = m_socket->errorString();
    Q_EMIT closed(reason);
}

void WebSocketTransport::refuseTls(const QString &reason, bool abort)
{
    m_reportedClose = true;
    setCloseCause(CloseCause::Tls);
    if (abort)
        m_socket->abort(); // its "disconnected" is not reported again: m_reportedClose
    Q_EMIT closed(reason);
}

QString WebSocketTransport::pinMismatch(const QByteArray &seen) const
{
    return QStringLiteral("the relay's key does not match the key pinned for it (pinned for "
                          "%1: %2; the relay showed %3): if the relay's operator changed its key, "
                          "forget the old one with `feedbackctl sync --forget-relay-key` and "
                          "sync with a CA file or a new invite that vouches for the new one; "
                          "otherwise this is not your relay")
        .arg(RelayPin::relayOf(m_url), RelayPin::toText(m_pin),
             seen.isEmpty() ? QStringLiteral("no key") : RelayPin::toText(seen));
}

void WebSocketTransport::open()
{
    ++m_connection;
    m_reportedClose = false;
    m_wasOpen = m_closingHere = m_causeKnown = false;
    setCloseCause(CloseCause::Other);
    m_peerKey.clear();
    // Set afresh each time: QWebSocket keeps the last connection's configuration, and the
    // errors it was told to ignore, for the next.
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    if (!m_caFile.isEmpty()) {
        QList<QSslCertificate> cas = config.caCertificates();
        cas += QSslCertificate::fromPath(m_caFile, QSsl::Pem);
        config.setCaCertificates(cas);
    }
    m_socket->setSslConfiguration(config);
    m_socket->ignoreSslErrors(QList<QSslError>());
    QNetworkRequest request(m_url);
    if (!m_admissionToken.isEmpty())
        request.setRawHeader(protocol::admissiontoken::kHeader, m_admissionToken);
    m_socket->open(request);
}

void WebSocketTransport::close()
{
    m_closingHere = true;
    // A connection this side aborted (a key that is not the pinned one, the keepalive) is gone
    // already: QWebSocket would write its closing frame to the closed socket, and warn.
    if (m_socket->state() != QAbstractSocket::UnconnectedState)
        m_socket->close();
}

void WebSocketTransport::send(const QByteArray &frame)
{
    m_sending = true;
    m_socket->sendBinaryMessage(frame);
    // Written now, not at the event loop's next turn: a submit sends before its fsync
    // (FeedbackStore::setCommitListener), and the relay can work while the disk does.
    m_socket->flush();
    m_sending = false;
}

} // namespace feedback::sync
