// Dot stores: the payload half of a causal CRDT. Each join takes both sides' contexts
// explicitly; a store never holds a pointer to a context (see DESIGN.md, pitfalls).
//
// Join rule for an entry with dot d: it survives if both sides hold it, or if the side that
// lacks it has not seen d (so it cannot have removed it).
#pragma once

#include "DotList.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace crdt {

// A set of dots (the store of a flag and of one element of an add-wins set).
class DotSet
{
public:
    bool empty() const { return m_dots.empty(); }
    std::size_t size() const { return m_dots.size(); }
    bool contains(const Dot &d) const { return std::binary_search(m_dots.begin(), m_dots.end(), d); }
    auto begin() const { return m_dots.begin(); }
    auto end() const { return m_dots.end(); }

    void clear() { m_dots.clear(); }
    void insert(const Dot &d)
    {
        auto it = std::lower_bound(m_dots.begin(), m_dots.end(), d);
        if (it == m_dots.end() || *it != d)
            m_dots.insert(it, d);
    }

    template<class MyContext, class TheirContext>
    void join(const MyContext &mine, const DotSet &other, const TheirContext &theirs)
    {
        std::vector<Dot> out;
        out.reserve(m_dots.size() + other.m_dots.size());
        auto a = m_dots.begin();
        auto b = other.m_dots.begin();
        while (a != m_dots.end() || b != other.m_dots.end()) {
            if (b == other.m_dots.end() || (a != m_dots.end() && *a < *b)) {
                if (!theirs.contains(*a))
                    out.push_back(*a);
                ++a;
            } else if (a == m_dots.end() || *b < *a) {
                if (!mine.contains(*b))
                    out.push_back(*b);
                ++b;
            } else {
                out.push_back(*a);
                ++a;
                ++b;
            }
        }
        m_dots = std::move(out);
    }

    bool operator==(const DotSet &) const = default;

private:
    std::vector<Dot> m_dots; // sorted, unique
};

// A map from dot to value (the store of a multi-value register and of an add-only set).
template<class V>
class DotFun
{
public:
    using Entry = std::pair<Dot, V>;

    bool empty() const { return m_entries.empty(); }
    std::size_t size() const { return m_entries.size(); }
    auto begin() const { return m_entries.begin(); }
    auto end() const { return m_entries.end(); }

    void clear() { m_entries.clear(); }
    void insert(const Dot &d, V value)
    {
        auto it = std::lower_bound(m_entries.begin(), m_entries.end(), d,
                                   [](const Entry &e, const Dot &key) { return e.first < key; });
        if (it == m_entries.end() || it->first != d)
            m_entries.insert(it, Entry{d, std::move(value)});
    }

    template<class MyContext, class TheirContext>
    void join(const MyContext &mine, const DotFun &other, const TheirContext &theirs)
    {
        std::vector<Entry> out;
        out.reserve(m_entries.size() + other.m_entries.size());
        auto a = m_entries.begin();
        auto b = other.m_entries.begin();
        while (a != m_entries.end() || b != other.m_entries.end()) {
            if (b == other.m_entries.end() || (a != m_entries.end() && a->first < b->first)) {
                if (!theirs.contains(a->first))
                    out.push_back(std::move(*a));
                ++a;
            } else if (a == m_entries.end() || b->first < a->first) {
                if (!mine.contains(b->first))
                    out.push_back(*b);
                ++b;
            } else {
                // One dot is one write, so both values are equal unless data was forged;
                // keep the smaller one so that every replica still picks the same.
                out.push_back(b->second < a->second ? *b : std::move(*a));
                ++a;
                ++b;
            }
        }
        m_entries = std::move(out);
    }

    bool operator==(const DotFun &) const = default;

private:
    std::vector<Entry> m_entries; // sorted by dot, unique dots
};

// What a delta carries for one leaf: the new entries and the dots this leaf has seen
// (the dots it overwrites plus the new one). Leaves carry their own context so that one
// mutation dot can be shared by several fields without one field's overwrite erasing another.
template<class Store>
struct Leaf
{
    Store store;
    DotList context;

    bool empty() const { return store.empty() && context.empty(); }
    void join(const Leaf &other)
    {
        store.join(context, other.store, other.context);
        context.merge(other.context);
    }
    template<class F>
    void forEachContextDot(F &&f) const
    {
        for (const Dot &d : context)
            f(d);
    }
    bool operator==(const Leaf &) const = default;
};

} // namespace crdt
