#include "FeedbackBook.h"

#include "ContactDetails.h"
#include "RecordHistory.h"
#include "RecordReader.h"

#include <algorithm>

namespace feedback {

namespace {

std::string utf8(const QString &s)
{
    return s.toStdString();
}

void setReasons(crdt::AWORSet<std::string> &set, const QStringList &wanted, const crdt::Dot &dot,
                crdt::AWORSet<std::string>::Delta &delta)
{
    std::vector<std::string> keep;
    for (const QString &tag : wanted)
        keep.push_back(utf8(tag));
    std::vector<std::string> toRemove;
    for (const auto &entry : set.entries())
        if (std::find(keep.begin(), keep.end(), entry.first) == keep.end())
            toRemove.push_back(entry.first);
    for (const std::string &tag : toRemove)
        set.remove(dot, tag, delta);
    for (const std::string &tag : keep)
        if (!set.contains(tag))
            set.add(dot, tag, delta);
}

EditTarget targetOf(const FeedbackRecordState &record)
{
    EditTarget target;
    target.notes = static_cast<qsizetype>(record.dispatch().notes.size());
    for (const auto &entry : record.reasons.entries())
        target.reasons.append(QString::fromStdString(entry.first)); // sorted
    // Details to erase, or concurrent values of them (two erasures included) to settle.
    const auto &details = record.contact().details;
    target.hasContact = details.isConflict();
    for (const auto &entry : details.entries())
        target.hasContact = target.hasContact || !entry.second.value.empty();
    target.erased = record.erasedMask();
    return target;
}

} // namespace

QList<FieldError> FeedbackBook::validate(const RecordId &id, const FeedbackEdit &edit) const
{
    const FeedbackRecordState *existing = m_map.find(id);
    return m_validator.validate(edit, existing ? targetOf(*existing) : EditTarget());
}

FeedbackBook::FeedbackBook(ReplicaId self, HybridLogicalClock clock, FeedbackValidator validator)
    : m_self(self)
    , m_clock(std::move(clock))
    , m_validator(std::move(validator))
{}

Result<BookDelta> FeedbackBook::create(const NewFeedback &input)
{
    const QList<FieldError> errors = m_validator.validate(input);
    if (!errors.isEmpty())
        return Result<BookDelta>::failure(FeedbackValidator::summary(errors));

    const Hlc at = m_clock.now();
    const crdt::Dot id{m_self, m_map.context().maxCounter(m_self) + 1};
    // The dispatcher's flag: set for a low rating or when the customer asked to be contacted.
    const bool followUp = input.needsFollowUp.value_or(input.rating <= 2 || input.contactRequested);
    // Validated above; empty when the customer gave no details.
    const QString contact = input.contactRequested && !input.contact.trimmed().isEmpty()
                                ? ContactDetails::normalise(input.contact).value_or(QString())
                                : QString();
    markTouched(id);
    return m_map.mutate(m_self, id, [&](FeedbackRecordState &r, const crdt::Dot &dot) {
        FeedbackRecordState::Delta d;
        r.creation = RecordCreation{utf8(input.orderId), static_cast<quint32>(input.courierId), at};
        d.creation = r.creation;
        d.rating = r.rating.write(dot, {at, static_cast<quint8>(input.rating)});
        if (!input.comment.isEmpty())
            d.comment = r.comment.write(dot, {at, utf8(input.comment)});
        d.publishConsent = r.publishConsent.write(dot, {at, input.publishConsent});
        // The follow-up status stays unset: "open" is derived from needsFollowUp until a
        // dispatcher sets it, which keeps most records free of dispatcher fields.
        d.needsFollowUp = r.needsFollowUp.write(dot, {at, followUp});
        setReasons(r.reasons, input.reasons, dot, d.reasons);
        // Written only when asked for: "not asked" is the absence of the field, so most records
        // stay as they were (and readable by devices older than the field).
        if (input.contactRequested)
            d.contactRequested = r.editContact().requested.write(dot, {at, true});
        if (!contact.isEmpty())
            d.contact = r.editContact().details.write(dot, {at, utf8(contact)});
        return d;
    });
}

Result<BookDelta> FeedbackBook::edit(const RecordId &id, const FeedbackEdit &edit)
{
    const FeedbackRecordState *existing = m_map.find(id);
    if (!existing || !existing->creation)
        return Result<BookDelta>::failure(
            QStringLiteral("No record with id %1 on this device.").arg(recordIdToString(id)));
    const EditTarget target = targetOf(*existing);
    const QList<FieldError> errors = m_validator.validate(edit, target);
    if (!errors.isEmpty())
        return Result<BookDelta>::failure(FeedbackValidator::summary(errors));
    FeedbackEdit others = edit;
    others.reasons.reset();
    const bool onlyReasons = edit.reasons && others.isEmpty();
    if (onlyReasons) {
        // Setting the reasons a record already has changes nothing: mint no dot for it (an
        // empty delta could never be sent, leaving a gap in this device's sequence).
        QStringList wanted = *edit.reasons;
        wanted.removeDuplicates();
        wanted.sort();
        if (wanted == target.reasons) // entries() are sorted
            return Result<BookDelta>::failure(QStringLiteral("Nothing to change."));
    }

    std::optional<ChangeValue> logged = RecordHistory::entryFor(id, *existing, edit);

    const Hlc at = m_clock.now();
    markTouched(id);
    return m_map.mutate(m_self, id, [&](FeedbackRecordState &r, const crdt::Dot &dot) {
        FeedbackRecordState::Delta d;
        if (logged)
            d.history = r.editDispatch().history.add(dot, {at, std::move(*logged)});
        if (edit.rating)
            d.rating = r.rating.write(dot, {at, static_cast<quint8>(*edit.rating)});
        if (edit.comment)
            d.comment = r.comment.write(dot, {at, utf8(*edit.comment)});
        if (edit.publishConsent)
            d.publishConsent = r.publishConsent.write(dot, {at, *edit.publishConsent});
        if (edit.needsFollowUp)
            d.needsFollowUp = r.needsFollowUp.write(dot, {at, *edit.needsFollowUp});
        if (edit.contactRequested)
            d.contactRequested = r.editContact().requested.write(dot, {at, *edit.contactRequested});
        if (edit.contact) {
            // Erasure writes the empty text over every value this device has seen; older
            // deltas keep the details until snapshots and compaction (ARCHITECTURE.md).
            const QString details =
                edit.contact->trimmed().isEmpty()
                    ? QString()
                    : ContactDetails::normalise(*edit.contact).value_or(QString());
            d.contact = r.editContact().details.write(dot, {at, utf8(details)});
        }
        if (edit.followUp)
            d.followUp =
                r.editDispatch().followUp.write(dot, {at, static_cast<quint8>(*edit.followUp)});
        if (edit.assignee)
            d.assignee = r.editDispatch().assignee.write(dot, {at, utf8(*edit.assignee)});
        if (edit.noteText)
            d.notes = r.editDispatch().notes.add(
                dot, {at, {utf8(edit.noteAuthor.value_or(QString())), utf8(*edit.noteText)}});
        if (edit.retract)
            d.retracted = r.editDispatch().retracted.enable(dot);
        if (edit.reasons)
            setReasons(r.reasons, *edit.reasons, dot, d.reasons);
        if (edit.erase != 0) {
            // The union of what this device has seen erased and the new bits (erasedMask()).
            const quint8 mask = static_cast<quint8>(r.erasedMask() | edit.erase);
            d.erased = r.editDispatch().erased.write(dot, {at, mask});
            r.dropErased(); // every other device does the same when the delta arrives
        }
        return d;
    });
}

void FeedbackBook::touch(const BookDelta &delta)
{
    for (const auto &entry : delta.entries)
        markTouched(entry.first);
}

void FeedbackBook::markTouched(const RecordId &id)
{
    if (m_trackTouched)
        m_touched.insert(id);
}

std::vector<RecordId> FeedbackBook::takeTouched()
{
    std::vector<RecordId> out(m_touched.begin(), m_touched.end());
    m_touched.clear();
    return out;
}

void FeedbackBook::restoreState(BookMap state)
{
    m_map = std::move(state);
    // The clock must run past every timestamp already in the book, or what this device writes
    // next (a note after a restart) could sort before what it wrote before.
    Hlc latest = 0;
    for (const auto &[id, record] : m_map.entries()) {
        record.forEachStamp([&latest](Hlc at) { latest = std::max(latest, at); });
    }
    m_clock.observe(latest);
}

void FeedbackBook::restoreRecord(const RecordId &id, const FeedbackRecordState *previous,
                                 const crdt::CausalContext &context)
{
    if (previous)
        m_map.restoreEntry(id) = *previous;
    else
        m_map.forget(id);
    m_map.restoreContext() = context;
    m_touched.erase(id);
}

void FeedbackBook::observeTimestamps(const BookDelta &delta)
{
    // Every timestamp a delta carries moves this clock on, so that whatever this device writes
    // next (a reply to a note, say) sorts after what it has seen.
    for (const auto &[id, record] : delta.entries) {
        if (record.creation)
            m_clock.observe(record.creation->createdAt);
        record.forEachLeaf([this](const auto &leaf) {
            if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(leaf.store)>, crdt::DotSet>)
                for (const auto &entry : leaf.store)
                    m_clock.observe(entry.second.at);
        });
    }
}

