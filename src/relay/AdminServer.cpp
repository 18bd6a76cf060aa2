#include "AdminServer.h"

#include "RelayListener.h"

#include <QTcpSocket>
#include <QTimer>

#include <common/LogCategories.h>

namespace feedback::relay {

namespace {
constexpr qsizetype kMaxRequestBytes = 8 * 1024;
constexpr int kRequestTimeoutMs = 5000;
// A scraper and a load balancer's probes need a handful; more are dropped.
constexpr int kMaxOpen = 16;

QByteArray response(int status, const char *reason, const QByteArray &contentType,
                    const QByteArray &body)
{
    return "HTTP/1.1 " + QByteArray::number(status) + ' ' + reason +
           "\r\nContent-Type: " + contentType +
           "\r\nContent-Length: " + QByteArray::number(body.size()) +
           "\r\nCache-Control: no-store\r\nConnection: close\r\n\r\n" + body;
}

const QByteArray kPlain = "text/plain; charset=utf-8";
} // namespace

AdminServer::AdminServer(Health health, Metrics metrics, QObject *parent)
    : QObject(parent)
    , m_health(std::move(health))
    , m_metrics(std::move(metrics))
{
    connect(&m_server, &QTcpServer::newConnection, this, &AdminServer::accept);
    // Out of descriptors, Qt pauses accepting and never resumes by itself.
    connect(&m_server, &QTcpServer::acceptError, this, [this] {
        QTimer::singleShot(100, this, [this] {
            if (m_server.isListening())
                m_server.resumeAccepting();
        });
    });
}

Status AdminServer::listen(const QHostAddress &address, quint16 port)
{
    if (!m_server.listen(address, port))
        return Status::failure(m_server.errorString());
    return Ok{};
}

QString AdminServer::url() const
{
    return listenUrl(QStringLiteral("http"), m_server);
}

void AdminServer::accept()
{
    while (QTcpSocket *socket = m_server.nextPendingConnection()) {
        if (m_open >= kMaxOpen) {
            socket->abort();
            socket->deleteLater();
            continue;
        }
        ++m_open;
        connect(socket, &QObject::destroyed, this, [this] { --m_open; });
        connect(socket, &QAbstractSocket::disconnected, socket, &QObject::deleteLater);
        connect(socket, &QIODevice::readyRead, this, [this, socket] { answer(socket); });
        QTimer::singleShot(kRequestTimeoutMs, socket, [socket] { socket->abort(); });
    }
}

void AdminServer::answer(QTcpSocket *socket)
{
    if (socket->property("answered").toBool()) {
        socket->readAll();
        return;
    }
    QByteArray request = socket->property("request").toByteArray() + socket->readAll();
    const qsizetype end = request.indexOf("\r\n\r\n");
    if (end < 0 && request.size() <= kMaxRequestBytes) {
        socket->setProperty("request", request);
        return;
    }
    socket->setProperty("answered", true);
    socket->setProperty("request", QVariant());
    const QList<QByteArray> line = request.left(request.indexOf("\r\n")).split(' ');
    QByteArray out;
    if (end < 0 || line.size() != 3 || !line[2].startsWith("HTTP/1.")) {
        out = response(400, "Bad Request", kPlain, "bad request\n");
    } else if (line[0] != "GET" && line[0] != "HEAD") {
        out = response(405, "Method Not Allowed", kPlain, "only GET\n");
    } else if (line[1] == "/healthz") {
        const Status healthy = m_health();
        out = healthy ? response(200, "OK", kPlain, "ok\n")
                      : response(503, "Service Unavailable", kPlain,
                                 healthy.error().simplified().toUtf8() + '\n');
        if (!healthy && m_wasHealthy)
            qCWarning(lcRelay).noquote() << "unhealthy:" << healthy.error();
        else if (healthy && !m_wasHealthy)
            qCInfo(lcRelay).noquote() << "healthy again";
        m_wasHealthy = healthy.ok();
    } else if (line[1] == "/metrics") {
        out = response(200, "OK", "text/plain; version=0.0.4; charset=utf-8", m_metrics());
    } else {
        out = response(404, "Not Found", kPlain, "not found: /healthz and /metrics only\n");
    }
    if (line.value(0) == "HEAD")
        out = out.left(out.indexOf("\r\n\r\n") + 4);
    socket->write(out);
    socket->disconnectFromHost();
}

} // namespace feedback::relay
