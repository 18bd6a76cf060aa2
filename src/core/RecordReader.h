// Turns a record's CRDT state into what people see: one display value per field plus every
// field that has concurrent values.
#pragma once

#include "FeedbackRecordState.h"
#include "FeedbackTypes.h"

namespace feedback {

class RecordReader
{
public:
    // nullopt when the record's creation has not arrived (cannot happen for ready deltas).
    static std::optional<FeedbackRecordView> read(const RecordId &id,
                                                  const FeedbackRecordState &state);
};

} // namespace feedback
