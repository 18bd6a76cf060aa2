#include "Messages.h"

#include "MessageCodec.h"

#include <QCborStreamReader>
#include <QCborValue>

#include <common/EnumNames.h>
#include <limits>

namespace feedback::protocol {

using namespace codec;

namespace {

// Every message type by its number: its frame width and its decoder, defined next to its fields.
const WireEntry *const kWire[] = {
    &kHelloWire,          &kChallengeWire, &kAuthWire,   &kWelcomeWire,     &kErrorWire,
    &kPushWire,           &kAckWire,       &kPullWire,   &kDeltasWire,      &kCaughtUpWire,
    &kDevicesWire,        &kRevokeWire,    &kInviteWire, &kInvitedWire,     &kClaimWire,
    &kEnvelopeWire,       &kRotateWire,    &kEpochsWire, &kPutSnapshotWire, &kSnapshotDataWire,
    &kSnapshotStoredWire, &kDivergedWire,  &kHaveWire,   &kPresenceWire};
static_assert(std::size(kWire) == std::variant_size_v<Message>);

// The first version that has each message type (the invite messages came with version 4, the
// epoch messages with version 5, the snapshot messages with version 6, have and presence with 7).
int firstVersionOfType(quint64 type)
{
    if (type >= kHave)
        return 7;
    if (type >= kPutSnapshot)
        return 6;
    if (type >= kRotate)
        return 5;
    return type >= kInvite ? 4 : 3;
}

} // namespace

qint64 codec::asInt(quint64 v)
{
    return static_cast<qint64>(v);
}

bool codec::readUint(CborInput &in, const QCborValue &v, quint64 &out, const char *what)
{
    return in.uint(v, std::numeric_limits<quint64>::max(), out, what);
}

bool codec::carriesChain(const QCborArray &frame)
{
    return frame.at(0).toInteger() >= qint64(kChainVersion);
}

bool codec::readChain(CborInput &in, const QCborArray &f, qsizetype index, QByteArray &out)
{
    if (f.size() <= index)
        return true;
    if (!in.bytes(f.at(index), 0, limits::kChainBytes, out, "chain"))
        return false;
    if (!out.isEmpty() && out.size() != limits::kChainBytes)
        return in.fail(QStringLiteral("chain: %1 bytes, expected 0 or %2")
                           .arg(out.size())
                           .arg(limits::kChainBytes));
    return true;
}

QString truncatedText(const QString &text, qsizetype units)
{
    if (text.size() <= units)
        return text;
    qsizetype cut = units;
    if (cut > 0 && text.at(cut - 1).isHighSurrogate())
        --cut;
    return text.left(cut);
}

// Indexed by the code's value on the wire; codes count from 1.
constexpr std::array<const char *, 21> kErrorCodeNames{nullptr,
                                                       "bad-frame",
                                                       "unsupported-version",
                                                       "auth-failed",
                                                       "auth-timeout",
                                                       "not-authenticated",
                                                       "sequence-gap",
                                                       "conflicting-duplicate",
                                                       "wrong-origin",
                                                       "too-large",
                                                       "rate-limited",
                                                       "busy",
                                                       "internal",
                                                       "update-required",
                                                       "revoked",
                                                       "forbidden",
                                                       "expired",
                                                       "used-up",
                                                       "unknown-invite",
                                                       "not-admitted",
                                                       "over-quota"};
static_assert(kErrorCodeNames.size() == static_cast<std::size_t>(ErrorCode::OverQuota) + 1);

QString errorCodeName(ErrorCode code)
{
    // A code this build does not know (a newer relay's) still gets a name for logs and events.
    const QString name = enumName(code, kErrorCodeNames);
    return name.isEmpty() ? QStringLiteral("unknown") : name;
}

std::optional<ErrorCode> errorCodeFromName(const QString &name)
{
    return enumFromName<ErrorCode>(name, kErrorCodeNames);
}

int firstVersionOf(const Message &message)
{
    // The variant's alternatives are in the order of the wire types.
    return firstVersionOfType(message.index());
}

QByteArray encode(const Message &message, int frameVersion)
{
    Q_ASSERT((frameVersion >= firstVersionOf(message) && frameVersion <= kPeerProtocolVersion) ||
             std::holds_alternative<Error>(message));
    QCborArray frame{frameVersion};
    std::visit([&frame](const auto &m) { encodeFields(frame, m); }, message);
    return QCborValue(frame).toCbor();
}

DecodeResult decode(const QByteArray &frame, qsizetype maxFrameBytes, qsizetype maxBatch,
                    int maxVersion)
{
    DecodeResult result;
    if (frame.size() > maxFrameBytes) {
        result.tooLarge = true;
        result.error =
            QStringLiteral("frame of %1 bytes, at most %2").arg(frame.size()).arg(maxFrameBytes);
        return result;
    }
    QCborStreamReader stream(frame);
    const QCborValue root = QCborValue::fromCbor(stream);
    if (stream.lastError() != QCborError::NoError || stream.currentOffset() != frame.size() ||
        !root.isArray()) {
        result.error = QStringLiteral("not a CBOR array frame");
        return result;
    }
    const QCborArray items = root.toArray();
    CborInput in;
    quint64 version = 0;
    quint64 type = 0;
    if (items.size() < 2 || !readUint(in, items.at(0), version, "version") ||
        !readUint(in, items.at(1), type, "type")) {
        result.error = in.failed() ? in.error() : QStringLiteral("frame too short");
        return result;
    }
    result.version = version;
    // An error frame reads the same in every version: a relay that refuses this device (as too
    // old, say) must be understood whatever version it speaks.
    const bool served = version >= quint64(kMinProtocolVersion) && version <= quint64(maxVersion);
    if (!served && !(type == kError && items.size() == kErrorWire.width)) {
        result.unsupportedVersion = true;
        result.error = QStringLiteral("protocol version %1 is not supported").arg(version);
        return result;
    }
    if (type > kPresence || (served && firstVersionOfType(type) > int(version))) {
        result.error = QStringLiteral("unknown message or wrong number of fields");
        return result;
    }
    const WireEntry &wire = *kWire[type];
    const qsizetype width = served && version >= kChainVersion && wire.widthFromChainVersion > 0
                                ? wire.widthFromChainVersion
                                : wire.width;
    if (items.size() != width) {
        result.error = QStringLiteral("unknown message or wrong number of fields");
        return result;
    }
    Message message;
    if (!kWire[type]->decode(in, items, maxBatch, message)) {
        result.tooLarge = in.errorKind() == ErrorKind::TooLarge;
        result.error = in.failed() ? in.error() : QStringLiteral("bad message");
        return result;
    }
    result.message = std::move(message);
    return result;
}

} // namespace feedback::protocol
