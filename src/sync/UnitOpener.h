// Opens one unit of the log (a relay's or a nearby device's) and decodes its deltas, checking
// each against the dot its origin and seq name: shared by the relay session and peer sessions.
// The unit's signature is checked before, by the caller (DeviceList::unitProblem).
#pragma once

#include "DeltaBody.h"
#include "WorkspaceKeys.h"

#include <core/FeedbackBook.h>
#include <protocol/Messages.h>

namespace feedback::sync {

Result<QList<BookDelta>> openUnit(const WorkspaceKeys &keys, const protocol::SealedDelta &unit,
                                  InflateBudget *budget);

} // namespace feedback::sync
