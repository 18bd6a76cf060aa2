// What a code of the second format holds, claimed from its relay as `join` does (it counts one
// use): tests that need the workspace key or a kiosk's enrolment from an invite. A code of the
// first format is only decoded.
#pragma once

#include <QCoreApplication>

#include <optional>
#include <sync/InviteClaim.h>

namespace feedback::test {

inline Result<sync::Invite> claimedInvite(const QString &code)
{
    const Result<sync::Invite> decoded = sync::InviteCode::decode(code);
    if (!decoded || !decoded->ticket)
        return decoded;
    sync::InviteClaim claim(*decoded->ticket);
    std::optional<Result<sync::Invite>> out;
    // The claim ends for sure: answered, closed, or its own timeout.
    claim.start(60000, [&out](const Result<sync::Invite> &invite) { out = invite; });
    while (!out)
        QCoreApplication::processEvents(QEventLoop::WaitForMoreEvents);
    return *out;
}

} // namespace feedback::test
