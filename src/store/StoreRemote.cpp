// FeedbackStore's side of other devices' changes: a batch from the relay applied to the book and
// written in one transaction with the relay position it reached (the records it touched, the
// deferred deltas, what is set aside or released from quarantine), or nothing of it at all.
#include "FeedbackStore.h"
#include "Sealer.h"
#include "StoreTransaction.h"

#include <common/LogCategories.h>
#include <core/BookCodec.h>
#include <core/ParallelFor.h>
#include <vector>

namespace feedback::store {

using detail::kDeferred;

Status FeedbackStore::persistTouched()
{
    // Encoding and sealing each record is independent work (a catch-up batch touches a
    // thousand, a snapshot every record): spread over the cores while the rows sealed already
    // are written in order.
    const std::vector<RecordId> touched = m_book.takeTouched();
    std::vector<QByteArray> sealed(touched.size());
    Status written = Ok{};
    const auto seal = [&](std::size_t i) {
        if (const FeedbackRecordState *state = m_book.state().find(touched[i]))
            sealed[i] = m_sealer.sealRecord(touched[i], *state);
    };
    const auto write = [&](std::size_t i) {
        if (sealed[i].isEmpty())
            return true; // not in the book (cannot happen for a touched record; nothing to write)
        written = m_db->putRecord(RowSealer::idBytes(touched[i]), sealed[i]);
        sealed[i] = QByteArray(); // written: its memory can go
        if (written)
            m_changed.push_back(touched[i]);
        return written.ok();
    };
    if (!pipelinedFor(touched.size(), 128, seal, write))
        return written;
    if (m_book.deferredVersion() != m_savedDeferredVersion) {
        if (Status s = persistDeferred(); !s)
            return s;
    }
    return saveContext();
}

Status FeedbackStore::persistDeferred()
{
    QList<std::pair<QByteArray, QByteArray>> deferred;
    for (const BookDelta &delta : m_book.deferred()) {
        const auto encoded = BookCodec::encodeDelta(delta);
        if (!encoded)
            return Status::failure(encoded);
        const QByteArray key = Sealer::randomBytes(16);
        deferred.append({key, m_sealer.sealDelta(kDeferred, key, *encoded)});
    }
    if (Status s = m_db->replaceDeferred(deferred); !s)
        return s;
    // Counted as saved when the transaction commits; a failed one reloads everything anyway.
    m_savedDeferredVersion = m_book.deferredVersion();
    return Ok{};
}

Result<int> FeedbackStore::applyRemote(const QList<BookDelta> &deltas,
                                       const std::optional<Position> &position)
{
    return applyRemote(RemoteBatch{deltas, {}, {}, position, {}});
}

Status FeedbackStore::writePositions(const RemoteBatch &batch)
{
    for (const auto *value : {&batch.position, &batch.chain}) {
        if (!value->has_value())
            continue;
        if (Status s = m_db->setMeta(detail::valueKey((*value)->name), (*value)->value); !s)
            return s;
    }
    return Ok{};
}

Status FeedbackStore::commitRemote(const std::function<Status()> &write)
{
    // What sync received is not committed with an fsync (applyRemote): the relay holds it.
    if (Status s = m_db->setDurability(StoreDatabase::Durability::Eventually); !s)
        return s;
    const Status saved = m_db->inTransaction(write);
    settleContext(saved.ok());
    if (Status s = m_db->setDurability(StoreDatabase::Durability::EveryCommit); !s && saved)
        return s;
    if (!saved) {
        // Memory went ahead of the disk: read the disk again.
        if (Status reloaded = load(); !reloaded)
            return Status::failure(saved.error() + QLatin1Char('\n') + reloaded.error(),
                                   saved.errorKind());
    }
    return saved;
}

Result<int> FeedbackStore::joinState(BookMap &&state, const RemoteBatch &batch)
{
    Q_ASSERT(batch.deltas.isEmpty() && batch.unreadable.isEmpty());
    m_book.join(std::move(state));
    const int touched = static_cast<int>(m_book.touchedCount());
    if (Status s = commitRemote([&]() -> Status {
            if (Status p = persistTouched(); !p)
                return p;
            return writePositions(batch);
        });
        !s)
        return Result<int>::failure(s);
    return touched;
}

Result<int> FeedbackStore::applyRemote(const RemoteBatch &batch)
{
    int fresh = 0;
    QList<QuarantinedChange> aside = batch.unreadable;
    for (qsizetype i = 0; i < batch.deltas.size(); ++i) {
        const BookDelta &delta = batch.deltas.at(i);
        switch (m_book.apply(delta)) {
        case FeedbackBook::ApplyOutcome::Applied:
        case FeedbackBook::ApplyOutcome::Deferred:
            ++fresh;
            break;
        case FeedbackBook::ApplyOutcome::Duplicate:
            break;
        case FeedbackBook::ApplyOutcome::Rejected:
            // Its origin has too many deltas waiting already: set aside, not a stop for all.
            aside.append(overLimit(delta, batch.positions.value(i)));
            break;
        }
    }
    QList<qint64> released;
    fresh += readmitOverLimit(released);
    released += healedUnreadable();
    if (fresh == 0 && aside.isEmpty() && released.isEmpty() && !batch.position)
        return 0;
    const Status saved = commitRemote([&]() -> Status {
        if (fresh > 0) {
            if (Status s = persistTouched(); !s)
                return s;
        }
        for (const QuarantinedChange &change : std::as_const(aside)) {
            if (Status s = storeQuarantined(change); !s)
                return s;
        }
        for (qint64 row : std::as_const(released)) {
            if (Status s = m_quarantine->remove(row); !s)
                return s;
        }
        return writePositions(batch);
    });
    if (!saved)
        return Result<int>::failure(saved);
    if (const qsizetype over = aside.size() - batch.unreadable.size(); over > 0)
        qCWarning(lcStore) << "set aside" << over << "deltas over the deferred limit";
    if (!aside.isEmpty() || !released.isEmpty()) {
        if (Status s = refreshQuarantine(); !s)
            return Result<int>::failure(s);
    }
    return fresh;
}

} // namespace feedback::store
