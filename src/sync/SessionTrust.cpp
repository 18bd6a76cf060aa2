// SyncSession's side of device trust that is not part of the handshake (PROTOCOL.md, "Devices
// and signatures"): the relay's device list, and the reconnection that introduces a renumbered
// identity to the relay.
#include "EpochKeyring.h"
#include "SyncSession.h"

#include <QDateTime>
#include <QTimer>

#include <common/LogCategories.h>

namespace feedback::sync {

using namespace protocol;

void SyncSession::onDevices(const Devices &devices)
{
    if (Status s = m_trust.accept(devices); !s)
        return fail(s.error());
    Q_EMIT event(SyncEvent::Devices, {{QStringLiteral("count"), devices.entries.size()}});
    rotateIfNeeded();
}

void SyncSession::onEpochs(const Epochs &epochs)
{
    const bool answered = std::exchange(m_rotationInFlight, false);
    const Result<bool> changed = epochkeyring::accept(m_store, m_keys, epochs, m_authKey);
    if (!changed) {
        // Not given the new keys: retrying cannot help; only a new invite does.
        if (changed.errorKind() == ErrorKind::WrongKey)
            return fail(
                {SyncProblem::Kind::Revoked, CloseCause::Other, ErrorCode::Revoked, QString()},
                changed.error());
        return fail(changed.error());
    }
    if (*changed) {
        m_trust.keysChanged();
        Q_EMIT event(SyncEvent::KeysChanged,
                     {{QStringLiteral("epoch"), static_cast<qint64>(m_keys.epoch())}});
    }
    if (answered)
        maybeUpToDate();
}

void SyncSession::rotateIfNeeded()
{
    constexpr int kMaxRotationsPerConnection = 3;
    if (!authenticated() || m_rotationsSent >= kMaxRotationsPerConnection)
        return;
    if (auto rotate = epochkeyring::rotation(m_keys, m_trust.list(), m_device)) {
        ++m_rotationsSent;
        m_rotationInFlight = true;
        qCInfo(lcSync) << "shutting a revoked device out: the workspace's keys change to epoch"
                       << m_keys.epoch() + 1;
        send(*rotate);
    }
}

void SyncSession::kioskWelcomed(const Welcome &welcome)
{
    // A kiosk reads nothing: the relay refuses its pulls and sends it no deltas. It is as
    // caught up as it will ever be, and only pushes.
    const IdentityCheck::Outcome outcome = m_identity.welcome(welcome.storedUpTo);
    if (m_identity.holdsPushes())
        // Comparing needs the relay's copies, which a kiosk cannot read: a kiosk profile
        // restored from a backup (or an acknowledgement lost in a crash). Nothing is dropped.
        return fail(QStringLiteral(
            "The relay holds more changes of this kiosk than it knows it sent (a restored or "
            "copied kiosk profile?). Its unsent feedback is kept; export it and invite the kiosk "
            "again."));
    if (!settle(outcome, false))
        return;
    setState(SyncState::Syncing);
    Q_EMIT progress(0, m_store.pendingCount());
    m_phase = Phase::Live;
    Q_EMIT event(SyncEvent::CaughtUp, {{QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
    pushPending();
}

void SyncSession::forgetAcknowledged()
{
    const auto dropped = m_store.purgeAcknowledged(0, QDateTime::currentMSecsSinceEpoch());
    if (!dropped)
        qCWarning(lcSync).noquote()
            << "a kiosk could not drop its sent feedback:" << dropped.error();
    else if (*dropped > 0)
        Q_EMIT recordsChanged();
}

void SyncSession::sendRevocations()
{
    if (!authenticated())
        return;
    // Pending until the relay's device list shows them; one the relay already stored is only
    // answered with the list again.
    for (const QByteArray &revocation : m_trust.pendingRevocations())
        send(Revoke{revocation});
}

void SyncSession::offerInvite(const Invite &invite)
{
    m_invites.append(invite);
    if (authenticated())
        sendInvites();
}

void SyncSession::sendInvites()
{
    const auto invites = std::exchange(m_invites, {});
    for (const Invite &invite : invites) {
        // A cancellation never expires; an invite that did while this device was offline
        // would only be refused.
        if (invite.uses > 0 &&
            invite.expiresAtMs <= static_cast<quint64>(QDateTime::currentMSecsSinceEpoch())) {
            Q_EMIT inviteRefused(invite.id, QStringLiteral("it expired before the relay could "
                                                           "take it"));
            continue;
        }
        if (!m_keys.canRead()) {
            Q_EMIT inviteRefused(invite.id, QStringLiteral("a kiosk cannot invite devices"));
            continue;
        }
        m_invitesSent.append(invite);
        send(invite);
    }
}

void SyncSession::onInvited(const Invited &invited)
{
    const auto answered = std::find_if(m_invitesSent.begin(), m_invitesSent.end(),
                                       [&invited](const Invite &i) { return i.id == invited.id; });
    if (answered == m_invitesSent.end())
        return;
    m_invitesSent.erase(answered);
    Q_EMIT inviteHeld(invited.id, invited.usesLeft);
}

void SyncSession::dropSentInvites(const QString &reason)
{
    for (const Invite &invite : std::exchange(m_invitesSent, {}))
        Q_EMIT inviteRefused(invite.id, reason);
}

void SyncSession::reconnect()
{
    // The relay admits a device id by the certificate of a hello: this connection's was the old
    // id's. What this one confirmed is kept; the next catch-up starts from there.
    qCInfo(lcSync) << "reconnecting to introduce this device's new id to the relay";
    saveConfirmedCursor();
    m_pushInFlight.reset();
    m_phase = Phase::Reconnecting;
    m_transport->close();
}

void SyncSession::reconnected(const QString &reason)
{
    Q_EMIT event(SyncEvent::Disconnected,
                 {{QStringLiteral("reason"), reason},
                  {QStringLiteral("cause"), closeCauseName(m_transport->closeCause())}});
    // Opened from the event loop, not from inside the transport's own close report.
    QTimer::singleShot(0, this, [this] {
        if (m_phase == Phase::Reconnecting)
            start();
    });
}

} // namespace feedback::sync
