// Live units this device applied before the relay confirmed them (PROTOCOL.md, "Live deltas and
// durability"): should the relay die between its early fan-out and its commit, it loses them,
// and if their writer never connects again, later deltas built on them would wait at every other
// device for good. This device then gives them to the relay itself, signed by their origin as it
// got them (the relay takes any origin's unit from a member when its origin's signature
// verifies). Entries go once a confirmation covers their position on the same connection, or a
// unit of their origin up to their last seq shows up in the log; what is left when a connection
// ends is kept in the store (plain: the units are sealed) and given at the next catch-up.
#pragma once

#include <QList>

#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

class ForwardQueue
{
public:
    // At most this many units (and kMaxBytes of them) are held; the oldest go first.
    static constexpr qsizetype kMaxUnits = 4096;
    static constexpr qsizetype kMaxBytes = 32 * 1024 * 1024;

    explicit ForwardQueue(store::FeedbackStore &store);

    // Live units as they arrived (with their positions on this connection).
    void received(const QList<protocol::SealedDelta> &units);
    // A live confirmation on this connection: units at positions up to `cursor` are durable.
    void confirmed(quint64 cursor);
    // A unit of the log: the relay holds its origin up to its last seq.
    void seen(const protocol::SealedDelta &unit);
    // The connection ended: what was not confirmed is kept for the next one (positions of this
    // connection mean nothing there).
    void connectionEnded();
    // Units held from an earlier connection, which the relay did not show in this catch-up.
    bool hasCarried() const;
    // The carried units of one origin, in seq order (taken out: each is given at most once).
    QList<protocol::SealedDelta> takeCarried();

private:
    void save();
    void bound();

    store::FeedbackStore &m_store;
    QList<protocol::SealedDelta> m_units; // position 0: carried from an earlier connection
};

} // namespace feedback::sync
