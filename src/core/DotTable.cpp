#include "DotTable.h"

#include "BookCodec.h"
#include "RecordFieldCodec.h"

#include <QtEndian>

#include <algorithm>
#include <limits>

namespace feedback {

namespace {

// A replica id read with the common bounded reader; crdt is above common, so this stays here.
bool readReplicaId(CborReader &in, crdt::ReplicaId &out)
{
    QByteArray bytes;
    if (!in.bytes(16, 16, bytes, "replica id"))
        return false;
    out.hi = qFromBigEndian<quint64>(bytes.constData());
    out.lo = qFromBigEndian<quint64>(bytes.constData() + 8);
    if (out.isNull())
        return in.fail(QStringLiteral("replica id: must not be zero"));
    return true;
}

} // namespace

quint64 DotTable::replicaIndex(const crdt::ReplicaId &id)
{
    const auto [it, inserted] = m_replicaIndex.try_emplace(id, m_replicas.size());
    if (inserted)
        m_replicas.push_back(id);
    return it->second;
}

void DotTable::addMinted(const crdt::Dot &dot, Hlc at)
{
    replicaIndex(dot.replica);
    m_mintedIndex.emplace(dot, static_cast<qsizetype>(m_minted.size()));
    m_minted.emplace_back(dot, at);
}

std::optional<qsizetype> DotTable::mintedIndex(const crdt::Dot &dot) const
{
    const auto it = m_mintedIndex.find(dot);
    if (it == m_mintedIndex.end())
        return std::nullopt;
    return it->second;
}

void DotTable::writeReplicaTable(CborWriter &w) const
{
    w.startArray(m_replicas.size());
    for (const crdt::ReplicaId &id : m_replicas) {
        char bytes[16];
        qToBigEndian(id.hi, bytes);
        qToBigEndian(id.lo, bytes + 8);
        w.appendByteString(bytes, sizeof bytes);
    }
    w.endArray();
}

void DotTable::writeMintedTable(CborWriter &w) const
{
    w.startArray(m_minted.size());
    for (const auto &[dot, at] : m_minted) {
        w.startArray(3);
        w.append(static_cast<qint64>(m_replicaIndex.at(dot.replica)));
        w.append(static_cast<qint64>(dot.counter));
        w.append(static_cast<qint64>(at));
        w.endArray();
    }
    w.endArray();
}

void DotTable::writeDotRef(CborWriter &w, const crdt::Dot &dot)
{
    if (m_state && m_home && dot == *m_home)
        return w.append(qint64(0));
    if (!m_state)
        if (const auto index = mintedIndex(dot))
            return w.append(static_cast<qint64>(*index));
    w.startArray(2);
    w.append(static_cast<qint64>(replicaIndex(dot.replica)));
    w.append(static_cast<qint64>(dot.counter));
    w.endArray();
}

int DotTable::entryPrefixSize(const crdt::Dot &dot, Hlc at) const
{
    if (m_state && m_home && dot == *m_home && at == m_homeAt)
        return 0; // [value]
    if (m_state)
        return 3;
    const auto index = mintedIndex(dot);
    if (!index || m_minted[static_cast<std::size_t>(*index)].second != at)
        return -1;
    return 1;
}

void DotTable::writeEntryPrefix(CborWriter &w, const crdt::Dot &dot, Hlc at)
{
    switch (entryPrefixSize(dot, at)) {
    case 3:
        w.append(static_cast<qint64>(replicaIndex(dot.replica)));
        w.append(static_cast<qint64>(dot.counter));
        w.append(static_cast<qint64>(at));
        break;
    case 1:
        w.append(static_cast<qint64>(*mintedIndex(dot)));
        break;
    default:
        break;
    }
}

bool DotTable::readReplicaTable(CborReader &in)
{
    qsizetype size = 0;
    if (!in.enterArray(codec_limits::kMaxReplicas, size, "replica table"))
        return false;
    m_replicas.reserve(static_cast<std::size_t>(std::max<qsizetype>(size, 0)));
    while (in.hasNext()) {
        crdt::ReplicaId id;
        if (!readReplicaId(in, id))
            return false;
        if (!m_replicaIndex.try_emplace(id, m_replicas.size()).second)
            return in.fail(QStringLiteral("replica table: duplicate replica id"));
        m_replicas.push_back(id);
    }
    return in.leave("replica table");
}

bool DotTable::readDotItems(CborReader &in, crdt::Dot &out) const
{
    quint64 replica = 0;
    quint64 counter = 0;
    if (m_replicas.empty())
        return in.fail(QStringLiteral("dot: unknown replica"));
    if (!in.uint(m_replicas.size() - 1, replica, "dot replica") ||
        !in.uint(std::numeric_limits<qint64>::max(), counter, "dot counter"))
        return false;
    if (counter == 0)
        return in.fail(QStringLiteral("dot: counter must be positive"));
    out = crdt::Dot{m_replicas[replica], counter};
    return true;
}

bool DotTable::readDot(CborReader &in, crdt::Dot &out) const
{
    return in.enterTuple(2, "dot") && readDotItems(in, out) && in.leave("dot");
}

bool DotTable::readMintedTable(CborReader &in)
{
    qsizetype size = 0;
    if (!in.enterArray(codec_limits::kMaxMinted, size, "minted table"))
        return false;
    m_minted.reserve(static_cast<std::size_t>(std::max<qsizetype>(size, 0)));
    while (in.hasNext()) {
        quint64 at = 0;
        crdt::Dot dot;
        if (!in.enterTuple(3, "minted dot") || !readDotItems(in, dot) ||
            !in.uint(std::numeric_limits<qint64>::max(), at, "minted hlc") ||
            !in.leave("minted dot"))
            return false;
        if (mintedIndex(dot))
            return in.fail(QStringLiteral("minted table: duplicate dot"));
        m_mintedIndex.emplace(dot, static_cast<qsizetype>(m_minted.size()));
        m_minted.emplace_back(dot, at);
    }
    return in.leave("minted table");
}

bool DotTable::readDotRef(CborReader &in, crdt::Dot &out) const
{
    if (in.nextIsInteger()) {
        // Read whole first, so that the message says what a short reference may be.
        quint64 index = 0;
        if (!in.uint(std::numeric_limits<quint64>::max(), index, "dot reference"))
            return false;
        if (m_state) {
            if (!m_home || index != 0)
                return in.fail(QStringLiteral("dot reference: only 0 (the record's own) is short"));
            out = *m_home;
            return true;
        }
        if (index >= m_minted.size())
            return in.fail(QStringLiteral("dot reference: no such minted dot"));
        out = m_minted[index].first;
        return true;
    }
    return readDot(in, out);
}

qsizetype DotTable::readEntryPrefix(CborReader &in, qsizetype entrySize, crdt::Dot &dot,
                                    Hlc &at) const
{
    if (entrySize < 0)
        return in.fail(QStringLiteral("entry: its length must be given")), -1;
    if (m_state && m_home && entrySize == 1) {
        if (!m_homeAt)
            return in.fail(QStringLiteral("entry: the creation's entry before the creation")), -1;
        dot = *m_home;
        at = *m_homeAt;
        return 0;
    }
    if (m_state) {
        quint64 stamp = 0;
        if (entrySize < 3 || !readDotItems(in, dot) ||
            !in.uint(std::numeric_limits<qint64>::max(), stamp, "entry hlc"))
            return in.fail(QStringLiteral("entry: expected [replica, counter, hlc, value]")), -1;
        at = stamp;
        return 3;
    }
    quint64 index = 0;
    if (entrySize == 0 || m_minted.empty() || !in.uint(m_minted.size() - 1, index, "entry dot"))
        return in.fail(QStringLiteral("entry: must name a minted dot")), -1;
    dot = m_minted[index].first;
    at = m_minted[index].second;
    return 1;
}

} // namespace feedback
