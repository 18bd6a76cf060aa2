// The workspace's devices as the relay last listed them (the `devices` frame): every certificate
// and revocation verified against the workspace id before it counts, the valid entries kept in
// the store so that `feedbackctl devices` works offline, and the key each unit's signature is
// checked against. Also the revocations this device signed that the relay has not listed yet
// (`feedbackctl revoke`; the next sync sends them after the welcome).
#pragma once

#include <QByteArray>
#include <QHash>
#include <QList>

#include <common/Result.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/Messages.h>
#include <protocol/Revocation.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class DeviceList
{
public:
    struct Device
    {
        protocol::DeviceCertificate certificate;
        qint64 lastSeenMs = 0; // 0: never seen by the relay
        bool revoked = false;
    };

    // What the store keeps for `workspaceId`, checked again (the value is plain on disk)
    // against `authorities` (WorkspaceKeys::authorities: every key epoch's, newest first).
    static DeviceList load(const store::FeedbackStore &store, const QByteArray &workspaceId,
                           const QList<QByteArray> &authorities);
    // A new key epoch: its authority signs what is listed from now on.
    void setAuthorities(const QList<QByteArray> &authorities) { m_authorities = authorities; }

    // The relay's list: entries that do not verify are skipped (logged by device id only); the
    // rest replaces what was kept, and pending revocations it lists as revoked are done.
    Status accept(store::FeedbackStore &store, const protocol::Devices &frame);

    const QList<Device> &devices() const { return m_devices; }
    const Device *find(const QByteArray &device) const;

    // Why `unit` must not be applied, or empty: a 64-byte signature must verify against its
    // origin's certified key; an empty one is a legacy unit (stored under protocol 2).
    QString unitProblem(const protocol::SealedDelta &unit) const;

    // Revocations signed here that the relay has not listed yet, in the order made.
    static QList<QByteArray> pendingRevocations(const store::FeedbackStore &store);
    static Status setPendingRevocations(store::FeedbackStore &store,
                                        const QList<QByteArray> &revocations);
    static Status addPendingRevocation(store::FeedbackStore &store, const QByteArray &revocation);

private:
    DeviceList(QByteArray workspaceId, QList<QByteArray> authorities)
        : m_workspace(std::move(workspaceId))
        , m_authorities(std::move(authorities))
    {}
    Result<protocol::DeviceCertificate> verifyCertificate(const QByteArray &bytes) const;
    Result<protocol::Revocation> verifyRevocation(const QByteArray &bytes) const;
    // The verified entries of `frame`, into m_devices.
    void take(const protocol::Devices &frame, bool log);

    QByteArray m_workspace;
    QList<QByteArray> m_authorities;
    QList<Device> m_devices;
    QHash<QByteArray, qsizetype> m_index; // device id -> m_devices
};

} // namespace feedback::sync