bool FeedbackBook::isReady(const BookDelta &delta) const
{
    if (!m_map.isReady(delta))
        return false;
    // An edit that overwrites nothing (a first note, a retraction) still needs its record:
    // applied before the creation it would leave a record without one.
    for (const auto &[id, record] : delta.entries)
        if (!record.creation && !m_map.context().contains(id))
            return false;
    return true;
}

void FeedbackBook::applyReady(const BookDelta &delta)
{
    m_map.apply(delta);
    // Edits of a record this device dropped (retention) must not bring back a husk of it.
    for (const auto &[id, record] : delta.entries) {
        const FeedbackRecordState *state = m_map.find(id);
        if (state && !state->creation)
            m_map.forget(id);
    }
    touch(delta);
    observeTimestamps(delta);
}

FeedbackBook::ApplyOutcome FeedbackBook::apply(const BookDelta &delta)
{
    if (m_map.isKnown(delta))
        return ApplyOutcome::Duplicate;
    if (!isReady(delta)) {
        // The same delta sent again while it waits is not queued twice.
        for (const BookDelta &waiting : m_deferred)
            if (waiting.minted == delta.minted)
                return ApplyOutcome::Deferred;
        std::size_t &ofOrigin = m_deferredPerOrigin[originOf(delta)];
        if (m_deferred.size() >= kMaxDeferred || ofOrigin >= m_maxDeferredPerOrigin) {
            if (ofOrigin == 0)
                m_deferredPerOrigin.erase(originOf(delta));
            return ApplyOutcome::Rejected;
        }
        ++ofOrigin;
        m_deferred.push_back(delta);
        ++m_deferredVersion;
        return ApplyOutcome::Deferred;
    }
    applyReady(delta);
    drainDeferred();
    return ApplyOutcome::Applied;
}

