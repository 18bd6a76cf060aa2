// The message only peers speak (version 7, PROTOCOL.md "Nearby devices"): a device's version
// vector, the start of anti-entropy. Everything else a peer connection carries is a message of
// the relay protocol (hello, challenge, auth, deltas, pull, caught-up, error).
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

} // namespace

const WireEntry kHaveWire{3, &decodeHave};

void encodeFields(QCborArray &frame, const Have &m)
{
    frame << kHave << coverList(m.covers);
}

} // namespace feedback::protocol::codec
