#include "ClientSetup.h"

#include "Enrolment.h"
#include "RelayUrl.h"

namespace feedback::sync {

ClientSetup ClientSetup::of(const store::Profile &profile, const store::FeedbackStore &store,
                            const std::optional<QString> &relayUrl, bool allowInsecure)
{
    ClientSetup setup;
    setup.m_relayUrl = relayUrl.value_or(profile.get(store::settings::kRelayUrl));
    if (SyncClient::disabledByEnvironment()) {
        setup.m_refusal = Refusal::TurnedOff;
        return setup;
    }
    if (setup.m_relayUrl.isEmpty()) {
        setup.m_refusal = Refusal::NoRelayUrl;
        return setup;
    }
    if (!SyncClient::isRelayUrl(setup.m_relayUrl)) {
        setup.m_refusal = Refusal::InvalidRelayUrl;
        return setup;
    }
    // Checked at every sync, not only at enrolment: a profile enrolled before the rule existed
    // may hold a ws:// URL to another machine.
    if (Status secure = RelayUrl::check(setup.m_relayUrl,
                                        allowInsecure || profile.get(store::settings::kInsecure));
        !secure) {
        setup.m_refusal = Refusal::Insecure;
        setup.m_detail = secure.error();
        return setup;
    }
    auto keys = workspaceKeysOf(store);
    if (!keys) {
        setup.m_refusal = Refusal::NoWorkspace;
        setup.m_detail = keys.error();
        return setup;
    }
    setup.m_keys = std::move(*keys);
    setup.m_options.relayUrl = QUrl(setup.m_relayUrl);
    setup.m_options.deviceName = profile.get(store::settings::kDeviceName);
    return setup;
}

SyncClient *ClientSetup::create(store::FeedbackStore &store, QObject *parent)
{
    if (m_refusal != Refusal::None || !m_keys)
        return nullptr;
    return new SyncClient(store, *m_keys, m_options, parent);
}

} // namespace feedback::sync
