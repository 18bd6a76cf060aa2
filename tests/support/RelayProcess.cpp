#include "RelayProcess.h"

#include "PgCluster.h"
#include "RawDatabase.h"

#include <QCoreApplication>
#include <QDeadlineTimer>
#include <QFile>
#include <QUrl>

#include <csignal>
#include <sys/resource.h>

namespace feedback::test {

namespace {
constexpr int kStartTimeoutMs = kPatienceMs;
constexpr int kStopTimeoutMs = kPatienceMs;
const QByteArray kListening = QByteArrayLiteral("listening on ");

// FEEDBACK_TEST_RELAY_STORAGE=postgresql: one cluster for the whole test process, started at the
// first relay and stopped with the application; each relay a database of its own in it.
std::unique_ptr<PgCluster> g_cluster;
QString g_clusterFailure;
int g_databases = 0;

QString newRelayDatabase(QString &error)
{
    if (!g_cluster) {
        g_cluster = std::make_unique<PgCluster>();
        g_clusterFailure = g_cluster->start();
        qAddPostRoutine([] { g_cluster.reset(); });
    }
    if (!g_clusterFailure.isEmpty()) {
        error = g_clusterFailure;
        return {};
    }
    const QString name = QStringLiteral("relay%1").arg(++g_databases);
    g_cluster->query(QStringLiteral("CREATE DATABASE ") + name);
    if (g_cluster->query(
            QStringLiteral("SELECT 1 FROM pg_database WHERE datname = '%1'").arg(name)) !=
        QLatin1String("1")) {
        error = QStringLiteral("cannot create the database ") + name;
        return {};
    }
    return QStringLiteral("postgresql://postgres@127.0.0.1:%1/%2").arg(g_cluster->port()).arg(name);
}

QByteArray tail(const QString &path, qint64 bytes)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly))
        return QByteArray();
    if (f.size() > bytes)
        f.seek(f.size() - bytes);
    return f.readAll();
}
} // namespace

RelayProcess::RelayProcess(QString dataDir, QStringList extraArgs)
    : m_dataDir(std::move(dataDir))
    , m_extraArgs(std::move(extraArgs))
{}

RelayProcess::~RelayProcess()
{
    kill();
}

bool RelayProcess::isRunning() const
{
    return m_process && m_process->state() != QProcess::NotRunning;
}

bool RelayProcess::start(quint16 port)
{
    if (isRunning())
        kill();
    return launch(port);
}

bool RelayProcess::onPostgres()
{
    return qEnvironmentVariable("FEEDBACK_TEST_RELAY_STORAGE") == QLatin1String("postgresql");
}

bool RelayProcess::ensureDatabase()
{
    if (m_database.isEmpty() && onPostgres())
        m_database = newRelayDatabase(m_error);
    return !onPostgres() || !m_database.isEmpty();
}

QStringList RelayProcess::storageArgs()
{
    if (!ensureDatabase())
        return {};
    if (m_database.isEmpty())
        return {QStringLiteral("--data"), m_dataDir};
    return {QStringLiteral("--database"), m_database};
}

QString RelayProcess::storageValue(const QString &sql) const
{
    if (m_database.isEmpty())
        return RawDatabase(m_dataDir + QStringLiteral("/relay.db")).value(sql).toString();
    return g_cluster ? g_cluster->query(sql, QUrl(m_database).path().mid(1)) : QString();
}

std::unique_ptr<RawDatabase> RelayProcess::openStorage() const
{
    if (m_database.isEmpty())
        return std::make_unique<RawDatabase>(m_dataDir + QStringLiteral("/relay.db"));
    return RawDatabase::postgres(QUrl(m_database));
}

AdmitRun RelayProcess::admit(const QStringList &args)
{
    QProcess p;
    p.start(qEnvironmentVariable("FEEDBACK_RELAY"),
            QStringList{QStringLiteral("admit")} + storageArgs() + args);
    AdmitRun run;
    if (!p.waitForFinished(kPatienceMs) || p.exitStatus() != QProcess::NormalExit)
        return run;
    run.code = p.exitCode();
    run.out = QString::fromUtf8(p.readAllStandardOutput());
    run.err = QString::fromUtf8(p.readAllStandardError());
    return run;
}

QByteArray RelayProcess::mintAdmissionToken(AdmitRun &run)
{
    run = admit({QStringLiteral("--token")});
    const QRegularExpressionMatch printed =
        QRegularExpression(QStringLiteral("^(cfa1-[A-Za-z0-9_-]{32})\\n$")).match(run.out);
    if (run.code != 0 || !printed.hasMatch() || !run.err.contains(QStringLiteral("valid until")))
        return {};
    return printed.captured(1).toLatin1();
}

