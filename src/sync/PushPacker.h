// Turns the front of the outbox into one push: consecutive deltas of one origin are sealed
// together in groups (compressed as one stream, so the relay stores and serves one unit per
// group), within the relay's batch and frame limits.
#pragma once

#include "WorkspaceKeys.h"

#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class PushPacker
{
public:
    // A group ends at this many deltas or this many encoded bytes (or a quarter of the relay's
    // frame limit, so that a group always fits a frame). Deflate looks back 32 KiB, so larger
    // groups compress no better; smaller ones pay the seal's 40 bytes more often.
    static constexpr qsizetype kGroupDeltas = 128;
    static constexpr qsizetype kGroupBytes = 32 * 1024;
    // How many outbox entries one push considers.
    static constexpr int kPendingPerPush = 4096;

    // `pending` in outbox order. Packs only the first origin's deltas (one origin per push),
    // at most `maxUnits` units, and stops before the frame would pass `maxFrameBytes`; the
    // rest goes in the next push. Empty when `pending` is. Every unit is signed with
    // `originSecretKey`, the device key of the first entry's origin (UnitSignature).
    static protocol::Push pack(const QList<store::OutboxEntry> &pending, const WorkspaceKeys &keys,
                               const QByteArray &originSecretKey, qsizetype maxUnits,
                               qsizetype maxFrameBytes);
};

} // namespace feedback::sync
