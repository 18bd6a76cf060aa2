// PeerSession's presence (PROTOCOL.md, "Presence" and "Nearby devices"): the same sealed notes as
// through the relay, between two full devices whose hellos both said kPeerPresenceVersion. The
// sender is the peer this connection authenticated; a connection that ends says nothing (the
// notes time out, and a desk that closes says it left first).
#include "PeerSession.h"

namespace feedback::sync {

using namespace protocol;

bool PeerSession::sendPresence(const PresenceNote &note)
{
    if (m_closed || !isAuthenticated() || !m_peerTakesPresence || !m_keys.canRead() ||
        m_peer.role != Role::Full)
        return false;
    const QByteArray sealed = note.seal(m_keys, m_device);
    if (sealed.isEmpty())
        return false;
    send(Presence{{}, sealed});
    return true;
}

void PeerSession::onPresence(const Presence &presence)
{
    // Only a full device reads notes, and only from a full peer; a note that does not open as
    // the peer's is dropped, as through the relay.
    if (!m_keys.canRead() || m_peer.role != Role::Full || presence.sealed.isEmpty())
        return;
    if (const auto note = PresenceNote::open(m_keys, m_peer.device, presence.sealed))
        Q_EMIT presenceArrived(m_peer.device, note);
}

} // namespace feedback::sync
