// Inside the protocol library: what the frame layer (Messages.cpp) needs from each message's
// codec. Each message's fields are written and read next to each other, in the file of its
// group (HandshakeMessages.cpp, LogMessages.cpp, InviteMessages.cpp, EpochMessages.cpp; the device
// list and revocations with the handshake), so that the two cannot drift apart.
#pragma once

#include "Messages.h"

#include <QCborArray>

#include <common/CborInput.h>

namespace feedback::protocol::codec {

// The message type, the second item of every frame.
enum Type : qint64
{
    kHello = 0,
    kChallenge = 1,
    kAuth = 2,
    kWelcome = 3,
    kError = 4,
    kPush = 5,
    kAck = 6,
    kPull = 7,
    kDeltas = 8,
    kCaughtUp = 9,
    kDevices = 10,
    kRevoke = 11,
    kInvite = 12, // version 4 on
    kInvited = 13,
    kClaim = 14,
    kEnvelope = 15,
    kRotate = 16, // version 5 on
    kEpochs = 17,
    kPutSnapshot = 18, // version 6 on
    kSnapshotData = 19,
    kSnapshotStored = 20,
    kDiverged = 21,
    kHave = 22, // version 7 on (device <-> device only)
    kPresence = 23,
};

// The first version from which pull, deltas and caught-up carry the chain value, and welcome
// whether the relay wants a snapshot (one more item each).
constexpr quint64 kChainVersion = 6;
// Whether a frame being written (its version is its first item) carries the chain.
bool carriesChain(const QCborArray &frame);

// Reads the fields of one message (frame items from index 2) into `out`; false with the first
// problem recorded in `in` (kind TooLarge when a list is over `maxBatch`).
using FieldDecoder = bool (*)(CborInput &in, const QCborArray &frame, qsizetype maxBatch,
                              Message &out);

// One message type on the wire: the number of items of its frame (version and type included)
// and its decoder.
struct WireEntry
{
    qsizetype width;
    FieldDecoder decode;
    qsizetype widthFromChainVersion = 0; // 0: the same as `width`
};

// Defined next to each message's fields.
extern const WireEntry kHelloWire;
extern const WireEntry kChallengeWire;
extern const WireEntry kAuthWire;
extern const WireEntry kWelcomeWire;
extern const WireEntry kErrorWire;
extern const WireEntry kPushWire;
extern const WireEntry kAckWire;
extern const WireEntry kPullWire;
extern const WireEntry kDeltasWire;
extern const WireEntry kCaughtUpWire;
extern const WireEntry kDevicesWire;
extern const WireEntry kRevokeWire;
extern const WireEntry kInviteWire;
extern const WireEntry kInvitedWire;
extern const WireEntry kClaimWire;
extern const WireEntry kEnvelopeWire;
extern const WireEntry kRotateWire;
extern const WireEntry kEpochsWire;
extern const WireEntry kPutSnapshotWire;
extern const WireEntry kSnapshotDataWire;
extern const WireEntry kSnapshotStoredWire;
extern const WireEntry kDivergedWire;
extern const WireEntry kHaveWire;
extern const WireEntry kPresenceWire;

// Each appends its type and fields to a frame that holds the version.
void encodeFields(QCborArray &frame, const Hello &m);
void encodeFields(QCborArray &frame, const Challenge &m);
void encodeFields(QCborArray &frame, const Auth &m);
void encodeFields(QCborArray &frame, const Welcome &m);
void encodeFields(QCborArray &frame, const Error &m);
void encodeFields(QCborArray &frame, const Push &m);
void encodeFields(QCborArray &frame, const Ack &m);
void encodeFields(QCborArray &frame, const Pull &m);
void encodeFields(QCborArray &frame, const Deltas &m);
void encodeFields(QCborArray &frame, const CaughtUp &m);
void encodeFields(QCborArray &frame, const Devices &m);
void encodeFields(QCborArray &frame, const Revoke &m);
void encodeFields(QCborArray &frame, const Invite &m);
void encodeFields(QCborArray &frame, const Invited &m);
void encodeFields(QCborArray &frame, const Claim &m);
void encodeFields(QCborArray &frame, const Envelope &m);
void encodeFields(QCborArray &frame, const Rotate &m);
void encodeFields(QCborArray &frame, const Epochs &m);
void encodeFields(QCborArray &frame, const PutSnapshot &m);
void encodeFields(QCborArray &frame, const SnapshotData &m);
void encodeFields(QCborArray &frame, const SnapshotStored &m);
void encodeFields(QCborArray &frame, const Diverged &m);
void encodeFields(QCborArray &frame, const Have &m);
void encodeFields(QCborArray &frame, const Presence &m);

// Shared by the codecs.
qint64 asInt(quint64 v);
// A non-negative integer of any size (the caller checks its own range).
bool readUint(CborInput &in, const QCborValue &v, quint64 &out, const char *what);
// A version vector on the wire (snapshot covers, a peer's have): [[origin(16), upTo], ...], at
// most kMaxSnapshotOrigins, origins strictly ascending, each upTo in 1..2^62.
QCborArray coverList(const QList<SnapshotCover> &covers);
bool readCovers(CborInput &in, const QCborValue &v, QList<SnapshotCover> &out);
// The chain item of pull, deltas and caught-up at `index`, when the frame has it: empty or
// kChainBytes.
bool readChain(CborInput &in, const QCborArray &f, qsizetype index, QByteArray &out);

} // namespace feedback::protocol::codec
