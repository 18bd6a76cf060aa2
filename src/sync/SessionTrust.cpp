// SyncSession's side of device trust that is not part of the handshake (PROTOCOL.md, "Devices
// and signatures"): the relay's device list, and the reconnection that introduces a renumbered
// identity to the relay.
#include "SyncSession.h"

#include <QTimer>

#include <common/LogCategories.h>

namespace feedback::sync {

using namespace protocol;

void SyncSession::onDevices(const Devices &devices)
{
    if (Status s = m_trust.accept(devices); !s)
        return fail(s.error());
    Q_EMIT event(SyncEvent::Devices, {{QStringLiteral("count"), devices.entries.size()}});
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
