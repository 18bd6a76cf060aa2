// The record field encoder: a record's fields (a delta's leaves or a whole state) written straight
// into a CborWriter, in the layout RecordFieldCodec.cpp decodes.
#include "OpaqueCbor.h"
#include "RecordFieldCodec.h"
#include "RecordFieldKeys.h"

#include <vector>

namespace feedback {

using namespace fieldcodec;

namespace {

// Values are written straight into the stream: no QCborValue tree is built, and text goes out as
// the UTF-8 it is stored in.
void writeText(CborWriter &w, const std::string &v)
{
    w.appendTextString(v.data(), static_cast<qsizetype>(v.size()));
}
void writeValue(CborWriter &w, quint8 v)
{
    w.append(static_cast<qint64>(v));
}
void writeValue(CborWriter &w, bool v)
{
    w.append(v);
}
void writeValue(CborWriter &w, const std::string &v)
{
    writeText(w, v);
}
void writeValue(CborWriter &w, const NoteValue &v)
{
    w.startArray(2 + static_cast<quint64>(opaque::tailSize(v.extra)));
    writeText(w, v.author);
    writeText(w, v.text);
    opaque::writeTail(w, v.extra); // a newer version's items, as they came
    w.endArray();
}
void writeValue(CborWriter &w, const ChangeValue &v)
{
    w.startArray(1 + 3 * static_cast<quint64>(v.changes.size()));
    writeText(w, v.by);
    for (const FieldChange &c : v.changes) {
        w.append(static_cast<qint64>(c.field));
        writeText(w, c.from);
        writeText(w, c.to);
    }
    w.endArray();
}
void writeValue(CborWriter &w, const OpaqueValue &v)
{
    opaque::write(w, v.cbor);
}

// [entry...]: each [dot prefix..., value] (see DotTable::entryPrefixSize).
template <class T>
bool writeEntries(CborWriter &w, const crdt::DotFun<Stamped<T>> &store, DotTable &table)
{
    w.startArray(store.size());
    for (const auto &[dot, stamped] : store) {
        const int prefix = table.entryPrefixSize(dot, stamped.at);
        if (prefix < 0)
            return false;
        w.startArray(static_cast<quint64>(prefix) + 1);
        table.writeEntryPrefix(w, dot, stamped.at);
        writeValue(w, stamped.value);
        w.endArray();
    }
    w.endArray();
    return true;
}
bool writeEntries(CborWriter &w, const crdt::DotSet &store, DotTable &table)
{
    w.startArray(store.size());
    for (const crdt::Dot &dot : store)
        table.writeDotRef(w, dot);
    w.endArray();
    return true;
}

// A delta leaf: [entries, context dots not already named by an entry].
template <class Store> bool writeLeaf(CborWriter &w, const crdt::Leaf<Store> &leaf, DotTable &table)
{
    std::vector<crdt::Dot> extra;
    for (const crdt::Dot &dot : leaf.context) {
        bool named = false;
        for (const auto &e : leaf.store)
            named = named || dotOf(e) == dot;
        if (!named)
            extra.push_back(dot);
    }
    w.startArray(2);
    if (!writeEntries(w, leaf.store, table))
        return false;
    w.startArray(extra.size());
    for (const crdt::Dot &dot : extra)
        table.writeDotRef(w, dot);
    w.endArray();
    w.endArray();
    return true;
}

template <class Leaf>
bool writeOptional(CborWriter &w, const std::optional<Leaf> &leaf, FieldKey key, DotTable &table)
{
    if (!leaf)
        return true;
    w.append(static_cast<qint64>(key));
    return writeLeaf(w, *leaf, table);
}

} // namespace

bool RecordFieldCodec::writeDelta(CborWriter &w, const FeedbackRecordState::Delta &d,
                                  DotTable &table)
{
    quint64 fields = (d.creation ? 1 : 0) + (d.reasons.empty() ? 0 : 1);
    d.forEachLeaf([&fields](const auto &) { ++fields; }); // fields of newer versions included
    w.startMap(fields);
    if (d.creation) {
        w.append(static_cast<qint64>(kCreation));
        w.startArray(2);
        writeText(w, d.creation->orderId);
        w.append(static_cast<qint64>(d.creation->courierId));
        w.endArray();
    }
    bool ok = writeOptional(w, d.rating, kRating, table) &&
              writeOptional(w, d.comment, kComment, table) &&
              writeOptional(w, d.publishConsent, kPublishConsent, table) &&
              writeOptional(w, d.needsFollowUp, kNeedsFollowUp, table) &&
              writeOptional(w, d.followUp, kFollowUp, table) &&
              writeOptional(w, d.assignee, kAssignee, table) &&
              writeOptional(w, d.retracted, kRetracted, table) &&
              writeOptional(w, d.notes, kNotes, table);
    if (ok && !d.reasons.empty()) {
        w.append(static_cast<qint64>(kReasons));
        w.startMap(d.reasons.elements.size());
        for (const auto &[tag, leaf] : d.reasons.elements) {
            writeText(w, tag);
            ok = ok && writeLeaf(w, leaf, table);
        }
        w.endMap();
    }
    // After the reasons, where a device that does not know them writes them back (as unknown).
    ok = ok && writeOptional(w, d.contactRequested, kContactRequested, table) &&
         writeOptional(w, d.contact, kContact, table) &&
         writeOptional(w, d.erased, kErased, table) && writeOptional(w, d.history, kHistory, table);
    for (auto it = d.unknown.begin(); ok && it != d.unknown.end(); ++it) {
        w.append(static_cast<qint64>(it->first));
        ok = writeLeaf(w, it->second, table);
    }
    if (ok)
        w.endMap();
    return ok; // on failure the stream is incomplete, and the caller drops it
}

void RecordFieldCodec::writeState(CborWriter &w, const FeedbackRecordState &s, DotTable &table)
{
    const DispatchFields &dispatch = s.dispatch();
    const ContactFields &contact = s.contact();
    const bool present[] = {s.rating.entries().size() > 0,
                            s.comment.entries().size() > 0,
                            s.publishConsent.entries().size() > 0,
                            s.needsFollowUp.entries().size() > 0,
                            dispatch.followUp.entries().size() > 0,
                            dispatch.assignee.entries().size() > 0,
                            dispatch.retracted.dots().size() > 0,
                            dispatch.notes.entries().size() > 0,
                            !contact.requested.empty(),
                            !contact.details.empty(),
                            !dispatch.erased.empty(),
                            !dispatch.history.empty()};
    const auto &unknown = s.unknown().fields;
    quint64 fields = (s.creation ? 1 : 0) + (s.reasons.empty() ? 0 : 1);
    for (const bool p : present)
        fields += p ? 1 : 0;
    for (const auto &field : unknown)
        fields += field.second.empty() ? 0 : 1;
    w.startMap(fields);
    if (s.creation) {
        w.append(static_cast<qint64>(kCreation));
        w.startArray(3);
        writeText(w, s.creation->orderId);
        w.append(static_cast<qint64>(s.creation->courierId));
        w.append(static_cast<qint64>(s.creation->createdAt));
        w.endArray();
    }
    auto put = [&](FieldKey key, const auto &store) {
        if (store.empty())
            return;
        w.append(static_cast<qint64>(key));
        writeEntries(w, store, table); // state mode: every entry names its dot in full
    };
    put(kRating, s.rating.entries());
    put(kComment, s.comment.entries());
    put(kPublishConsent, s.publishConsent.entries());
    put(kNeedsFollowUp, s.needsFollowUp.entries());
    put(kFollowUp, dispatch.followUp.entries());
    put(kAssignee, dispatch.assignee.entries());
    put(kRetracted, dispatch.retracted.dots());
    put(kNotes, dispatch.notes.entries());
    if (!s.reasons.empty()) {
        w.append(static_cast<qint64>(kReasons));
        w.startMap(s.reasons.entries().size());
        for (const auto &[tag, dots] : s.reasons.entries()) {
            writeText(w, tag);
            writeEntries(w, dots, table);
        }
        w.endMap();
    }
    put(kContactRequested, contact.requested.entries());
    put(kContact, contact.details.entries());
    put(kErased, dispatch.erased.entries());
    put(kHistory, dispatch.history.entries());
    for (const auto &[key, reg] : unknown) // a newer version's fields, passed on
        put(static_cast<FieldKey>(key), reg.entries());
    w.endMap();
}

} // namespace feedback
