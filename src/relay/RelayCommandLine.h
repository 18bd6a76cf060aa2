// feedback-relay's command line: the options, and what they ask for once checked (limits, the
// address to listen on, TLS). A value that is not valid is a BadData failure (exit code 2);
// a TLS file that cannot be read or used is an Other failure (exit code 1).
#pragma once

#include "RelayServer.h"

#include <QCommandLineOption>
#include <QCommandLineParser>
#include <QHostAddress>
#include <QSslConfiguration>

#include <common/Result.h>
#include <common/sql/PostgresTarget.h>
#include <optional>

namespace feedback::relay {

struct ListenAddress
{
    QHostAddress address;
    quint16 port = 0;
};

// "0", "90s", "15m", "2h", "30d": milliseconds; nothing when it is not one (or over 10 years).
std::optional<qint64> parseDuration(const QString &text);

class RelayCommandLine
{
public:
    RelayCommandLine();

    // Fails (BadData) on an unknown option or a missing value.
    Status parse(const QStringList &arguments);
    bool wantsHelp() const;
    bool wantsVersion() const;
    QString helpText() const { return m_parser.helpText(); }

    // Each check says everything wrong with its options, one line per option.
    Result<RelayLimits> limits() const;
    Result<ListenAddress> listenAddress() const;
    // --admin-listen: nothing when not given.
    Result<std::optional<ListenAddress>> adminAddress() const;
    Result<std::optional<QSslConfiguration>> tls() const;
    QString listenText() const { return m_parser.value(m_listen); }
    QString dataDir() const { return m_parser.value(m_data); }
    // --database (with --database-password-file): nothing when the relay keeps to --data.
    Result<std::optional<sql::PostgresTarget>> database() const;

private:
    QCommandLineParser m_parser;
    QCommandLineOption m_listen, m_data, m_frame, m_batch, m_connections, m_perAddress, m_queued,
        m_rate, m_authTimeout, m_keepalive, m_keepHistory, m_snapshotEvery, m_cert, m_key, m_admin,
        m_open, m_quota, m_perWorkspace, m_database, m_databasePassword;
};

} // namespace feedback::relay