bool RelayProcess::launch(quint16 port)
{
    m_url.clear();
    m_error.clear();
    const QString program = qEnvironmentVariable("FEEDBACK_RELAY");
    if (program.isEmpty()) {
        m_error = QStringLiteral("FEEDBACK_RELAY is not set");
        return false;
    }
    m_process = std::make_unique<QProcess>();
    m_process->setProcessChannelMode(QProcess::SeparateChannels);
    m_process->setStandardErrorFile(logPath(), QIODevice::Append);
    const rlim_t fileSize = static_cast<rlim_t>(m_fileSizeLimit);
    const rlimit descriptors{static_cast<rlim_t>(m_descriptorsSoft),
                             static_cast<rlim_t>(m_descriptorsHard)};
    m_process->setChildProcessModifier([fileSize, descriptors] {
        if (fileSize > 0) {
            const rlimit r{fileSize, fileSize};
            setrlimit(RLIMIT_FSIZE, &r);
        }
        if (descriptors.rlim_max > 0)
            setrlimit(RLIMIT_NOFILE, &descriptors);
    });
    QStringList args{QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                     QStringLiteral("--data"), m_dataDir};
    // The suites make up workspaces freely; tst_relayadmission starts closed relays.
    if (m_open)
        args.append(QStringLiteral("--open"));
    if (!ensureDatabase())
        return false;
    if (!m_database.isEmpty())
        args += QStringList{QStringLiteral("--database"), m_database};
    m_process->start(program, args + m_extraArgs);
    QDeadlineTimer deadline(kStartTimeoutMs);
    QByteArray out;
    while (!deadline.hasExpired()) {
        if (m_process->state() == QProcess::NotRunning && m_process->bytesAvailable() == 0)
            break;
        m_process->waitForReadyRead(
            static_cast<int>(std::min<qint64>(100, std::max<qint64>(1, deadline.remainingTime()))));
        out += m_process->readAllStandardOutput();
        const qsizetype at = out.indexOf(kListening);
        const qsizetype end = at < 0 ? -1 : out.indexOf('\n', at);
        if (end < 0)
            continue;
        m_url = QString::fromUtf8(out.mid(at + kListening.size(), end - at - kListening.size()))
                    .trimmed();
        // "admin on URL" comes before it with --admin-listen.
        const QByteArray admin("admin on ");
        const qsizetype adminAt = out.indexOf(admin);
        m_adminUrl =
            adminAt < 0
                ? QString()
                : QString::fromUtf8(out.mid(adminAt + admin.size(),
                                            out.indexOf('\n', adminAt) - adminAt - admin.size()))
                      .trimmed();
        const qsizetype colon = m_url.lastIndexOf(QLatin1Char(':'));
        m_port =
            static_cast<quint16>(m_url.mid(colon + 1).section(QLatin1Char('/'), 0, 0).toUInt());
        return true;
    }
    m_error = m_process->state() == QProcess::NotRunning
                  ? QStringLiteral("feedback-relay exited (code %1) before listening")
                        .arg(m_process->exitCode())
                  : QStringLiteral("no \"listening on\" line within %1 ms").arg(kStartTimeoutMs);
    m_error += QStringLiteral("; stdout: ") + QString::fromUtf8(out);
    kill();
    return false;
}

bool RelayProcess::restart()
{
    const quint16 previous = m_port;
    kill();
    if (previous != 0 && launch(previous))
        return true;
    return launch(0);
}

void RelayProcess::kill()
{
    if (!isRunning())
        return;
    m_process->kill();
    m_process->waitForFinished(kStopTimeoutMs);
}

bool RelayProcess::terminate()
{
    return stopWith(SIGTERM, "SIGTERM");
}

bool RelayProcess::interrupt()
{
    return stopWith(SIGINT, "SIGINT");
}

void RelayProcess::pause()
{
    if (isRunning())
        ::kill(static_cast<pid_t>(m_process->processId()), SIGSTOP);
}

void RelayProcess::resume()
{
    if (isRunning())
        ::kill(static_cast<pid_t>(m_process->processId()), SIGCONT);
}

bool RelayProcess::stopWith(int signal, const char *name)
{
    if (!isRunning())
        return false;
    ::kill(static_cast<pid_t>(m_process->processId()), signal);
    if (!m_process->waitForFinished(kStopTimeoutMs)) {
        m_error = QStringLiteral("did not stop within %1 ms of %2")
                      .arg(kStopTimeoutMs)
                      .arg(QLatin1String(name));
        kill();
        return false;
    }
    if (m_process->exitStatus() != QProcess::NormalExit || m_process->exitCode() != 0) {
        m_error = QStringLiteral("stopped with status %1, code %2")
                      .arg(m_process->exitStatus())
                      .arg(m_process->exitCode());
        return false;
    }
    return true;
}

QByteArray RelayProcess::describe() const
{
    return QStringLiteral("relay %1 (%2): %3\n--- end of %4 ---\n")
               .arg(m_url, m_dataDir, m_error, logPath())
               .toUtf8() +
           tail(logPath(), 3000);
}

} // namespace feedback::test