void FeedbackBook::join(const BookMap &other)
{
    for (const auto &entry : other.entries())
        markTouched(entry.first);
    m_map.join(other);
    drainDeferred();
}

ReplicaId FeedbackBook::originOf(const BookDelta &delta)
{
    return delta.minted.empty() ? ReplicaId{} : delta.minted.begin()->replica;
}

void FeedbackBook::join(BookMap &&other)
{
    // Valid states only ever drop a value for a dot that overwrote it: a context that holds all
    // of the other's holds its values or what replaced them.
    if (m_map.context().includes(other.context()))
        return;
    if (m_map.size() != 0 || !m_map.context().empty())
        return join(std::as_const(other));
    for (const auto &entry : other.entries())
        markTouched(entry.first);
    m_map = std::move(other);
    drainDeferred();
}

std::deque<BookDelta>::iterator FeedbackBook::eraseDeferred(std::deque<BookDelta>::iterator it)
{
    const auto count = m_deferredPerOrigin.find(originOf(*it));
    if (count != m_deferredPerOrigin.end() && --count->second == 0)
        m_deferredPerOrigin.erase(count);
    ++m_deferredVersion;
    return m_deferred.erase(it);
}

void FeedbackBook::restoreDeferred(std::deque<BookDelta> deferred)
{
    m_deferred = std::move(deferred);
    m_deferredPerOrigin.clear();
    for (const BookDelta &delta : m_deferred)
        ++m_deferredPerOrigin[originOf(delta)];
}

