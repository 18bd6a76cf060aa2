// Compact, versioned binary encoding of book deltas and whole book states (CBOR through Qt).
// Decoding treats its input as hostile: every length is bounded before use, every value is
// range-checked, text from other devices must pass the rules of local input, and any problem
// is an error (ErrorKind::BadData), never a crash. Fields and note items of a newer version
// are kept as opaque values and written back (PROTOCOL.md, "Compatibility"); data of a newer
// format version is ErrorKind::UpdateRequired.
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
#include "Validation.h"

#include <QByteArray>

#include <common/Result.h>

namespace feedback {

// What the decoder reads. Each bound is at least what validation lets a device write (the
// static_asserts below), with room for what several devices write concurrently: merged
// collections (notes, reasons, concurrent values) hold the sum of what each device added.
namespace codec_limits {
constexpr qsizetype kMaxDeltaBytes = 16 * 1024 * 1024;
constexpr qsizetype kMaxRecordBytes = 64 * 1024 * 1024; // one record row of the local store
constexpr qsizetype kMaxStateBytes = 512 * 1024 * 1024;
constexpr qsizetype kMaxReplicas = 65536;
constexpr qsizetype kMaxMinted = 200000;
constexpr qsizetype kMaxRecords = 10000000;
constexpr qsizetype kMaxLeafEntries = 4096; // notes of a record, concurrent values of a field
constexpr qsizetype kMaxLeafContext = 4096;
constexpr qsizetype kMaxReasonTags = 256; // distinct reasons of one record, all versions' codes
constexpr qsizetype kMaxCloud = 10000000;
// What a newer version may add without a format version bump (PROTOCOL.md).
constexpr qint64 kMaxFieldKey = 65535;
constexpr qsizetype kMaxUnknownFields = 16;           // per record
constexpr qsizetype kMaxUnknownValueBytes = 8 * 1024; // one value of such a field, as CBOR
constexpr qsizetype kMaxNoteExtraBytes = 1024;        // items appended to one note, as CBOR
constexpr int kMaxOpaqueDepth = 16;                   // nesting inside such values

// Notes of several devices that each filled a record while offline still read back...
static_assert(kMaxLeafEntries >= 4 * limits::kMaxNotes);
// ...and so does the row that holds them, at the longest note (4 UTF-8 bytes a character).
constexpr qsizetype kMaxNoteBytes =
    4 * (limits::kNoteMaxChars + limits::kNameMaxChars) + kMaxNoteExtraBytes + 64;
static_assert(kMaxLeafEntries * kMaxNoteBytes < kMaxRecordBytes);
static_assert(kMaxReasonTags >= 4 * limits::kMaxReasons);
// A record's history reads back alike: several devices' logs, each entry at its longest.
static_assert(kMaxLeafEntries >= 4 * limits::kMaxHistory);
constexpr qsizetype kMaxChangeBytes =
    4 * (limits::kNameMaxChars + 2 * limits::kMaxChangeFields * limits::kChangeValueMaxChars) +
    8 * limits::kMaxChangeFields + 64; // item headers: a field key and two text lengths
static_assert(kMaxLeafEntries * kMaxChangeBytes < kMaxRecordBytes);
// A device of the release before field 13 keeps an entry as an opaque value: every entry the
// format allows must fit what it reads, or it would refuse the delta that carries it.
static_assert(kMaxChangeBytes <= kMaxUnknownValueBytes);
} // namespace codec_limits

class BookCodec
{
public:
    // The format this version writes and the newest it reads. A newer one is refused with
    // ErrorKind::UpdateRequired ("update required (format N; this version reads up to M)").
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
