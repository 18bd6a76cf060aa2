// The replicated workspace state: every feedback record, one shared causal context, and the
// local mutations that each mint exactly one dot (which doubles as this device's delta
// sequence number). Remote deltas that arrive before what they overwrite are kept aside and
// applied as soon as they become ready.
#pragma once

#include "FeedbackRecordState.h"
#include "FeedbackTypes.h"
#include "HybridLogicalClock.h"
#include "Validation.h"

#include <common/Result.h>
#include <crdt/ORMap.h>
#include <deque>
#include <map>
#include <set>
#include <vector>

namespace feedback {

using BookMap = crdt::ORMap<RecordId, FeedbackRecordState>;
using BookDelta = BookMap::Delta;

class FeedbackBook
{
public:
    enum class ApplyOutcome
    {
        Applied,
        Duplicate,
        Deferred,
        Rejected // not ready, and the deferred queue (of its origin, or in all) is full
    };
    // Deferred deltas are bounded per origin, so that one member's deltas that never become
    // ready (edits of a record that does not exist) cannot fill the queue for everyone, and in
    // all. The store sets a rejected delta aside instead of failing.
    static constexpr std::size_t kMaxDeferred = 100000;
    static constexpr std::size_t kMaxDeferredPerOrigin = 10000;

    explicit FeedbackBook(ReplicaId self, HybridLogicalClock clock = HybridLogicalClock(),
                          FeedbackValidator validator = FeedbackValidator());

    ReplicaId replica() const { return m_self; }
    // Gives this book a new identity (a restored or copied profile must never reuse dots).
    void setReplica(const ReplicaId &self) { m_self = self; }

    // Local mutations: validated first; on success the book has changed and the returned delta
    // carries exactly that change.
    Result<BookDelta> create(const NewFeedback &input);
    Result<BookDelta> edit(const RecordId &id, const FeedbackEdit &edit);
    // The checks edit() makes, against the record as this device has it (its notes, the
    // reasons it holds), for callers that report errors before editing.
    QList<FieldError> validate(const RecordId &id, const FeedbackEdit &edit) const;

    // Joins a remote delta (or delta group). Idempotent; out-of-order deltas are deferred.
    ApplyOutcome apply(const BookDelta &delta);
    // Full-state join with another replica's state.
    void join(const BookMap &other);
    // The same, taking the state: an empty book (a device catching up from a snapshot) adopts
    // it without a copy, and a book that has seen all of it (its own snapshot coming back)
    // skips the join and touches nothing.
    void join(BookMap &&other);

    std::optional<FeedbackRecordView> view(const RecordId &id) const;
    QList<FeedbackRecordView> views() const; // ordered by createdAt, then id
    // Every change of a record, oldest first (RecordHistory::read); empty for an unknown id.
    QList<RecordChange> history(const RecordId &id) const;
    std::size_t size() const { return m_map.size(); }
    std::size_t deferredCount() const { return m_deferred.size(); }
    std::size_t deferredCount(const ReplicaId &origin) const;
    std::size_t maxDeferredPerOrigin() const { return m_maxDeferredPerOrigin; }
    void setMaxDeferredPerOrigin(std::size_t bound) { m_maxDeferredPerOrigin = bound; }
    // The dots deferred deltas wait for, sorted: what tells that a change set aside as
    // unreadable is needed after all. One walk over the queue, however many are set aside.
    std::vector<crdt::Dot> awaitedDots() const;
    // Whether `sorted` (from awaitedDots) holds a dot (origin, seq) with seq in first..last.
    static bool awaitsAny(const std::vector<crdt::Dot> &sorted, const ReplicaId &origin,
                          quint64 first, quint64 last);
    bool awaits(const ReplicaId &origin, quint64 first, quint64 last) const
    {
        return awaitsAny(awaitedDots(), origin, first, last);
    }
    // This replica's highest sequence number (its dot counter).
    quint64 sequence() const { return m_map.context().maxCounter(m_self); }

    const BookMap &state() const { return m_map; }
    void restoreState(BookMap state);
    // Restores one record and the context after a failed commit (the store's undo).
    void restoreRecord(const RecordId &id, const FeedbackRecordState *previous,
                       const crdt::CausalContext &context);
    void forgetRecord(const RecordId &id) { m_map.forget(id); }
    const std::deque<BookDelta> &deferred() const { return m_deferred; }
    // Changes whenever the deferred queue does (the store rewrites it only then).
    quint64 deferredVersion() const { return m_deferredVersion; }
    void restoreDeferred(std::deque<BookDelta> deferred);
    // Records changed since the last call, by any mutation, delta or join; tracked only once
    // turned on (the store persists exactly those).
    void setTrackTouched(bool on) { m_trackTouched = on; }
    std::vector<RecordId> takeTouched();
    std::size_t touchedCount() const { return m_touched.size(); }
    const FeedbackValidator &validator() const { return m_validator; }
    HybridLogicalClock &clock() { return m_clock; }

private:
    bool isReady(const BookDelta &delta) const;
    void applyReady(const BookDelta &delta);
    void observeTimestamps(const BookDelta &delta);
    void drainDeferred();
    std::deque<BookDelta>::iterator eraseDeferred(std::deque<BookDelta>::iterator it);
    static ReplicaId originOf(const BookDelta &delta);
    void touch(const BookDelta &delta);
    void markTouched(const RecordId &id);

    ReplicaId m_self;
    HybridLogicalClock m_clock;
    FeedbackValidator m_validator;
    BookMap m_map;
    std::deque<BookDelta> m_deferred;
    std::map<ReplicaId, std::size_t> m_deferredPerOrigin;
    std::size_t m_maxDeferredPerOrigin = kMaxDeferredPerOrigin;
    quint64 m_deferredVersion = 0;
    std::set<RecordId> m_touched;
    bool m_trackTouched = false;
};

} // namespace feedback
