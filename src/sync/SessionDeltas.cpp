// SyncSession's side of received deltas: each batch is opened unit by unit (spread over cores),
// gathered with what is set aside into one batch that commits with its cursor, and reported.
#include "SyncBookkeeping.h"
#include "SyncSession.h"
#include "UnitOpener.h"

#include <common/LogCategories.h>
#include <core/BookCodec.h>
#include <core/ParallelFor.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using namespace protocol;

Result<QList<BookDelta>> SyncSession::openUnit(const SealedDelta &unit, InflateBudget *budget) const
{
    return sync::openUnit(m_keys, unit, budget);
}

void SyncSession::onDeltas(const Deltas &deltas)
{
    // This device's own units (a restored or cloned profile's) are compared before anything of
    // the batch is applied; a renumbering must come first.
    if (!settle(m_identity.inspect(deltas)))
        return;
    // While live, a batch that is not live answers asking again for a unit (askAgainIfNeeded):
    // taken whole like any batch (joins are idempotent), but the log is not walked on from it.
    const bool answer = m_askedRow != 0 && !deltas.live;
    // Ask for the next batch before working on this one: the relay reads and sends it while
    // this device decodes and commits, and at most two batches are ever in flight.
    const bool pullNext = !answer && !deltas.live && deltas.more && !deltas.deltas.isEmpty();
    if (pullNext)
        send(Pull{std::max(m_cursor, deltas.deltas.last().position), deltas.chain});
    QStringList newer;
    std::vector<OpenedUnit> opened = openUnits(deltas);
    QList<SealedDelta> keep;
    if (m_keeper && m_keeper->keeping())
        for (qsizetype i = 0; i < deltas.deltas.size(); ++i)
            if (opened[static_cast<std::size_t>(i)].error.isEmpty())
                keep.append(deltas.deltas.at(i));
    store::FeedbackStore::RemoteBatch batch = batchOf(deltas, std::move(opened), &newer);
    // Live deltas reach this device before the relay's disk has them: their positions count
    // only once a caughtUp confirms them (the relay may die first and give them to others).
    // The cursor saved with them is the last confirmed one.
    const quint64 cursor = deltas.live || deltas.deltas.isEmpty()
                               ? m_cursor
                               : std::max(m_cursor, deltas.deltas.last().position);
    // The deltas, what was set aside and the cursor that covers them commit together.
    const QByteArray chain = cursor == m_cursor ? m_chain : deltas.chain;
    batch.position = bookkeeping::cursorPosition(cursor);
    batch.chain = bookkeeping::chainPosition(cursor, chain);
    const auto applied = m_store.applyRemote(batch);
    if (!applied)
        return fail(applied.error());
    m_cursor = cursor;
    m_chain = chain;
    m_applied += deltas.deltas.size();
    if (m_keeper) {
        m_keeper->received(keep);
        m_keeper->seenAtRelay(deltas.deltas);
    }
    // Live units count as the relay's only once confirmed; units of the log show what it holds.
    if (deltas.live)
        m_forward.received(deltas.deltas);
    else
        for (const SealedDelta &unit : deltas.deltas)
            m_forward.seen(unit);
    reportApplied(batch, *applied, newer);
    if (answer)
        return onAskedAgain(deltas);
    if (!deltas.live) {
        Q_EMIT progress(m_applied,
                        static_cast<qint64>(m_head - std::min(m_head, m_cursor)) + m_applied);
        if (deltas.more && !pullNext)
            send(Pull{m_cursor, m_chain});
    }
    if (live())
        askAgainIfNeeded();
}

