#include "DotRenaming.h"

namespace feedback {

namespace {

// Stores are rebuilt rather than edited in place: a renamed dot may sort elsewhere.
template <class V>
crdt::DotFun<V> renamedStore(const crdt::DotFun<V> &store, const DotRenaming &rename)
{
    crdt::DotFun<V> out;
    for (const auto &[dot, value] : store)
        out.insert(rename(dot), value);
    return out;
}

crdt::DotSet renamedStore(const crdt::DotSet &store, const DotRenaming &rename)
{
    crdt::DotSet out;
    for (const crdt::Dot &dot : store)
        out.insert(rename(dot));
    return out;
}

crdt::DotList renamedList(const crdt::DotList &list, const DotRenaming &rename)
{
    crdt::DotList out;
    for (const crdt::Dot &dot : list)
        out.insert(rename(dot));
    return out;
}

template <class Store> void renameLeaf(crdt::Leaf<Store> &leaf, const DotRenaming &rename)
{
    leaf.store = renamedStore(leaf.store, rename);
    leaf.context = renamedList(leaf.context, rename);
}

template <class Leaf> void renameOptional(std::optional<Leaf> &leaf, const DotRenaming &rename)
{
    if (leaf)
        renameLeaf(*leaf, rename);
}

template <class V>
crdt::MVRegister<V> renamedRegister(const crdt::MVRegister<V> &reg, const DotRenaming &rename)
{
    crdt::MVRegister<V> out;
    for (const auto &[dot, value] : reg.entries())
        out.restore(rename(dot), value);
    return out;
}

} // namespace

DotRenaming::DotRenaming(const ReplicaId &from, quint64 keptUpTo, const ReplicaId &to, quint64 base)
    : m_from(from)
    , m_keptUpTo(keptUpTo)
    , m_to(to)
    , m_base(base)
{}

crdt::Dot DotRenaming::operator()(const crdt::Dot &dot) const
{
    return renames(dot) ? crdt::Dot{m_to, m_base + (dot.counter - m_keptUpTo)} : dot;
}

crdt::CausalContext DotRenaming::context(const crdt::CausalContext &context) const
{
    crdt::CausalContext out;
    for (const auto &[replica, upTo] : context.versionVector()) {
        if (replica != m_from) {
            out.insertUpTo(replica, upTo);
            continue;
        }
        out.insertUpTo(replica, std::min<std::uint64_t>(upTo, m_keptUpTo));
        for (std::uint64_t counter = m_keptUpTo + 1; counter <= upTo; ++counter)
            out.insert((*this)(crdt::Dot{replica, counter}));
    }
    for (const crdt::Dot &dot : context.cloud())
        out.insert((*this)(dot));
    return out;
}

bool DotRenaming::touches(const FeedbackRecordState &record) const
{
    bool any = false;
    record.forEachDot([&](const crdt::Dot &dot) { any = any || renames(dot); });
    return any;
}

FeedbackRecordState DotRenaming::record(const FeedbackRecordState &record) const
{
    FeedbackRecordState out = record; // creation and whatever else carries no dot stays as is
    out.rating = renamedRegister(record.rating, *this);
    out.comment = renamedRegister(record.comment, *this);
    out.publishConsent = renamedRegister(record.publishConsent, *this);
    out.needsFollowUp = renamedRegister(record.needsFollowUp, *this);
    out.reasons = {};
    for (const auto &[element, dots] : record.reasons.entries())
        for (const crdt::Dot &dot : dots)
            out.reasons.restore(element, (*this)(dot));
    const DispatchFields &from = record.dispatch();
    if (!from.empty()) {
        DispatchFields &to = out.editDispatch();
        to.followUp = renamedRegister(from.followUp, *this);
        to.assignee = renamedRegister(from.assignee, *this);
        to.retracted = {};
        for (const crdt::Dot &dot : from.retracted.dots())
            to.retracted.restore((*this)(dot));
        to.notes = {};
        for (const auto &[dot, note] : from.notes.entries())
            to.notes.restore((*this)(dot), note);
        to.erased = renamedRegister(from.erased, *this);
        to.history = {};
        for (const auto &[dot, change] : from.history.entries())
            to.history.restore((*this)(dot), change);
    }
    if (!record.contact().empty()) {
        ContactFields &to = out.editContact();
        to.requested = renamedRegister(record.contact().requested, *this);
        to.details = renamedRegister(record.contact().details, *this);
    }
    // Fields of a newer version carry dots like any other: a dot left unrenamed would name the
    // old identity's mutation, which after renumbering is another record's.
    for (const auto &[key, reg] : record.unknown().fields)
        out.editUnknown().fields[key] = renamedRegister(reg, *this);
    return out;
}

BookDelta DotRenaming::delta(const BookDelta &delta) const
{
    BookDelta out = delta;
    out.minted = renamedList(delta.minted, *this);
    out.entries.clear();
    for (const auto &[id, entry] : delta.entries) {
        FeedbackRecordState::Delta renamed = entry;
        renameOptional(renamed.rating, *this);
        renameOptional(renamed.comment, *this);
        renameOptional(renamed.publishConsent, *this);
        renameOptional(renamed.needsFollowUp, *this);
        renameOptional(renamed.followUp, *this);
        renameOptional(renamed.assignee, *this);
        renameOptional(renamed.retracted, *this);
        renameOptional(renamed.notes, *this);
        renameOptional(renamed.contactRequested, *this);
        renameOptional(renamed.contact, *this);
        renameOptional(renamed.erased, *this);
        renameOptional(renamed.history, *this);
        for (auto &field : renamed.unknown)
            renameLeaf(field.second, *this);
        for (auto &element : renamed.reasons.elements)
            renameLeaf(element.second, *this);
        out.entries.emplace((*this)(id), std::move(renamed));
    }
    return out;
}

BookMap DotRenaming::state(const BookMap &state) const
{
    BookMap out;
    out.restoreContext() = context(state.context());
    for (const auto &[id, record] : state.entries())
        out.restoreEntry((*this)(id)) = touches(record) ? this->record(record) : record;
    return out;
}

} // namespace feedback
