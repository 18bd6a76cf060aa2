// When a device tries its relay again: exponential backoff with jitter (many kiosks must not
// come back at the same instant after a relay restart), but never long while nobody answers at
// all. A refused or unanswered connection costs a relay that is not there nothing, and the
// device should be back within seconds once it is; a relay that answered and failed (refused
// the device, was busy, the connection dropped mid-sync) gets the full backoff.
#pragma once

#include <QRandomGenerator>

namespace feedback::sync {

class RetrySchedule
{
public:
    RetrySchedule(int initialMs, int maxMs, int maxUnreachableMs);

    // The delay before the next attempt (the backoff give or take 10%), and the backoff doubles
    // for the one after. `unreachable`: the last attempt reached nobody.
    int next(bool unreachable, QRandomGenerator &random);
    // A sync that got through, or a reason to believe the relay is back (network, "Sync now").
    void reset() { m_backoffMs = m_initialMs; }
    // The backoff the next delay is drawn around, before the cap for an unreachable relay.
    int backoffMs() const { return m_backoffMs; }

private:
    int m_initialMs;
    int m_maxMs;
    int m_maxUnreachableMs;
    int m_backoffMs;
};

} // namespace feedback::sync
