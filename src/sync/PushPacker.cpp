#include "PushPacker.h"

#include <algorithm>
#include <core/ParallelFor.h>
#include <protocol/UnitSignature.h>
#include <store/RowSealer.h>
#include <vector>

namespace feedback::sync {

using protocol::SealedDelta;

protocol::Push PushPacker::pack(const QList<store::OutboxEntry> &pending, const WorkspaceKeys &keys,
                                const QByteArray &originSecretKey, qsizetype maxUnits,
                                qsizetype maxFrameBytes)
{
    protocol::Push push;
    if (pending.isEmpty())
        return push;
    // Group boundaries first (cheap), then compress and seal the groups on all cores.
    struct Group
    {
        qsizetype first = 0;
        qsizetype count = 0;
    };
    std::vector<Group> groups;
    const ReplicaId origin = pending.first().origin;
    const qsizetype groupBytes = std::min(kGroupBytes, maxFrameBytes / 4);
    qsizetype bytes = 0;
    for (qsizetype i = 0; i < pending.size(); ++i) {
        const store::OutboxEntry &entry = pending.at(i);
        if (entry.origin != origin)
            break; // the next origin goes in the next push
        const bool continues = !groups.empty() && groups.back().count < kGroupDeltas &&
                               bytes + entry.delta.size() <= groupBytes &&
                               pending.at(i - 1).seq + 1 == entry.seq;
        if (!continues) {
            if (groups.size() == static_cast<std::size_t>(maxUnits))
                break;
            groups.push_back({i, 0});
            bytes = 0;
        }
        ++groups.back().count;
        bytes += entry.delta.size();
    }
    const QByteArray originBytes = store::RowSealer::replicaBytes(origin);
    std::vector<QByteArray> sealed(groups.size());
    parallelFor(groups.size(), 2, [&](std::size_t g) {
        QList<QByteArray> deltas;
        deltas.reserve(groups[g].count);
        for (qsizetype i = 0; i < groups[g].count; ++i)
            deltas.append(pending.at(groups[g].first + i).delta);
        sealed[g] = keys.sealGroup(deltas, originBytes, pending.at(groups[g].first).seq);
    });
    qsizetype frameBytes = 64;
    for (std::size_t g = 0; g < groups.size(); ++g) {
        // The unit's CBOR framing, generously, and its signature.
        frameBytes += sealed[g].size() + 64 + 66;
        if (!push.deltas.isEmpty() && frameBytes > maxFrameBytes)
            break;
        push.deltas.append(SealedDelta{originBytes, pending.at(groups[g].first).seq,
                                       std::move(sealed[g]), 0,
                                       static_cast<quint64>(groups[g].count), QByteArray()});
    }
    // Signed once the frame is cut, so only what goes is signed; on all cores, as sealing was.
    SealedDelta *units = push.deltas.data(); // detached here, not on the workers
    parallelFor(static_cast<std::size_t>(push.deltas.size()), 2, [&](std::size_t u) {
        SealedDelta &unit = units[u];
        unit.signature = protocol::unitsignature::sign(originSecretKey, keys.workspaceId(), unit);
    });
    return push;
}

} // namespace feedback::sync
