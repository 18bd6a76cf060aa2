// Hybrid logical clock (Kulkarni et al., 2014): timestamps that follow wall time but never go
// backwards and always exceed every timestamp observed from other devices. Packed into 64 bits:
// 48 bits of milliseconds since the Unix epoch, 16 bits of logical counter.
#pragma once

#include <QtGlobal>

#include <functional>

namespace feedback {

using Hlc = quint64;

class HybridLogicalClock
{
public:
    using PhysicalClock = std::function<qint64()>; // milliseconds since the Unix epoch

    static constexpr qint64 kDefaultMaxSkewMs = 5 * 60 * 1000;

    explicit HybridLogicalClock(PhysicalClock clock = systemClock(),
                                qint64 maxSkewMs = kDefaultMaxSkewMs);

    // A timestamp for a local event, greater than every one issued or observed before.
    Hlc now();
    // Takes a remote timestamp into account. One that lies more than the allowed skew in the
    // future is not followed (a device with a broken clock must not drag everyone along);
    // returns false then.
    bool observe(Hlc remote);
    // A remote timestamp as it should be displayed: never later than now plus the skew.
    Hlc clampForDisplay(Hlc remote) const;

    Hlc last() const { return m_last; }

    static Hlc make(qint64 millis, quint32 logical);
    static qint64 millisOf(Hlc t) { return static_cast<qint64>(t >> 16); }
    static quint32 logicalOf(Hlc t) { return static_cast<quint32>(t & 0xFFFF); }
    static PhysicalClock systemClock();

private:
    PhysicalClock m_clock;
    qint64 m_maxSkewMs;
    Hlc m_last = 0;
};

} // namespace feedback
