#include "DeviceTrust.h"

#include <protocol/Revocation.h>
#include <store/RowSealer.h>

namespace feedback::sync {

DeviceTrust::DeviceTrust(store::FeedbackStore &store, const WorkspaceKeys &keys)
    : m_store(store)
    , m_keys(keys)
    , m_list(DeviceList::load(store, keys.workspaceId(), keys.authorities()))
{}

Result<DeviceCredentials> DeviceTrust::current()
{
    auto credentials = DeviceCredentials::ensure(m_store, m_keys, m_store.deviceId(), m_name);
    if (credentials)
        m_signingKeys[m_store.deviceId()] = credentials->secretKey;
    return credentials;
}

Result<QByteArray> DeviceTrust::signingKeyOf(const ReplicaId &origin)
{
    if (const auto it = m_signingKeys.find(origin); it != m_signingKeys.end())
        return it->second;
    // An old identity of a profile written by protocol 2 has no key yet: it gets one, as this
    // identity got its own at the first sync after the upgrade.
    auto credentials = DeviceCredentials::ensure(m_store, m_keys, origin, m_name);
    if (!credentials)
        return Result<QByteArray>::failure(credentials);
    m_signingKeys[origin] = credentials->secretKey;
    return credentials->secretKey;
}

Status DeviceTrust::renumbered(const ReplicaId &from, const ReplicaId &to)
{
    const QString name = DeviceCredentials::nameOf(m_store, m_keys, from);
    auto credentials =
        DeviceCredentials::ensure(m_store, m_keys, to, name.isEmpty() ? m_name : name);
    if (!credentials)
        return Status::failure(credentials);
    m_signingKeys[to] = credentials->secretKey;
    return Ok{};
}

QList<QByteArray> DeviceTrust::pendingRevocations() const
{
    QList<QByteArray> out;
    for (const QByteArray &revocation : DeviceList::pendingRevocations(m_store)) {
        quint64 epoch = 0;
        const auto parsed = m_keys.verifyRevocation(revocation, &epoch);
        if (parsed && epoch < m_keys.epoch() && m_keys.canRead())
            out.append(protocol::Revocation::issue(m_keys.signingKey(), m_keys.workspaceId(),
                                                   parsed->device, parsed->revokedAtMs));
        else
            out.append(revocation);
    }
    return out;
}

bool DeviceTrust::unlistedHere(const ReplicaId &origin) const
{
    return m_listedHere && !m_list.find(store::RowSealer::replicaBytes(origin));
}

} // namespace feedback::sync
