#include "FeedbackRecordState.h"

namespace feedback {

namespace {

template<class Leaf>
void joinOptional(std::optional<Leaf> &mine, const std::optional<Leaf> &other)
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

template<class Crdt, class Leaf>
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

void FeedbackRecordState::apply(const Delta &delta, const crdt::CausalContext &mine)
{
    joinCreation(creation, delta.creation);
    applyOptional(rating, delta.rating, mine);
    applyOptional(comment, delta.comment, mine);
    applyOptional(publishConsent, delta.publishConsent, mine);
    applyOptional(needsFollowUp, delta.needsFollowUp, mine);
    applyOptional(followUp, delta.followUp, mine);
    applyOptional(assignee, delta.assignee, mine);
    applyOptional(retracted, delta.retracted, mine);
    reasons.apply(delta.reasons, mine);
    applyOptional(notes, delta.notes, mine);
}

void FeedbackRecordState::join(const FeedbackRecordState &other, const crdt::CausalContext &mine,
                               const crdt::CausalContext &theirs)
{
    joinCreation(creation, other.creation);
    rating.join(other.rating, mine, theirs);
    comment.join(other.comment, mine, theirs);
    publishConsent.join(other.publishConsent, mine, theirs);
    needsFollowUp.join(other.needsFollowUp, mine, theirs);
    followUp.join(other.followUp, mine, theirs);
    assignee.join(other.assignee, mine, theirs);
    retracted.join(other.retracted, mine, theirs);
    reasons.join(other.reasons, mine, theirs);
    notes.join(other.notes, mine, theirs);
}

bool FeedbackRecordState::empty() const
{
    return !creation && rating.empty() && comment.empty() && publishConsent.empty()
           && needsFollowUp.empty() && followUp.empty() && assignee.empty() && retracted.empty()
           && reasons.empty() && notes.empty();
}

} // namespace feedback
