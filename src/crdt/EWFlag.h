// Enable-wins flag: a concurrent enable and disable leave the flag enabled.
#pragma once

#include "CausalContext.h"
#include "DotStore.h"

namespace crdt {

class EWFlag
{
public:
    using Delta = Leaf<DotSet>;

    Delta enable(const Dot &dot)
    {
        Delta delta = observed(dot);
        delta.store.insert(dot);
        m_store.clear();
        m_store.insert(dot);
        return delta;
    }
    Delta clear(const Dot &dot) { return disable(dot); }
    Delta disable(const Dot &dot)
    {
        Delta delta = observed(dot);
        m_store.clear();
        return delta;
    }

    void apply(const Delta &delta, const CausalContext &mine)
    {
        m_store.join(mine, delta.store, delta.context);
    }
    void join(const EWFlag &other, const CausalContext &mine, const CausalContext &theirs)
    {
        m_store.join(mine, other.m_store, theirs);
    }

    bool read() const { return !m_store.empty(); }
    bool empty() const { return m_store.empty(); }
    const DotSet &dots() const { return m_store; }
    void restore(const Dot &dot) { m_store.insert(dot); }

    bool operator==(const EWFlag &) const = default;

private:
    Delta observed(const Dot &dot) const
    {
        Delta delta;
        for (const Dot &d : m_store)
            delta.context.insert(d);
        delta.context.insert(dot);
        return delta;
    }

    DotSet m_store;
};

} // namespace crdt
