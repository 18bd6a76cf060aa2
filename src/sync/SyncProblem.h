// What went wrong with a relay connection, as kinds the app can put into words.
#pragma once

#include "SyncTransport.h"

#include <QString>

#include <optional>
#include <protocol/Messages.h>

namespace feedback::sync {

// What went wrong last, in kinds the app can put into words (lastError() is the English detail
// for logs and feedbackctl).
struct SyncProblem
{
    enum class Kind
    {
        None,
        Unreachable,    // `cause`: refused, host not found, timed out, no network
        Tls,            // the relay's certificate does not verify
        ConnectionLost, // a connection that was up ended from the relay's side
        NotAccepted,    // the relay does not accept this device's credentials
        RelayRefused,   // the relay answered with an error (`code`): busy, rate limited...
        UpdateRequired, // this program is too old for the relay
        Revoked,        // this device was removed from the workspace: it stops for good
        Other,          // anything else: `detail` says what
    };
    Kind kind = Kind::None;
    CloseCause cause = CloseCause::Other;
    protocol::ErrorCode code = protocol::ErrorCode::Internal;
    QString detail;

    // Nobody answered: trying again costs the relay nothing, so it may be tried again soon.
    bool unreachable() const { return kind == Kind::Unreachable; }
};
QString problemKindName(SyncProblem::Kind kind); // "unreachable", "not-accepted", ...
std::optional<SyncProblem::Kind> problemKindFromName(const QString &name);
// The problem a closed connection leaves, from why it closed.
SyncProblem problemOf(CloseCause cause, const QString &reason);

} // namespace feedback::sync
