// Compares what the relay holds under this device's sequence numbers with what this device
// wrote, before anything of it counts as acknowledged. A profile restored from a backup, or a
// disk image cloned onto a second kiosk, reissues sequence numbers the relay already holds with
// other content; trusting the relay's `storedUpTo` would mark this device's new changes as sent
// while they never reach anyone. Only a relay unit whose deltas open to the same bytes as this
// device's pending deltas acknowledges them. When the relay holds other content, or more seqs
// than this device ever wrote, the profile continues under a new device id and renumbers what
// it made since (FeedbackStore::renumberAfter); the relay's units come back as another device's.
// The same holds for the pending deltas of an old identity (a copied profile). ARCHITECTURE.md,
// "Restores and clones", has the reasoning.
#pragma once

#include "WorkspaceKeys.h"

#include <map>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class IdentityCheck
{
public:
    IdentityCheck(store::FeedbackStore &store, const WorkspaceKeys &keys);

    struct Outcome
    {
        QList<store::FeedbackStore::Renumbering> renumbered; // done by this step
        QString error;         // set: stop this connection with this reason (the next one compares)
        bool released = false; // pushes held until now may go
        // The relay lacks seqs it had acknowledged (restored from an older backup, or a new
        // relay): this full device gives it a snapshot before it pushes anything.
        bool heal = false;
    };

    // At the welcome: the relay holds this device's seqs 1..storedUpTo.
    Outcome welcome(quint64 storedUpTo);
    // Before a batch is applied: this device's units (and those of old identities with pending
    // deltas) are compared with what it wrote; a renumbering happens before the batch applies.
    Outcome inspect(const protocol::Deltas &deltas);
    // At the end of the catch-up: seqs the relay claimed but the catch-up never showed.
    Outcome caughtUp();
    // Before a snapshot is joined: seqs of this device (or of an old identity with pending
    // deltas) it covers beyond what was acknowledged cannot be compared (only the snapshot holds
    // them, in another device's state): the profile continues under a new id first.
    Outcome snapshot(const QList<protocol::SnapshotCover> &covers);

    // The relay holds seqs of this device that are not compared yet: pushing would only meet
    // `conflicting-duplicate`, or send under an id that is about to be left.
    bool holdsPushes() const { return m_unverifiedUpTo > 0; }

private:
    struct Range
    {
        quint64 verified = 0; // acknowledged (by the relay's ack, or compared equal)
        quint64 last = 0;     // the last pending seq
    };
    Status reload();
    // Compares one unit; renumbers on a difference. Returns false when it renumbered.
    Result<bool> compare(const protocol::SealedDelta &unit, const ReplicaId &origin,
                         Outcome &outcome);
    Status renumber(const ReplicaId &origin, quint64 keptUpTo, const QString &why,
                    Outcome &outcome);

    store::FeedbackStore &m_store;
    const WorkspaceKeys &m_keys;
    quint64 m_unverifiedUpTo = 0;
    std::map<ReplicaId, Range> m_ranges; // this device's and old identities' pending deltas
};

} // namespace feedback::sync
