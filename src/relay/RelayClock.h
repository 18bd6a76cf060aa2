// The clocks the relay reads. Keepalive and the frame rate measure intervals, so they read the
// monotonic clock: a step of the wall clock (NTP, a resume from suspend, an administrator) must
// neither close every connection at once nor keep a silent one forever. Both readings are here
// so that a test can step the wall clock, as the system would, under a running relay.
#pragma once

#include <QtGlobal>

namespace feedback::relay {

class RelayClock
{
public:
    virtual ~RelayClock() = default;
    // Milliseconds from an arbitrary start; never steps, never goes back.
    virtual qint64 monotonicMs() const = 0;
    // Milliseconds since the epoch; steps when the system's time is set.
    virtual qint64 wallMs() const = 0;

    // The system's clocks.
    static const RelayClock &system();
};

} // namespace feedback::relay
