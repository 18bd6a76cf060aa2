// Observed-remove map whose values are causal CRDTs sharing the map's one causal context.
//
// Unlike the reference library, values never hold a reference to the context: every join
// receives both contexts as arguments. A delta names only the keys it touches, each leaf with
// its own small context, so applying a delta costs O(size of the delta), not O(size of map).
// Reads never insert, and no key is ever kept with an empty value.
//
// Deltas must be applied in causal order: a delta is ready when every dot it overwrites is
// already known here. `isReady` tells; callers buffer the others (FeedbackBook does).
#pragma once

#include "CausalContext.h"
#include "DotList.h"

#include <map>
#include <utility>

namespace crdt {

template <class K, class V> class ORMap
{
public:
    struct Delta
    {
        std::map<K, typename V::Delta> entries;
        DotList minted; // the dots of the mutations this delta (or delta group) carries

        bool empty() const { return entries.empty() && minted.empty(); }
        void join(const Delta &other)
        {
            for (const auto &[key, valueDelta] : other.entries)
                entries[key].join(valueDelta);
            minted.merge(other.minted);
        }
        template <class F> void forEachContextDot(F &&f) const
        {
            for (const auto &entry : entries)
                entry.second.forEachContextDot(f);
        }
        bool operator==(const Delta &) const = default;
    };

    const CausalContext &context() const { return m_context; }
    std::size_t size() const { return m_entries.size(); }
    const std::map<K, V> &entries() const { return m_entries; }
    const V *find(const K &key) const
    {
        const auto it = m_entries.find(key);
        return it == m_entries.end() ? nullptr : &it->second;
    }

    // Mints one dot for `self` and lets `mutator(value, dot)` change the value at `key`
    // (created empty if absent); its returned value delta becomes this map's delta.
    template <class Mutator> Delta mutate(const ReplicaId &self, const K &key, Mutator &&mutator)
    {
        const Dot dot = m_context.next(self);
        Delta delta;
        delta.minted.insert(dot);
        auto [it, inserted] = m_entries.try_emplace(key);
        delta.entries.emplace(key, mutator(it->second, dot));
        if (it->second.empty())
            m_entries.erase(it);
        return delta;
    }

    Delta erase(const ReplicaId &self, const K &key)
    {
        return mutate(self, key, [](V &value, const Dot &dot) { return value.clear(dot); });
    }

    // True when every dot the delta overwrites is known here (or minted by the delta).
    bool isReady(const Delta &delta) const
    {
        bool ready = true;
        delta.forEachContextDot([&](const Dot &d) {
            if (ready && !m_context.contains(d) && !delta.minted.contains(d))
                ready = false;
        });
        return ready;
    }
    // True when every mutation in the delta is already known here.
    bool isKnown(const Delta &delta) const
    {
        for (const Dot &d : delta.minted)
            if (!m_context.contains(d))
                return false;
        return true;
    }

    // Joins a ready delta. Idempotent; touches only the delta's keys.
    void apply(const Delta &delta)
    {
        for (const auto &[key, valueDelta] : delta.entries) {
            auto it = m_entries.find(key);
            if (it == m_entries.end()) {
                V fresh;
                fresh.apply(valueDelta, m_context);
                if (!fresh.empty())
                    m_entries.emplace(key, std::move(fresh));
                continue;
            }
            it->second.apply(valueDelta, m_context);
            if (it->second.empty())
                m_entries.erase(it);
        }
        for (const Dot &d : delta.minted)
            m_context.insert(d);
        delta.forEachContextDot([this](const Dot &d) { m_context.insert(d); });
    }

    // Full-state join: commutative, associative, idempotent.
    void join(const ORMap &other)
    {
        if (&other == this)
            return;
        static const V kEmpty{};
        auto a = m_entries.begin();
        auto b = other.m_entries.begin();
        while (a != m_entries.end() || b != other.m_entries.end()) {
            if (b == other.m_entries.end() || (a != m_entries.end() && a->first < b->first)) {
                a->second.join(kEmpty, m_context, other.m_context);
                a = a->second.empty() ? m_entries.erase(a) : std::next(a);
            } else if (a == m_entries.end() || b->first < a->first) {
                V fresh;
                fresh.join(b->second, m_context, other.m_context);
                if (!fresh.empty())
                    m_entries.emplace_hint(a, b->first, std::move(fresh));
                ++b;
            } else {
                a->second.join(b->second, m_context, other.m_context);
                a = a->second.empty() ? m_entries.erase(a) : std::next(a);
                ++b;
            }
        }
        m_context.join(other.m_context);
    }

    // Drops a value from this replica only, keeping its dots in the context, so that no stale
    // delta can bring it back (local retention on push-only devices).
    void forget(const K &key) { m_entries.erase(key); }

    // Restores a decoded state; callers validate before.
    V &restoreEntry(const K &key) { return m_entries[key]; }
    // The same for a key above every key restored so far (decoding a state, which is written in
    // order): no search. False when the key is not above them.
    bool restoreLast(const K &key, V &&value)
    {
        if (!m_entries.empty() && !(std::prev(m_entries.end())->first < key))
            return false;
        m_entries.emplace_hint(m_entries.end(), key, std::move(value));
        return true;
    }
    CausalContext &restoreContext() { return m_context; }

    bool operator==(const ORMap &) const = default;

private:
    std::map<K, V> m_entries;
    CausalContext m_context;
};

} // namespace crdt
