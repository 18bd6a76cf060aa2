// feedback-relay as a program: options, storage, server, clean shutdown on SIGTERM/SIGINT.
#pragma once

#include "RelayServer.h"
#include "RelayStorage.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace feedback::relay {

struct ListenAddress;

class RelayApp : public QObject
{
    Q_OBJECT
public:
    explicit RelayApp(QObject *parent = nullptr);
    ~RelayApp() override;

    // Parses the arguments and starts listening; returns the exit code to stop with, or -1 to
    // run the event loop.
    int start(const QStringList &arguments);

private:
    // Opens the storage and listens; the exit code to stop with, or -1 to run the event loop.
    int serve(const QString &dataDir, const RelayLimits &limits,
              const std::optional<QSslConfiguration> &tls, const ListenAddress &address,
              const QString &listenText, const std::optional<ListenAddress> &admin);
    void installSignalHandlers();

    RelayStorage m_storage;
    std::optional<sql::PostgresTarget> m_database; // --database, else relay.db in --data
    std::unique_ptr<RelayServer> m_server;
    std::unique_ptr<class AdminServer> m_admin;
};

} // namespace feedback::relay
