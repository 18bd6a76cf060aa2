// The messages of version 7. `have`, only between nearby devices (PROTOCOL.md, "Nearby devices"):
// a device's version vector, the start of anti-entropy; everything else a peer connection carries
// is a message of the relay protocol (hello, challenge, auth, deltas, pull, caught-up, error).
// `presence`, between a device and its relay (PROTOCOL.md, "Presence").
#include "MessageCodec.h"

namespace feedback::protocol::codec {

namespace {

// have: [version, 22, covers]
bool decodeHave(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Have m;
    if (!readCovers(in, f.at(2), m.covers))
        return false;
    out = m;
    return true;
}

// presence: [version, 23, from(0 or 16), sealed(0..512)]
bool decodePresence(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Presence m;
    if (!in.bytes(f.at(2), 0, 16, m.from, "from") ||
        !in.bytes(f.at(3), 0, limits::kMaxPresenceBytes, m.sealed, "presence"))
        return false;
    if (!m.from.isEmpty() && m.from.size() != 16)
        return in.fail(QStringLiteral("from: %1 bytes, expected 0 or 16").arg(m.from.size()));
    out = m;
    return true;
}

} // namespace

const WireEntry kHaveWire{3, &decodeHave};
const WireEntry kPresenceWire{4, &decodePresence};

void encodeFields(QCborArray &frame, const Have &m)
{
    frame << kHave << coverList(m.covers);
}

} // namespace feedback::protocol::codec

namespace feedback::protocol::codec {

void encodeFields(QCborArray &frame, const Presence &m)
{
    frame << kPresence << m.from << m.sealed;
}

} // namespace feedback::protocol::codec
