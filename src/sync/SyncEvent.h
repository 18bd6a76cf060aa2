// What SyncSession reports as it goes, as kinds the callers switch on; the text names are what
// `feedbackctl watch` prints (its output is an interface: the names never change).
#pragma once

#include <QString>

namespace feedback::sync {

enum class SyncEvent
{
    Connected,
    Disconnected,   // reason, cause
    Pushed,         // count, upTo
    Acked,          // upTo
    Received,       // count, cursor
    Conflict,       // id, field
    CaughtUp,       // cursor
    Error,          // reason, problem, cause or code
    Identity,       // the profile continued under a new device id: from, to, changes, records, note
    Quarantined,    // count, position: units that could not be read were set aside
    AskedAgain,     // position
    Recovered,      // position, count
    UpdateRequired, // count, reason: changes of a newer version were set aside
    Devices,        // count, revoked: the relay's device list arrived (verified and kept)
    KeysChanged,    // epoch: the workspace's keys changed (a full device was revoked)
    SnapshotUploaded, // position, parts: the relay stored this device's snapshot
    SnapshotApplied,  // position, records: a snapshot another device made was joined
    SnapshotRefused,  // position, reason: a snapshot that failed its checks was passed over
    Healed,   // position: the relay lacked what it had acknowledged; this device's snapshot gave it
    Diverged, // cursor, head: the relay's log is not the one this device read; pulling it again
};
QString syncEventName(SyncEvent event); // "connected", "caught-up", "update-required", ...

} // namespace feedback::sync
