// Gives the dots (from, c) with c > keptUpTo new names (to, base + c - keptUpTo), the same way
// in a record, a delta, a causal context and a whole book. A profile restored from a backup (or
// cloned) made these mutations under sequence numbers that the relay holds with other content:
// renamed consistently, they become what they are, the mutations of another replica, and the
// records they created get new ids (a record id is its creation dot). Everything else is left
// as it was, members this program does not know included (values are copied, then only their
// dots replaced).
#pragma once

#include "FeedbackBook.h"

namespace feedback {

class DotRenaming
{
public:
    DotRenaming(const ReplicaId &from, quint64 keptUpTo, const ReplicaId &to, quint64 base = 0);

    bool renames(const crdt::Dot &dot) const
    {
        return dot.replica == m_from && dot.counter > m_keptUpTo;
    }
    crdt::Dot operator()(const crdt::Dot &dot) const;

    crdt::CausalContext context(const crdt::CausalContext &context) const;
    // True when the record holds a dot this renaming changes.
    bool touches(const FeedbackRecordState &record) const;
    FeedbackRecordState record(const FeedbackRecordState &record) const;
    BookDelta delta(const BookDelta &delta) const;
    // The whole state: keys, every field's dots and the shared context.
    BookMap state(const BookMap &state) const;

private:
    ReplicaId m_from;
    quint64 m_keptUpTo;
    ReplicaId m_to;
    quint64 m_base;
};

} // namespace feedback
