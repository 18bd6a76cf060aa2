#include "FeedbackRecordState.h"

#include "FeedbackTypes.h"

namespace feedback {

namespace {

template <class Leaf> void joinOptional(std::optional<Leaf> &mine, const std::optional<Leaf> &other)
{
    if (!other)
        return;
    if (mine)
        mine->join(*other);
    else
        mine = other;
}

void joinCreation(std::optional<RecordCreation> &mine, const std::optional<RecordCreation> &other)
{
    if (other && (!mine || *other < *mine))
        mine = other;
}

template <class Crdt, class Leaf>
void applyOptional(Crdt &field, const std::optional<Leaf> &leaf, const crdt::CausalContext &ctx)
{
    if (leaf)
        field.apply(*leaf, ctx);
}

} // namespace

void FeedbackRecordState::Delta::join(const Delta &other)
{
    joinCreation(creation, other.creation);
    joinOptional(rating, other.rating);
    joinOptional(comment, other.comment);
    joinOptional(publishConsent, other.publishConsent);
    joinOptional(needsFollowUp, other.needsFollowUp);
    joinOptional(followUp, other.followUp);
    joinOptional(assignee, other.assignee);
    joinOptional(retracted, other.retracted);
    reasons.join(other.reasons);
    joinOptional(notes, other.notes);
    joinOptional(contactRequested, other.contactRequested);
    joinOptional(contact, other.contact);
    joinOptional(erased, other.erased);
    joinOptional(history, other.history);
    for (const auto &[key, leaf] : other.unknown) {
        const auto [it, inserted] = unknown.try_emplace(key, leaf);
        if (!inserted)
            it->second.join(leaf);
    }
}

bool FeedbackRecordState::Delta::empty() const
{
    bool any = creation.has_value() || !reasons.empty(); // forEachLeaf visits `unknown` too
    forEachLeaf([&any](const auto &) { any = true; });
    return !any;
}

FeedbackRecordState::FeedbackRecordState(const FeedbackRecordState &other)
    : creation(other.creation)
    , rating(other.rating)
    , comment(other.comment)
    , publishConsent(other.publishConsent)
    , needsFollowUp(other.needsFollowUp)
    , reasons(other.reasons)
    , m_dispatch(other.m_dispatch ? std::make_unique<DispatchFields>(*other.m_dispatch) : nullptr)
    , m_contact(other.m_contact ? std::make_unique<ContactFields>(*other.m_contact) : nullptr)
    , m_unknown(other.m_unknown ? std::make_unique<UnknownFields>(*other.m_unknown) : nullptr)
{}

FeedbackRecordState &FeedbackRecordState::operator=(const FeedbackRecordState &other)
{
    if (this != &other)
        *this = FeedbackRecordState(other);
    return *this;
}

const DispatchFields &FeedbackRecordState::dispatch() const
{
    static const DispatchFields kNone;
    return m_dispatch ? *m_dispatch : kNone;
}

DispatchFields &FeedbackRecordState::editDispatch()
{
    if (!m_dispatch)
        m_dispatch = std::make_unique<DispatchFields>();
    return *m_dispatch;
}

void FeedbackRecordState::pruneDispatch()
{
    if (m_dispatch && m_dispatch->empty())
        m_dispatch.reset();
}

const ContactFields &FeedbackRecordState::contact() const
{
    static const ContactFields kNone;
    return m_contact ? *m_contact : kNone;
}

ContactFields &FeedbackRecordState::editContact()
{
    if (!m_contact)
        m_contact = std::make_unique<ContactFields>();
    return *m_contact;
}

void FeedbackRecordState::pruneContact()
{
    if (m_contact && m_contact->empty())
        m_contact.reset();
}

const UnknownFields &FeedbackRecordState::unknown() const
{
    static const UnknownFields kNone;
    return m_unknown ? *m_unknown : kNone;
}

UnknownFields &FeedbackRecordState::editUnknown()
{
    if (!m_unknown)
        m_unknown = std::make_unique<UnknownFields>();
    return *m_unknown;
}

void FeedbackRecordState::applyUnknown(const Delta &delta, const crdt::CausalContext &mine)
{
    if (delta.unknown.empty())
        return;
    auto &fields = editUnknown().fields;
    for (const auto &[key, leaf] : delta.unknown) {
        auto &reg = fields[key];
        reg.apply(leaf, mine);
        if (reg.empty())
            fields.erase(key);
    }
    if (fields.empty())
        m_unknown.reset();
}

void FeedbackRecordState::joinUnknown(const FeedbackRecordState &other,
                                      const crdt::CausalContext &mine,
                                      const crdt::CausalContext &theirs)
{
    if (!m_unknown && !other.m_unknown)
        return;
    // A field one side lacks is joined with an empty register, as ORMap joins a missing key:
    // its entries survive unless the other side has seen (and so removed) their dots.
    static const Register<OpaqueValue> kEmpty;
    const auto &theirFields = other.unknown().fields;
    auto &fields = editUnknown().fields;
    for (auto &[key, reg] : fields) {
        const auto it = theirFields.find(key);
        reg.join(it == theirFields.end() ? kEmpty : it->second, mine, theirs);
    }
    for (const auto &[key, reg] : theirFields) {
        if (fields.count(key))
            continue;
        Register<OpaqueValue> fresh;
        fresh.join(reg, mine, theirs);
        fields.emplace(key, std::move(fresh));
    }
    std::erase_if(fields, [](const auto &entry) { return entry.second.empty(); });
    if (fields.empty())
        m_unknown.reset();
}

bool FeedbackRecordState::operator==(const FeedbackRecordState &other) const
{
    return creation == other.creation && rating == other.rating && comment == other.comment &&
           publishConsent == other.publishConsent && needsFollowUp == other.needsFollowUp &&
           reasons == other.reasons && dispatch() == other.dispatch() &&
           contact() == other.contact() && unknown() == other.unknown();
}

void FeedbackRecordState::apply(const Delta &delta, const crdt::CausalContext &mine)
{
    joinCreation(creation, delta.creation);
    applyOptional(rating, delta.rating, mine);
    applyOptional(comment, delta.comment, mine);
    applyOptional(publishConsent, delta.publishConsent, mine);
    applyOptional(needsFollowUp, delta.needsFollowUp, mine);
    reasons.apply(delta.reasons, mine);
    if (delta.touchesDispatch()) {
        DispatchFields &d = editDispatch();
        applyOptional(d.followUp, delta.followUp, mine);
        applyOptional(d.assignee, delta.assignee, mine);
        applyOptional(d.retracted, delta.retracted, mine);
        applyOptional(d.notes, delta.notes, mine);
        applyOptional(d.erased, delta.erased, mine);
        applyOptional(d.history, delta.history, mine);
        pruneDispatch();
    }
    if (delta.touchesContact()) {
        ContactFields &c = editContact();
        applyOptional(c.requested, delta.contactRequested, mine);
        applyOptional(c.details, delta.contact, mine);
        pruneContact();
    }
    applyUnknown(delta, mine);
    dropErased();
}

void FeedbackRecordState::join(const FeedbackRecordState &other, const crdt::CausalContext &mine,
                               const crdt::CausalContext &theirs)
{
    if (&other == this)
        return;
    joinCreation(creation, other.creation);
    rating.join(other.rating, mine, theirs);
    comment.join(other.comment, mine, theirs);
    publishConsent.join(other.publishConsent, mine, theirs);
    needsFollowUp.join(other.needsFollowUp, mine, theirs);
    reasons.join(other.reasons, mine, theirs);
    if (m_dispatch || other.m_dispatch) {
        const DispatchFields &o = other.dispatch();
        DispatchFields &d = editDispatch();
        d.followUp.join(o.followUp, mine, theirs);
        d.assignee.join(o.assignee, mine, theirs);
        d.retracted.join(o.retracted, mine, theirs);
        d.notes.join(o.notes, mine, theirs);
        d.erased.join(o.erased, mine, theirs);
        d.history.join(o.history, mine, theirs);
        pruneDispatch();
    }
    if (m_contact || other.m_contact) {
        const ContactFields &o = other.contact();
        ContactFields &c = editContact();
        c.requested.join(o.requested, mine, theirs);
        c.details.join(o.details, mine, theirs);
        pruneContact();
    }
    joinUnknown(other, mine, theirs);
    dropErased();
}

void FeedbackRecordState::dropErased()
{
    const quint8 mask = erasedMask();
    if (mask == 0)
        return;
    if (mask & ErasedField::Comment)
        comment.dropAll();
    // (A std::string, not the literal: GCC 12 at -O2 warns falsely of -Wrestrict on that.)
    if (mask & ErasedField::OrderId && creation)
        creation->orderId = std::string(kErasedOrderId);
    if (mask & ErasedField::Contact && m_contact) {
        m_contact->details.dropAll();
        pruneContact();
    }
}

bool FeedbackRecordState::empty() const
{
    return !creation && rating.empty() && comment.empty() && publishConsent.empty() &&
           needsFollowUp.empty() && reasons.empty() && dispatch().empty() && contact().empty() &&
           unknown().empty();
}

} // namespace feedback
