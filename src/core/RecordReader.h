// Turns a record's CRDT state into what people see: one display value per field plus every
// field that has concurrent values.
#pragma once

#include "FeedbackRecordState.h"
#include "FeedbackTypes.h"

namespace feedback {

class RecordReader
{
public:
    // nullopt when the record has no creation (FeedbackBook never keeps such a record; a
    // forged state could hold one).
    static std::optional<FeedbackRecordView> read(const RecordId &id,
                                                  const FeedbackRecordState &state);
};

} // namespace feedback
