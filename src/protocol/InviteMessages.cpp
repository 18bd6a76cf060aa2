// The messages of invites held by the relay (version 4; PROTOCOL.md, "Invites"): their fields on
// the wire, written and read side by side. Envelopes are opaque here; the relay only stores and
// counts them, the joining device opens its own.
#include "MessageCodec.h"

#include <QCryptographicHash>

namespace feedback::protocol::codec {

namespace {

// A list of byte strings, each of `min..max` bytes, at most `maxCount` of them.
bool readByteList(CborInput &in, const QCborValue &v, qsizetype maxCount, qsizetype min,
                  qsizetype max, QList<QByteArray> &out, const char *what)
{
    QCborArray list;
    if (!in.array(v, maxCount, list, what))
        return false;
    for (const QCborValue &item : list) {
        QByteArray bytes;
        if (!in.bytes(item, min, max, bytes, what))
            return false;
        out.append(bytes);
    }
    return true;
}

QCborArray byteList(const QList<QByteArray> &items)
{
    QCborArray list;
    for (const QByteArray &item : items)
        list.append(item);
    return list;
}

// invite: [version, 12, id(32), expiresAt, uses, [envelope(1..4096)...], [device(16)...]]
bool decodeInvite(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Invite m;
    const auto most = static_cast<qsizetype>(limits::kMaxInviteUses);
    if (!in.bytes(f.at(2), 32, 32, m.id, "id") ||
        !readUint(in, f.at(3), m.expiresAtMs, "expires at") ||
        !in.uint(f.at(4), limits::kMaxInviteUses, m.uses, "uses") ||
        !readByteList(in, f.at(5), most, 1, limits::kMaxEnvelopeBytes, m.envelopes, "envelopes") ||
        !readByteList(in, f.at(6), most, 16, 16, m.devices, "devices"))
        return false;
    out = m;
    return true;
}

// invited: [version, 13, id(32), usesLeft]
bool decodeInvited(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Invited m;
    if (!in.bytes(f.at(2), 32, 32, m.id, "id") ||
        !in.uint(f.at(3), limits::kMaxInviteUses, m.usesLeft, "uses left"))
        return false;
    out = m;
    return true;
}

// claim: [version, 14, id(32)]
bool decodeClaim(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Claim m;
    if (!in.bytes(f.at(2), 32, 32, m.id, "id"))
        return false;
    out = m;
    return true;
}

// envelope: [version, 15, envelope(1..4096)]
bool decodeEnvelope(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Envelope m;
    if (!in.bytes(f.at(2), 1, limits::kMaxEnvelopeBytes, m.envelope, "envelope"))
        return false;
    out = m;
    return true;
}

} // namespace

const WireEntry kInviteWire{7, &decodeInvite};
const WireEntry kInvitedWire{4, &decodeInvited};
const WireEntry kClaimWire{3, &decodeClaim};
const WireEntry kEnvelopeWire{3, &decodeEnvelope};

void encodeFields(QCborArray &frame, const Invite &m)
{
    frame << kInvite << m.id << asInt(m.expiresAtMs) << asInt(m.uses) << byteList(m.envelopes)
          << byteList(m.devices);
}

void encodeFields(QCborArray &frame, const Invited &m)
{
    frame << kInvited << m.id << asInt(m.usesLeft);
}

void encodeFields(QCborArray &frame, const Claim &m)
{
    frame << kClaim << m.id;
}

void encodeFields(QCborArray &frame, const Envelope &m)
{
    frame << kEnvelope << m.envelope;
}

} // namespace feedback::protocol::codec

QByteArray feedback::protocol::inviteHandle(const QByteArray &id)
{
    return QCryptographicHash::hash(id, QCryptographicHash::Blake2b_256);
}
