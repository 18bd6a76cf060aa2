#include "ClientSetup.h"

#include "AdmissionTokenKey.h"
#include "Enrolment.h"
#include "RelayPin.h"
#include "RelayUrl.h"

#include <common/LogCategories.h>
#include <store/StoredValue.h>

namespace feedback::sync {

QList<QUrl> ClientSetup::fallbackRelays(const store::Profile &profile, bool allowInsecure)
{
    QList<QUrl> relays;
    const bool insecure = allowInsecure || profile.get(store::settings::kInsecure);
    for (const QString &text : profile.get(store::settings::kRelayFallbacks)
                                   .split(QLatin1Char(' '), Qt::SkipEmptyParts)) {
        // Checked when they were given: one that is not a relay URL now was damaged on disk.
        if (SyncClient::isRelayUrl(text) && RelayUrl::check(text, insecure))
            relays.append(QUrl(text));
        else
            qCWarning(lcSync) << "a further relay of the profile is not a usable relay URL: "
                                 "left out";
    }
    return relays;
}

QStringList ClientSetup::relaysBeside(const store::Profile &profile, const QString &relay)
{
    const QList<QUrl> relays =
        QList<QUrl>{QUrl(profile.get(store::settings::kRelayUrl))} + fallbackRelays(profile);
    if (!relays.contains(QUrl(relay)))
        return {};
    QStringList others;
    for (const QUrl &url : relays)
        if (url != QUrl(relay) && !url.isEmpty())
            others.append(url.toString());
    return others;
}

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
    const auto pin = RelayPin::load(profile, QUrl(setup.m_relayUrl));
    if (!pin) {
        setup.m_refusal = Refusal::DamagedRelayPin;
        setup.m_detail = pin.error();
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
    // The profile's further relays, unless this sync names one of its own (--relay).
    if (!relayUrl)
        setup.m_options.fallbackUrls = fallbackRelays(profile, allowInsecure);
    setup.m_options.relayPin = *pin;
    setup.m_options.deviceName = profile.get(store::settings::kDeviceName);
    setup.m_options.admissionToken = store::stored(store, kAdmissionToken);
    setup.m_profile = profile;
    return setup;
}

SyncClient *ClientSetup::create(store::FeedbackStore &store, QObject *parent)
{
    if (m_refusal != Refusal::None || !m_keys)
        return nullptr;
    auto *client = new SyncClient(store, *m_keys, m_options, parent);
    // Only the profile's own relay: a one-off sync with another (--relay) must not take the
    // place of the pin of the relay the profile syncs with.
    const QUrl url = m_options.relayUrl;
    if (m_profile && RelayPin::relayOf(url) ==
                         RelayPin::relayOf(QUrl(m_profile->get(store::settings::kRelayUrl))))
        QObject::connect(client, &SyncClient::relayKeyPinned, client,
                         [profile = *m_profile, url](const QByteArray &pin) {
                             if (Status kept = RelayPin::save(profile, url, pin); !kept)
                                 qCWarning(lcSync).noquote()
                                     << "cannot keep the relay's key pin:" << kept.error();
                             else
                                 qCInfo(lcSync).noquote()
                                     << "pinned the key of relay" << RelayPin::relayOf(url)
                                     << "on first use:" << RelayPin::toText(pin);
                         });
    return client;
}

} // namespace feedback::sync
