#include "HybridLogicalClock.h"

#include <QDateTime>

#include <algorithm>

namespace feedback {

namespace {
constexpr qint64 kMaxMillis = (qint64{1} << 48) - 1;
}

HybridLogicalClock::HybridLogicalClock(PhysicalClock clock, qint64 maxSkewMs)
    : m_clock(std::move(clock))
    , m_maxSkewMs(maxSkewMs)
{}

HybridLogicalClock::PhysicalClock HybridLogicalClock::systemClock()
{
    return [] {
        return QDateTime::currentMSecsSinceEpoch();
    };
}

Hlc HybridLogicalClock::make(qint64 millis, quint32 logical)
{
    const qint64 ms = std::clamp<qint64>(millis, 0, kMaxMillis);
    return (static_cast<Hlc>(ms) << 16) | (logical & 0xFFFF);
}

Hlc HybridLogicalClock::now()
{
    const Hlc physical = make(m_clock(), 0);
    // Same millisecond (or a clock that stepped back): bump the logical part; when it would
    // overflow, the next millisecond is borrowed, which keeps the order total.
    m_last = physical > m_last ? physical : m_last + 1;
    return m_last;
}

bool HybridLogicalClock::observe(Hlc remote)
{
    if (millisOf(remote) > m_clock() + m_maxSkewMs)
        return false;
    m_last = std::max(m_last, remote);
    return true;
}

Hlc HybridLogicalClock::clampForDisplay(Hlc remote) const
{
    return std::min(remote, make(m_clock() + m_maxSkewMs, 0xFFFF));
}

} // namespace feedback
