// Encoding of one record's fields, shared by the delta and the state formats. The two differ
// only in how an entry names its dot: a delta refers to its minted table (the HLC comes with
// it), a state spells out [replica, counter, hlc].
#pragma once

#include "DotTable.h"
#include "FeedbackRecordState.h"

#include <QHash>

#include <common/CborReader.h>
#include <common/CborWriter.h>
#include <crdt/DotList.h>
#include <map>
#include <vector>

namespace feedback {

// Whether decoded text must also pass the rules of local input (textrules in Validation.h).
// What comes from other devices must. A record row of the local store was checked when its
// values came in; one written before a rule existed must still open, or the whole record
// would vanish from this device.
enum class TextRules
{
    Enforce,
    LengthOnly
};

class RecordFieldCodec
{
public:
    // Writes the fields map; false if an entry names a dot the delta did not mint (the stream
    // is then incomplete).
    static bool writeDelta(CborWriter &w, const FeedbackRecordState::Delta &delta, DotTable &table);
    // The decoders read the fields map, the next item of `in`.
    static bool decodeDelta(CborReader &in, const DotTable &table, const crdt::Dot &recordId,
                            FeedbackRecordState::Delta &out);
    static void writeState(CborWriter &w, const FeedbackRecordState &state, DotTable &table);
    // `table` learns the stamp of the record's own entries from its creation (DotTable::setHome).
    static bool decodeState(CborReader &in, DotTable &table, TextRules rules,
                            FeedbackRecordState &out);
};

} // namespace feedback
