// One feedback record as a causal CRDT: a product of registers, a flag and sets that all share
// the book's causal context. Text is kept as UTF-8 std::string to keep 100,000 records small.
#pragma once

#include "HybridLogicalClock.h"

#include <crdt/AWORSet.h>
#include <crdt/AddOnlySet.h>
#include <crdt/EWFlag.h>
#include <crdt/MVRegister.h>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace feedback {

// A value together with the HLC of the mutation that wrote it (for display order).
template <class T> struct Stamped
{
    Hlc at = 0;
    T value{};
    auto operator<=>(const Stamped &) const = default;
    bool operator==(const Stamped &) const = default;
};

struct NoteValue
{
    std::string author;
    std::string text;
    // Items a newer version added after [author, text], as the CBOR encoding of an array of
    // them (empty: none). Kept as they came and written back, never shown.
    std::string extra = {};
    auto operator<=>(const NoteValue &) const = default;
    bool operator==(const NoteValue &) const = default;
};

// One field one edit changed, as its writer saw it: the value before and after, in the form
// RecordHistory reads (a number, a status name, a name, "true"). Text a customer typed is never
// copied here, only that it changed (ARCHITECTURE.md, "Record history").
struct FieldChange
{
    quint8 field = 0; // RecordFieldKeys' key of the field
    std::string from;
    std::string to;
    auto operator<=>(const FieldChange &) const = default;
    bool operator==(const FieldChange &) const = default;
};

// One entry of a record's history: what one edit (one dot) changed, and who made it.
struct ChangeValue
{
    std::string by; // the dispatcher's or device's name at the time; may be empty
    std::vector<FieldChange> changes;
    auto operator<=>(const ChangeValue &) const = default;
    bool operator==(const ChangeValue &) const = default;
};

// Fields fixed at creation. Every replica receives them from the same creation delta; should
// two ever differ (forged data), the smaller wins everywhere, so replicas still converge.
struct RecordCreation
{
    std::string orderId;
    quint32 courierId = 0;
    Hlc createdAt = 0;
    auto operator<=>(const RecordCreation &) const = default;
    bool operator==(const RecordCreation &) const = default;
};

template <class T> using Register = crdt::MVRegister<Stamped<T>>;

// The value of a field this version does not know: its CBOR encoding as this version writes it
// (no tags allowed, so decoding and encoding again give the same bytes on every device).
struct OpaqueValue
{
    std::string cbor;
    auto operator<=>(const OpaqueValue &) const = default;
    bool operator==(const OpaqueValue &) const = default;
};

// Fields a newer version wrote, by field key. Each is kept as a multi-value register of opaque
// values: its entries carry their dots and its deltas their contexts like any known field, so
// joins, overwrites and conflicts resolve as on the version that knows the field (see
// ARCHITECTURE.md, forward compatibility). Allocated only for records that have some.
struct UnknownFields
{
    std::map<quint32, Register<OpaqueValue>> fields;
    bool empty() const { return fields.empty(); }
    bool operator==(const UnknownFields &) const = default;
};

// Fields only a dispatcher touches. Most records never get any, so they live in a block that is
// allocated on first use (an empty register still costs its inline slot).
struct DispatchFields
{
    Register<quint8> followUp; // FollowUpStatus; empty = derived from needsFollowUp
    Register<std::string> assignee;
    crdt::EWFlag retracted;
    crdt::AddOnlySet<Stamped<NoteValue>> notes;
    // ErasedField bits. Read as the union of every value held: an erase writes the union it has
    // seen plus its own bits, so no bit once written is ever lost (a grow-only mask). A device
    // of an earlier version keeps it as an unknown register and passes it on.
    Register<quint8> erased;
    // What each edit changed (an add-only log, one entry per edit dot; RecordHistory).
    crdt::AddOnlySet<Stamped<ChangeValue>> history;

    bool empty() const
    {
        return followUp.empty() && assignee.empty() && retracted.empty() && notes.empty() &&
               erased.empty() && history.empty();
    }
    quint8 erasedMask() const
    {
        quint8 mask = 0;
        for (const auto &entry : erased.entries())
            mask |= entry.second.value;
        return mask;
    }
    bool operator==(const DispatchFields &) const = default;
};

// What a customer gives when asking to be contacted: the request (withdrawal wins, as with
// consent) and the details (ContactDetails' stored form; "" once a dispatcher erased them).
// Few records have any, so like the dispatcher fields they live in a block allocated on first
// use. The codec writes them as fields 10 and 11 (RecordFieldKeys.h).
struct ContactFields
{
    Register<bool> requested;
    Register<std::string> details;

    bool empty() const { return requested.empty() && details.empty(); }
    bool operator==(const ContactFields &) const = default;
};

struct FeedbackRecordState
{
    struct Delta
    {
        std::optional<RecordCreation> creation;
        std::optional<Register<quint8>::Delta> rating;
        std::optional<Register<std::string>::Delta> comment;
        std::optional<Register<bool>::Delta> publishConsent;
        std::optional<Register<bool>::Delta> needsFollowUp;
        std::optional<Register<quint8>::Delta> followUp;
        std::optional<Register<std::string>::Delta> assignee;
        std::optional<crdt::EWFlag::Delta> retracted;
        crdt::AWORSet<std::string>::Delta reasons;
        std::optional<crdt::AddOnlySet<Stamped<NoteValue>>::Delta> notes;
        std::optional<Register<bool>::Delta> contactRequested;
        std::optional<Register<std::string>::Delta> contact;
        std::optional<Register<quint8>::Delta> erased;
        std::optional<crdt::AddOnlySet<Stamped<ChangeValue>>::Delta> history;
        std::map<quint32, Register<OpaqueValue>::Delta> unknown; // fields of a newer version

