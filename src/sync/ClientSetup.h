// What every program checks and gathers before it syncs a profile, in one order: sync not
// turned off (FEEDBACK_SYNC=off), a relay URL (the one given, else the profile's), a valid one,
// the relay's pinned key, the workspace keys. feedbackctl and the app word the refusals their
// own way. The client it creates keeps the key it pins on first use in the profile.
#pragma once

#include "SyncClient.h"

#include <optional>
#include <store/Profile.h>

namespace feedback::sync {

class ClientSetup
{
public:
    enum class Refusal
    {
        None,
        TurnedOff,       // FEEDBACK_SYNC=off
        NoRelayUrl,      // none given and none in the profile
        InvalidRelayUrl, // not a ws:// or wss:// URL with a host (relayUrl() says which)
        NoWorkspace,     // the profile belongs to no workspace (detail() says why)
        Insecure,        // plain ws:// to a relay off this machine, not allowed (detail())
        DamagedRelayPin, // the relay key pinned in the profile does not read (detail())
    };

    // `relayUrl`: given by the caller (a command-line option); nothing for the profile's.
    // `allowInsecure`: ws:// off this machine is allowed when true here or in the profile.
    static ClientSetup of(const store::Profile &profile, const store::FeedbackStore &store,
                          const std::optional<QString> &relayUrl = std::nullopt,
                          bool allowInsecure = false);

    // The profile's further relays (kRelayFallbacks) that are usable relay URLs, in order.
    static QList<QUrl> fallbackRelays(const store::Profile &profile, bool allowInsecure = false);
    // For an invite to `relay`: the profile's other relays (its relay, then its further ones)
    // when `relay` is one of them (they share its database); none for a relay it does not list.
    static QStringList relaysBeside(const store::Profile &profile, const QString &relay);

    Refusal refusal() const { return m_refusal; }
    const QString &detail() const { return m_detail; }
    const QString &relayUrl() const { return m_relayUrl; }
    // Reconnect, CA file and timings; the relay URL and its pinned key are filled in.
    SyncClient::Options &options() { return m_options; }

    // The client, once nothing was refused (null otherwise); owned by `parent`. When it syncs
    // with the profile's relay and pins its key on first use, the pin is kept in the profile
    // (a sync with another relay given on the command line does not replace it).
    SyncClient *create(store::FeedbackStore &store, QObject *parent);

private:
    Refusal m_refusal = Refusal::None;
    QString m_detail;
    QString m_relayUrl;
    SyncClient::Options m_options;
    std::optional<WorkspaceKeys> m_keys;
    std::optional<store::Profile> m_profile;
};

} // namespace feedback::sync
