// The messages that move the log: pushes and their acks, pulls and the deltas that answer them.
// Their fields on the wire (PROTOCOL.md, "Messages"), written and read side by side.
#include "MessageCodec.h"

namespace feedback::protocol::codec {

namespace {

// A list of sealed units: [[position,] origin(16), seq, count, sealed, signature] each, the
// position only from the relay. A device always sends a 64-byte signature; the relay sends an
// empty one for a unit it stored under protocol 2, before signatures existed.
QCborArray deltaList(const QList<SealedDelta> &deltas, bool withPosition)
{
    QCborArray out;
    for (const SealedDelta &d : deltas) {
        QCborArray item{d.origin, asInt(d.seq), asInt(d.count), d.sealed, d.signature};
        if (withPosition)
            item.prepend(asInt(d.position));
        out.append(item);
    }
    return out;
}

bool readDelta(CborInput &in, const QCborValue &item, bool withPosition, SealedDelta &d)
{
    const QCborArray f = item.toArray();
    if (!item.isArray() || f.size() != (withPosition ? 6 : 5))
        return in.fail(QStringLiteral("delta: wrong shape"));
    qsizetype i = 0;
    if (withPosition && !readUint(in, f.at(i++), d.position, "position"))
        return false;
    if (!in.bytes(f.at(i++), 16, 16, d.origin, "origin") ||
        !readUint(in, f.at(i++), d.seq, "seq") || !readUint(in, f.at(i++), d.count, "count") ||
        !in.bytes(f.at(i++), 1, limits::kMaxSealedDeltaBytes, d.sealed, "sealed delta") ||
        !in.bytes(f.at(i), withPosition ? 0 : limits::kSignatureBytes, limits::kSignatureBytes,
                  d.signature, "signature"))
        return false;
    if (d.seq == 0 || d.seq > limits::kMaxSeq)
        return in.fail(QStringLiteral("seq: must be in 1..2^62"));
    if (d.count < 1 || d.count > limits::kMaxGroupDeltas)
        return in.fail(
            QStringLiteral("count: %1, expected 1..%2").arg(d.count).arg(limits::kMaxGroupDeltas));
    // From the relay: a legacy unit has none, any other the full signature.
    if (!d.signature.isEmpty() && d.signature.size() != limits::kSignatureBytes)
        return in.fail(QStringLiteral("signature: %1 bytes, expected 0 or %2")
                           .arg(d.signature.size())
                           .arg(limits::kSignatureBytes));
    return true;
}

bool readDeltas(CborInput &in, const QCborValue &v, bool withPosition, qsizetype maxBatch,
                QList<SealedDelta> &out)
{
    if (!v.isArray())
        return in.fail(QStringLiteral("deltas: expected an array"));
    const QCborArray list = v.toArray();
    if (list.size() > maxBatch)
        return in.fail(
            QStringLiteral("deltas: %1 in one frame, at most %2").arg(list.size()).arg(maxBatch),
            ErrorKind::TooLarge);
    for (const QCborValue &item : list) {
        SealedDelta d;
        if (!readDelta(in, item, withPosition, d))
            return false;
        out.append(std::move(d));
    }
    return true;
}

// push: [version, 5, deltas]
bool decodePush(CborInput &in, const QCborArray &f, qsizetype maxBatch, Message &out)
{
    Push m;
    if (!readDeltas(in, f.at(2), false, maxBatch, m.deltas))
        return false;
    out = m;
    return true;
}

// ack: [version, 6, origin(16), upTo]
bool decodeAck(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Ack m;
    if (!in.bytes(f.at(2), 16, 16, m.origin, "origin") || !readUint(in, f.at(3), m.upTo, "upTo"))
        return false;
    out = m;
    return true;
}

// pull: [version, 7, cursor] (version 6 on: [version, 7, cursor, chain])
bool decodePull(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Pull m;
    if (!readUint(in, f.at(2), m.cursor, "cursor") || !readChain(in, f, 3, m.chain))
        return false;
    out = m;
    return true;
}

// deltas: [version, 8, deltas with positions, more, live] (version 6 on: ..., chain)
bool decodeDeltas(CborInput &in, const QCborArray &f, qsizetype maxBatch, Message &out)
{
    Deltas m;
    if (!readDeltas(in, f.at(2), true, maxBatch, m.deltas))
        return false;
    if (!f.at(3).isBool())
        return in.fail(QStringLiteral("more: expected a boolean"));
    if (!f.at(4).isBool())
        return in.fail(QStringLiteral("live: expected a boolean"));
    m.more = f.at(3).toBool();
    m.live = f.at(4).toBool();
    if (!readChain(in, f, 5, m.chain))
        return false;
    out = m;
    return true;
}

// caught-up: [version, 9, cursor] (version 6 on: [version, 9, cursor, chain])
bool decodeCaughtUp(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    CaughtUp m;
    if (!readUint(in, f.at(2), m.cursor, "cursor") || !readChain(in, f, 3, m.chain))
        return false;
    out = m;
    return true;
}

} // namespace

const WireEntry kPushWire{3, &decodePush};
const WireEntry kAckWire{4, &decodeAck};
const WireEntry kPullWire{3, &decodePull, 4};
const WireEntry kDeltasWire{5, &decodeDeltas, 6};
const WireEntry kCaughtUpWire{3, &decodeCaughtUp, 4};

void encodeFields(QCborArray &frame, const Push &m)
{
    frame << kPush << deltaList(m.deltas, false);
}

void encodeFields(QCborArray &frame, const Ack &m)
{
    frame << kAck << m.origin << asInt(m.upTo);
}

void encodeFields(QCborArray &frame, const Pull &m)
{
    frame << kPull << asInt(m.cursor);
    if (carriesChain(frame))
        frame << m.chain;
}

void encodeFields(QCborArray &frame, const Deltas &m)
{
    frame << kDeltas << deltaList(m.deltas, true) << m.more << m.live;
    if (carriesChain(frame))
        frame << m.chain;
}

void encodeFields(QCborArray &frame, const CaughtUp &m)
{
    frame << kCaughtUp << asInt(m.cursor);
    if (carriesChain(frame))
        frame << m.chain;
}

} // namespace feedback::protocol::codec
