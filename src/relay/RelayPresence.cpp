// Presence (protocol 7, PROTOCOL.md "Presence"): a full device says, sealed, which record its
// dispatcher has open; the relay forwards the note to the workspace's other live full devices
// and keeps nothing of it. It cannot read a note, only pass it on under the sender's
// authenticated id. Notes are a courtesy: over the rate, or to a device that reads slowly, they
// are dropped without a word (the sender repeats its note every few seconds anyway), never
// refused.
#include "RelayServer.h"

#include <QWebSocket>

namespace feedback::relay {

using namespace protocol;

namespace {
// A device may send a burst of this many notes, then one per kPresenceRefillMs: a dispatcher
// going down a list with the arrow keys is shown where they stop, not at every row.
constexpr int kPresenceBurst = 8;
constexpr qint64 kPresenceRefillMs = 250;
// A device with this much output waiting gets no notes: they would only arrive stale.
constexpr qint64 kMaxQueuedForPresence = 256 * 1024;
} // namespace

void RelayConnection::onPresence(const Presence &presence)
{
    // Kiosks neither send nor receive presence, and a note names no one but its sender.
    if (m_role != Role::Full || presence.sealed.isEmpty())
        return m_server.metrics().presenceDropped();
    const qint64 now = m_server.clock().monotonicMs();
    if (m_presenceTokens < kPresenceBurst) {
        const qint64 earned = (now - m_presenceRefilledAt) / kPresenceRefillMs;
        m_presenceTokens =
            static_cast<int>(std::min<qint64>(kPresenceBurst, m_presenceTokens + earned));
        m_presenceRefilledAt += earned * kPresenceRefillMs;
    } else {
        m_presenceRefilledAt = now;
    }
    if (m_presenceTokens == 0)
        return m_server.metrics().presenceDropped();
    --m_presenceTokens;
    m_presenceSent = true;
    m_server.forwardPresence(m_workspace, Presence{m_device, presence.sealed}, this);
    m_server.storage().tellOthers(
        m_workspace, RelayStorage::StoredChange{RelayStorage::StoredChange::Kind::Presence, 0,
                                                m_device, presence.sealed});
}

void RelayConnection::sendPresence(SharedFrame &frame)
{
    if (queuedBytes() > kMaxQueuedForPresence)
        return m_server.metrics().presenceDropped();
    m_server.metrics().presenceForwarded();
    m_server.metrics().frameSent(frame.in(m_frameVersion).size());
    m_socket->sendBinaryMessage(frame.in(m_frameVersion));
}

bool RelayConnection::hearsPresence() const
{
    return isLive() && m_frameVersion >= firstVersionOf(Presence{});
}

void RelayServer::forwardPresence(const QByteArray &workspace, const Presence &presence,
                                  const RelayConnection *except)
{
    std::optional<SharedFrame> frame; // encoded once, and only when someone hears it
    for (RelayConnection *c : std::as_const(m_connections))
        if (c != except && c->workspace() == workspace && c->hearsPresence() &&
            c->device() != presence.from) {
            if (!frame)
                frame.emplace(presence);
            c->sendPresence(*frame);
        }
}

void RelayServer::presenceEnded(const RelayConnection &connection)
{
    // Its dispatcher is gone from every record now, not when the notes time out.
    const Presence gone{connection.device(), {}};
    forwardPresence(connection.workspace(), gone, &connection);
    m_storage.tellOthers(
        connection.workspace(),
        RelayStorage::StoredChange{
            RelayStorage::StoredChange::Kind::Presence, 0, connection.device(), {}});
}

} // namespace feedback::relay
