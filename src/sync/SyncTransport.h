// What a sync session needs from a connection: open, close, send a frame, receive frames.
// The WebSocket client implements it; tests can put a fault-injecting one in its place.
#pragma once

#include <QByteArray>
#include <QObject>
#include <QString>
#include <QTimer>
#include <QUrl>

class QWebSocket;

namespace feedback::sync {

class SyncTransport : public QObject
{
    Q_OBJECT
public:
    using QObject::QObject;
    ~SyncTransport() override = default;

    virtual void open() = 0;
    virtual void close() = 0;
    virtual void send(const QByteArray &frame) = 0;

Q_SIGNALS:
    void opened();
    void closed(const QString &reason);
    void frameReceived(const QByteArray &frame);
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
};

} // namespace feedback::sync
