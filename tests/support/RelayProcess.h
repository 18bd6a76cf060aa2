// A real feedback-relay process (env FEEDBACK_RELAY) listening on 127.0.0.1 with a data
// directory, for the sync, relay and GUI tests. With FEEDBACK_TEST_RELAY_STORAGE=postgresql it
// stores in a PostgreSQL database of its own instead (a cluster started for the test process),
// so that a suite runs again against the relay on PostgreSQL. Every wait is bounded; nothing here
// uses QTest, so the tests decide what a failure means. (feedbackctl runs: FeedbackCtlRunner.h.)
#pragma once

#include "Patience.h"
#include "RawDatabase.h"

#include <QByteArray>
#include <QProcess>
#include <QString>
#include <QStringList>

#include <memory>

namespace feedback::test {

// What a `feedback-relay admit` run printed (RelayProcess::admit).
struct AdmitRun
{
    int code = -1; // -1: it did not finish
    QString out;
    QString err;
    QByteArray describe() const
    {
        return (QStringLiteral("exit %1\n").arg(code) + out + err).toUtf8();
    }
};

class RelayProcess
{
public:
    // `extraArgs` go to every start (--max-batch 50, --auth-timeout-ms 500, ...). The relay's
    // log (stderr) goes to DATADIR.log, beside the data directory, never into it.
    explicit RelayProcess(QString dataDir, QStringList extraArgs = {});
    ~RelayProcess();
    RelayProcess(const RelayProcess &) = delete;
    RelayProcess &operator=(const RelayProcess &) = delete;

    // Starts and waits (at most 10 s) for "listening on ws://HOST:PORT". `port` 0: any free one.
    bool start(quint16 port = 0);
    // Stops a running relay with SIGKILL, then starts it again on the same data directory:
    // on the same port when it is still free, else on a new one (url() tells).
    bool restart();
    void kill();      // SIGKILL, then reaps the process
    bool terminate(); // SIGTERM; true when it exited by itself with code 0 within 10 s
    bool interrupt(); // the same with SIGINT (Ctrl+C)
    // SIGSTOP and SIGCONT: a relay that is there (its kernel still accepts connections) but
    // answers nothing, as a frozen machine would.
    void pause();
    void resume();

    bool isRunning() const;
    // RLIMIT_FSIZE for the next starts (0: none): a write past it kills the relay (SIGXFSZ), as a
    // power cut in the middle of a write would stop it.
    void setFileSizeLimit(qint64 bytes) { m_fileSizeLimit = bytes; }
    // RLIMIT_NOFILE (soft, hard) for the next starts (0: as this process has it), as `prlimit`
    // or a unit's LimitNOFILE would set it.
    void setDescriptorLimit(int soft, int hard)
    {
        m_descriptorsSoft = soft;
        m_descriptorsHard = hard;
    }
    // Whether the next starts pass --open (serve any workspace; the default here, since the
    // suites make up workspaces), or serve only those admitted.
    void setOpen(bool open) { m_open = open; }
    qint64 processId() const { return m_process ? m_process->processId() : 0; }
    QString url() const { return m_url; }
    // http://HOST:PORT of --admin-listen, empty without it.
    QString adminUrl() const { return m_adminUrl; }
    quint16 port() const { return m_port; }
    const QString &dataDir() const { return m_dataDir; }
    QString logPath() const { return m_dataDir + QStringLiteral(".log"); }
    // Where `feedback-relay admit` finds this relay's storage: --data DIR, or --database URL
    // under FEEDBACK_TEST_RELAY_STORAGE=postgresql (the database made now if the relay never
    // started). Empty when that database cannot be made (describe() says why).
    QStringList storageArgs();
    // The first value `sql` reads from the relay's storage (relay.db, or its database), as text;
    // empty when it cannot be read.
    QString storageValue(const QString &sql) const;
    // A connection of the test's own to that storage, to look at or damage rows behind the
    // relay's back (check isOpen() and error()).
    std::unique_ptr<RawDatabase> openStorage() const;
    // `feedback-relay admit ARGS...` on this relay's storage (--data, or --database), while the
    // relay runs or not.
    AdmitRun admit(const QStringList &args);
    // A new token from `admit --token`: empty unless it printed one alone on its output (and
    // said until when it is valid); `run` gets what it printed.
    QByteArray mintAdmissionToken(AdmitRun &run);
    static bool onPostgres(); // FEEDBACK_TEST_RELAY_STORAGE=postgresql
    // What went wrong in the last start, with the end of the relay's log: for QVERIFY2.
    QByteArray describe() const;

private:
    bool launch(quint16 port);
    bool ensureDatabase();
    bool stopWith(int signal, const char *name);

    QString m_dataDir;
    QStringList m_extraArgs;
    std::unique_ptr<QProcess> m_process;
    QString m_url;
    QString m_adminUrl;
    quint16 m_port = 0;
    qint64 m_fileSizeLimit = 0;
    int m_descriptorsSoft = 0;
    int m_descriptorsHard = 0;
    bool m_open = true;
    QString m_error;
    // FEEDBACK_TEST_RELAY_STORAGE=postgresql: this relay's database (kept across restarts).
    QString m_database;
};

} // namespace feedback::test
