#include "CausalContext.h"

namespace crdt {

bool CausalContext::contains(const Dot &d) const
{
    if (d.counter == 0)
        return true;
    const auto it = m_vv.find(d.replica);
    if (it != m_vv.end() && d.counter <= it->second)
        return true;
    return m_cloud.contains(d);
}

bool CausalContext::includes(const CausalContext &other) const
{
    for (const auto &[replica, upTo] : other.m_vv) {
        const auto it = m_vv.find(replica);
        if (it == m_vv.end() || it->second < upTo)
            return false; // a context's cloud holds no dot at or below its vv + 1
    }
    for (const Dot &d : other.m_cloud) {
        if (!contains(d))
            return false;
    }
    return true;
}

void CausalContext::insert(const Dot &d)
{
    if (contains(d))
        return;
    std::uint64_t &top = m_vv[d.replica];
    if (d.counter == top + 1) {
        top = d.counter;
        compact(d.replica);
        return;
    }
    if (top == 0)
        m_vv.erase(d.replica);
    m_cloud.insert(d);
}

void CausalContext::insertUpTo(const ReplicaId &replica, std::uint64_t upTo)
{
    if (upTo == 0)
        return;
    std::uint64_t &top = m_vv[replica];
    if (upTo > top)
        top = upTo;
    compact(replica);
}

void CausalContext::compact(const ReplicaId &replica)
{
    std::uint64_t &top = m_vv[replica];
    auto it = m_cloud.lower_bound(Dot{replica, 0});
    while (it != m_cloud.end() && it->replica == replica && it->counter <= top + 1) {
        if (it->counter == top + 1)
            ++top;
        it = m_cloud.erase(it);
    }
}

void CausalContext::join(const CausalContext &other)
{
    for (const auto &[replica, counter] : other.m_vv) {
        std::uint64_t &top = m_vv[replica];
        if (counter > top)
            top = counter;
        compact(replica);
    }
    for (const Dot &d : other.m_cloud)
        insert(d);
}

std::uint64_t CausalContext::maxCounter(const ReplicaId &replica) const
{
    std::uint64_t best = contiguous(replica);
    auto it = m_cloud.lower_bound(Dot{replica, best + 1});
    for (; it != m_cloud.end() && it->replica == replica; ++it)
        best = it->counter;
    return best;
}

std::uint64_t CausalContext::contiguous(const ReplicaId &replica) const
{
    const auto it = m_vv.find(replica);
    return it == m_vv.end() ? 0 : it->second;
}

Dot CausalContext::next(const ReplicaId &replica)
{
    const Dot d{replica, maxCounter(replica) + 1};
    insert(d);
    return d;
}

} // namespace crdt