std::size_t FeedbackBook::deferredCount(const ReplicaId &origin) const
{
    const auto it = m_deferredPerOrigin.find(origin);
    return it == m_deferredPerOrigin.end() ? 0 : it->second;
}

std::vector<crdt::Dot> FeedbackBook::awaitedDots() const
{
    std::vector<crdt::Dot> out;
    for (const BookDelta &delta : m_deferred) {
        delta.forEachContextDot([&](const crdt::Dot &d) {
            if (!m_map.context().contains(d) && !delta.minted.contains(d))
                out.push_back(d);
        });
        // An edit that overwrites nothing still waits for its record's creation.
        for (const auto &[id, record] : delta.entries)
            if (!record.creation && !m_map.context().contains(id))
                out.push_back(id);
    }
    std::sort(out.begin(), out.end());
    out.erase(std::unique(out.begin(), out.end()), out.end());
    return out;
}

bool FeedbackBook::awaitsAny(const std::vector<crdt::Dot> &sorted, const ReplicaId &origin,
                             quint64 first, quint64 last)
{
    const auto it = std::lower_bound(sorted.begin(), sorted.end(), crdt::Dot{origin, first});
    return it != sorted.end() && it->replica == origin && it->counter <= last;
}

void FeedbackBook::drainDeferred()
{
    // Each pass applies what became ready; stop when a pass makes no progress.
    bool progress = true;
    while (progress && !m_deferred.empty()) {
        progress = false;
        for (auto it = m_deferred.begin(); it != m_deferred.end();) {
            if (m_map.isKnown(*it)) {
                it = eraseDeferred(it);
                progress = true;
            } else if (isReady(*it)) {
                applyReady(*it);
                it = eraseDeferred(it);
                progress = true;
            } else {
                ++it;
            }
        }
    }
}

std::optional<FeedbackRecordView> FeedbackBook::view(const RecordId &id) const
{
    const FeedbackRecordState *state = m_map.find(id);
    if (!state)
        return std::nullopt;
    return RecordReader::read(id, *state);
}

QList<RecordChange> FeedbackBook::history(const RecordId &id) const
{
    const FeedbackRecordState *state = m_map.find(id);
    return state ? RecordHistory::read(id, *state) : QList<RecordChange>();
}

QList<FeedbackRecordView> FeedbackBook::views() const
{
    QList<FeedbackRecordView> out;
    out.reserve(static_cast<qsizetype>(m_map.size()));
    for (const auto &[id, state] : m_map.entries())
        if (auto v = RecordReader::read(id, state))
            out.append(std::move(*v));
    std::sort(out.begin(), out.end(), [](const auto &a, const auto &b) {
        return a.createdAt != b.createdAt ? a.createdAt < b.createdAt : a.id < b.id;
    });
    return out;
}

} // namespace feedback
