// Add-wins observed-remove set. Each element is its own leaf, so a mutation that adds several
// elements under one dot can later remove one of them without touching the others.
// Elements live in a sorted vector (sets here are small; a node per element would cost more).
#pragma once

#include "CausalContext.h"
#include "DotStore.h"

#include <algorithm>
#include <map>
#include <vector>

namespace crdt {

template <class E> class AWORSet
{
public:
    struct Delta
    {
        std::map<E, Leaf<DotSet>> elements;

        bool empty() const { return elements.empty(); }
        void join(const Delta &other)
        {
            for (const auto &[e, leaf] : other.elements)
                elements[e].join(leaf);
        }
        template <class F> void forEachContextDot(F &&f) const
        {
            for (const auto &entry : elements)
                for (const Dot &d : entry.second.context)
                    f(d);
        }
        bool operator==(const Delta &) const = default;
    };

    void add(const Dot &dot, const E &element, Delta &delta)
    {
        Leaf<DotSet> &leaf = delta.elements[element];
        DotSet &dots = slot(element);
        for (const Dot &d : dots)
            leaf.context.insert(d);
        leaf.context.insert(dot);
        leaf.store.insert(dot);
        dots.clear();
        dots.insert(dot);
    }
    void remove(const Dot &dot, const E &element, Delta &delta)
    {
        const auto it = find(element);
        if (it == m_elements.end())
            return;
        Leaf<DotSet> &leaf = delta.elements[element];
        for (const Dot &d : it->second)
            leaf.context.insert(d);
        leaf.context.insert(dot);
        m_elements.erase(it);
    }
    Delta add(const Dot &dot, const E &element)
    {
        Delta delta;
        add(dot, element, delta);
        return delta;
    }
    Delta remove(const Dot &dot, const E &element)
    {
        Delta delta;
        remove(dot, element, delta);
        return delta;
    }

    // Mutator: removes every element this replica has seen.
    Delta clear(const Dot &dot)
    {
        Delta delta;
        while (!m_elements.empty())
            remove(dot, E(m_elements.front().first), delta);
        return delta;
    }

    void apply(const Delta &delta, const CausalContext &mine)
    {
        for (const auto &[element, leaf] : delta.elements) {
            auto it = find(element);
            if (it == m_elements.end()) {
                DotSet fresh;
                fresh.join(mine, leaf.store, leaf.context);
                if (!fresh.empty())
                    slot(element) = std::move(fresh);
                continue;
            }
            it->second.join(mine, leaf.store, leaf.context);
            if (it->second.empty())
                m_elements.erase(it);
        }
    }
    void join(const AWORSet &other, const CausalContext &mine, const CausalContext &theirs)
    {
        if (&other == this)
            return; // the loop below moves out of *this while reading `other`
        static const DotSet kEmpty;
        std::vector<std::pair<E, DotSet>> out;
        auto a = m_elements.begin();
        auto b = other.m_elements.begin();
        auto keep = [&out](const E &element, DotSet &&dots) {
            if (!dots.empty())
                out.emplace_back(element, std::move(dots));
        };
        while (a != m_elements.end() || b != other.m_elements.end()) {
            DotSet dots;
            if (b == other.m_elements.end() || (a != m_elements.end() && a->first < b->first)) {
                dots = std::move(a->second);
                dots.join(mine, kEmpty, theirs);
                keep(a->first, std::move(dots));
                ++a;
            } else if (a == m_elements.end() || b->first < a->first) {
                dots.join(mine, b->second, theirs);
                keep(b->first, std::move(dots));
                ++b;
            } else {
                dots = std::move(a->second);
                dots.join(mine, b->second, theirs);
                keep(a->first, std::move(dots));
                ++a;
                ++b;
            }
        }
        m_elements = std::move(out);
    }

    bool contains(const E &element) const { return find(element) != m_elements.end(); }
    bool empty() const { return m_elements.empty(); }
    std::size_t size() const { return m_elements.size(); }
    // (element, the dots that added it), sorted by element, never an empty entry.
    const std::vector<std::pair<E, DotSet>> &entries() const { return m_elements; }
    void restore(const E &element, const Dot &dot) { slot(element).insert(dot); }

    bool operator==(const AWORSet &) const = default;

private:
    using Elements = std::vector<std::pair<E, DotSet>>;

    typename Elements::const_iterator find(const E &element) const
    {
        auto it =
            std::lower_bound(m_elements.begin(), m_elements.end(), element,
                             [](const auto &entry, const E &key) { return entry.first < key; });
        return it != m_elements.end() && it->first == element ? it : m_elements.end();
    }
    typename Elements::iterator find(const E &element)
    {
        auto it =
            std::lower_bound(m_elements.begin(), m_elements.end(), element,
                             [](const auto &entry, const E &key) { return entry.first < key; });
        return it != m_elements.end() && it->first == element ? it : m_elements.end();
    }
    // The entry for `element`, inserted empty at its sorted place if absent.
    DotSet &slot(const E &element)
    {
        auto it =
            std::lower_bound(m_elements.begin(), m_elements.end(), element,
                             [](const auto &entry, const E &key) { return entry.first < key; });
        if (it == m_elements.end() || it->first != element)
            it = m_elements.emplace(it, element, DotSet{});
        return it->second;
    }

    Elements m_elements;
};

} // namespace crdt
