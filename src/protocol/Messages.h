// The sync wire protocol, shared by the relay and every client: one CBOR array per binary
// WebSocket frame, [version, type, fields...]. PROTOCOL.md (project root) describes each
// message, its limits and the error codes. Decoding is for hostile bytes: bounded, checked,
// and any problem is an error, never a crash.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <optional>
#include <variant>

namespace feedback::protocol {

// Version 2 added sealed groups: one sealed unit carrying several consecutive deltas of an
// origin. Version 3 added device trust: a device certificate in hello, authentication by the
// device's own key, a signature on every unit, the device list and revocations. Version 2 is
// refused: serving it would let any holder of the workspace key write under any origin.
// Version 4 added invites held by the relay (invite, invited, claim, envelope): codes that
// expire and are used up. Version 3 devices are served as they are: they never send these.
// Version 5 added key epochs (rotate, epochs): revoking a full device changes the keys that seal
// units and sign certificates. A workspace that rotated serves only version 5 (older devices
// could not read its units); others still serve versions 3 and 4.
// Version 6 added snapshots and the log's chain (PROTOCOL.md, "Snapshots"): a device that finds
// the relay lacks what it had acknowledged uploads its whole state (snapshot), and a device whose
// cursor is no longer in the relay's log (a relay restored from a backup) is told so (diverged).
// Pull, deltas and caught-up carry the chain value at their position from version 6 on.
// Version 7 added presence (PROTOCOL.md, "Presence"): who is looking at which record, sealed,
// forwarded by the relay to the workspace's other full devices and never stored. A device of
// version 7 that meets a relay of version 6 speaks 6 to it, without presence.
constexpr int kProtocolVersion = 7;
// The oldest version a relay serves: older devices are told `update-required`, in an error
// frame of their own version (the error frame is the same in every version, PROTOCOL.md).
constexpr int kMinProtocolVersion = 3;
// Between two devices of a workspace on a local network (nearby devices, PROTOCOL.md), version 7
// also has `have`, the version vector of anti-entropy; a relay refuses it.
constexpr int kPeerProtocolVersion = 7;
// A nearby device's hello says 8 (its frames stay version 7): it also takes `presence`. One of the
// release before says 7 and is sent none (it would refuse the frame).
constexpr int kPeerPresenceVersion = 8;

namespace limits {
constexpr qsizetype kDefaultMaxFrameBytes = 1024 * 1024;
constexpr qsizetype kMaxSealedDeltaBytes = 256 * 1024;
constexpr qsizetype kDefaultMaxBatch = 1024;
constexpr quint64 kMaxGroupDeltas = 1024;     // deltas in one sealed group
constexpr quint64 kMaxSeq = quint64(1) << 62; // sequence numbers stay far from overflow
constexpr qsizetype kMaxErrorText = 512;
constexpr qsizetype kMaxCertificateBytes = 1024; // a device certificate (DeviceCertificate.h)
constexpr qsizetype kMaxRevocationBytes = 512;   // a revocation (Revocation.h)
constexpr qsizetype kMaxDevices = 1024;          // devices of one workspace, entries of `devices`
constexpr qsizetype kSignatureBytes = 64;        // an Ed25519 signature
constexpr quint64 kMaxInviteUses = 100;          // joins one invite allows
constexpr qsizetype kMaxEnvelopeBytes = 4096;    // one sealed invite envelope
constexpr qsizetype kMaxEpochStatementBytes = 2048; // EpochStatement.h
constexpr qsizetype kMaxEpochs = 64;                // epoch statements of one workspace
constexpr qsizetype kEpochEnvelopeBytes = 80;       // an epoch secret sealed to one device
constexpr qsizetype kChainBytes = 16;               // the log's chain value at a position
constexpr quint64 kMaxSnapshotParts = 1024;         // sealed parts of one snapshot
constexpr qsizetype kMaxSnapshotOrigins = 4096;     // origins one snapshot covers
constexpr qsizetype kMaxPresenceBytes = 512;        // one sealed presence note
} // namespace limits

enum class Role : quint8
{
    Full = 0,
    Kiosk = 1
};

enum class ErrorCode : quint16
{
    BadFrame = 1,             // not a frame of this protocol
    UnsupportedVersion = 2,   // protocol version not served
    AuthFailed = 3,           // signature does not verify for this workspace
    AuthTimeout = 4,          // no valid auth in time
    NotAuthenticated = 5,     // message before welcome
    SequenceGap = 6,          // a push skips a sequence number
    ConflictingDuplicate = 7, // same origin and seq, different bytes: a cloned profile
    WrongOrigin = 8,          // two origins in one push
    TooLarge = 9,             // frame or batch over the limit
    RateLimited = 10,         // too many frames
    Busy = 11,                // connection limit reached
    Internal = 12,            // the relay could not store; retry later
    UpdateRequired = 13,      // the device's protocol is older than the relay serves
    Revoked = 14,             // this device was removed from the workspace
    Forbidden = 15,           // not allowed for this device (its role, its certificate, its key)
    Expired = 16,             // the device's certificate (or an invite) has expired
    UsedUp = 17,              // the invite was used as often as it allows
    UnknownInvite = 18,       // the relay holds no such invite
    // Any version may get these two: a device that does not know a code shows its text.
    NotAdmitted = 19, // the relay's operator has not admitted this workspace
    OverQuota = 20,   // the workspace stores as much as the relay allows it
};
QString errorCodeName(ErrorCode code); // "bad-frame", "too-large", ...; "unknown" for another code
std::optional<ErrorCode> errorCodeFromName(const QString &name);

// One sealed unit of the log: the deltas seq .. seq + count - 1 of one origin, sealed
// together (count 1: a single delta), signed by the origin device's key (UnitSignature.h).
// The relay stores and serves it as one entry.
struct SealedDelta
{
    QByteArray origin; // 16-byte device id
    quint64 seq = 0;   // the first sequence number it carries
    QByteArray sealed;
    quint64 position = 0; // arrival position in the workspace log (relay -> client only)
    quint64 count = 1;
    // 64 bytes; empty only for a legacy unit the relay stored under protocol 2 (relay -> client).
    QByteArray signature = {};
    quint64 lastSeq() const { return seq + count - 1; }
    bool operator==(const SealedDelta &) const = default;
};

struct Hello
{
    int protocol = kProtocolVersion;
    QByteArray workspace; // 32-byte Ed25519 public key
    QByteArray device;    // 16 bytes
    Role role = Role::Full;
    QByteArray certificate = {}; // the device's certificate (DeviceCertificate.h), 1..1024 bytes
    bool operator==(const Hello &) const = default;
};
struct Challenge
{
    QByteArray nonce; // 32 bytes
    bool operator==(const Challenge &) const = default;
};
struct Auth
{
    QByteArray signature; // 64 bytes
    bool operator==(const Auth &) const = default;
};
struct Welcome
{
    quint64 head = 0;       // the workspace log's last position
    quint64 storedUpTo = 0; // highest contiguous seq the relay holds for this device
    quint64 maxBatch = limits::kDefaultMaxBatch;           // the relay's limits: a device
    quint64 maxFrameBytes = limits::kDefaultMaxFrameBytes; // sizes its pushes to fit them
    // Version 6: the relay asks this (full) device for a snapshot once it is caught up.
    bool snapshotWanted = false;
    bool operator==(const Welcome &) const = default;
};
struct Error
{
    ErrorCode code = ErrorCode::BadFrame;
    QString text;
    bool operator==(const Error &) const = default;
};
struct Push
{
    QList<SealedDelta> deltas;
    bool operator==(const Push &) const = default;
};
struct Ack
{
    QByteArray origin;
    quint64 upTo = 0;
    bool operator==(const Ack &) const = default;
};
struct Pull
{
    quint64 cursor = 0; // last position the client applied
    // Version 6: the chain value the relay gave for `cursor` (empty: not known). A relay whose
    // chain differs there answers Diverged: its log is not the one the device read.
    QByteArray chain = {};
    bool operator==(const Pull &) const = default;
};
struct Deltas
{
    QList<SealedDelta> deltas;
    bool more = false;     // a batch of a catch-up that continues
    bool live = false;     // pushed by another device just now
    QByteArray chain = {}; // version 6: the chain at the last unit (empty while live)
    bool operator==(const Deltas &) const = default;
};
struct CaughtUp
{
    quint64 cursor = 0;
    QByteArray chain = {}; // version 6: the chain value at `cursor`
    bool operator==(const CaughtUp &) const = default;
};

// One device of the workspace as the relay knows it (relay -> client). The bytes are checked by
// the receiver against the workspace id (DeviceCertificate::verify, Revocation::verify).
struct DeviceEntry
{
    QByteArray certificate;
    quint64 lastSeenMs = 0; // when the relay last authenticated it, 0 = never
    QByteArray revocation;  // empty when not revoked
    bool operator==(const DeviceEntry &) const = default;
};
// The whole device list, after welcome and whenever a device enrols or is revoked.
struct Devices
{
    QList<DeviceEntry> entries;
    bool operator==(const Devices &) const = default;
};
// A full device removes a device from the workspace (device -> relay).
struct Revoke
{
    QByteArray revocation; // Revocation.h, 1..512 bytes
    bool operator==(const Revoke &) const = default;
};

// Version 4. A full device gives the relay an invite to hold (device -> relay): `id` is derived
// from the code's secret, the envelopes are sealed with a key the relay never sees. `uses` 0
// cancels the invite `id` (no envelopes then). A full device's invite has one envelope for all
// its uses; a kiosk invite has one per use (one kiosk identity each), named in `devices`.
struct Invite
{
    QByteArray id; // 32 bytes
    quint64 expiresAtMs = 0;
    quint64 uses = 1;
    QList<QByteArray> envelopes; // 0..kMaxInviteUses, each 1..kMaxEnvelopeBytes
    QList<QByteArray> devices;   // 16 bytes each: the kiosk ids, one per envelope, or none
    bool operator==(const Invite &) const = default;
};
// What names an invite to cancel it: BLAKE2b-256 of its id. The id alone is enough to claim the
// invite, so the inviting device shows only this.
QByteArray inviteHandle(const QByteArray &id);

// The relay holds the invite (relay -> device).
struct Invited
{
    QByteArray id;
    quint64 usesLeft = 0;
    bool operator==(const Invited &) const = default;
};
// A device that is not yet one claims an invite: the first and only frame of its connection
// instead of hello (device -> relay). Counts one use.
struct Claim
{
    QByteArray id; // 32 bytes
    bool operator==(const Claim &) const = default;
};
// The claimed invite's envelope (relay -> device); the relay then closes the connection.
struct Envelope
{
    QByteArray envelope;
    bool operator==(const Envelope &) const = default;
};

// Version 5. One epoch secret sealed to one remaining full device.
struct EpochKey
{
    QByteArray device;   // 16 bytes
    QByteArray envelope; // kEpochEnvelopeBytes
    bool operator==(const EpochKey &) const = default;
};
// A full device rotates the workspace's keys after a revocation (device -> relay): the next
// epoch's statement (EpochStatement.h) and its secret for every remaining full device.
struct Rotate
{
    QByteArray statement; // 1..kMaxEpochStatementBytes
    QList<EpochKey> keys; // 0..kMaxDevices
    bool operator==(const Rotate &) const = default;
};
// One epoch as the relay gives it to a device: the statement, and the epoch secret sealed to
// this device (empty: none for it, as for a kiosk or a device enrolled after the rotation).
struct EpochEntry
{
    QByteArray statement;
    QByteArray envelope; // empty or kEpochEnvelopeBytes
    bool operator==(const EpochEntry &) const = default;
};
// The workspace's epochs, in order (relay -> device): before every welcome, and to every
// connection of the workspace when one is added.
struct Epochs
{
    QList<EpochEntry> entries; // 0..kMaxEpochs
    bool operator==(const Epochs &) const = default;
};

// Version 6. How far a snapshot covers one origin: every seq up to `upTo`.
struct SnapshotCover
{
    QByteArray origin; // 16 bytes
    quint64 upTo = 0;
    bool operator==(const SnapshotCover &) const = default;
};
// One sealed part of a snapshot: a full device's whole state, compressed, cut into parts of at
// most kMaxSealedDeltaBytes and sealed one by one (SnapshotSignature.h signs each).
struct SnapshotPart
{
    QByteArray id; // 16 random bytes naming the snapshot
    quint64 part = 0;
    quint64 parts = 1;
    QList<SnapshotCover> covers; // the same in every part, ordered by origin
    QByteArray sealed;
    QByteArray signature; // 64 bytes, by the maker's device key
    bool operator==(const SnapshotPart &) const = default;
};
// A full device gives the relay a snapshot, part by part in order (device -> relay).
struct PutSnapshot
{
    SnapshotPart part;
    bool operator==(const PutSnapshot &) const = default;
};
// A snapshot of the log, part by part, in place of the units it covers (relay -> device).
struct SnapshotData
{
    quint64 position = 0; // its place in the log
    QByteArray maker;     // the full device that made it, 16 bytes
    SnapshotPart part;
    QByteArray chain; // the chain value at `position` (on the last part; empty before)
    bool operator==(const SnapshotData &) const = default;
};
// The relay stored the snapshot `id` at `position` (relay -> device).
struct SnapshotStored
{
    QByteArray id;
    quint64 position = 0;
    bool operator==(const SnapshotStored &) const = default;
};
// The pull's cursor is not in the relay's log as the device read it: the relay was restored from
// a backup (or replaced) and has given those positions to other units. The device pulls again
// from 0 (relay -> device, instead of an answer to that pull).
struct Diverged
{
    quint64 head = 0;
    bool operator==(const Diverged &) const = default;
};
// Peer version 7: what a device holds of each origin, every seq up to `upTo` (device <-> device,
// PROTOCOL.md, "Nearby devices"). Origins strictly ascending; an origin it holds nothing of is
// left out.
struct Have
{
    QList<SnapshotCover> covers;
    bool operator==(const Have &) const = default;
};
// Version 7: where a full device's dispatcher is (PresenceNote.h), sealed with the workspace's
// key. Device -> relay: `from` empty, `sealed` 1..kMaxPresenceBytes. Relay -> device: `from` the
// sender's device id as the relay authenticated it (16 bytes); `sealed` empty means that device's
// connection ended. The relay forwards it to the workspace's other live full devices of version
// 7 and stores nothing.
struct Presence
{
    QByteArray from;
    QByteArray sealed;
    bool operator==(const Presence &) const = default;
};
using Message =
    std::variant<Hello, Challenge, Auth, Welcome, Error, Push, Ack, Pull, Deltas, CaughtUp, Devices,
                 Revoke, Invite, Invited, Claim, Envelope, Rotate, Epochs, PutSnapshot,
                 SnapshotData, SnapshotStored, Diverged, Have, Presence>;

// `frameVersion`: the version a connection speaks (kMinProtocolVersion..kPeerProtocolVersion; the
// relay answers each device in its own). Any other version only for an Error: its frame is the
// same in every version, so a device of another version can read why it is refused.
QByteArray encode(const Message &message, int frameVersion = kProtocolVersion);
// The first version that has the message (7 for have and presence, 6 for the snapshot messages,
// 5 for the epoch messages, 4 for the invite messages, else 3).
int firstVersionOf(const Message &message);

struct DecodeResult
{
    std::optional<Message> message;
    QString error;
    bool tooLarge = false;           // the frame or its batch is over the limit
    bool unsupportedVersion = false; // a frame of another protocol version (not an Error)
    quint64 version = 0;             // the frame's version, when it has one
};

// Cuts text to at most `units` UTF-16 units without splitting a surrogate pair.
QString truncatedText(const QString &text, qsizetype units);
// Decodes a frame of a served version (kMinProtocolVersion..kProtocolVersion) that has its
// message type, or an Error frame of any version.
// `maxVersion`: kPeerProtocolVersion on a peer connection, else kProtocolVersion.
DecodeResult decode(const QByteArray &frame,
                    qsizetype maxFrameBytes = limits::kDefaultMaxFrameBytes,
                    qsizetype maxBatch = limits::kDefaultMaxBatch,
                    int maxVersion = kProtocolVersion);

} // namespace feedback::protocol
