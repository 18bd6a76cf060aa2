// What a device keeps to sync with nearby devices (PROTOCOL.md, "Nearby devices"), over the
// store's KeptUnitLog: every unit it receives (from the relay or a peer) as it arrived, and its
// own units sealed and signed once, so that the relay and every peer get the same bytes (the
// relay refuses other bytes under seqs it holds, as a copied profile's). Also how far the relay
// is known to hold each origin, so that units learned from peers are handed over to it from
// exactly there (a push past a gap would be refused).
#pragma once

#include "DeviceTrust.h"
#include "WorkspaceKeys.h"

#include <map>
#include <optional>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class UnitKeeper
{
public:
    // Units kept longer go: a nearby device further behind catches up at the relay.
    static constexpr qint64 kKeepMs = qint64(14) * 24 * 3600 * 1000;

    // Touches the store when made and when told to (flush), never when destroyed: the store
    // may be gone by then (programs tear their objects down in any order).
    explicit UnitKeeper(store::FeedbackStore &store);

    // Keeping is on while nearby-device sync runs. Off, nothing new is kept or sealed, but what
    // was kept still serves: this device's own units already given to peers go to the relay as
    // they were sealed, and units learned from peers are still handed over.
    void setKeeping(bool on) { m_keeping = on; }
    bool keeping() const { return m_keeping; }

    // Units that arrived and passed their checks. A failed write is logged: keeping is for
    // others, and must never stop this device's own sync.
    void received(const QList<protocol::SealedDelta> &units);
    // Seals and signs this device's pending deltas not kept yet, once.
    Status sealPending(DeviceTrust &trust, const WorkspaceKeys &keys);
    // Kept units of `origin` after seq `afterSeq`, at most `maxUnits` and about `maxBytes`.
    Result<QList<protocol::SealedDelta>> after(const QByteArray &origin, quint64 afterSeq,
                                               qsizetype maxUnits, qsizetype maxBytes);
    // The last kept seq of each origin (read once, then kept up to date here: every offer to a
    // peer asks).
    Result<std::map<QByteArray, quint64>> lastSeqs();
    // What this device holds of each origin, every seq up to the value (its causal context).
    protocol::Have have() const;

    // How far the relay holds `origin`, as far as this device knows.
    quint64 relayHolds(const QByteArray &origin) const;
    // Units of the relay's log: it holds their origins up to their last seqs.
    void seenAtRelay(const QList<protocol::SealedDelta> &units);
    void setRelayHolds(const QByteArray &origin, quint64 upTo);
    // A snapshot of the relay's log: it holds what the snapshot covers.
    void seenCovers(const QList<protocol::SnapshotCover> &covers);
    // Writes how far the relay holds each origin, when that changed (kept in memory until then:
    // the live path must not write it for every unit; a stale value only means a unit given
    // to the relay twice, which it takes as the same unit).
    void flush();

private:
    static constexpr qint64 kPruneEveryMs = qint64(3600) * 1000;
    // Drops what was kept too long, at most once an hour.
    void prune();
    Status keep(const QList<store::KeptUnit> &units);
    store::FeedbackStore &m_store;
    std::map<QByteArray, quint64> m_relayHolds;
    bool m_holdsChanged = false;
    bool m_keeping = false;
    qint64 m_prunedAt = 0;
    std::optional<std::map<QByteArray, quint64>> m_lastSeqs;
};

} // namespace feedback::sync
