// libFuzzer target for protocol::decode, which reads every frame the relay gets from anyone on
// the network and every frame a device gets from the relay. Any input must be rejected with a
// message, or decode to a message within the limits given that survives a round trip: encoding
// it and decoding again gives the same message, and encoding is then stable.
// Build with -DFEEDBACK_BUILD_FUZZERS=ON and clang; see tests/fuzz/CMakeLists.txt.
// Seeds: blind mutation rarely builds a frame with 32- and 16-byte fields, so at start the target
// writes one valid frame of each message type into the first corpus directory it is given.
#include "protocol/Messages.h"

#include <QByteArray>
#include <QCborArray>
#include <QCborValue>
#include <QDir>
#include <QFile>

#include <algorithm>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <limits>

using namespace feedback::protocol;

namespace {

constexpr qsizetype kUnlimited = std::numeric_limits<qsizetype>::max();
constexpr qsizetype kSmallBatch = 2;

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_frame: %s\n", what);
    std::abort();
}

const QList<SealedDelta> *deltasOf(const Message &m)
{
    if (const auto *push = std::get_if<Push>(&m))
        return &push->deltas;
    if (const auto *deltas = std::get_if<Deltas>(&m))
        return &deltas->deltas;
    return nullptr;
}

// What every decoded message promises its reader, whatever the bytes were.
void checkShape(const Message &m)
{
    if (const auto *have = std::get_if<Have>(&m)) {
        if (have->covers.size() > limits::kMaxSnapshotOrigins)
            fail("a have over the origin limit decoded");
        for (qsizetype i = 0; i < have->covers.size(); ++i)
            if (have->covers.at(i).origin.size() != 16 || have->covers.at(i).upTo == 0 ||
                have->covers.at(i).upTo > limits::kMaxSeq ||
                (i > 0 && have->covers.at(i - 1).origin >= have->covers.at(i).origin))
                fail("a have out of shape decoded");
    }
    if (const auto *hello = std::get_if<Hello>(&m);
        hello &&
        (hello->workspace.size() != 32 || hello->device.size() != 16 ||
         hello->certificate.isEmpty() || hello->certificate.size() > limits::kMaxCertificateBytes))
        fail("hello with ids or certificate of the wrong size");
    if (const auto *devices = std::get_if<Devices>(&m)) {
        if (devices->entries.size() > limits::kMaxDevices)
            fail("more devices than the limit");
        for (const DeviceEntry &e : devices->entries)
            if (e.certificate.isEmpty() || e.certificate.size() > limits::kMaxCertificateBytes ||
                e.revocation.size() > limits::kMaxRevocationBytes)
                fail("a device entry outside its limits");
    }
    if (const auto *revoke = std::get_if<Revoke>(&m);
        revoke &&
        (revoke->revocation.isEmpty() || revoke->revocation.size() > limits::kMaxRevocationBytes))
        fail("a revocation outside its limits");
    if (const auto *challenge = std::get_if<Challenge>(&m);
        challenge && challenge->nonce.size() != 32)
        fail("challenge of the wrong size");
    if (const auto *auth = std::get_if<Auth>(&m); auth && auth->signature.size() != 64)
        fail("signature of the wrong size");
    if (const auto *ack = std::get_if<Ack>(&m); ack && ack->origin.size() != 16)
        fail("ack origin of the wrong size");
    if (const auto *error = std::get_if<Error>(&m);
        error && error->text.size() > limits::kMaxErrorText)
        fail("error text over the limit");
    const auto checkPart = [](const SnapshotPart &p) {
        if (p.id.size() != 16 || p.parts == 0 || p.parts > limits::kMaxSnapshotParts ||
            p.part >= p.parts || p.covers.size() > limits::kMaxSnapshotOrigins ||
            p.sealed.isEmpty() || p.sealed.size() > limits::kMaxSealedDeltaBytes ||
            p.signature.size() != limits::kSignatureBytes)
            fail("a snapshot part outside its limits");
        for (qsizetype i = 0; i < p.covers.size(); ++i)
            if (p.covers[i].origin.size() != 16 || p.covers[i].upTo == 0 ||
                p.covers[i].upTo > limits::kMaxSeq ||
                (i > 0 && !(p.covers[i - 1].origin < p.covers[i].origin)))
                fail("snapshot covers outside their limits or out of order");
    };
    if (const auto *put = std::get_if<PutSnapshot>(&m))
        checkPart(put->part);
    if (const auto *data = std::get_if<SnapshotData>(&m)) {
        checkPart(data->part);
        if (data->maker.size() != 16 ||
            (!data->chain.isEmpty() && data->chain.size() != limits::kChainBytes))
            fail("a snapshot's maker or chain of the wrong size");
    }
    if (const auto *stored = std::get_if<SnapshotStored>(&m); stored && stored->id.size() != 16)
        fail("a stored snapshot's id of the wrong size");
    for (const QByteArray *chain :
         {std::get_if<Pull>(&m) ? &std::get_if<Pull>(&m)->chain : nullptr,
          std::get_if<Deltas>(&m) ? &std::get_if<Deltas>(&m)->chain : nullptr,
          std::get_if<CaughtUp>(&m) ? &std::get_if<CaughtUp>(&m)->chain : nullptr})
        if (chain && !chain->isEmpty() && chain->size() != limits::kChainBytes)
            fail("a chain value of the wrong size");
    if (const auto *deltas = deltasOf(m)) {
        if (deltas->size() > limits::kDefaultMaxBatch)
            fail("more deltas than the batch limit");
        for (const SealedDelta &d : *deltas)
            if (d.origin.size() != 16 || d.seq == 0 || d.seq > limits::kMaxSeq || d.count == 0 ||
                d.count > limits::kMaxGroupDeltas || d.sealed.isEmpty() ||
                d.sealed.size() > limits::kMaxSealedDeltaBytes ||
                (d.signature.size() != limits::kSignatureBytes &&
                 !(d.signature.isEmpty() && std::holds_alternative<Deltas>(m))))
                fail("a delta outside its limits");
    }
}

