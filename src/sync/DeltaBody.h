// What sits inside a delta's seal: a format byte, then one delta's encoding or a group of
// consecutive deltas, compressed when that helps. Decoding is for bytes from another member
// of the workspace: every size is bounded before memory is taken for it.
#pragma once

#include <QByteArray>
#include <QList>

#include <atomic>
#include <common/Result.h>

namespace feedback::sync {

// How many bytes the bodies of one received frame may still inflate to, shared by the
// threads that open them: a hostile member cannot make a device allocate without end.
using InflateBudget = std::atomic<qint64>;

class DeltaBody
{
public:
    // Format 0 (raw) or 1 (qCompress), whichever is smaller: one delta.
    static QByteArray encode(const QByteArray &encodedDelta);
    static Result<QByteArray> decode(const QByteArray &body, InflateBudget *budget = nullptr);

    // Format 2: `count` deltas (2 or more) in one zlib stream. Records of one device share
    // most of their bytes (ids, field names, reason words), which deflate finds only across
    // records: a group of 256 takes about half the bytes of 256 single bodies.
    static QByteArray encodeGroup(const QList<QByteArray> &encodedDeltas);
    static Result<QList<QByteArray>> decodeGroup(const QByteArray &body, quint64 count,
                                                 InflateBudget *budget = nullptr);

    // What a group may inflate to, and how a writer bounds its groups to stay under it.
    static constexpr qsizetype kMaxGroupBytes = 1024 * 1024;
};

} // namespace feedback::sync