std::vector<SyncSession::OpenedUnit> SyncSession::openUnits(const Deltas &deltas) const
{
    // Opening and decoding are independent per unit: a catch-up batch is spread over cores.
    const std::size_t n = static_cast<std::size_t>(deltas.deltas.size());
    std::vector<OpenedUnit> opened(n);
    InflateBudget budget(kMaxInflatePerFrame);
    parallelFor(n, 2, [&](std::size_t index) {
        const SealedDelta &received = deltas.deltas.at(static_cast<qsizetype>(index));
        // Signed by another key than its origin's (a member writing in another device's name):
        // set aside like a unit that does not open.
        if (QString problem = m_trust.unitProblem(received); !problem.isEmpty()) {
            opened[index].error = std::move(problem);
            opened[index].untrusted = true;
            return;
        }
        auto unit = openUnit(received, &budget);
        if (unit) {
            opened[index].deltas = std::move(*unit);
        } else {
            opened[index].error = unit.error();
            opened[index].kind = unit.errorKind();
        }
    });
    return opened;
}

store::FeedbackStore::RemoteBatch
SyncSession::batchOf(const Deltas &deltas, std::vector<OpenedUnit> opened, QStringList *newer) const
{
    // A unit that does not open or decode (damaged, or written by a hostile member) is set
    // aside with where it came from and why, and the cursor moves on: one bad unit must not stop
    // this device from receiving everything else. Later deltas that need it wait, deferred.
    store::FeedbackStore::RemoteBatch batch;
    for (qsizetype i = 0; i < deltas.deltas.size(); ++i) {
        const SealedDelta &unit = deltas.deltas.at(i);
        OpenedUnit &result = opened[static_cast<std::size_t>(i)];
        // Written by a newer version: not damage, and no reason to stop. It is set aside like
        // an unreadable unit (its bytes are kept and tried again at every session, so it
        // applies once this device is updated) and the device says "update required".
        if (result.kind == ErrorKind::UpdateRequired) {
            result.error = QStringLiteral("update required: written by a newer version of Courier "
                                          "Feedback: %1")
                               .arg(result.error);
            newer->append(result.error);
        }
        if (!result.error.isEmpty()) {
            // Only units that passed the signature check keep their bytes: a retry from them
            // (retryKeptUnits) has no signature to check.
            batch.unreadable.append({0, store::QuarantinedChange::Kind::Unreadable, unit.position,
                                     unit.origin, unit.seq, unit.lastSeq(), result.error, false,
                                     result.untrusted ? QByteArray() : unit.sealed});
            continue;
        }
        for (BookDelta &delta : result.deltas) {
            batch.deltas.append(std::move(delta));
            batch.positions.append(unit.position);
        }
    }
    return batch;
}

void SyncSession::reportApplied(const store::FeedbackStore::RemoteBatch &batch, int applied,
                                const QStringList &newer)
{
    if (!batch.unreadable.isEmpty())
        Q_EMIT event(
            SyncEvent::Quarantined,
            {{QStringLiteral("count"), batch.unreadable.size()},
             {QStringLiteral("position"), static_cast<qint64>(batch.unreadable.first().position)}});
    if (!newer.isEmpty()) {
        m_newerFormatSeen = true;
        qCWarning(lcSync).noquote() << newer.size() << "change(s) set aside:" << newer.first();
        Q_EMIT event(SyncEvent::UpdateRequired, {{QStringLiteral("count"), newer.size()},
                                                 {QStringLiteral("reason"), newer.first()}});
    }
    if (applied <= 0)
        return;
    Q_EMIT event(SyncEvent::Received, {{QStringLiteral("count"), applied},
                                       {QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
    Q_EMIT recordsChanged();
    // Only records that hold concurrent values get a display view built (catch-up of 100,000
    // records must not build 100,000 views).
    for (const BookDelta &d : batch.deltas) {
        for (const auto &entry : d.entries) {
            const FeedbackRecordState *state = m_store.book().state().find(entry.first);
            if (!state || !state->hasConflict())
                continue;
            if (const auto view = m_store.book().view(entry.first); view)
                Q_EMIT event(SyncEvent::Conflict,
                             {{QStringLiteral("id"), recordIdToString(entry.first)},
                              {QStringLiteral("field"), view->conflicts.first().field}});
        }
    }
}

} // namespace feedback::sync