        void join(const Delta &other);
        bool empty() const;
        bool touchesDispatch() const
        {
            return followUp || assignee || retracted || notes || erased || history;
        }
        bool touchesContact() const { return contactRequested || contact; }
        template <class F> void forEachContextDot(F &&f) const
        {
            forEachLeaf([&f](const auto &leaf) { leaf.forEachContextDot(f); });
            reasons.forEachContextDot(f);
        }
        template <class F> void forEachLeaf(F &&f) const
        {
            auto visit = [&f](const auto &leaf) {
                if (leaf)
                    f(*leaf);
            };
            visit(rating), visit(comment), visit(publishConsent), visit(needsFollowUp);
            visit(followUp), visit(assignee), visit(retracted), visit(notes);
            visit(contactRequested), visit(contact), visit(erased), visit(history);
            for (const auto &entry : unknown)
                f(entry.second);
        }
        bool operator==(const Delta &) const = default;
    };

    FeedbackRecordState() = default;
    FeedbackRecordState(const FeedbackRecordState &other);
    FeedbackRecordState(FeedbackRecordState &&) noexcept = default;
    FeedbackRecordState &operator=(const FeedbackRecordState &other);
    FeedbackRecordState &operator=(FeedbackRecordState &&) noexcept = default;

    std::optional<RecordCreation> creation;
    Register<quint8> rating;
    Register<std::string> comment;
    Register<bool> publishConsent;
    Register<bool> needsFollowUp;
    crdt::AWORSet<std::string> reasons;

    // Read access to the dispatcher fields (an empty block when none were ever written).
    const DispatchFields &dispatch() const;
    // Write access; allocates the block. Call pruneDispatch() after a change that may empty it.
    DispatchFields &editDispatch();
    void pruneDispatch();
    // The customer's contact request and details, alike (allocated on first write).
    const ContactFields &contact() const;
    ContactFields &editContact();
    void pruneContact();
    // Fields of a newer version (an empty set when there are none), and write access to them.
    const UnknownFields &unknown() const;
    UnknownFields &editUnknown();

    // The ErasedField bits set on this record (0 for almost all).
    quint8 erasedMask() const { return m_dispatch ? m_dispatch->erasedMask() : 0; }
    // Drops every value of the erased fields (the order id becomes kErasedOrderId). Every join
    // and apply ends with it, so replicas converge on states without the erased text.
    void dropErased();
    // What an erased order id reads as in the stored form: one space, printable and smaller
    // than any real order id, so devices of an earlier version (which keep the smaller
    // creation of two) converge on it too when they join a newer device's state.
    static constexpr const char *kErasedOrderId = " ";

    void apply(const Delta &delta, const crdt::CausalContext &mine);
    void join(const FeedbackRecordState &other, const crdt::CausalContext &mine,
              const crdt::CausalContext &theirs);
    bool empty() const;

    // Every dot held by any field (used to check decoded states against their context).
    template <class F> void forEachDot(F &&f) const
    {
        auto entries = [&f](const auto &store) {
            for (const auto &entry : store)
                f(entry.first);
        };
        const DispatchFields &d = dispatch();
        entries(rating.entries()), entries(comment.entries()), entries(publishConsent.entries());
        entries(needsFollowUp.entries()), entries(d.followUp.entries());
        entries(d.assignee.entries()), entries(d.notes.entries());
        entries(contact().requested.entries()), entries(contact().details.entries());
        entries(d.erased.entries()), entries(d.history.entries());
        for (const crdt::Dot &dot : d.retracted.dots())
            f(dot);
        for (const auto &element : reasons.entries())
            for (const crdt::Dot &dot : element.second)
                f(dot);
        for (const auto &field : unknown().fields)
            entries(field.second.entries());
    }

    // Every timestamp held by the record (creation and every stamped value).
    template <class F> void forEachStamp(F &&f) const
    {
        if (creation)
            f(creation->createdAt);
        auto stamps = [&f](const auto &store) {
            for (const auto &entry : store)
                f(entry.second.at);
        };
        const DispatchFields &d = dispatch();
        stamps(rating.entries()), stamps(comment.entries()), stamps(publishConsent.entries());
        stamps(needsFollowUp.entries()), stamps(d.followUp.entries());
        stamps(d.assignee.entries()), stamps(d.notes.entries());
        stamps(contact().requested.entries()), stamps(contact().details.entries());
        stamps(d.erased.entries()), stamps(d.history.entries());
        for (const auto &field : unknown().fields)
            stamps(field.second.entries());
    }

    // True when some field holds concurrent values (cheap: no display values are built).
    bool hasConflict() const
    {
        const DispatchFields &d = dispatch();
        return rating.isConflict() || comment.isConflict() || publishConsent.isConflict() ||
               needsFollowUp.isConflict() || d.followUp.isConflict() || d.assignee.isConflict() ||
               contact().requested.isConflict() || contact().details.isConflict();
    }

    bool operator==(const FeedbackRecordState &other) const;

private:
    void applyUnknown(const Delta &delta, const crdt::CausalContext &mine);
    void joinUnknown(const FeedbackRecordState &other, const crdt::CausalContext &mine,
                     const crdt::CausalContext &theirs);

    std::unique_ptr<DispatchFields> m_dispatch;
    std::unique_ptr<ContactFields> m_contact;
    std::unique_ptr<UnknownFields> m_unknown;
};

} // namespace feedback
