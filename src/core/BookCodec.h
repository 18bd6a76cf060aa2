// Compact, versioned binary encoding of book deltas and whole book states (CBOR through Qt).
// Decoding treats its input as hostile: every length is bounded before use, every value is
// range-checked, unknown fields are rejected, and any problem is an error, never a crash.
//
// Delta:  [version, 0, replicas, minted, records]
//   replicas  [bstr(16)...]                      replica table, referenced by index
//   minted    [[replica, counter, hlc]...]       the mutations; entries name them by index
//   records   [[dotref, {field: leaf}]...]       dotref = minted index | [replica, counter]
//   leaf      [[[mintedIndex, value]...], [dotref...]]  new entries, extra context dots
// State:  [version, 1, replicas, [vv, cloud], records], entries as [replica, counter, hlc, value]
// Field keys and value types: see RecordFieldCodec.cpp.
#pragma once

#include "FeedbackBook.h"
#include "Result.h"

#include <QByteArray>

namespace feedback {

namespace codec_limits {
constexpr qsizetype kMaxDeltaBytes = 16 * 1024 * 1024;
constexpr qsizetype kMaxStateBytes = 512 * 1024 * 1024;
constexpr qsizetype kMaxReplicas = 65536;
constexpr qsizetype kMaxMinted = 200000;
constexpr qsizetype kMaxRecords = 10000000;
constexpr qsizetype kMaxLeafEntries = 4096;
constexpr qsizetype kMaxLeafContext = 4096;
constexpr qsizetype kMaxNotes = 100000;
constexpr qsizetype kMaxCloud = 10000000;
} // namespace codec_limits

class BookCodec
{
public:
    static constexpr int kFormatVersion = 1;

    static Result<QByteArray> encodeDelta(const BookDelta &delta);
    static Result<BookDelta> decodeDelta(const QByteArray &bytes);

    static QByteArray encodeState(const BookMap &state);
    static Result<BookMap> decodeState(const QByteArray &bytes);

    // One record on its own (the local store keeps one sealed row per record; the row key is
    // the id, so it is not repeated): [version, 2, replicas, fields]. Entries the creation
    // wrote are just their value, so a fresh record needs no replica table at all.
    static QByteArray encodeRecord(const RecordId &id, const FeedbackRecordState &record);
    static Result<FeedbackRecordState> decodeRecord(const RecordId &id, const QByteArray &bytes);
    // A causal context on its own: [version, 3, replicas, [vv, cloud]].
    static QByteArray encodeContext(const crdt::CausalContext &context);
    static Result<crdt::CausalContext> decodeContext(const QByteArray &bytes);
};

} // namespace feedback
