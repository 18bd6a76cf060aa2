// A sorted sequence that keeps its first element inline and the rest on the heap. Almost every
// dot store holds exactly one entry (a register written once, a set element added once), so
// this saves an allocation and the vector header per field: it is what keeps a book of
// 100,000 records small (see bench crdt.memory_mb_per_100k).
#pragma once

#include <cstddef>
#include <iterator>
#include <memory>
#include <utility>
#include <vector>

namespace crdt {

// IsEmpty(element) tells whether the inline slot is unused (for dots: counter == 0).
template <class T, class IsEmpty> class FirstInlineVector
{
public:
    class const_iterator
    {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = T;
        using difference_type = std::ptrdiff_t;
        using pointer = const T *;
        using reference = const T &;

        const_iterator() = default;
        const_iterator(const FirstInlineVector *v, std::size_t i)
            : m_v(v)
            , m_i(i)
        {}
        reference operator*() const { return (*m_v)[m_i]; }
        pointer operator->() const { return &(*m_v)[m_i]; }
        const_iterator &operator++()
        {
            ++m_i;
            return *this;
        }
        const_iterator operator++(int)
        {
            const_iterator old = *this;
            ++m_i;
            return old;
        }
        bool operator==(const const_iterator &o) const { return m_i == o.m_i; }

    private:
        const FirstInlineVector *m_v = nullptr;
        std::size_t m_i = 0;
    };

    FirstInlineVector() = default;
    FirstInlineVector(const FirstInlineVector &o)
        : m_first(o.m_first)
        , m_rest(o.m_rest ? std::make_unique<std::vector<T>>(*o.m_rest) : nullptr)
    {}
    // A moved-from vector is empty (the defaulted move would leave the inline slot behind).
    FirstInlineVector(FirstInlineVector &&o) noexcept
        : m_first(std::exchange(o.m_first, T{}))
        , m_rest(std::move(o.m_rest))
    {}
    FirstInlineVector &operator=(const FirstInlineVector &o)
    {
        if (this != &o) {
            m_first = o.m_first;
            m_rest = o.m_rest ? std::make_unique<std::vector<T>>(*o.m_rest) : nullptr;
        }
        return *this;
    }
    FirstInlineVector &operator=(FirstInlineVector &&o) noexcept
    {
        if (this != &o) {
            m_first = std::exchange(o.m_first, T{});
            m_rest = std::move(o.m_rest);
        }
        return *this;
    }

    bool empty() const { return IsEmpty{}(m_first); }
    std::size_t size() const { return empty() ? 0 : 1 + (m_rest ? m_rest->size() : 0); }
    const T &operator[](std::size_t i) const { return i == 0 ? m_first : (*m_rest)[i - 1]; }
    const_iterator begin() const { return const_iterator(this, 0); }
    const_iterator end() const { return const_iterator(this, size()); }

    void clear()
    {
        m_first = T{};
        m_rest.reset();
    }
    // Replaces the contents with `items` (already sorted and unique).
    void assign(std::vector<T> &&items)
    {
        if (items.empty()) {
            clear();
            return;
        }
        m_first = std::move(items.front());
        if (items.size() == 1) {
            m_rest.reset();
            return;
        }
        items.erase(items.begin());
        m_rest = std::make_unique<std::vector<T>>(std::move(items));
    }
    std::vector<T> toVector() const { return std::vector<T>(begin(), end()); }

    bool operator==(const FirstInlineVector &o) const
    {
        return size() == o.size() && std::equal(begin(), end(), o.begin());
    }

private:
    T m_first{};
    std::unique_ptr<std::vector<T>> m_rest;
};

} // namespace crdt
