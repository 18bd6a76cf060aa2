// feedback-relay as a program: options, storage, server, clean shutdown on SIGTERM/SIGINT.
#pragma once

#include "RelayServer.h"
#include "RelayStorage.h"

#include <QObject>
#include <QStringList>

#include <memory>

namespace feedback::relay {

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
    void installSignalHandlers();

    RelayStorage m_storage;
    std::unique_ptr<RelayServer> m_server;
};

} // namespace feedback::relay
