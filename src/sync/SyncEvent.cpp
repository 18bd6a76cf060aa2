#include "SyncEvent.h"

#include <common/EnumNames.h>

namespace feedback::sync {

constexpr std::array<const char *, 20> kSyncEventNames{
    "connected",        "disconnected",     "pushed",       "acked",
    "received",         "conflict",         "caught-up",    "error",
    "identity",         "quarantined",      "asked-again",  "recovered",
    "update-required",  "devices",          "keys-changed", "snapshot-uploaded",
    "snapshot-applied", "snapshot-refused", "healed",       "log-diverged"};
static_assert(kSyncEventNames.size() == static_cast<std::size_t>(SyncEvent::Diverged) + 1);

QString syncEventName(SyncEvent event)
{
    return enumName(event, kSyncEventNames);
}

} // namespace feedback::sync