QList<QByteArray> seeds()
{
    const QByteArray id(32, 'w');
    const QByteArray device(16, 'd');
    const QByteArray sig(64, 'S');
    const QList<SealedDelta> two{{device, 1, QByteArray("sealed-1"), 0, 1, sig},
                                 {device, 2, QByteArray(300, 's'), 0, 1, sig}};
    QList<SealedDelta> positioned = two;
    positioned[0].position = 7;
    positioned[1].position = 8;
    const QList<Message> messages{
        Hello{kProtocolVersion, id, device, Role::Kiosk, QByteArray(200, 'c')},
        Challenge{QByteArray(32, 'n')}, Auth{QByteArray(64, 'a')}, Welcome{12, 3},
        Error{ErrorCode::SequenceGap, QStringLiteral("expected seq 4, got 6 \u00e9\u4e2d")},
        Push{two}, Push{two + QList<SealedDelta>{{device, 3, QByteArray("x"), 0, 1, sig}}},
        // A sealed group: seqs 3..130 in one unit.
        Push{QList<SealedDelta>{{device, 3, QByteArray(900, 'g'), 0, 128, sig}}}, Ack{device, 2},
        Pull{5}, Deltas{positioned, true, false},
        // A legacy unit (stored under protocol 2) has no signature.
        Deltas{QList<SealedDelta>{{device, 9, QByteArray("group"), 4, 2}}, false, true},
        CaughtUp{8},
        Devices{{{QByteArray(180, 'c'), 1'700'000'000'000, {}}, {QByteArray(180, 'k'), 0, sig}}},
        Revoke{QByteArray(120, 'r')}, Pull{5, QByteArray(16, 'c')},
        CaughtUp{8, QByteArray(16, 'c')},
        PutSnapshot{SnapshotPart{QByteArray(16, 'i'),
                                 0,
                                 2,
                                 {{QByteArray(16, 'a'), 3}, {device, 12}},
                                 QByteArray(500, 'p'),
                                 sig}},
        SnapshotData{
            9, device,
            SnapshotPart{QByteArray(16, 'i'), 1, 2, {{device, 12}}, QByteArray(80, 'p'), sig},
            QByteArray(16, 'c')},
        SnapshotStored{QByteArray(16, 'i'), 9}, Diverged{40}};
    QList<QByteArray> out;
    for (const Message &m : messages)
        out.append(encode(m));
    // The same log messages in frames of version 5, which have no chain.
    for (const Message &m :
         {Message(Pull{5}), Message(CaughtUp{8}), Message(Deltas{positioned, false, false})})
        out.append(encode(m, 5));
    // An error text over the limit (512 UTF-16 units) in a script outside the BMP: a relay's
    // message translated, say. encode() would cut it, so the frame is built by hand.
    QString text;
    for (int i = 0; i < 300; ++i)
        text += QStringLiteral("\u00e9\U0001F600");
    out.append(QCborValue(QCborArray{kProtocolVersion, 4, 12, text}).toCbor());
    // An error frame of an older version: read whatever its version (update-required).
    out.append(encode(Error{ErrorCode::UpdateRequired, QStringLiteral("update required")}, 1));
    return out;
}

} // namespace

