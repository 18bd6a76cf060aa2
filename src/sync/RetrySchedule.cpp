#include "RetrySchedule.h"

#include <algorithm>

namespace feedback::sync {

RetrySchedule::RetrySchedule(int initialMs, int maxMs, int maxUnreachableMs)
    : m_initialMs(std::max(1, initialMs))
    , m_maxMs(std::max(m_initialMs, maxMs))
    , m_maxUnreachableMs(std::max(m_initialMs, maxUnreachableMs))
    , m_backoffMs(m_initialMs)
{}

int RetrySchedule::next(bool unreachable, QRandomGenerator &random)
{
    const int base = unreachable ? std::min(m_backoffMs, m_maxUnreachableMs) : m_backoffMs;
    const int jitter = static_cast<int>(random.bounded(base / 5 + 1));
    m_backoffMs = std::min(m_backoffMs * 2, m_maxMs);
    return base - base / 10 + jitter;
}

} // namespace feedback::sync
