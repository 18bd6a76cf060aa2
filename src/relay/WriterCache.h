// Values RelayStorage read from its database, kept in memory while this relay is the database's
// only writer (SQLite). On a database other relays write to (PostgreSQL) any of them may change
// under this relay, so nothing is kept or served from memory: each use reads the database.
#pragma once

#include <QHash>

#include <optional>

namespace feedback::relay {

template <typename Key, typename Value> class WriterCache
{
public:
    // `shared` is the storage's own flag, set once the database turns out to be shared.
    explicit WriterCache(const bool &shared)
        : m_shared(shared)
    {}

    std::optional<Value> find(const Key &key) const
    {
        if (m_shared)
            return std::nullopt;
        const auto it = m_values.constFind(key);
        return it == m_values.constEnd() ? std::nullopt : std::optional<Value>(*it);
    }
    void insert(const Key &key, const Value &value)
    {
        if (!m_shared)
            m_values.insert(key, value);
    }
    void remove(const Key &key) { m_values.remove(key); }

private:
    const bool &m_shared;
    QHash<Key, Value> m_values;
};

} // namespace feedback::relay
