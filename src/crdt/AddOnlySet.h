// A set that only grows, each element identified by the dot that added it (notes, logs).
#pragma once

#include "CausalContext.h"
#include "DotStore.h"

namespace crdt {

template <class V> class AddOnlySet
{
public:
    using Delta = Leaf<DotFun<V>>;

    Delta add(const Dot &dot, V value)
    {
        Delta delta;
        delta.context.insert(dot);
        delta.store.insert(dot, value);
        m_store.insert(dot, std::move(value));
        return delta;
    }

    // Mutator: only used when the whole set is erased as part of a map entry.
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
        // Nothing is ever removed: only the delta's own dots count as seen by it.
        m_store.join(mine, delta.store, delta.context);
    }
    void join(const AddOnlySet &other, const CausalContext &mine, const CausalContext &theirs)
    {
        m_store.join(mine, other.m_store, theirs);
    }

    bool empty() const { return m_store.empty(); }
    std::size_t size() const { return m_store.size(); }
    const DotFun<V> &entries() const { return m_store; }
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

    bool operator==(const AddOnlySet &) const = default;

private:
    DotFun<V> m_store;
};

} // namespace crdt
