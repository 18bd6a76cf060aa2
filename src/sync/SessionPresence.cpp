// SyncSession's presence (protocol 7, PROTOCOL.md "Presence"), and speaking protocol 6 to a
// relay that has not been updated yet: a device of this release keeps syncing with it, without
// presence, rather than stopping until the relay is updated.
#include "SyncSession.h"

#include <common/LogCategories.h>

namespace feedback::sync {

using namespace protocol;

namespace {
// The version that brought presence; the one before it is what a relay not yet updated speaks.
const int kPresenceVersion = firstVersionOf(Presence{});
} // namespace

bool SyncSession::sendPresence(const PresenceNote &note)
{
    if (!live() || !m_keys.canRead() || m_speak < kPresenceVersion)
        return false;
    send(Presence{{}, note.sealToSend(m_keys, m_device)});
    return true;
}

void SyncSession::onPresence(const Presence &presence)
{
    // The relay names the sender it authenticated; a note that does not open for that device
    // (another device's, replayed under this name) is dropped.
    if (presence.from.size() != 16 || presence.from == m_device || !m_keys.canRead())
        return;
    m_presenceHeard = true;
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
    m_speakOlderNext = true;
    reconnect();
    return true;
}

void SyncSession::chooseVersion()
{
    // Each fresh attempt tries this release's version again (the relay may have been updated,
    // or a fallback relay answers); only the reconnect right after a refusal speaks the older.
    if (!std::exchange(m_speakOlderNext, false))
        m_speak = kProtocolVersion;
}

} // namespace feedback::sync
