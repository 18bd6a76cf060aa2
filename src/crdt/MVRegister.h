// Multi-value register: a write replaces every value the writer has seen; concurrent writes
// are all kept, so the application can show them as a conflict.
#pragma once

#include "CausalContext.h"
#include "DotStore.h"

namespace crdt {

template <class V> class MVRegister
{
public:
    using Delta = Leaf<DotFun<V>>;

    // Mutator: replaces the current values with `value` written at `dot` (a freshly minted
    // dot). Returns the delta that does the same to any replica that has seen this one.
    Delta write(const Dot &dot, V value)
    {
        Delta delta;
        for (const auto &entry : m_store)
            delta.context.insert(entry.first);
        delta.context.insert(dot);
        delta.store.insert(dot, value);
        m_store.clear();
        m_store.insert(dot, std::move(value));
        return delta;
    }

    // Mutator: removes every value this replica has seen.
    Delta clear(const Dot &dot)
    {
        Delta delta;
        for (const auto &entry : m_store)
            delta.context.insert(entry.first);
        delta.context.insert(dot);
        m_store.clear();
        return delta;
    }

    void apply(const Delta &delta, const CausalContext &mine)
    {
        m_store.join(mine, delta.store, delta.context);
    }
    void join(const MVRegister &other, const CausalContext &mine, const CausalContext &theirs)
    {
        m_store.join(mine, other.m_store, theirs);
    }

    // Forgets every value without a new dot: their dots stay in the shared context, so no join
    // brings them back. Only for a rule every replica applies alike (erasure).
    void dropAll() { m_store.clear(); }

    bool empty() const { return m_store.empty(); }
    bool isConflict() const { return m_store.size() > 1; }
    const DotFun<V> &entries() const { return m_store; }
    // Restores a decoded state; callers validate before.
    void restore(const Dot &dot, V value) { m_store.insert(dot, std::move(value)); }
    void restore(const DotFun<V> &store)
    {
        m_store.insertAll(std::vector<typename DotFun<V>::Entry>(store.begin(), store.end()));
    }
    // The same without copying the values, when nothing was restored before (the decoder's case).
    void restore(DotFun<V> &&store)
    {
        if (m_store.empty())
            m_store = std::move(store);
        else
            restore(static_cast<const DotFun<V> &>(store));
    }

    bool operator==(const MVRegister &) const = default;

private:
    DotFun<V> m_store;
};

} // namespace crdt
