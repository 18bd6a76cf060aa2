// SyncSession's presence (protocol 7, PROTOCOL.md "Presence"), and speaking protocol 6 to a
// relay that has not been updated yet: a device of this release keeps syncing with it, without
// presence, rather than stopping until the relay is updated.
#include "SyncSession.h"

#include <common/LogCategories.h>

namespace feedback::sync {

using namespace protocol;

namespace {
constexpr int kPresenceVersion = 7;
} // namespace

bool SyncSession::sendPresence(const PresenceNote &note)
{
    if (!live() || !m_keys.canRead() || m_speak < kPresenceVersion)
        return false;
    QByteArray sealed = note.seal(m_keys, m_device);
    if (sealed.size() > protocol::limits::kMaxPresenceBytes) {
        // A name this long in a script of many bytes per character: the place without it.
        PresenceNote nameless = note;
        nameless.name.clear();
        sealed = nameless.seal(m_keys, m_device);
    }
    send(Presence{{}, sealed});
    return true;
}

void SyncSession::onPresence(const Presence &presence)
{
    // The relay names the sender it authenticated; a note that does not open for that device
    // (another device's, replayed under this name) is dropped.
    if (presence.from.size() != 16 || presence.from == m_device || !m_keys.canRead())
        return;
    if (presence.sealed.isEmpty())
        return Q_EMIT presenceArrived(presence.from, std::nullopt);
    if (const auto note = PresenceNote::open(m_keys, presence.from, presence.sealed))
        Q_EMIT presenceArrived(presence.from, note);
}

bool SyncSession::speakOlder(const Error &error)
{
    // Only a refusal of the hello: later in a session the version is settled.
    if (error.code != ErrorCode::UnsupportedVersion || m_phase != Phase::Handshake ||
        m_speak <= kPresenceVersion - 1)
        return false;
    qCInfo(lcSync) << "the relay speaks protocol" << kPresenceVersion - 1
                   << "or older: speaking it, without presence";
    m_speak = kPresenceVersion - 1;
    reconnect();
    return true;
}

} // namespace feedback::sync
