// A record's history (issue 16): each edit logs what it changed, as the device that made it saw
// the record, in the record's add-only `history` set; reading it back lists every change from the
// creation on. Two devices that changed a field concurrently logged one entry each, so both
// sides of a conflict stay in the list after it is resolved.
#pragma once

#include "FeedbackRecordState.h"
#include "FeedbackTypes.h"

namespace feedback {

class RecordHistory
{
public:
    // The entry an edit logs, against the record as it reads before the edit; no changes when
    // the edit sets nothing to a new value (then nothing is logged). Values are cut to
    // limits::kChangeValueMaxChars. The comment and contact details log "" → "changed" or
    // "erased", never their text: the log only grows, and personal data in it could not be
    // erased on a device of a version that keeps the log as an opaque field.
    static ChangeValue describe(const FeedbackRecordView &before, const FeedbackEdit &edit);
    // What an edit of `record` logs: describe() against the record as it reads now; nothing
    // when it changes nothing, or when the record's log is full (limits::kMaxHistory: the
    // edit still applies, unlogged).
    static std::optional<ChangeValue>
    entryFor(const RecordId &id, const FeedbackRecordState &record, const FeedbackEdit &edit);

    // Oldest first: the creation, then one line per changed field, by time, device and field.
    static QList<RecordChange> read(const RecordId &id, const FeedbackRecordState &state);

    // The JSON name of a field key ("rating", "followUp", "orderId" for the creation's order
    // id, "field13" for a key this version does not know).
    static QString fieldName(quint8 key);

    static constexpr const char *kChanged = "changed";
    static constexpr const char *kErased = "erased";
    static constexpr const char *kAdded = "added";
    static constexpr const char *kCreated = "created";
};

} // namespace feedback
