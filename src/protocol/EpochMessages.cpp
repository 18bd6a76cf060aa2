// The messages of key epochs (version 5; PROTOCOL.md, "Key epochs"): their fields on the wire,
// written and read side by side. Statements and envelopes are opaque here; the relay verifies
// statements (EpochStatement::verify), and only the device they are sealed to opens envelopes.
#include "MessageCodec.h"

namespace feedback::protocol::codec {

namespace {

// A list of pairs of byte strings: [[a(aMin..aMax), b(bMin..bMax)], ...], at most `maxCount`.
template <typename Entry, typename Make>
bool readPairs(CborInput &in, const QCborValue &v, qsizetype maxCount, qsizetype aMin,
               qsizetype aMax, qsizetype bMin, qsizetype bMax, QList<Entry> &out, const char *what,
               Make make)
{
    QCborArray list;
    if (!in.array(v, maxCount, list, what))
        return false;
    for (const QCborValue &item : list) {
        const QCborArray pair = item.toArray();
        if (!item.isArray() || pair.size() != 2)
            return in.fail(QStringLiteral("%1: wrong shape").arg(QLatin1String(what)));
        QByteArray a;
        QByteArray b;
        if (!in.bytes(pair.at(0), aMin, aMax, a, what) ||
            !in.bytes(pair.at(1), bMin, bMax, b, what))
            return false;
        out.append(make(std::move(a), std::move(b)));
    }
    return true;
}

// rotate: [version, 16, statement(1..2048), [[device(16), envelope(80)], ...]]
bool decodeRotate(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Rotate m;
    if (!in.bytes(f.at(2), 1, limits::kMaxEpochStatementBytes, m.statement, "statement") ||
        !readPairs(in, f.at(3), limits::kMaxDevices, 16, 16, limits::kEpochEnvelopeBytes,
                   limits::kEpochEnvelopeBytes, m.keys, "epoch keys",
                   [](QByteArray d, QByteArray e) {
                       return EpochKey{d, e};
                   }))
        return false;
    out = m;
    return true;
}

// epochs: [version, 17, [[statement(1..2048), envelope(0 or 80)], ...]]
bool decodeEpochs(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Epochs m;
    if (!readPairs(in, f.at(2), limits::kMaxEpochs, 1, limits::kMaxEpochStatementBytes, 0,
                   limits::kEpochEnvelopeBytes, m.entries, "epochs",
                   [](QByteArray s, QByteArray e) {
                       return EpochEntry{s, e};
                   }))
        return false;
    for (const EpochEntry &entry : m.entries)
        if (!entry.envelope.isEmpty() && entry.envelope.size() != limits::kEpochEnvelopeBytes)
            return in.fail(
                QStringLiteral("epochs: an envelope of %1 bytes").arg(entry.envelope.size()));
    out = m;
    return true;
}

} // namespace

const WireEntry kRotateWire{4, &decodeRotate};
const WireEntry kEpochsWire{3, &decodeEpochs};

void encodeFields(QCborArray &frame, const Rotate &m)
{
    QCborArray keys;
    for (const EpochKey &key : m.keys)
        keys.append(QCborArray{key.device, key.envelope});
    frame << kRotate << m.statement << keys;
}

void encodeFields(QCborArray &frame, const Epochs &m)
{
    QCborArray entries;
    for (const EpochEntry &entry : m.entries)
        entries.append(QCborArray{entry.statement, entry.envelope});
    frame << kEpochs << entries;
}

} // namespace feedback::protocol::codec
