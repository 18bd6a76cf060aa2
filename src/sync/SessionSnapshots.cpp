// SyncSession's snapshots (PROTOCOL.md, "Snapshots"). A relay restored from an older backup, or
// a new relay at the same address, lacks deltas it had acknowledged, which this device then
// dropped: the device gives it a snapshot of its whole state instead, which covers them, and
// pushes on from there (heal). A snapshot in the catch-up is joined like a delta (a whole state
// is one, and joins are idempotent). A pull whose cursor the relay's log no longer holds as
// this device read it (Diverged) starts over from position 0.
#include "SyncBookkeeping.h"
#include "SyncSession.h"

#include <common/LogCategories.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using namespace protocol;

void SyncSession::requestSnapshot()
{
    m_snapshotRequested = true;
    // Caught up already: now; else once caught up (onCaughtUp).
    if (live() && m_keys.canRead() && m_snapshotSent.isEmpty())
        uploadSnapshot();
}

void SyncSession::heal()
{
    m_healing = true;
    uploadSnapshot();
}

bool SyncSession::uploadSnapshot()
{
    // Never beside a push in flight: the relay counts what a snapshot covers as stored, and
    // would acknowledge that push up to there, past what was pushed (this device would stop).
    // The push's ack brings it (pushPending), and no push starts until the relay stored it.
    // After this connection's hand-over of what peers gave (handedOver), unless healing: that
    // waits for its own pushes' acks.
    if (m_keeper && !m_handedOver && !m_healing) {
        m_snapshotAfterAck = false;
        m_snapshotAfterHandOver = true;
        return true;
    }
    if (m_pushInFlight) {
        m_snapshotAfterAck = true;
        return true;
    }
    m_snapshotAfterAck = false;
    const auto signingKey = m_trust.signingKeyOf(m_store.deviceId());
    if (!signingKey) {
        fail(signingKey.error());
        return false;
    }
    auto parts = snapshots::make(m_store.book().state(), m_keys, m_device, *signingKey);
    if (!parts) {
        fail(QStringLiteral("cannot make a snapshot: ") + parts.error());
        return false;
    }
    m_snapshotSent = parts->first().id;
    m_snapshotCovers = parts->first().covers;
    qCInfo(lcSync) << "giving the relay a snapshot of" << m_store.book().size() << "records in"
                   << parts->size() << "parts";
    for (SnapshotPart &part : *parts)
        send(PutSnapshot{std::move(part)});
    return true;
}

void SyncSession::onSnapshotStored(const SnapshotStored &stored)
{
    if (m_snapshotSent.isEmpty() || stored.id != m_snapshotSent)
        return fail(QStringLiteral("the relay confirmed a snapshot this device did not send"));
    m_snapshotStored = std::exchange(m_snapshotSent, {});
    // What the welcome asked for is given (a heal gives it before the catch-up ends).
    m_snapshotRequested = false;
    m_snapshotWanted = false;
    // What the snapshot covers of the pending deltas is in it: the relay counts those seqs as
    // stored, and pushing them would only repeat them.
    const auto ranges = m_store.pendingRanges();
    if (!ranges)
        return fail(ranges.error());
    for (const store::FeedbackStore::PendingRange &range : *ranges) {
        const QByteArray origin = store::RowSealer::replicaBytes(range.origin);
        for (const SnapshotCover &cover : std::as_const(m_snapshotCovers)) {
            if (cover.origin != origin || cover.upTo < range.first)
                continue;
            if (Status s = m_store.acknowledge(range.origin, std::min(cover.upTo, range.last)); !s)
                return fail(s.error());
        }
    }
    if (m_keeper)
        m_keeper->seenCovers(m_snapshotCovers); // nothing it covers needs handing over
    keep(bookkeeping::saveLastSnapshot(m_store, stored.position, QDateTime::currentDateTimeUtc()),
         "the last snapshot");
    Q_EMIT event(SyncEvent::SnapshotUploaded,
                 {{QStringLiteral("position"), static_cast<qint64>(stored.position)}});
    if (std::exchange(m_healing, false)) {
        qCInfo(lcSync) << "the relay holds this device's state again (position" << stored.position
                       << ")";
        Q_EMIT event(SyncEvent::Healed,
                     {{QStringLiteral("position"), static_cast<qint64>(stored.position)}});
    }
    pushPending();
}

