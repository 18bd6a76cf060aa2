#include "RelayApp.h"

#include "RelayLog.h"

#include <QCommandLineParser>
#include <QCoreApplication>
#include <QFile>
#include <QSocketNotifier>
#include <QSslCertificate>
#include <QSslKey>

#include <csignal>
#include <cstdio>
#include <limits>
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

bool parseListen(const QString &text, QHostAddress &address, quint16 &port)
{
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return false;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint p = text.mid(colon + 1).toUInt(&ok);
    if (!ok || p > 65535)
        return false;
    if (host == QLatin1String("localhost"))
        host = QStringLiteral("127.0.0.1");
    if (!address.setAddress(host))
        return false;
    port = static_cast<quint16>(p);
    return true;
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
    QCommandLineParser parser;
    parser.setApplicationDescription(QStringLiteral(
        "Courier Feedback relay: stores and forwards sealed deltas it cannot read."));
    parser.addHelpOption();
    parser.addVersionOption();
    const RelayLimits defaults;
    const QCommandLineOption listen(QStringLiteral("listen"),
                                    QStringLiteral("Address and port (port 0: any free one)."),
                                    QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8765"));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Data directory."),
                                  QStringLiteral("DIR"), QStringLiteral("relay-data"));
    const QCommandLineOption frame(QStringLiteral("max-frame-bytes"),
                                   QStringLiteral("Largest frame accepted."), QStringLiteral("N"),
                                   QString::number(defaults.maxFrameBytes));
    const QCommandLineOption batch(QStringLiteral("max-batch"),
                                   QStringLiteral("Most deltas in one frame."), QStringLiteral("N"),
                                   QString::number(defaults.maxBatch));
    const QCommandLineOption connections(
        QStringLiteral("max-connections"), QStringLiteral("Most open connections."),
        QStringLiteral("N"), QString::number(defaults.maxConnections));
    const QCommandLineOption rate(QStringLiteral("max-frames-per-second"),
                                  QStringLiteral("Per-connection frame rate."), QStringLiteral("N"),
                                  QString::number(defaults.maxFramesPerSecond));
    const QCommandLineOption authTimeout(
        QStringLiteral("auth-timeout-ms"), QStringLiteral("Time to authenticate."),
        QStringLiteral("MS"), QString::number(defaults.authTimeoutMs));
    const QCommandLineOption keepalive(
        QStringLiteral("keepalive-ms"),
        QStringLiteral("Ping interval; three unanswered pings close a connection."),
        QStringLiteral("MS"), QString::number(defaults.keepaliveMs));
    const QCommandLineOption cert(QStringLiteral("tls-cert"),
                                  QStringLiteral("PEM certificate: serve wss://."),
                                  QStringLiteral("FILE"));
    const QCommandLineOption key(QStringLiteral("tls-key"), QStringLiteral("PEM private key."),
                                 QStringLiteral("FILE"));
    parser.addOptions(
        {listen, data, frame, batch, connections, rate, authTimeout, keepalive, cert, key});
    if (!parser.parse(arguments)) {
        std::fprintf(stderr, "feedback-relay: %s\n", qPrintable(parser.errorText()));
        return 2;
    }
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    if (parser.isSet(QStringLiteral("version"))) {
        std::printf("feedback-relay %s\n", FEEDBACK_VERSION);
        return 0;
    }
    RelayLimits limits;
    bool ok = true;
    auto number = [&](const QCommandLineOption &o, auto &out) {
        bool good = false;
        const qint64 v = parser.value(o).toLongLong(&good);
        if (!good || v <= 0 || v > std::numeric_limits<int>::max()) {
            std::fprintf(stderr, "feedback-relay: --%s must be a positive number below 2^31\n",
                         qPrintable(o.names().first()));
            ok = false;
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    };
    number(frame, limits.maxFrameBytes);
    number(batch, limits.maxBatch);
    number(connections, limits.maxConnections);
    number(rate, limits.maxFramesPerSecond);
    number(authTimeout, limits.authTimeoutMs);
    number(keepalive, limits.keepaliveMs);
    if (ok && limits.keepaliveMs > 24 * 3600 * 1000) {
        std::fprintf(stderr, "feedback-relay: --keepalive-ms must be at most a day\n");
        ok = false;
    }
    QHostAddress address;
    quint16 port = 0;
    if (!parseListen(parser.value(listen), address, port)) {
        std::fprintf(stderr, "feedback-relay: --listen expects HOST:PORT\n");
        ok = false;
    }
    if (!ok)
        return 2;
    std::optional<QSslConfiguration> tls;
    if (parser.isSet(cert) != parser.isSet(key)) {
        std::fprintf(stderr, "feedback-relay: --tls-cert and --tls-key go together\n");
        return 2;
    }
    if (parser.isSet(cert)) {
        QFile certFile(parser.value(cert));
        QFile keyFile(parser.value(key));
        if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly)) {
            std::fprintf(stderr, "feedback-relay: cannot read the TLS certificate or key\n");
            return 1;
        }
        const QSslCertificate certificate(&certFile, QSsl::Pem);
        const QByteArray keyBytes = keyFile.readAll();
        QSslKey privateKey(keyBytes, QSsl::Rsa, QSsl::Pem);
        if (privateKey.isNull())
            privateKey = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
        if (certificate.isNull() || privateKey.isNull()) {
            std::fprintf(stderr, "feedback-relay: the TLS certificate or key is not valid PEM\n");
            return 1;
        }
        QSslConfiguration config = QSslConfiguration::defaultConfiguration();
        config.setLocalCertificate(certificate);
        config.setPrivateKey(privateKey);
        config.setPeerVerifyMode(QSslSocket::VerifyNone);
        tls = config;
    }
    if (const QString error = m_storage.open(parser.value(data)); !error.isEmpty()) {
        std::fprintf(stderr, "feedback-relay: cannot open the data directory: %s\n",
                     qPrintable(error));
        return 1;
    }
    m_server = std::make_unique<RelayServer>(m_storage, limits, tls);
    if (const QString error = m_server->listen(address, port); !error.isEmpty()) {
        std::fprintf(stderr, "feedback-relay: cannot listen on %s: %s\n",
                     qPrintable(parser.value(listen)), qPrintable(error));
        return 1;
    }
    installSignalHandlers();
    std::printf("listening on %s\n", qPrintable(m_server->url()));
    std::fflush(stdout);
    return -1;
}

} // namespace feedback::relay
