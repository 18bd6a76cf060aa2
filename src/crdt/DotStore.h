// Dot stores: the payload half of a causal CRDT. Each join takes both sides' contexts
// explicitly; a store never holds a pointer to a context (a copied store would dangle: see
// ARCHITECTURE.md, "Pitfalls of the reference library").
//
// Join rule for an entry with dot d: it survives if both sides hold it, or if the side that
// lacks it has not seen d (so it cannot have removed it).
#pragma once

#include "DotList.h"
#include "FirstInlineVector.h"

#include <algorithm>
#include <utility>
#include <vector>

namespace crdt {

namespace detail {
struct NullDot
{
    bool operator()(const Dot &d) const { return d.isNull(); }
};
struct NullEntryDot
{
    template <class V> bool operator()(const std::pair<Dot, V> &e) const
    {
        return e.first.isNull();
    }
};

inline const Dot &dotOf(const Dot &d)
{
    return d;
}
template <class V> const Dot &dotOf(const std::pair<Dot, V> &e)
{
    return e.first;
}

// Merges two sorted stores by the join rule; `pick` chooses between two entries with one dot.
template <class T, class MyContext, class TheirContext, class Store, class Pick>
std::vector<T> joinSorted(const Store &a, const MyContext &mine, const Store &b,
                          const TheirContext &theirs, Pick pick)
{
    std::vector<T> out;
    out.reserve(a.size() + b.size());
    auto ia = a.begin();
    auto ib = b.begin();
    while (ia != a.end() || ib != b.end()) {
        if (ib == b.end() || (ia != a.end() && dotOf(*ia) < dotOf(*ib))) {
            if (!theirs.contains(dotOf(*ia)))
                out.push_back(*ia);
            ++ia;
        } else if (ia == a.end() || dotOf(*ib) < dotOf(*ia)) {
            if (!mine.contains(dotOf(*ib)))
                out.push_back(*ib);
            ++ib;
        } else {
            out.push_back(pick(*ia, *ib));
            ++ia;
            ++ib;
        }
    }
    return out;
}
} // namespace detail

// A set of dots (the store of a flag and of one element of an add-wins set).
class DotSet
{
public:
    bool empty() const { return m_dots.empty(); }
    std::size_t size() const { return m_dots.size(); }
    bool contains(const Dot &d) const
    {
        return std::find(m_dots.begin(), m_dots.end(), d) != m_dots.end();
    }
    auto begin() const { return m_dots.begin(); }
    auto end() const { return m_dots.end(); }

    void clear() { m_dots.clear(); }
    void insert(const Dot &d)
    {
        if (d.isNull() || contains(d))
            return;
        std::vector<Dot> all = m_dots.toVector();
        all.insert(std::lower_bound(all.begin(), all.end(), d), d);
        m_dots.assign(std::move(all));
    }

    // Many dots at once (any order), in one pass instead of one copy of the store per dot.
    void insertAll(std::vector<Dot> dots)
    {
        std::erase_if(dots, [](const Dot &d) { return d.isNull(); });
        // A decoded leaf fills an empty store with dots in order: no copy, no sort.
        const bool fresh = m_dots.empty();
        std::vector<Dot> all = fresh ? std::move(dots) : m_dots.toVector();
        if (!fresh)
            all.insert(all.end(), dots.begin(), dots.end());
        if (!std::is_sorted(all.begin(), all.end()))
            std::sort(all.begin(), all.end());
        all.erase(std::unique(all.begin(), all.end()), all.end());
        m_dots.assign(std::move(all));
    }

    template <class MyContext, class TheirContext>
    void join(const MyContext &mine, const DotSet &other, const TheirContext &theirs)
    {
        m_dots.assign(detail::joinSorted<Dot>(m_dots, mine, other.m_dots, theirs,
                                              [](const Dot &a, const Dot &) { return a; }));
    }

    bool operator==(const DotSet &) const = default;

private:
    FirstInlineVector<Dot, detail::NullDot> m_dots; // sorted, unique
};

// A map from dot to value (the store of a multi-value register and of an add-only set).
template <class V> class DotFun
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
        if (d.isNull())
            return;
        std::vector<Entry> all = m_entries.toVector();
        auto it = std::lower_bound(all.begin(), all.end(), d,
                                   [](const Entry &e, const Dot &key) { return e.first < key; });
        if (it != all.end() && it->first == d)
            return;
        all.insert(it, Entry{d, std::move(value)});
        m_entries.assign(std::move(all));
    }

    // Many entries at once (any order), in one pass instead of one copy of the store per entry
    // (a decoded record of thousands of notes). As with insert(), an entry whose dot is held
    // already, or came earlier in `entries`, is ignored.
    void insertAll(std::vector<Entry> entries)
    {
        std::erase_if(entries, [](const Entry &e) { return e.first.isNull(); });
        // A decoded record fills an empty store with entries in order: no copy, no sort (whose
        // buffer was a heap block per leaf).
        const bool fresh = m_entries.empty();
        std::vector<Entry> all = fresh ? std::move(entries) : m_entries.toVector();
        if (!fresh)
            all.insert(all.end(), std::make_move_iterator(entries.begin()),
                       std::make_move_iterator(entries.end()));
        const auto byDot = [](const Entry &a, const Entry &b) {
            return a.first < b.first;
        };
        if (!std::is_sorted(all.begin(), all.end(), byDot))
            std::stable_sort(all.begin(), all.end(), byDot);
        all.erase(std::unique(all.begin(), all.end(),
                              [](const Entry &a, const Entry &b) { return a.first == b.first; }),
                  all.end());
        m_entries.assign(std::move(all));
    }

    template <class MyContext, class TheirContext>
    void join(const MyContext &mine, const DotFun &other, const TheirContext &theirs)
    {
        // One dot is one write, so both values are equal unless data was forged; keep the
        // smaller one so that every replica still picks the same.
        m_entries.assign(detail::joinSorted<Entry>(
            m_entries, mine, other.m_entries, theirs,
            [](const Entry &a, const Entry &b) { return b.second < a.second ? b : a; }));
    }

    bool operator==(const DotFun &) const = default;

private:
    FirstInlineVector<Entry, detail::NullEntryDot> m_entries; // sorted by dot, unique dots
};

// What a delta carries for one leaf: the new entries and the dots this leaf has seen
// (the dots it overwrites plus the new one). Leaves carry their own context so that one
// mutation dot can be shared by several fields without one field's overwrite erasing another.
template <class Store> struct Leaf
{
    Store store;
    DotList context;

    bool empty() const { return store.empty() && context.empty(); }
    void join(const Leaf &other)
    {
        store.join(context, other.store, other.context);
        context.merge(other.context);
    }
    template <class F> void forEachContextDot(F &&f) const
    {
        for (const Dot &d : context)
            f(d);
    }
    bool operator==(const Leaf &) const = default;
};

} // namespace crdt
