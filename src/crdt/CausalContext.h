// The set of dots a replica has seen: a compact version vector plus a cloud of dots that are
// not yet contiguous. Kept in one canonical form so that equal sets compare equal.
#pragma once

#include "Dot.h"

#include <map>
#include <set>

namespace crdt {

class CausalContext
{
public:
    bool contains(const Dot &d) const;
    // Whether every dot of `other` is in this context.
    bool includes(const CausalContext &other) const;
    void insert(const Dot &d);
    // Inserts every dot 1..upTo of `replica` at once (decoding a version vector).
    void insertUpTo(const ReplicaId &replica, std::uint64_t upTo);
    void join(const CausalContext &other);

    // Highest counter of `replica` present in the context (contiguous or not).
    std::uint64_t maxCounter(const ReplicaId &replica) const;
    // Highest counter c such that every dot 1..c of `replica` is present.
    std::uint64_t contiguous(const ReplicaId &replica) const;
    // Mints the next dot of `replica` and inserts it.
    Dot next(const ReplicaId &replica);

    const std::map<ReplicaId, std::uint64_t> &versionVector() const { return m_vv; }
    const std::set<Dot> &cloud() const { return m_cloud; }
    bool empty() const { return m_vv.empty() && m_cloud.empty(); }

    bool operator==(const CausalContext &) const = default;

private:
    void compact(const ReplicaId &replica);

    std::map<ReplicaId, std::uint64_t> m_vv; // no zero entries
    std::set<Dot> m_cloud;                   // only dots above vv[replica] + 1
};

} // namespace crdt
