#include "RelayApp.h"

#include "AdminServer.h"
#include "RelayAdmitCommand.h"
#include "RelayCommandLine.h"

#include <QCoreApplication>
#include <QSocketNotifier>

#include <common/LogCategories.h>
#include <csignal>
#include <cstdio>
#include <sys/socket.h>
#include <unistd.h>

namespace feedback::relay {

namespace {
int g_signalPipe[2] = {-1, -1};

void onSignal(int)
{
    const char byte = 1;
    [[maybe_unused]] const auto written = ::write(g_signalPipe[1], &byte, 1);
}

// Prints each line of `failure` after the program's name; the exit code: 2 for what was given
// wrong, 1 for what failed.
int stop(const Status &failure, const char *prefix = "")
{
    for (const QString &line : failure.error().split(QLatin1Char('\n')))
        std::fprintf(stderr, "feedback-relay: %s%s\n", prefix, qPrintable(line));
    return failure.errorKind() == ErrorKind::BadData ? 2 : 1;
}
} // namespace

RelayApp::RelayApp(QObject *parent)
    : QObject(parent)
{}

RelayApp::~RelayApp() = default;

void RelayApp::installSignalHandlers()
{
    if (::socketpair(AF_UNIX, SOCK_STREAM, 0, g_signalPipe) != 0)
        return;
    auto *notifier = new QSocketNotifier(g_signalPipe[0], QSocketNotifier::Read, this);
    connect(notifier, &QSocketNotifier::activated, this, [] {
        char byte = 0;
        [[maybe_unused]] const auto n = ::read(g_signalPipe[0], &byte, 1);
        qCInfo(lcRelay) << "stopping: every acknowledged delta is already committed";
        QCoreApplication::quit();
    });
    struct sigaction action = {};
    action.sa_handler = onSignal;
    sigemptyset(&action.sa_mask);
    action.sa_flags = SA_RESTART;
    sigaction(SIGTERM, &action, nullptr);
    sigaction(SIGINT, &action, nullptr);
}

int RelayApp::start(const QStringList &arguments)
{
    if (arguments.size() > 1 && arguments.at(1) == QLatin1String("admit"))
        return RelayAdmitCommand::run(arguments);
    RelayCommandLine commandLine;
    if (const Status parsed = commandLine.parse(arguments); !parsed)
        return stop(parsed);
    if (commandLine.wantsHelp()) {
        std::fputs(qPrintable(commandLine.helpText()), stdout);
        return 0;
    }
    if (commandLine.wantsVersion()) {
        std::printf("feedback-relay %s\n", FEEDBACK_VERSION);
        return 0;
    }
    // Everything wrong with the limits and the address is said at once.
    const Result<RelayLimits> limits = commandLine.limits();
    const Result<ListenAddress> address = commandLine.listenAddress();
    const Result<std::optional<ListenAddress>> admin = commandLine.adminAddress();
    if (!limits || !address || !admin) {
        if (!limits)
            stop(Status::failure(limits));
        if (!address)
            stop(Status::failure(address));
        if (!admin)
            stop(Status::failure(admin));
        return 2;
    }
    const Result<std::optional<QSslConfiguration>> tls = commandLine.tls();
    if (!tls)
        return stop(Status::failure(tls));
    const Result<std::optional<sql::PostgresTarget>> database = commandLine.database();
    if (!database)
        return stop(Status::failure(database));
    m_database = *database;
    return serve(commandLine.dataDir(), *limits, *tls, *address, commandLine.listenText(), *admin);
}

int RelayApp::serve(const QString &dataDir, const RelayLimits &limits,
                    const std::optional<QSslConfiguration> &tls, const ListenAddress &address,
                    const QString &listenText, const std::optional<ListenAddress> &admin)
{
    if (m_database) {
        if (const Status opened = m_storage.openPostgres(*m_database); !opened)
            return stop(Status::failure(opened), "cannot open the database: ");
    } else if (const Status opened = m_storage.open(dataDir); !opened) {
        return stop(Status::failure(opened), "cannot open the data directory: ");
    }
    m_storage.setKeepHistory(limits.keepHistoryMs);
    RelayLimits served = limits;
    served.descriptors = raiseDescriptorLimit();
    m_server = std::make_unique<RelayServer>(m_storage, served, tls);
    // Said when the descriptors, not --max-connections, bound the sockets.
    if (const int sockets = m_server->gate().limits().maxSockets; sockets < limits.maxConnections)
        qCWarning(lcRelay).noquote()
            << "only" << served.descriptors << "file descriptors: at most" << sockets
            << "connections, not" << limits.maxConnections << "(raise LimitNOFILE or ulimit -n)";
    if (const Status listening = m_server->listen(address.address, address.port); !listening)
        return stop(Status::failure(listening),
                    qPrintable(QStringLiteral("cannot listen on %1: ").arg(listenText)));
    if (admin) {
        m_admin = std::make_unique<AdminServer>([this] { return m_storage.health(); },
                                                [this] { return m_server->metricsText(); });
        if (const Status listening = m_admin->listen(admin->address, admin->port); !listening)
            return stop(Status::failure(listening), "cannot listen on --admin-listen: ");
        // Before "listening on": whoever waits for that line has this one too.
        std::printf("admin on %s\n", qPrintable(m_admin->url()));
    }
    installSignalHandlers();
    std::printf("listening on %s\n", qPrintable(m_server->url()));
    std::fflush(stdout);
    return -1;
}

} // namespace feedback::relay
