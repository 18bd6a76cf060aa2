// The feedback domain as the rest of the program sees it: inputs to mutations and read views.
#pragma once

#include "HybridLogicalClock.h"

#include <QList>
#include <QString>
#include <QStringList>
#include <QVariantList>

#include <crdt/Dot.h>
#include <optional>

namespace feedback {

// A record is identified by the dot of the mutation that created it: unique by construction.
using RecordId = crdt::Dot;
using ReplicaId = crdt::ReplicaId;

QString recordIdToString(const RecordId &id); // "<32 hex digits>-<counter>"
std::optional<RecordId> recordIdFromString(const QString &text);
QString replicaIdToString(const ReplicaId &id);

enum class FollowUpStatus : quint8
{
    Open = 0,
    InProgress = 1,
    Resolved = 2
};
QString followUpStatusName(FollowUpStatus status); // "open", "in_progress", "resolved"
std::optional<FollowUpStatus> followUpStatusFromName(const QString &name);

// What a kiosk, a field laptop or an import submits.
struct NewFeedback
{
    QString orderId;
    qint64 courierId = 0;
    int rating = 0;
    QString comment;
    QStringList reasons;
    bool publishConsent = false;
    std::optional<bool> needsFollowUp; // unset: true when rating <= 2 or contact was requested
    // The customer asked to be contacted, and how (a phone number or an e-mail address as
    // typed, optional; see ContactDetails). Kept apart from needsFollowUp, the dispatcher's flag.
    bool contactRequested = false;
    QString contact = {}; // (initialised: brace-initialisers that end before it stay valid)
};

// Personal data a dispatcher can erase for good (GDPR art. 17), as bits of one mask. An erased
// field reads as empty on every device whatever was written to it before, concurrently or after.
enum ErasedField : quint8
{
    Comment = 1,
    OrderId = 2,
    Contact = 4, // the contact details the customer left
    All = Comment | OrderId | Contact
};
QStringList erasedFieldNames(quint8 mask); // sorted JSON names: "comment", "contact", "orderId"

// One edit is one mutation (one dot), whatever number of fields it changes.
struct FeedbackEdit
{
    std::optional<int> rating;
    std::optional<QString> comment;
    std::optional<QStringList> reasons; // the new full set
    std::optional<bool> publishConsent;
    std::optional<bool> needsFollowUp;
    std::optional<bool> contactRequested;
    std::optional<QString> contact; // as typed; empty: erase the contact details
    std::optional<FollowUpStatus> followUp;
    std::optional<QString> assignee;
    std::optional<QString> noteAuthor; // with noteText: adds one note
    std::optional<QString> noteText;
    bool retract = false;
    quint8 erase = 0; // ErasedField bits to erase
    // Who makes it, for the record's history: the dispatcher's or the device's name (may be
    // empty; then the history names the device). Not a change by itself, and never a reason to
    // refuse one: the history keeps it cut to the name rule (RecordHistory).
    QString by = {};

    bool isEmpty() const
    {
        return !rating && !comment && !reasons && !publishConsent && !needsFollowUp &&
               !contactRequested && !contact && !followUp && !assignee && !noteText && !retract &&
               erase == 0;
    }
};

// One line of a record's history (RecordHistory::read): one field one edit changed.
struct RecordChange
{
    Hlc at = 0;
    ReplicaId device; // the device that wrote it
    QString by;       // the name it carried, or empty
    QString field;    // the JSON field name; "created" for the record's creation
    QString from;     // RecordHistory's form: "4", "resolved", "true", a name; "changed", "erased"
    QString to;
    bool operator==(const RecordChange &) const = default;
};

struct FeedbackNote
{
    QString author;
    QString text;
    Hlc at = 0;
    bool operator==(const FeedbackNote &) const = default;
};

// A field edited concurrently on several devices: every value, display winner first, in an
// order that is the same on every device.
// Who wrote one of the concurrent values, and when (the HLC of the write).
struct ValueOrigin
{
    ReplicaId device;
    Hlc at = 0;
    bool operator==(const ValueOrigin &) const = default;
};

struct FieldConflict
{
    QString field; // the JSON field name, e.g. "rating"
    QVariantList values;
    QList<ValueOrigin> origins; // one per value, same order
    bool operator==(const FieldConflict &) const = default;
};

struct FeedbackRecordView
{
    RecordId id;
    QString orderId;
    quint32 courierId = 0;
    int rating = 0;
    QString comment;
    QStringList reasons; // sorted
    bool publishConsent = false;
    bool needsFollowUp = false;
    bool contactRequested = false;
    QString contact; // ContactDetails' stored form ("tel:+49...", "mailto:..."), or empty
    bool contactErased = false; // a dispatcher erased the contact details
    Hlc createdAt = 0;
    ReplicaId origin;
    std::optional<FollowUpStatus> followUp;
    QString assignee;
    QList<FeedbackNote> notes; // oldest first
    bool retracted = false;
    QStringList erased;             // erasedFieldNames(): what reads as empty because it was erased
    QList<FieldConflict> conflicts; // ordered by field name

    bool operator==(const FeedbackRecordView &) const = default;
};

} // namespace feedback
