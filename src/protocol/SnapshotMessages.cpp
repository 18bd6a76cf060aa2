// The snapshot messages of version 6 (PROTOCOL.md, "Snapshots") and the divergence answer:
// their fields on the wire, written and read side by side.
#include "MessageCodec.h"

namespace feedback::protocol::codec {

QCborArray coverList(const QList<SnapshotCover> &covers)
{
    QCborArray out;
    for (const SnapshotCover &c : covers)
        out.append(QCborArray{c.origin, asInt(c.upTo)});
    return out;
}

// [[origin(16), upTo], ...]: at most kMaxSnapshotOrigins, origins strictly ascending (one
// encoding per snapshot, so that every part signs the same bytes), each upTo in 1..2^62.
bool readCovers(CborInput &in, const QCborValue &v, QList<SnapshotCover> &out)
{
    if (!v.isArray())
        return in.fail(QStringLiteral("covers: expected an array"));
    const QCborArray list = v.toArray();
    if (list.size() > limits::kMaxSnapshotOrigins)
        return in.fail(QStringLiteral("covers: %1 origins, at most %2")
                           .arg(list.size())
                           .arg(limits::kMaxSnapshotOrigins),
                       ErrorKind::TooLarge);
    for (const QCborValue &item : list) {
        const QCborArray pair = item.toArray();
        SnapshotCover c;
        if (!item.isArray() || pair.size() != 2)
            return in.fail(QStringLiteral("covers: wrong shape"));
        if (!in.bytes(pair.at(0), 16, 16, c.origin, "covered origin") ||
            !readUint(in, pair.at(1), c.upTo, "covered seq"))
            return false;
        if (c.upTo == 0 || c.upTo > limits::kMaxSeq)
            return in.fail(QStringLiteral("covers: a seq must be in 1..2^62"));
        if (!out.isEmpty() && out.last().origin >= c.origin)
            return in.fail(QStringLiteral("covers: origins out of order"));
        out.append(std::move(c));
    }
    return true;
}

namespace {

// The part's fields from `at`: id(16), part, parts, covers, sealed, signature(64).
bool readPart(CborInput &in, const QCborArray &f, qsizetype at, SnapshotPart &p)
{
    if (!in.bytes(f.at(at), 16, 16, p.id, "snapshot id") ||
        !readUint(in, f.at(at + 1), p.part, "part") ||
        !readUint(in, f.at(at + 2), p.parts, "parts") || !readCovers(in, f.at(at + 3), p.covers) ||
        !in.bytes(f.at(at + 4), 1, limits::kMaxSealedDeltaBytes, p.sealed, "snapshot part") ||
        !in.bytes(f.at(at + 5), limits::kSignatureBytes, limits::kSignatureBytes, p.signature,
                  "signature"))
        return false;
    if (p.parts < 1 || p.parts > limits::kMaxSnapshotParts || p.part >= p.parts)
        return in.fail(QStringLiteral("snapshot: part %1 of %2, at most %3 parts")
                           .arg(p.part)
                           .arg(p.parts)
                           .arg(limits::kMaxSnapshotParts),
                       p.parts > limits::kMaxSnapshotParts ? ErrorKind::TooLarge
                                                           : ErrorKind::Other);
    return true;
}

void writePart(QCborArray &frame, const SnapshotPart &p)
{
    frame << p.id << asInt(p.part) << asInt(p.parts) << coverList(p.covers) << p.sealed
          << p.signature;
}

// put-snapshot: [version, 18, id(16), part, parts, covers, sealed, signature(64)]
bool decodePutSnapshot(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    PutSnapshot m;
    if (!readPart(in, f, 2, m.part))
        return false;
    out = m;
    return true;
}

// snapshot: [version, 19, position, maker(16), id(16), part, parts, covers, sealed,
// signature(64), chain(0 or 16)]
bool decodeSnapshotData(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    SnapshotData m;
    if (!readUint(in, f.at(2), m.position, "position") ||
        !in.bytes(f.at(3), 16, 16, m.maker, "maker") || !readPart(in, f, 4, m.part) ||
        !readChain(in, f, 10, m.chain))
        return false;
    out = m;
    return true;
}

// snapshot-stored: [version, 20, id(16), position]
bool decodeSnapshotStored(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    SnapshotStored m;
    if (!in.bytes(f.at(2), 16, 16, m.id, "snapshot id") ||
        !readUint(in, f.at(3), m.position, "position"))
        return false;
    out = m;
    return true;
}

// diverged: [version, 21, head]
bool decodeDiverged(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Diverged m;
    if (!readUint(in, f.at(2), m.head, "head"))
        return false;
    out = m;
    return true;
}

} // namespace

const WireEntry kPutSnapshotWire{8, &decodePutSnapshot};
const WireEntry kSnapshotDataWire{11, &decodeSnapshotData};
const WireEntry kSnapshotStoredWire{4, &decodeSnapshotStored};
const WireEntry kDivergedWire{3, &decodeDiverged};

void encodeFields(QCborArray &frame, const PutSnapshot &m)
{
    frame << kPutSnapshot;
    writePart(frame, m.part);
}

void encodeFields(QCborArray &frame, const SnapshotData &m)
{
    frame << kSnapshotData << asInt(m.position) << m.maker;
    writePart(frame, m.part);
    frame << m.chain;
}

void encodeFields(QCborArray &frame, const SnapshotStored &m)
{
    frame << kSnapshotStored << m.id << asInt(m.position);
}

void encodeFields(QCborArray &frame, const Diverged &m)
{
    frame << kDiverged << asInt(m.head);
}

} // namespace feedback::protocol::codec
