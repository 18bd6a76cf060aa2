// The relay's admin port (--admin-listen): `GET /healthz` (200 "ok" when the storage answers,
// else 503 with a one-line reason) and `GET /metrics` (Prometheus text). Plain HTTP/1.1, one
// request per connection, nothing else: it never serves anything from the data, so it may be
// reachable by the monitoring network without the workspace's secrets being at stake.
#pragma once

#include <QTcpServer>

#include <common/Result.h>
#include <functional>

namespace feedback::relay {

class AdminServer : public QObject
{
    Q_OBJECT
public:
    using Health = std::function<Status()>;
    using Metrics = std::function<QByteArray()>;
    AdminServer(Health health, Metrics metrics, QObject *parent = nullptr);

    Status listen(const QHostAddress &address, quint16 port);
    QString url() const;

private:
    void accept();
    void answer(class QTcpSocket *socket);

    Health m_health;
    Metrics m_metrics;
    QTcpServer m_server;
    int m_open = 0;
    bool m_wasHealthy = true; // a failing probe is logged when health changes, not each time
};

} // namespace feedback::relay
