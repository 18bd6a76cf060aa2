// The dot tables of the record field encoding: a delta lists the replicas and the dots it
// mints once, and its entries refer to them by index; a state spells dots out. One table serves
// both directions (writing while encoding, reading while decoding).
#pragma once

#include "HybridLogicalClock.h"

#include <common/CborReader.h>
#include <common/CborWriter.h>
#include <crdt/Dot.h>
#include <map>
#include <optional>
#include <vector>

namespace feedback {

class DotTable
{
public:
    explicit DotTable(bool stateMode)
        : m_state(stateMode)
    {}
    bool stateMode() const { return m_state; }
    // Record rows: entries written by the record's own creation (dot = record id, stamp =
    // createdAt) are written as just their value, which halves a typical row. A decoder learns
    // the stamp from the creation, which every release writes as the row's first field.
    void setHome(const crdt::Dot &dot, std::optional<Hlc> at = std::nullopt)
    {
        m_home = dot;
        m_homeAt = at;
    }
    void stampHome(Hlc at)
    {
        if (m_home)
            m_homeAt = at;
    }

    // Encoding side.
    quint64 replicaIndex(const crdt::ReplicaId &id);
    void addMinted(const crdt::Dot &dot, Hlc at);
    void writeReplicaTable(CborWriter &w) const;
    void writeMintedTable(CborWriter &w) const;
    void writeDotRef(CborWriter &w, const crdt::Dot &dot);
    // How many items name an entry's dot before its value: 0 (a record's own creation), 1 (an
    // index into the minted table) or 3 ([replica, counter, hlc]); -1 if a delta entry's dot or
    // stamp is not minted. writeEntryPrefix writes them.
    int entryPrefixSize(const crdt::Dot &dot, Hlc at) const;
    void writeEntryPrefix(CborWriter &w, const crdt::Dot &dot, Hlc at);
    std::optional<qsizetype> mintedIndex(const crdt::Dot &dot) const;
    // Decoding side, each reading the next item of `in`.
    bool readReplicaTable(CborReader &in);
    bool readMintedTable(CborReader &in);
    bool readDot(CborReader &in, crdt::Dot &out) const; // [replica, counter]
    bool readDotRef(CborReader &in, crdt::Dot &out) const;
    // Reads the dot and stamp of an entry of `entrySize` items (the reader is inside it);
    // returns the position of its value, or -1.
    qsizetype readEntryPrefix(CborReader &in, qsizetype entrySize, crdt::Dot &dot, Hlc &at) const;
    const std::vector<std::pair<crdt::Dot, Hlc>> &minted() const { return m_minted; }

private:
    bool readDotItems(CborReader &in, crdt::Dot &out) const; // replica, counter

    bool m_state;
    std::optional<crdt::Dot> m_home;
    std::optional<Hlc> m_homeAt;
    std::vector<crdt::ReplicaId> m_replicas;
    std::map<crdt::ReplicaId, quint64> m_replicaIndex;
    std::vector<std::pair<crdt::Dot, Hlc>> m_minted;
    std::map<crdt::Dot, qsizetype> m_mintedIndex;
};

} // namespace feedback
