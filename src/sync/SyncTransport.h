// What a sync session needs from a connection: open, close, send a frame, receive frames.
// The WebSocket client implements it; tests can put a fault-injecting one in its place.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

#include <optional>

class QWebSocket;

namespace feedback::sync {

// Why a connection ended or never came up: the words the app shows, and the retry schedule (a
// relay that is not there costs nothing to try again soon; one that answered and refused does).
enum class CloseCause
{
    Other,
    Refused,       // nothing listens there (relay stopped, wrong port)
    HostNotFound,  // the name does not resolve
    TimedOut,      // no answer: connecting, or a live connection stopped answering
    NetworkDown,   // this device has no route
    Tls,           // the certificate does not verify, or the TLS handshake failed
    ClosedByRelay, // a connection that was up ended from the relay's side
    ClosedHere,    // this device closed it
};
QString closeCauseName(CloseCause cause); // for events and logs: "refused", "timed-out", ...
std::optional<CloseCause> closeCauseFromName(const QString &name);

class SyncTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SyncTransport() override = default;

    virtual void open() = 0;
    virtual void close() = 0;
    virtual void send(const QByteArray &frame) = 0;
    // Why the last connection ended; valid when closed() is emitted.
    CloseCause closeCause() const { return m_cause; }

Q_SIGNALS:
    void opened();
    void closed(const QString &reason);
    void frameReceived(const QByteArray &frame);

protected:
    void setCloseCause(CloseCause cause) { m_cause = cause; }

private:
    CloseCause m_cause = CloseCause::Other;
};

class WebSocketTransport : public SyncTransport
{
    Q_OBJECT
public:
    // `caFile`: PEM certificates of a private CA to trust for wss:// (besides the system's).
    WebSocketTransport(QUrl url, QString caFile = QString(), int keepaliveMs = 20000,
                       QObject *parent = nullptr);

    void open() override;
    void close() override;
    void send(const QByteArray &frame) override;

private:
    QUrl m_url;
    QTimer *m_keepalive;
    qint64 m_lastHeard = 0;
    QString m_caFile;
    QWebSocket *m_socket;
    bool m_reportedClose = false;
    bool m_wasOpen = false;
    bool m_closingHere = false;
    bool m_causeKnown = false; // the keepalive gave up on this connection
};

} // namespace feedback::sync
