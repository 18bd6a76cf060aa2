// What the benchmarks that run a relay share: running the event loop until a condition holds
// (bounded), and the bytes a data directory holds.
#pragma once

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>

#include <functional>

namespace feedback::bench {

inline bool waitFor(const std::function<bool()> &done, int timeoutMs)
{
    QElapsedTimer t;
    t.start();
    while (!done()) {
        if (t.elapsed() > timeoutMs)
            return false;
        QCoreApplication::processEvents(QEventLoop::AllEvents, 5);
    }
    return true;
}

inline qint64 directoryBytes(const QString &dir)
{
    qint64 total = 0;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files))
        total += f.size();
    return total;
}

} // namespace feedback::bench
