#include "SyncEvent.h"

#include <common/EnumNames.h>

namespace feedback::sync {

constexpr std::array<const char *, 15> kSyncEventNames{
    "connected",   "disconnected", "pushed",          "acked",    "received",
    "conflict",    "caught-up",    "error",           "identity", "quarantined",
    "asked-again", "recovered",    "update-required", "devices",  "keys-changed"};
static_assert(kSyncEventNames.size() == static_cast<std::size_t>(SyncEvent::KeysChanged) + 1);

QString syncEventName(SyncEvent event)
{
    return enumName(event, kSyncEventNames);
}

} // namespace feedback::sync