extern "C" int LLVMFuzzerInitialize(int *argc, char ***argv)
{
    for (int i = 1; i < *argc; ++i) {
        const QString arg = QString::fromLocal8Bit((*argv)[i]);
        if (arg.startsWith(QLatin1Char('-')))
            continue;
        if (QDir(arg).exists()) {
            const QList<QByteArray> all = seeds();
            for (qsizetype k = 0; k < all.size(); ++k) {
                QFile f(QDir(arg).filePath(QStringLiteral("seed-%1").arg(k)));
                if (!f.exists() && f.open(QIODevice::WriteOnly))
                    f.write(all.at(k));
            }
        }
        break;
    }
    return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
    const QByteArray frame =
        QByteArray::fromRawData(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    const DecodeResult decoded = decode(frame);
    // Tighter limits, as a relay may be configured: refused exactly when over them.
    const DecodeResult small =
        decode(frame, std::min(frame.size(), limits::kDefaultMaxFrameBytes), kSmallBatch);
    const DecodeResult tooSmall = decode(frame, frame.size() - 1);
    if (tooSmall.message)
        fail("a frame over the size limit decoded");
    // Between nearby devices (peer version 7): what a relay connection reads reads the same, and
    // a peer message (have) survives a round trip in its own version.
    const DecodeResult peer = decode(frame, limits::kDefaultMaxFrameBytes, limits::kDefaultMaxBatch,
                                     kPeerProtocolVersion);
    if (decoded.message && !(peer.message && *peer.message == *decoded.message))
        fail("a relay frame decodes differently on a peer connection");
    if (peer.message) {
        checkShape(*peer.message);
        const QByteArray peerEncoded = encode(*peer.message, kPeerProtocolVersion);
        const DecodeResult back = decode(peerEncoded, kUnlimited, kUnlimited, kPeerProtocolVersion);
        if (!back.message || !(*back.message == *peer.message))
            fail("a peer message changed in a round trip");
    }
    if (!decoded.message) {
        if (decoded.error.isEmpty())
            fail("frame rejected without a message");
        if (small.message)
            fail("refused with the default limits, accepted with smaller ones");
        return 0;
    }
    const Message &message = *decoded.message;
    checkShape(message);
    const QList<SealedDelta> *deltas = deltasOf(message);
    const bool overSmallBatch = deltas && deltas->size() > kSmallBatch;
    if (small.message.has_value() == overSmallBatch)
        fail("the batch limit is not applied exactly");
    if (small.message && !(*small.message == message))
        fail("the limits changed the decoded message");

    const QByteArray encoded = encode(message);
    const DecodeResult again = decode(encoded, kUnlimited, kUnlimited);
    if (!again.message)
        fail("re-encoded message does not decode");
    if (!(*again.message == message))
        fail("message changed in a round trip");
    if (encode(*again.message) != encoded)
        fail("encoding is not stable");
    return 0;
}
