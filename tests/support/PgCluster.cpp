#include "PgCluster.h"

#include <QDir>
#include <QFile>
#include <QProcess>
#include <QTcpServer>

#include <pwd.h>
#include <unistd.h>

namespace feedback::test {

namespace {

constexpr int kStartMs = 60000;

// The newest installed server's binaries (Debian: /usr/lib/postgresql/15/bin).
QString serverBinaries()
{
    const QStringList versions =
        QDir(QStringLiteral("/usr/lib/postgresql"))
            .entryList(QDir::Dirs | QDir::NoDotAndDotDot, QDir::Name | QDir::Reversed);
    for (const QString &v : versions) {
        const QString bin = QStringLiteral("/usr/lib/postgresql/%1/bin").arg(v);
        if (QFile::exists(bin + QStringLiteral("/initdb")))
            return bin;
    }
    return {};
}

} // namespace

PgCluster::~PgCluster()
{
    stop();
}

QString PgCluster::binary(const QString &name) const
{
    return m_bin + QLatin1Char('/') + name;
}

QString PgCluster::run(const QStringList &command, int timeoutMs, QString *output) const
{
    QStringList argv = command;
    // initdb and postgres refuse root.
    if (::geteuid() == 0)
        argv = QStringList{QStringLiteral("-u"), QStringLiteral("postgres"), QStringLiteral("--")} +
               argv;
    QProcess p;
    p.setProcessChannelMode(QProcess::MergedChannels);
    p.start(::geteuid() == 0 ? QStringLiteral("runuser") : argv.takeFirst(), argv);
    if (!p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished();
        return QStringLiteral("%1 did not finish").arg(command.first());
    }
    const QString said = QString::fromUtf8(p.readAll());
    if (output)
        *output = said;
    if (p.exitStatus() != QProcess::NormalExit || p.exitCode() != 0)
        return QStringLiteral("%1 failed: %2").arg(command.first(), said);
    return {};
}

QString PgCluster::start()
{
    m_bin = serverBinaries();
    if (m_bin.isEmpty())
        return QStringLiteral(
            "no PostgreSQL server under /usr/lib/postgresql (package postgresql)");
    m_dir = std::make_unique<QTemporaryDir>();
    if (!m_dir->isValid())
        return QStringLiteral("no temporary directory");
    if (::geteuid() == 0) {
        const passwd *pg = ::getpwnam("postgres");
        if (!pg || ::chown(QFile::encodeName(m_dir->path()).constData(), pg->pw_uid, pg->pw_gid))
            return QStringLiteral("cannot give the cluster's directory to the postgres user");
    }
    {
        QTcpServer probe; // a free port for the server
        if (!probe.listen(QHostAddress::LocalHost))
            return QStringLiteral("no free port");
        m_port = probe.serverPort();
    }
    if (QString failed =
            run({binary(QStringLiteral("initdb")), QStringLiteral("-D"),
                 m_dir->filePath(QStringLiteral("data")), QStringLiteral("-U"),
                 QStringLiteral("postgres"), QStringLiteral("--auth=trust"), QStringLiteral("-E"),
                 QStringLiteral("UTF8"), QStringLiteral("--no-sync"), QStringLiteral("--locale=C")},
                kStartMs);
        !failed.isEmpty())
        return failed;
    return restart();
}

QString PgCluster::restart()
{
    if (m_running)
        stop();
    // Tests need no durability; a benchmark does (setDurable), as a real server has it.
    const QString options =
        QStringLiteral("-c listen_addresses=127.0.0.1 -p %1 -k %2").arg(m_port).arg(m_dir->path()) +
        (m_durable ? QString() : QStringLiteral(" -c fsync=off -c full_page_writes=off"));
    if (QString failed = run({binary(QStringLiteral("pg_ctl")), QStringLiteral("-D"),
                              m_dir->filePath(QStringLiteral("data")), QStringLiteral("-o"),
                              options, QStringLiteral("-l"), m_dir->filePath(QStringLiteral("log")),
                              QStringLiteral("-w"), QStringLiteral("start")},
                             kStartMs);
        !failed.isEmpty()) {
        QFile log(m_dir->filePath(QStringLiteral("log")));
        return failed +
               (log.open(QIODevice::ReadOnly) ? QString::fromUtf8(log.readAll()) : QString());
    }
    m_running = true;
    return {};
}

void PgCluster::stop()
{
    if (!m_running)
        return;
    run({binary(QStringLiteral("pg_ctl")), QStringLiteral("-D"),
         m_dir->filePath(QStringLiteral("data")), QStringLiteral("-m"), QStringLiteral("fast"),
         QStringLiteral("-w"), QStringLiteral("stop")},
        kStartMs);
    m_running = false;
}

QString PgCluster::url() const
{
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/postgres").arg(m_port);
}

QString PgCluster::query(const QString &sql, const QString &database) const
{
    QProcess p;
    p.start(QStringLiteral("psql"),
            {QStringLiteral("-X"), QStringLiteral("-q"), QStringLiteral("-A"), QStringLiteral("-t"),
             QStringLiteral("-v"), QStringLiteral("ON_ERROR_STOP=1"), QStringLiteral("-h"),
             QStringLiteral("127.0.0.1"), QStringLiteral("-p"), QString::number(m_port),
             QStringLiteral("-U"), QStringLiteral("postgres"), QStringLiteral("-d"), database,
             QStringLiteral("-c"), sql});
    if (!p.waitForFinished(kStartMs) || p.exitCode() != 0)
        return {};
    return QString::fromUtf8(p.readAllStandardOutput()).trimmed();
}

} // namespace feedback::test
