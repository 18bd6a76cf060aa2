// A private PostgreSQL cluster for a test: initdb in a temporary directory, started with pg_ctl
// on 127.0.0.1 and a free port (trust authentication, user postgres, fsync off), stopped when
// the object goes, even after a failed test. As root, initdb and postgres run as the `postgres`
// user through runuser (TOOLCHAIN.md); the directory is given to it.
#pragma once

#include <QString>
#include <QTemporaryDir>

#include <memory>

namespace feedback::test {

class PgCluster
{
public:
    PgCluster() = default;
    ~PgCluster();
    PgCluster(const PgCluster &) = delete;
    PgCluster &operator=(const PgCluster &) = delete;

    // Commits flushed to disk as on a real server (for benchmarks); tests run with fsync off.
    // Before start().
    void setDurable(bool durable) { m_durable = durable; }
    // Empty when it runs, else what went wrong (with the server's log).
    QString start();
    void stop();
    // SIGKILL-free restart on the same port and data (pg_ctl stop -m fast, then start).
    QString restart();

    quint16 port() const { return m_port; }
    // postgresql://postgres@127.0.0.1:PORT/postgres
    QString url() const;
    // One statement through psql (on `database`), its output unaligned without headers; empty
    // on failure.
    QString query(const QString &sql, const QString &database = QStringLiteral("postgres")) const;

private:
    QString run(const QStringList &command, int timeoutMs, QString *output = nullptr) const;
    QString binary(const QString &name) const;

    std::unique_ptr<QTemporaryDir> m_dir;
    QString m_bin;
    quint16 m_port = 0;
    bool m_running = false;
    bool m_durable = false;
};

} // namespace feedback::test
