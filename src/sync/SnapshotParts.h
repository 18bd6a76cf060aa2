// Snapshots on a device (PROTOCOL.md, "Snapshots"): a full device's whole state and causal
// context, encoded by BookCodec, deflated as one stream (records of one workspace share words
// that deflate finds only across records), cut into parts of at most kPartBytes and each sealed
// with the workspace key (associated data: workspace, maker, id, part, parts) and signed with the
// maker's device key. What it covers (per origin, the highest contiguous seq of its context) is
// in clear for the relay, which counts those seqs as stored. The reader takes the parts in
// order, checks each, and accepts the state only when its context is exactly what the covers
// claim.
#pragma once

#include "WorkspaceKeys.h"

#include <QList>

#include <common/Result.h>
#include <core/FeedbackBook.h>
#include <optional>
#include <protocol/Messages.h>

namespace feedback::sync {

class DeviceList;

namespace snapshots {

// Plaintext per part: sealed, a part stays under the protocol's unit limit.
constexpr qsizetype kPartBytes = 192 * 1024;
// What a snapshot may inflate to: a state far above a million records.
constexpr quint64 kMaxStateBytes = 1024ULL * 1024 * 1024;

QList<protocol::SnapshotCover> coversOf(const crdt::CausalContext &context);

// The parts of a snapshot of `state` made by `maker` (16 bytes), signed with its device key.
Result<QList<protocol::SnapshotPart>> make(const BookMap &state, const WorkspaceKeys &keys,
                                           const QByteArray &maker, const QByteArray &signingKey);

} // namespace snapshots

// Gathers a snapshot's parts as the relay sends them, then opens them into a state.
class SnapshotReader
{
public:
    SnapshotReader(const WorkspaceKeys &keys, const DeviceList &devices)
        : m_keys(keys)
        , m_devices(devices)
    {}
    // One part; once the last has come, the state (nullopt before). Any problem (a part out
    // of order, from a device that is not a full one, a bad signature, bytes that do not open
    // or decode, covers that do not match the state) is an error, and the parts so far go.
    Result<std::optional<BookMap>> add(const protocol::SnapshotData &data);
    void reset();

private:
    Result<BookMap> assemble() const;

    const WorkspaceKeys &m_keys;
    const DeviceList &m_devices;
    QList<QByteArray> m_parts; // opened, in order
    std::optional<protocol::SnapshotData> m_first;
};

} // namespace feedback::sync
