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

    // The pin (RelayPin::of) of the relay's key; empty: none, the certificate must verify
    // against the system's CAs and the CA file. With one, the key decides: a certificate that
    // does not verify (self-signed, another name) is accepted when its key is the pinned one,
    // and one with another key is refused even when it verifies (closed with CloseCause::Tls
    // before the first frame). Applies from the next open().
    void setPinnedKey(const QByteArray &pin) { m_pin = pin; }
    // Sent in the upgrade request's X-Feedback-Admission header from the next open() while set
    // (AdmissionTokenKey.h); empty: none.
    void setAdmissionToken(QByteArray token) { m_admissionToken = std::move(token); }
    // The pin of the key the relay showed on this connection: empty over ws:// and until open.
    const QByteArray &peerKey() const { return m_peerKey; }

    void open() override;
    void close() override;
    void send(const QByteArray &frame) override;
    // Where the next open() connects (a relay of the list that answers).
    void setUrl(QUrl url) { m_url = std::move(url); }
    const QUrl &url() const { return m_url; }

private:
    // Ends a connection whose certificate or key this device does not trust.
    void refuseTls(const QString &reason, bool abort);
    // Emits closed() once per connection, with its cause and reason.
    void reportClose();
    QString pinMismatch(const QByteArray &seen) const;

    QUrl m_url;
    QTimer *m_keepalive;
    qint64 m_lastHeard = 0;
    QString m_caFile;
    QByteArray m_pin;
    QByteArray m_admissionToken;
    QByteArray m_peerKey;
    QWebSocket *m_socket;
    bool m_reportedClose = false;
    bool m_sending = false;   // inside send(): a close found there is reported from the event loop
    quint64 m_connection = 0; // counts open()s
    bool m_wasOpen = false;
    bool m_closingHere = false;
    bool m_causeKnown = false; // the keepalive gave up on this connection
};

} // namespace feedback::sync
