#include "FeedbackRecordState.h"

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
}

bool FeedbackRecordState::Delta::empty() const
{
    bool any = creation.has_value() || !reasons.empty();
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

bool FeedbackRecordState::operator==(const FeedbackRecordState &other) const
{
    return creation == other.creation && rating == other.rating && comment == other.comment &&
           publishConsent == other.publishConsent && needsFollowUp == other.needsFollowUp &&
           reasons == other.reasons && dispatch() == other.dispatch();
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
        pruneDispatch();
    }
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
        pruneDispatch();
    }
}

bool FeedbackRecordState::empty() const
{
    return !creation && rating.empty() && comment.empty() && publishConsent.empty() &&
           needsFollowUp.empty() && reasons.empty() && dispatch().empty();
}

} // namespace feedback
