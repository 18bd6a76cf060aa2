// What the record field encoder (RecordFieldCodecWrite.cpp) and decoder (RecordFieldCodec.cpp)
// share: the field keys of the format and how an entry of a dot store names its dot.
#pragma once

#include <QtGlobal>

#include <crdt/Dot.h>
#include <utility>

namespace feedback::fieldcodec {

enum FieldKey : qint64
{
    kCreation = 0,
    kRating = 1,
    kComment = 2,
    kPublishConsent = 3,
    kNeedsFollowUp = 4,
    kFollowUp = 5,
    kAssignee = 6,
    kRetracted = 7,
    kReasons = 8,
    kNotes = 9,
    // Added to format 1 without a version bump (PROTOCOL.md, "Compatibility"): registers whose
    // values devices of format 1 that do not know them keep and pass on as unknown fields.
    kContactRequested = 10,
    kContact = 11,
    // Added the same way: the erased mask (FeedbackRecordState::erasedMask()).
    kErased = 12,
    // Added the same way: the record's history, an add-only set of ChangeValue (one per edit).
    // A device of format 1 that does not know it keeps it as an unknown register: each edit's
    // delta names only its own dot, so such a register never drops an entry either.
    kHistory = 13,
};
constexpr qint64 kLastKnownField = kHistory;

inline const crdt::Dot &dotOf(const crdt::Dot &d)
{
    return d;
}
template <class V> const crdt::Dot &dotOf(const std::pair<crdt::Dot, V> &e)
{
    return e.first;
}

} // namespace feedback::fieldcodec
