// SyncSession's side of device trust (PROTOCOL.md, "Devices and signatures"): the credentials
// the hello and auth carry (made before the first hello of an identity: after an upgrade from
// protocol 2, after a renumbering), the key that signs each pushed unit (its origin identity's),
// the relay's device list, and the check of every received unit's signature.
#pragma once

#include "DeviceCredentials.h"
#include "DeviceList.h"
#include "WorkspaceKeys.h"

#include <map>

namespace feedback::sync {

class DeviceTrust
{
public:
    DeviceTrust(store::FeedbackStore &store, const WorkspaceKeys &keys);

    // The name a certificate made at the first sync gets (the profile's device name).
    void setDeviceName(const QString &name) { m_name = name; }

    // This device's credentials for the hello, made when it has none.
    Result<DeviceCredentials> current();
    // The secret key that signs units of `origin`: this device's, or an old identity's.
    Result<QByteArray> signingKeyOf(const ReplicaId &origin);
    // The profile continues under `to`: it gets its own key and certificate at once, named as
    // `from` was.
    Status renumbered(const ReplicaId &from, const ReplicaId &to);

    // A new connection: its relay has not sent its list yet.
    void connectionOpened() { m_listedHere = false; }
    Status accept(const protocol::Devices &frame)
    {
        m_listedHere = true;
        return m_list.accept(m_store, frame);
    }
    // The relay sent its list on this connection and `origin` is not in it: it would refuse
    // units of `origin` (a relay that sent no list yet is not judged).
    bool unlistedHere(const ReplicaId &origin) const;
    // The pending revocations, each signed again by the latest authority when an older one
    // signed it (the relay takes revocations only from the latest).
    QList<QByteArray> pendingRevocations() const;
    // The workspace's keys changed: certificates of the new authority count from now on.
    void keysChanged() { m_list.setAuthorities(m_keys.authorities()); }
    const DeviceList &list() const { return m_list; }
    // Why a received unit must be set aside, or empty (DeviceList::unitProblem). Thread-safe:
    // units are checked on all cores.
    QString unitProblem(const protocol::SealedDelta &unit) const
    {
        return m_list.unitProblem(unit);
    }

private:
    store::FeedbackStore &m_store;
    const WorkspaceKeys &m_keys;
    DeviceList m_list;
    QString m_name;
    bool m_listedHere = false;
    std::map<ReplicaId, QByteArray> m_signingKeys; // read from the store once per identity
};

} // namespace feedback::sync
