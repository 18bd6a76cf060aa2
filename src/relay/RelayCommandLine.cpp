#include "RelayCommandLine.h"

#include <QFile>
#include <QSslCertificate>
#include <QSslKey>

#include <common/HostPort.h>
#include <limits>

namespace feedback::relay {

namespace {

const RelayLimits kDefaults;

QCommandLineOption numberOption(const char *name, const char *description, const char *valueName,
                                qint64 defaultValue)
{
    return QCommandLineOption(QString::fromLatin1(name), QString::fromLatin1(description),
                              QString::fromLatin1(valueName), QString::number(defaultValue));
}

std::optional<ListenAddress> parseListen(const QString &text)
{
    const auto split = splitHostPort(text);
    if (!split)
        return std::nullopt;
    ListenAddress out;
    if (!out.address.setAddress(
            split->host == QLatin1String("localhost") ? QStringLiteral("127.0.0.1") : split->host))
        return std::nullopt;
    out.port = split->port;
    return out;
}

} // namespace

std::optional<qint64> parseDuration(const QString &text)
{
    if (text == QLatin1String("0"))
        return 0;
    static const QList<std::pair<QChar, qint64>> kUnits{{QLatin1Char('s'), 1000},
                                                        {QLatin1Char('m'), 60 * 1000},
                                                        {QLatin1Char('h'), 3600 * 1000},
                                                        {QLatin1Char('d'), 24 * 3600 * 1000}};
    for (const auto &[suffix, ms] : kUnits) {
        if (!text.endsWith(suffix))
            continue;
        bool ok = false;
        const qint64 n = text.chopped(1).toLongLong(&ok);
        if (!ok || n < 0 || n > 3650LL * 24 * 3600 * 1000 / ms)
            return std::nullopt;
        return n * ms;
    }
    return std::nullopt;
}

RelayCommandLine::RelayCommandLine()
    : m_listen(QStringLiteral("listen"), QStringLiteral("Address and port (port 0: any free one)."),
               QStringLiteral("HOST:PORT"), QStringLiteral("127.0.0.1:8765"))
    , m_data(QStringLiteral("data"), QStringLiteral("Data directory."), QStringLiteral("DIR"),
             QStringLiteral("relay-data"))
    , m_frame(
          numberOption("max-frame-bytes", "Largest frame accepted.", "N", kDefaults.maxFrameBytes))
    , m_batch(numberOption("max-batch", "Most deltas in one frame.", "N", kDefaults.maxBatch))
    , m_connections(
          numberOption("max-connections", "Most open connections.", "N", kDefaults.maxConnections))
    , m_perAddress(numberOption("max-connections-per-address",
                                "Most open connections from one address (the oldest that has "
                                "not authenticated makes room).",
                                "N", kDefaults.maxConnectionsPerAddress))
    , m_queued(numberOption("max-queued-mb",
                            "Most output waiting for all connections together, in MiB; past it "
                            "the connections furthest behind are dropped.",
                            "N", kDefaults.maxQueuedBytes / (1024 * 1024)))
    , m_rate(numberOption("max-frames-per-second", "Per-connection frame rate.", "N",
                          kDefaults.maxFramesPerSecond))
    , m_authTimeout(
          numberOption("auth-timeout-ms", "Time to authenticate.", "MS", kDefaults.authTimeoutMs))
    , m_keepalive(numberOption("keepalive-ms",
                               "Ping interval; three unanswered pings close a connection.", "MS",
                               kDefaults.keepaliveMs))
    , m_keepHistory(QStringLiteral("keep-history"),
                    QStringLiteral("How long the units a snapshot covers stay in the log after it "
                                   "(0: they go at once)."),
                    QStringLiteral("DURATION"), QStringLiteral("30d"))
    , m_snapshotEvery(QStringLiteral("snapshot-every"),
                      QStringLiteral("Ask a device for a snapshot this long after the last one "
                                     "(DURATION, as 12h) or after this many units (COUNT), and "
                                     "whenever the log after it outweighs it."),
                      QStringLiteral("DURATION|COUNT"), QStringLiteral("1d"))
    , m_cert(QStringLiteral("tls-cert"), QStringLiteral("PEM certificate: serve wss://."),
             QStringLiteral("FILE"))
    , m_key(QStringLiteral("tls-key"), QStringLiteral("PEM private key."), QStringLiteral("FILE"))
    , m_admin(QStringLiteral("admin-listen"),
              QStringLiteral("Serve GET /healthz and GET /metrics (Prometheus) over plain HTTP "
                             "on this address (port 0: any free one); nothing of the data."),
              QStringLiteral("HOST:PORT"))
    , m_open(QStringLiteral("open"),
             QStringLiteral("Serve any workspace (without it: only those admitted with "
                            "`feedback-relay admit`, and those served before)."))
    , m_quota(numberOption("workspace-quota-mb",
                           "Most one workspace may store (units and snapshots), in MiB.", "N",
                           kDefaults.workspaceQuotaBytes / (1024 * 1024)))
    , m_perWorkspace(numberOption("max-connections-per-workspace",
                                  "Most devices of one workspace connected at once.", "N",
                                  kDefaults.maxConnectionsPerWorkspace))
    , m_database(QStringLiteral("database"),
                 QStringLiteral("Store in PostgreSQL instead of --data, which several relays may "
                                "share (postgresql://USER@HOST[:PORT]/DB or "
                                "postgresql://USER@/DB?host=/run/postgresql)."),
                 QStringLiteral("URL"))
    , m_databasePassword(QStringLiteral("database-password-file"),
                         QStringLiteral("The database password's file (else libpq's PGPASSFILE "
                                        "or ~/.pgpass; never in the URL)."),
                         QStringLiteral("FILE"))
{
    m_parser.setApplicationDescription(QStringLiteral(
        "Courier Feedback relay: stores and forwards sealed deltas it cannot read.\n"
        "It serves the workspaces admitted with `feedback-relay admit [--data DIR] WORKSPACE-ID` "
        "(see `feedback-relay admit --help`), or any with --open."));
    m_parser.addHelpOption();
    m_parser.addVersionOption();
    m_parser.addOptions({m_listen,      m_data,         m_frame,       m_batch,
                         m_connections, m_perAddress,   m_queued,      m_rate,
                         m_authTimeout, m_keepalive,    m_keepHistory, m_snapshotEvery,
                         m_cert,        m_key,          m_admin,       m_open,
                         m_quota,       m_perWorkspace, m_database,    m_databasePassword});
}

Status RelayCommandLine::parse(const QStringList &arguments)
{
    if (!m_parser.parse(arguments))
        return Status::failure(m_parser.errorText(), ErrorKind::BadData);
    return Ok{};
}

bool RelayCommandLine::wantsHelp() const
{
    return m_parser.isSet(QStringLiteral("help"));
}

bool RelayCommandLine::wantsVersion() const
{
    return m_parser.isSet(QStringLiteral("version"));
}

Result<RelayLimits> RelayCommandLine::limits() const
{
    RelayLimits limits;
    QStringList errors;
    auto number = [&](const QCommandLineOption &o, auto &out) {
        bool good = false;
        const qint64 v = m_parser.value(o).toLongLong(&good);
        if (!good || v <= 0 || v > std::numeric_limits<int>::max()) {
            errors.append(QStringLiteral("--%1 must be a positive number below 2^31")
                              .arg(o.names().constFirst()));
            return;
        }
        out = static_cast<std::remove_reference_t<decltype(out)>>(v);
    };
    number(m_frame, limits.maxFrameBytes);
    number(m_batch, limits.maxBatch);
    number(m_connections, limits.maxConnections);
    number(m_perAddress, limits.maxConnectionsPerAddress);
    int queuedMb = 0;
    number(m_queued, queuedMb);
    limits.maxQueuedBytes = static_cast<qint64>(queuedMb) * 1024 * 1024;
    number(m_rate, limits.maxFramesPerSecond);
    int quotaMb = 0;
    number(m_quota, quotaMb);
    limits.workspaceQuotaBytes = static_cast<qint64>(quotaMb) * 1024 * 1024;
    number(m_perWorkspace, limits.maxConnectionsPerWorkspace);
    limits.openAdmission = m_parser.isSet(m_open);
    number(m_authTimeout, limits.authTimeoutMs);
    number(m_keepalive, limits.keepaliveMs);
    if (errors.isEmpty() && limits.keepaliveMs > 24 * 3600 * 1000)
        errors.append(QStringLiteral("--keepalive-ms must be at most a day"));
    if (const auto keep = parseDuration(m_parser.value(m_keepHistory)))
        limits.keepHistoryMs = *keep;
    else
        errors.append(QStringLiteral("--keep-history must be 0 or a duration such as 12h or 30d"));
    const QString every = m_parser.value(m_snapshotEvery);
    bool count = false;
    const qint64 units = every.toLongLong(&count);
    if (count && units > 0) {
        limits.snapshots.everyUnits = static_cast<quint64>(units);
        limits.snapshots.everyMs = std::numeric_limits<qint64>::max();
    } else if (const auto ms = parseDuration(every); ms && *ms > 0) {
        limits.snapshots.everyMs = *ms;
    } else {
        errors.append(QStringLiteral("--snapshot-every must be a duration such as 12h or a "
                                     "number of units"));
    }
    if (!errors.isEmpty())
        return Result<RelayLimits>::failure(errors.join(QLatin1Char('\n')), ErrorKind::BadData);
    return limits;
}

Result<ListenAddress> RelayCommandLine::listenAddress() const
{
    const auto parsed = parseListen(m_parser.value(m_listen));
    if (!parsed)
        return Result<ListenAddress>::failure(QStringLiteral("--listen expects HOST:PORT"),
                                              ErrorKind::BadData);
    return *parsed;
}

Result<std::optional<ListenAddress>> RelayCommandLine::adminAddress() const
{
    if (!m_parser.isSet(m_admin))
        return std::optional<ListenAddress>();
    const auto parsed = parseListen(m_parser.value(m_admin));
    if (!parsed)
        return Result<std::optional<ListenAddress>>::failure(
            QStringLiteral("--admin-listen expects HOST:PORT"), ErrorKind::BadData);
    return std::optional<ListenAddress>(*parsed);
}

Result<std::optional<QSslConfiguration>> RelayCommandLine::tls() const
{
    using R = Result<std::optional<QSslConfiguration>>;
    if (m_parser.isSet(m_cert) != m_parser.isSet(m_key))
        return R::failure(QStringLiteral("--tls-cert and --tls-key go together"),
                          ErrorKind::BadData);
    if (!m_parser.isSet(m_cert))
        return std::optional<QSslConfiguration>();
    QFile certFile(m_parser.value(m_cert));
    QFile keyFile(m_parser.value(m_key));
    if (!certFile.open(QIODevice::ReadOnly) || !keyFile.open(QIODevice::ReadOnly))
        return R::failure(QStringLiteral("cannot read the TLS certificate or key"));
    const QSslCertificate certificate(&certFile, QSsl::Pem);
    const QByteArray keyBytes = keyFile.readAll();
    QSslKey privateKey(keyBytes, QSsl::Rsa, QSsl::Pem);
    if (privateKey.isNull())
        privateKey = QSslKey(keyBytes, QSsl::Ec, QSsl::Pem);
    if (certificate.isNull() || privateKey.isNull())
        return R::failure(QStringLiteral("the TLS certificate or key is not valid PEM"));
    QSslConfiguration config = QSslConfiguration::defaultConfiguration();
    config.setLocalCertificate(certificate);
    config.setPrivateKey(privateKey);
    config.setPeerVerifyMode(QSslSocket::VerifyNone);
    return std::optional<QSslConfiguration>(config);
}

Result<std::optional<sql::PostgresTarget>> RelayCommandLine::database() const
{
    using R = Result<std::optional<sql::PostgresTarget>>;
    if (!m_parser.isSet(m_database)) {
        if (m_parser.isSet(m_databasePassword))
            return R::failure(QStringLiteral("--database-password-file goes with --database"),
                              ErrorKind::BadData);
        return std::optional<sql::PostgresTarget>();
    }
    const Result<sql::PostgresTarget> target =
        sql::PostgresTarget::parse(m_parser.value(m_database), m_parser.value(m_databasePassword),
                                   QStringLiteral("--database"));
    if (!target)
        return R::failure(target);
    return std::optional<sql::PostgresTarget>(*target);
}

} // namespace feedback::relay
