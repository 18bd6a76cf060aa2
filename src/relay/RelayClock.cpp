#include "RelayClock.h"

#include <QDateTime>
#include <QElapsedTimer>

namespace feedback::relay {

namespace {

class SystemClock final : public RelayClock
{
public:
    SystemClock() { m_start.start(); }
    qint64 monotonicMs() const override { return m_start.elapsed(); }
    qint64 wallMs() const override { return QDateTime::currentMSecsSinceEpoch(); }

private:
    QElapsedTimer m_start; // QElapsedTimer reads the monotonic clock
};

} // namespace

const RelayClock &RelayClock::system()
{
    static const SystemClock clock;
    return clock;
}

} // namespace feedback::relay
