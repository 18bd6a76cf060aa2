// The messages of the handshake, the error frame, the device list and revocations: their fields
// on the wire (PROTOCOL.md, "Messages"), written and read side by side. Certificates and
// revocations are only bounded here; their receivers verify them (DeviceCertificate.h,
// Revocation.h).
#include "MessageCodec.h"

#include <algorithm>

namespace feedback::protocol::codec {

namespace {

// hello: [version, 0, protocol, workspace(32), device(16), role, certificate(1..1024)]
bool decodeHello(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Hello m;
    quint64 protocol = 0;
    quint64 role = 0;
    if (!readUint(in, f.at(2), protocol, "protocol") ||
        !in.bytes(f.at(3), 32, 32, m.workspace, "workspace") ||
        !in.bytes(f.at(4), 16, 16, m.device, "device") || !readUint(in, f.at(5), role, "role") ||
        !in.bytes(f.at(6), 1, limits::kMaxCertificateBytes, m.certificate, "certificate"))
        return false;
    if (role > 1)
        return in.fail(QStringLiteral("role: unknown"));
    m.protocol = static_cast<int>(std::min<quint64>(protocol, 1000));
    m.role = static_cast<Role>(role);
    out = m;
    return true;
}

// challenge: [version, 1, nonce(32)]
bool decodeChallenge(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Challenge m;
    if (!in.bytes(f.at(2), 32, 32, m.nonce, "nonce"))
        return false;
    out = m;
    return true;
}

// auth: [version, 2, signature(64)]
bool decodeAuth(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Auth m;
    if (!in.bytes(f.at(2), 64, 64, m.signature, "signature"))
        return false;
    out = m;
    return true;
}

// welcome: [version, 3, head, stored, max batch, max frame bytes] (version 6 on: ..., wants a
// snapshot)
bool decodeWelcome(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Welcome m;
    if (!readUint(in, f.at(2), m.head, "head") || !readUint(in, f.at(3), m.storedUpTo, "stored") ||
        !readUint(in, f.at(4), m.maxBatch, "max batch") ||
        !readUint(in, f.at(5), m.maxFrameBytes, "max frame bytes"))
        return false;
    if (f.size() > 6) {
        if (!f.at(6).isBool())
            return in.fail(QStringLiteral("wants a snapshot: expected a boolean"));
        m.snapshotWanted = f.at(6).toBool();
    }
    if (m.maxBatch == 0)
        return in.fail(QStringLiteral("max batch: must be positive"));
    out = m;
    return true;
}

// error: [version, 4, code, text] (the same in every version)
bool decodeError(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Error m;
    quint64 code = 0;
    if (!readUint(in, f.at(2), code, "code"))
        return false;
    if (!f.at(3).isString())
        return in.fail(QStringLiteral("text"));
    m.code = static_cast<ErrorCode>(std::min<quint64>(code, 0xFFFF));
    m.text = truncatedText(f.at(3).toString(), limits::kMaxErrorText);
    out = m;
    return true;
}

// devices: [version, 10, [[certificate(1..1024), lastSeen, revocation(0..512)], ...]]
bool decodeDevices(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Devices m;
    if (!f.at(2).isArray())
        return in.fail(QStringLiteral("devices: expected an array"));
    const QCborArray list = f.at(2).toArray();
    if (list.size() > limits::kMaxDevices)
        return in.fail(QStringLiteral("devices: %1 entries, at most %2")
                           .arg(list.size())
                           .arg(limits::kMaxDevices),
                       ErrorKind::TooLarge);
    for (const QCborValue &item : list) {
        const QCborArray e = item.toArray();
        if (!item.isArray() || e.size() != 3)
            return in.fail(QStringLiteral("device entry: wrong shape"));
        DeviceEntry entry;
        if (!in.bytes(e.at(0), 1, limits::kMaxCertificateBytes, entry.certificate, "certificate") ||
            !readUint(in, e.at(1), entry.lastSeenMs, "last seen") ||
            !in.bytes(e.at(2), 0, limits::kMaxRevocationBytes, entry.revocation, "revocation"))
            return false;
        m.entries.append(std::move(entry));
    }
    out = m;
    return true;
}

// revoke: [version, 11, revocation(1..512)]
bool decodeRevoke(CborInput &in, const QCborArray &f, qsizetype, Message &out)
{
    Revoke m;
    if (!in.bytes(f.at(2), 1, limits::kMaxRevocationBytes, m.revocation, "revocation"))
        return false;
    out = m;
    return true;
}

} // namespace

const WireEntry kHelloWire{7, &decodeHello};
const WireEntry kChallengeWire{3, &decodeChallenge};
const WireEntry kAuthWire{3, &decodeAuth};
const WireEntry kWelcomeWire{6, &decodeWelcome, 7};
const WireEntry kErrorWire{4, &decodeError};
const WireEntry kDevicesWire{3, &decodeDevices};
const WireEntry kRevokeWire{3, &decodeRevoke};

void encodeFields(QCborArray &frame, const Hello &m)
{
    frame << kHello << m.protocol << m.workspace << m.device << static_cast<int>(m.role)
          << m.certificate;
}

void encodeFields(QCborArray &frame, const Challenge &m)
{
    frame << kChallenge << m.nonce;
}

void encodeFields(QCborArray &frame, const Auth &m)
{
    frame << kAuth << m.signature;
}

void encodeFields(QCborArray &frame, const Welcome &m)
{
    frame << kWelcome << asInt(m.head) << asInt(m.storedUpTo) << asInt(m.maxBatch)
          << asInt(m.maxFrameBytes);
    if (carriesChain(frame))
        frame << m.snapshotWanted;
}

void encodeFields(QCborArray &frame, const Error &m)
{
    frame << kError << static_cast<int>(m.code) << truncatedText(m.text, limits::kMaxErrorText);
}

void encodeFields(QCborArray &frame, const Devices &m)
{
    QCborArray entries;
    for (const DeviceEntry &e : m.entries)
        entries.append(QCborArray{e.certificate, asInt(e.lastSeenMs), e.revocation});
    frame << kDevices << entries;
}

void encodeFields(QCborArray &frame, const Revoke &m)
{
    frame << kRevoke << m.revocation;
}

} // namespace feedback::protocol::codec
