// FeedbackStore's outbox side: what is pending (served from memory while it is known whole),
// acknowledgements from the relay, and what was acknowledged before.
#include "FeedbackStore.h"
#include "StoreTransaction.h"

#include <core/ParallelFor.h>
#include <vector>

namespace feedback::store {

using detail::kOutbox;
using detail::outboxKey;

void FeedbackStore::cacheQueued(OutboxEntry entry)
{
    if (!m_pendingCache)
        return;
    if (m_pendingCache->size() >= kCachedPending)
        m_pendingCache.reset(); // a large backlog is read from the file, in pages
    else
        m_pendingCache->append(std::move(entry));
}

Result<QList<OutboxEntry>> FeedbackStore::pendingOutbox(int limit)
{
    if (m_pendingCache)
        return limit < 0
                   ? *m_pendingCache
                   : m_pendingCache->first(std::min<qsizetype>(limit, m_pendingCache->size()));
    const auto rows = m_db->outbox(limit);
    if (!rows)
        return Result<QList<OutboxEntry>>::failure(rows);
    // Opening is independent per row: a large backlog is opened on all cores.
    QList<OutboxEntry> out(rows->size());
    std::vector<QString> errors(static_cast<std::size_t>(rows->size()));
    parallelFor(errors.size(), 256, [&](std::size_t i) {
        const OutboxRow &row = rows->at(static_cast<qsizetype>(i));
        const auto origin = RowSealer::replicaFromBytes(row.origin);
        const auto record = RowSealer::idFromBytes(row.record);
        if (!origin || !record) {
            errors[i] = QStringLiteral("an outbox row is damaged");
            return;
        }
        auto delta = m_sealer.openDelta(kOutbox, outboxKey(*origin, row.seq), row.sealedDelta);
        if (!delta) {
            errors[i] = QStringLiteral("outbox delta %1 cannot be read: %2")
                            .arg(row.seq)
                            .arg(delta.error());
            return;
        }
        out[static_cast<qsizetype>(i)] = {*origin, row.seq, *record, std::move(*delta)};
    });
    for (const QString &error : errors)
        if (!error.isEmpty())
            return Result<QList<OutboxEntry>>::failure(error);
    if ((limit < 0 || out.size() < limit) && out.size() < kCachedPending)
        m_pendingCache = out; // all of it: kept up to date from here on
    return out;
}

Result<quint64> FeedbackStore::acknowledgedUpTo()
{
    const auto first = m_db->firstPendingSeq(RowSealer::replicaBytes(deviceId()));
    if (!first)
        return first;
    return *first == 0 ? m_book.sequence() : *first - 1;
}

Status FeedbackStore::acknowledge(const ReplicaId &origin, quint64 upToSeq)
{
    // No fsync for an acknowledgement of this device's deltas: if a power cut rolls it back,
    // the relay's welcome says again what it holds (storedUpTo) and nothing is pushed twice.
    // The welcome says nothing of an old identity's deltas (a copied profile): those stay FULL.
    const bool own = origin == deviceId();
    const QByteArray originBytes = RowSealer::replicaBytes(origin);
    const auto settled = m_db->recordsSettledBy(originBytes, upToSeq);
    if (!settled)
        return Status::failure(settled);
    using Durability = StoreDatabase::Durability;
    if (Status s = m_db->setDurability(own ? Durability::Eventually : Durability::EveryCommit); !s)
        return s;
    Status acked = m_db->acknowledge(originBytes, upToSeq);
    if (Status s = m_db->setDurability(Durability::EveryCommit); !s && acked)
        acked = s;
    if (!acked) {
        if (Status reread = refreshUnacked(); !reread) // memory follows the disk
            return Status::failure(acked.error() + QLatin1Char('\n') + reread.error());
        return acked;
    }
    for (const QByteArray &record : *settled)
        m_unacked.remove(record);
    if (m_pendingCache)
        m_pendingCache->removeIf(
            [&](const OutboxEntry &e) { return e.origin == origin && e.seq <= upToSeq; });
    return Ok{};
}

} // namespace feedback::store