void SyncSession::onSnapshotData(const SnapshotData &data)
{
    const bool last = data.part.part + 1 == data.part.parts;
    if (data.position == m_refusedSnapshot) {
        if (last)
            snapshotDone(data, nullptr);
        return;
    }
    // This device's own snapshot coming back in its catch-up (a heal reads the log again from
    // the start): its state holds all of it already.
    if (!m_snapshotStored.isEmpty() && data.maker == m_device && data.part.id == m_snapshotStored) {
        if (last)
            snapshotDone(data, nullptr);
        return;
    }
    Result<std::optional<BookMap>> state = m_snapshotReader.add(data);
    if (!state) {
        // A snapshot nobody can check is passed over like a unit that cannot be read: one bad
        // snapshot must not stop this device for good.
        m_refusedSnapshot = data.position;
        qCWarning(lcSync).noquote() << state.error();
        Q_EMIT event(SyncEvent::SnapshotRefused,
                     {{QStringLiteral("position"), static_cast<qint64>(data.position)},
                      {QStringLiteral("reason"), state.error()}});
        if (last)
            snapshotDone(data, nullptr);
        return;
    }
    if (state->has_value())
        snapshotDone(data, &**state);
}

void SyncSession::snapshotDone(const SnapshotData &last, BookMap *state)
{
    m_refusedSnapshot = 0;
    // A snapshot comes only once every unit before it was committed and confirmed: its position
    // is durable, live or not.
    const quint64 cursor = std::max(m_cursor, last.position);
    const QByteArray chain = cursor == last.position ? last.chain : m_chain;
    store::FeedbackStore::RemoteBatch batch;
    batch.position = bookkeeping::cursorPosition(cursor);
    batch.chain = bookkeeping::chainPosition(cursor, chain);
    int changed = 0;
    // A restored or cloned profile whose seqs the snapshot holds with other content continues
    // under a new id before the join (as before a batch of units, IdentityCheck).
    if (state && !settle(m_identity.snapshot(last.part.covers), false))
        return;
    if (state) {
        const auto joined = m_store.joinState(std::move(*state), batch);
        if (!joined)
            return fail(joined.error());
        changed = *joined;
    } else if (const auto applied = m_store.applyRemote(batch); !applied) {
        return fail(applied.error());
    }
    m_cursor = cursor;
    m_chain = chain;
    if (m_keeper)
        m_keeper->seenCovers(last.part.covers); // the relay holds what its snapshot covers
    if (state) {
        qCInfo(lcSync) << "joined the snapshot at position" << last.position;
        Q_EMIT event(SyncEvent::SnapshotApplied,
                     {{QStringLiteral("position"), static_cast<qint64>(last.position)},
                      {QStringLiteral("records"), changed}});
        Q_EMIT recordsChanged();
    }
    if (!live())
        send(Pull{m_cursor, m_chain});
}

void SyncSession::onDiverged(const Diverged &diverged)
{
    qCWarning(lcSync) << "the relay's log is not the one this device read at position" << m_cursor
                      << "(restored from a backup?): reading it again from the start";
    Q_EMIT event(SyncEvent::Diverged,
                 {{QStringLiteral("cursor"), static_cast<qint64>(m_cursor)},
                  {QStringLiteral("head"), static_cast<qint64>(diverged.head)}});
    m_cursor = 0;
    m_chain.clear();
    m_head = diverged.head;
    saveCursor();
    send(Pull{0, {}});
}

} // namespace feedback::sync
