// AppSession: the workspace's devices for Settings → Devices, revoking one of them, and invites
// (made, listed while the relay holds them, cancelled).
#include "AppSession.h"

#include <QDateTime>

#include <common/LogCategories.h>
#include <store/RowSealer.h>
#include <sync/ClientSetup.h>
#include <sync/DeviceCredentials.h>
#include <sync/DeviceList.h>
#include <sync/Enrolment.h>
#include <sync/InviteIssuer.h>
#include <sync/RelayPin.h>
#include <sync/SyncClient.h>

namespace feedback::app {

QList<AppSession::Device> AppSession::devices() const
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    if (!keys)
        return {};
    const sync::DeviceList list =
        sync::DeviceList::load(*m_store, keys->workspaceId(), keys->authorities());
    const QSet<QByteArray> pending = sync::pendingRevokedDevices(*m_store, *keys);
    QList<Device> out;
    for (const sync::DeviceList::Device &d : list.devices()) {
        const auto id = store::RowSealer::replicaFromBytes(d.certificate.device);
        if (!id)
            continue; // a verified certificate always names 16 bytes; nothing to show otherwise
        Device device;
        device.id = *id;
        device.name = d.certificate.name;
        device.role = d.certificate.role;
        device.enrolledAtMs = d.certificate.issuedAtMs;
        device.lastSeenMs = d.lastSeenMs;
        device.revoked = d.revoked;
        device.revocationPending = !d.revoked && pending.contains(d.certificate.device);
        device.thisDevice = *id == deviceId();
        out.append(device);
    }
    return out;
}

bool AppSession::isFullDevice() const
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    return keys && sync::DeviceCredentials::roleOf(*m_store, *keys) == protocol::Role::Full;
}

Result<QByteArray> AppSession::requestInvite(protocol::Role role, qint64 lifeMs)
{
    if (!m_client)
        return Result<QByteArray>::failure(
            tr("Sync is off: an invite needs the relay to hold it."));
    sync::InviteRequest request;
    request.relayUrl = relayUrl();
    request.role = role;
    request.kioskName = tr("Kiosk");
    request.expiresAtMs = QDateTime::currentMSecsSinceEpoch() + lifeMs;
    if (const auto pin = sync::RelayPin::load(m_profile, QUrl(request.relayUrl)))
        request.relayPin = *pin;
    request.fallbackRelays = sync::ClientSetup::relaysBeside(m_profile, request.relayUrl);
    const auto issued = sync::InviteIssuer::issue(*m_store, request);
    if (!issued)
        return Result<QByteArray>::failure(issued);
    m_pendingInvites.insert(issued->offer.id,
                            {issued->offer, issued->code, request.expiresAtMs, request});
    m_client->session().offerInvite(issued->offer);
    syncNow();
    return issued->offer.id;
}

QList<sync::IssuedInvites::Entry> AppSession::pendingInvites() const
{
    return sync::IssuedInvites::pending(*m_store, QDateTime::currentMSecsSinceEpoch());
}

Status AppSession::cancelInvite(const QByteArray &handle)
{
    if (!m_client)
        return Status::failure(tr("Sync is off: cancelling an invite needs the relay."));
    m_cancelling.insert(handle);
    m_client->session().offerInvite(sync::InviteIssuer::cancellation(handle));
    syncNow();
    return Ok{};
}

void AppSession::onInviteHeld(const QByteArray &id, quint64 usesLeft)
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_cancelling.remove(id)) { // a cancellation names the handle; the relay confirmed it
        if (Status s = sync::IssuedInvites::answered(*m_store, id, 0, now); !s)
            qCWarning(lcApp).noquote() << "the list of invites could not be updated:" << s.error();
        Q_EMIT invitesChanged();
        return;
    }
    const auto pending = m_pendingInvites.constFind(id);
    if (pending == m_pendingInvites.constEnd())
        return;
    const PendingInvite held = *pending;
    m_pendingInvites.erase(pending);
    // Listed before the code shows: the list then holds it when the code is handed over.
    if (Status s = sync::IssuedInvites::record(
            *m_store, sync::IssuedInvites::entryFor(held.request, held.offer, usesLeft, now), now);
        !s)
        qCWarning(lcApp).noquote() << "a held invite could not be listed:" << s.error();
    Q_EMIT invitesChanged();
    Q_EMIT inviteReady(id, held.code, held.expiresAtMs);
}

void AppSession::onInviteRefused(const QByteArray &id, const QString &reason)
{
    if (m_cancelling.remove(id)) {
        Q_EMIT inviteCancelFailed(id, reason);
        return;
    }
    if (m_pendingInvites.remove(id) > 0)
        Q_EMIT inviteFailed(id, reason);
}

Result<sync::RevokeOutcome> AppSession::revoke(const ReplicaId &device)
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    if (!keys)
        return Result<sync::RevokeOutcome>::failure(keys);
    const auto outcome = sync::revokeDevice(*m_store, *keys, device);
    if (outcome && (*outcome == sync::RevokeOutcome::Signed ||
                    *outcome == sync::RevokeOutcome::AlreadyPending))
        syncNow();
    return outcome;
}

} // namespace feedback::app
