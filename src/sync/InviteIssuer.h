// Makes an invite of the second format on a full device (PROTOCOL.md, "Invites"): the code to
// hand over, and the invite for the relay to hold (SyncSession::offerInvite). The envelopes hold
// codes of the first format: the workspace key for a full device, a fresh identity and
// certificate for each kiosk.
#pragma once

#include "InviteCode.h"

#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

struct InviteRequest
{
    QString relayUrl;
    protocol::Role role = protocol::Role::Full;
    QString kioskName;          // a kiosk's name in the device list (several: numbered)
    qint64 expiresAtMs = 0;     // wall clock
    int uses = 1;               // 1..protocol::limits::kMaxInviteUses
    QByteArray relayPin;        // empty when this device pinned none
    QStringList fallbackRelays; // further relays of the same database (the code carries them)
};

struct IssuedInvite
{
    QString code;           // "cf2-..."
    protocol::Invite offer; // for the relay
};

class InviteIssuer
{
public:
    static constexpr qint64 kDefaultLifeMs = 24LL * 3600 * 1000;
    static constexpr qint64 kMaxLifeMs = 30LL * 24 * 3600 * 1000;

    static Result<IssuedInvite> issue(const store::FeedbackStore &store,
                                      const InviteRequest &request);
    // What cancels the invite of `handle` (protocol::inviteHandle; the relay answers a later
    // claim with `revoked`).
    static protocol::Invite cancellation(const QByteArray &handle);
    // "15m", "2h", "7d", "90s": a duration of 1 minute to 30 days; nothing when it is not one.
    static std::optional<qint64> parseDuration(const QString &text);
};

} // namespace feedback::sync
