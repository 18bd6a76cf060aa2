// Add-wins observed-remove set. Each element is its own leaf, so a mutation that adds several
// elements under one dot can later remove one of them without touching the others.
#pragma once

#include "CausalContext.h"
#include "DotStore.h"

#include <map>

namespace crdt {

template<class E>
class AWORSet
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
        template<class F>
        void forEachContextDot(F &&f) const
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
        DotSet &dots = m_elements[element];
        for (const Dot &d : dots)
            leaf.context.insert(d);
        leaf.context.insert(dot);
        leaf.store.insert(dot);
        dots.clear();
        dots.insert(dot);
    }
    void remove(const Dot &dot, const E &element, Delta &delta)
    {
        const auto it = m_elements.find(element);
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
            remove(dot, m_elements.begin()->first, delta);
        return delta;
    }

    void apply(const Delta &delta, const CausalContext &mine)
    {
        for (const auto &[element, leaf] : delta.elements) {
            auto it = m_elements.find(element);
            if (it == m_elements.end()) {
                DotSet fresh;
                fresh.join(mine, leaf.store, leaf.context);
                if (!fresh.empty())
                    m_elements.emplace(element, std::move(fresh));
                continue;
            }
            it->second.join(mine, leaf.store, leaf.context);
            if (it->second.empty())
                m_elements.erase(it);
        }
    }
    void join(const AWORSet &other, const CausalContext &mine, const CausalContext &theirs)
    {
        static const DotSet kEmpty;
        auto a = m_elements.begin();
        auto b = other.m_elements.begin();
        while (a != m_elements.end() || b != other.m_elements.end()) {
            if (b == other.m_elements.end() || (a != m_elements.end() && a->first < b->first)) {
                a->second.join(mine, kEmpty, theirs);
                a = a->second.empty() ? m_elements.erase(a) : std::next(a);
            } else if (a == m_elements.end() || b->first < a->first) {
                DotSet fresh;
                fresh.join(mine, b->second, theirs);
                if (!fresh.empty())
                    m_elements.emplace_hint(a, b->first, std::move(fresh));
                ++b;
            } else {
                a->second.join(mine, b->second, theirs);
                a = a->second.empty() ? m_elements.erase(a) : std::next(a);
                ++b;
            }
        }
    }

    bool contains(const E &element) const { return m_elements.contains(element); }
    bool empty() const { return m_elements.empty(); }
    std::size_t size() const { return m_elements.size(); }
    // Element -> the dots that added it; ordered by element, never holds an empty entry.
    const std::map<E, DotSet> &entries() const { return m_elements; }
    void restore(const E &element, const Dot &dot) { m_elements[element].insert(dot); }

    bool operator==(const AWORSet &) const = default;

private:
    std::map<E, DotSet> m_elements;
};

} // namespace crdt
