// What the benchmarks read of a process from /proc: resident memory and CPU time, so that a
// figure can say which process (the relay, or the benchmark driving it) spent the time.
#pragma once

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>
#include <QJsonObject>

#include <algorithm>
#include <unistd.h>

namespace feedback::bench {

// A line of /proc/PID/status ("VmRSS:", "VmHWM:") in MB.
inline double statusMb(qint64 pid, const QByteArray &key)
{
    QFile status(QStringLiteral("/proc/%1/status").arg(pid));
    if (!status.open(QIODevice::ReadOnly))
        return 0;
    for (const QByteArray &line : status.readAll().split('\n'))
        if (line.startsWith(key))
            return line.mid(key.size()).trimmed().split(' ').first().toDouble() / 1024.0;
    return 0;
}

// User plus system CPU seconds of a process so far (/proc/PID/stat, fields 14 and 15).
inline double cpuSeconds(qint64 pid)
{
    QFile stat(QStringLiteral("/proc/%1/stat").arg(pid));
    if (!stat.open(QIODevice::ReadOnly))
        return 0;
    const QByteArray text = stat.readAll();
    const QList<QByteArray> fields = text.mid(text.lastIndexOf(')') + 2).split(' ');
    if (fields.size() < 13)
        return 0;
    return (fields[11].toDouble() + fields[12].toDouble()) /
           static_cast<double>(sysconf(_SC_CLK_TCK));
}

// CPU of the relay and of this process from construction on: percent of one core, and ms per
// item (push, unit), which stays meaningful when a process is saturated.
class CpuShare
{
public:
    explicit CpuShare(qint64 relayPid)
        : m_relayPid(relayPid)
        , m_relayStart(cpuSeconds(relayPid))
        , m_ownStart(cpuSeconds(QCoreApplication::applicationPid()))
    {
        m_wall.start();
    }
    void into(QJsonObject &extra, const QString &per, double items) const
    {
        const double seconds = static_cast<double>(m_wall.nsecsElapsed()) / 1e9;
        const double relay = cpuSeconds(m_relayPid) - m_relayStart;
        const double own = cpuSeconds(QCoreApplication::applicationPid()) - m_ownStart;
        extra.insert(QStringLiteral("relayCpuPercent"), 100 * relay / seconds);
        extra.insert(QStringLiteral("benchCpuPercent"), 100 * own / seconds);
        extra.insert(QStringLiteral("relayCpu") + per, 1000 * relay / std::max(1.0, items));
        extra.insert(QStringLiteral("benchCpu") + per, 1000 * own / std::max(1.0, items));
    }

private:
    qint64 m_relayPid;
    double m_relayStart;
    double m_ownStart;
    QElapsedTimer m_wall;
};

} // namespace feedback::bench
