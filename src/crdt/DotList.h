// A small sorted set of dots: the causal context a delta carries for one leaf.
#pragma once

#include "Dot.h"

#include <algorithm>
#include <initializer_list>
#include <vector>

namespace crdt {

class DotList
{
public:
    DotList() = default;
    DotList(std::initializer_list<Dot> dots)
    {
        for (const Dot &d : dots)
            insert(d);
    }

    bool contains(const Dot &d) const
    {
        return std::binary_search(m_dots.begin(), m_dots.end(), d);
    }
    void insert(const Dot &d)
    {
        auto it = std::lower_bound(m_dots.begin(), m_dots.end(), d);
        if (it == m_dots.end() || *it != d)
            m_dots.insert(it, d);
    }
    void merge(const DotList &other)
    {
        std::vector<Dot> out;
        out.reserve(m_dots.size() + other.m_dots.size());
        std::set_union(m_dots.begin(), m_dots.end(), other.m_dots.begin(), other.m_dots.end(),
                       std::back_inserter(out));
        m_dots = std::move(out);
    }

    bool empty() const { return m_dots.empty(); }
    std::size_t size() const { return m_dots.size(); }
    auto begin() const { return m_dots.begin(); }
    auto end() const { return m_dots.end(); }

    bool operator==(const DotList &) const = default;

private:
    std::vector<Dot> m_dots; // sorted, unique
};

} // namespace crdt
