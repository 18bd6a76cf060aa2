#include "RecordFieldCodec.h"

#include "BookCodec.h"
#include "OpaqueCbor.h"
#include "RecordFieldKeys.h"
#include "Validation.h"

#include <algorithm>

namespace feedback {

using namespace fieldcodec;

namespace {

// Field keys are small integers; anything else (a float key included) is refused.
qint64 fieldKey(CborReader &in)
{
    quint64 key = 0;
    if (!in.nextIsInteger() || !in.uint(codec_limits::kMaxFieldKey, key, "field key"))
        return -1;
    return static_cast<qint64>(key);
}
// Known fields, plus the fields of newer versions this one keeps.
constexpr qsizetype kMaxFields = kLastKnownField + 1 + codec_limits::kMaxUnknownFields;

using TextRule = bool (*)(QStringView);
TextRule ruleIf(TextRules rules, TextRule rule)
{
    return rules == TextRules::Enforce ? rule : nullptr;
}

// Value decoders, one per field, each with that field's range.
auto smallUInt(quint64 lo, quint64 hi, const char *what)
{
    return [=](CborReader &in, quint8 &out) {
        quint64 x = 0;
        if (!in.uint(hi, x, what))
            return false;
        if (x < lo)
            return in.fail(QStringLiteral("%1: below %2").arg(QLatin1String(what)).arg(lo));
        out = static_cast<quint8>(x);
        return true;
    };
}
auto flag(const char *what)
{
    return [=](CborReader &in, bool &out) {
        return in.boolean(out, what);
    };
}
auto text(qsizetype maxChars, const char *what, TextRule rule)
{
    return [=](CborReader &in, std::string &out) {
        return in.text(maxChars, out, what, rule);
    };
}
// [author, text, items of newer versions...]: the items are kept as they came.
auto note(TextRules rules)
{
    return [=](CborReader &in, NoteValue &out) {
        qsizetype size = 0;
        if (!in.enterArray(2 + codec_limits::kMaxNoteExtraBytes, size, "note") ||
            (size != -1 && size < 2))
            return in.fail(QStringLiteral("note: expected [author, text, ...]"));
        return in.text(limits::kNameMaxChars, out.author, "note author",
                       ruleIf(rules, textrules::name)) &&
               in.text(limits::kNoteMaxChars, out.text, "note text",
                       ruleIf(rules, textrules::noteText)) &&
               opaque::readTail(in, codec_limits::kMaxNoteExtraBytes, out.extra,
                                "note items of a newer version") &&
               in.leave("note");
    };
}
// [by, field, from, to, field, from, to, ...]: one edit's entry of a record's history.
auto change(TextRules rules)
{
    return [=](CborReader &in, ChangeValue &out) {
        qsizetype size = 0;
        if (!in.enterArray(1 + 3 * limits::kMaxChangeFields, size, "change") ||
            (size != -1 && size % 3 != 1))
            return in.fail(QStringLiteral("change: expected [by, field, from, to, ...]"));
        if (!in.text(limits::kNameMaxChars, out.by, "change author",
                     ruleIf(rules, textrules::name)))
            return false;
        while (in.hasNext()) {
            FieldChange c;
            quint64 field = 0;
            if (!in.uint(255, field, "changed field") ||
                !in.text(limits::kChangeValueMaxChars, c.from, "value before",
                         ruleIf(rules, textrules::name)) ||
                !in.text(limits::kChangeValueMaxChars, c.to, "value after",
                         ruleIf(rules, textrules::name)))
                return false;
            c.field = static_cast<quint8>(field);
            out.changes.push_back(std::move(c));
        }
        return in.leave("change");
    };
}
bool decodeOpaque(CborReader &in, OpaqueValue &out)
{
    return opaque::read(in, codec_limits::kMaxUnknownValueBytes, out.cbor,
                        "value of a newer version's field");
}
// Where a field this version does not know goes; fails on a key outside the format's range, a
// key given twice, or too many such fields.
template <class Map> typename Map::mapped_type *unknownSlot(CborInput &in, qint64 key, Map &fields)
{
    if (key < 0 || key > codec_limits::kMaxFieldKey)
        return in.fail(QStringLiteral("record: field keys are integers 0..%1")
                           .arg(codec_limits::kMaxFieldKey)),
               nullptr;
    if (fields.size() >= static_cast<std::size_t>(codec_limits::kMaxUnknownFields))
        return in.fail(QStringLiteral("record: more than %1 fields of a newer version")
                           .arg(codec_limits::kMaxUnknownFields)),
               nullptr;
    const auto [it, inserted] = fields.try_emplace(static_cast<quint32>(key));
    if (!inserted)
        return in.fail(QStringLiteral("record: field %1 given twice").arg(key)), nullptr;
    return &it->second;
}

template <class T, class Decode>
bool decodeEntries(CborReader &in, const DotTable &table, Decode decode,
                   crdt::DotFun<Stamped<T>> &out)
{
    qsizetype size = 0;
    if (!in.enterArray(codec_limits::kMaxLeafEntries, size, "entries"))
        return false;
    std::vector<std::pair<crdt::Dot, Stamped<T>>> items;
    items.reserve(static_cast<std::size_t>(std::max<qsizetype>(size, 0)));
    while (in.hasNext()) {
        qsizetype entrySize = 0;
        crdt::Dot dot;
        Stamped<T> stamped;
        if (!in.enterArray(4, entrySize, "entry"))
            return false;
        const qsizetype pos = table.readEntryPrefix(in, entrySize, dot, stamped.at);
        if (pos < 0)
            return false;
        if (entrySize != pos + 1)
            return in.fail(QStringLiteral("entry: wrong number of items"));
        if (!decode(in, stamped.value) || !in.leave("entry"))
            return false;
        items.emplace_back(dot, std::move(stamped));
    }
    out.insertAll(std::move(items)); // one pass: a record may hold thousands of notes
    return in.leave("entries");
}
bool decodeEntries(CborReader &in, const DotTable &table, crdt::DotSet &out)
{
    qsizetype size = 0;
    if (!in.enterArray(codec_limits::kMaxLeafEntries, size, "entries"))
        return false;
    std::vector<crdt::Dot> dots;
    dots.reserve(static_cast<std::size_t>(std::max<qsizetype>(size, 0)));
    while (in.hasNext()) {
        crdt::Dot dot;
        if (!table.readDotRef(in, dot))
            return false;
        dots.push_back(dot);
    }
    out.insertAll(std::move(dots));
    return in.leave("entries");
}

template <class Store, class DecodeStore>
bool decodeLeaf(CborReader &in, const DotTable &table, DecodeStore decodeStore,
                crdt::Leaf<Store> &out)
{
    qsizetype size = 0;
    if (!in.enterTuple(2, "leaf"))
        return in.fail(QStringLiteral("leaf: expected [entries, context]"));
    if (!decodeStore(out.store))
        return false;
    for (const auto &e : out.store)
        out.context.insert(dotOf(e));
    if (!in.enterArray(codec_limits::kMaxLeafContext, size, "leaf context"))
        return false;
    while (in.hasNext()) {
        crdt::Dot dot;
        if (!table.readDotRef(in, dot))
            return false;
        out.context.insert(dot);
    }
    return in.leave("leaf context") && in.leave("leaf");
}

template <class V> bool namesOnlyItsEntries(const crdt::Leaf<crdt::DotFun<V>> &leaf)
{
    return leaf.context.size() == leaf.store.size(); // the context holds every entry's dot
}

bool decodeCreation(CborReader &in, bool withTime, RecordCreation &out)
{
    quint64 courier = 0;
    quint64 at = 0;
    if (!in.enterTuple(withTime ? 3 : 2, "creation"))
        return in.fail(QStringLiteral("creation: wrong number of items"));
    if (!in.text(limits::kOrderIdMaxChars, out.orderId, "order id", textrules::orderId))
        return in.fail(QStringLiteral("order id: empty or not printable"));
    if (!in.uint(limits::kCourierIdMax, courier, "courier id") || courier == 0)
        return in.fail(QStringLiteral("courier id: must be positive"));
    out.courierId = static_cast<quint32>(courier);
    if (withTime) {
        if (!in.uint(std::numeric_limits<qint64>::max(), at, "created at"))
            return false;
        out.createdAt = at;
    }
    return in.leave("creation");
}

} // namespace

bool RecordFieldCodec::decodeDelta(CborReader &in, const DotTable &table, const crdt::Dot &recordId,
                                   FeedbackRecordState::Delta &out)
{
    // Deltas come from other devices (or were checked on their way in): every rule applies.
    constexpr TextRules rules = TextRules::Enforce;
    qsizetype size = 0;
    if (!in.enterMap(kMaxFields, size, "record fields"))
        return false;
    auto leaf = [&](auto decodeValue, auto &target) {
        return decodeLeaf(
            in, table, [&](auto &store) { return decodeEntries(in, table, decodeValue, store); },
            target);
    };
    auto leafOf = [&](auto &target, auto decodeValue) {
        target.emplace();
        return leaf(decodeValue, *target);
    };
    while (in.hasNext()) {
        const qint64 key = fieldKey(in);
        bool ok = false;
        switch (key) {
        case kCreation: {
            const auto index = table.mintedIndex(recordId);
            out.creation.emplace();
            ok = index && decodeCreation(in, false, *out.creation);
            if (ok)
                out.creation->createdAt = table.minted()[static_cast<std::size_t>(*index)].second;
            else if (!index)
                in.fail(QStringLiteral("creation: record id is not a minted dot"));
            break;
        }
        case kRating:
            ok = leafOf(out.rating, smallUInt(1, 5, "rating"));
            break;
        case kComment:
            ok = leafOf(out.comment, text(limits::kCommentMaxChars, "comment",
                                          ruleIf(rules, textrules::comment)));
            break;
        case kPublishConsent:
            ok = leafOf(out.publishConsent, flag("consent"));
            break;
        case kNeedsFollowUp:
            ok = leafOf(out.needsFollowUp, flag("follow-up"));
            break;
        case kFollowUp:
            ok = leafOf(out.followUp, smallUInt(0, 2, "follow-up status"));
            break;
        case kAssignee:
            ok = leafOf(out.assignee,
                        text(limits::kNameMaxChars, "assignee", ruleIf(rules, textrules::name)));
            break;
        case kNotes:
            ok = leafOf(out.notes, note(rules));
            break;
        case kHistory:
            // Add-only: a leaf that names dots it holds no entry for would delete those entries
            // everywhere it is applied. An edit's leaf names its own dot only.
            ok = leafOf(out.history, change(rules));
            if (ok && !namesOnlyItsEntries(*out.history))
                ok = in.fail(QStringLiteral("history: a context beyond its entries"));
            break;
        case kContactRequested:
            ok = leafOf(out.contactRequested, flag("contact requested"));
            break;
        case kContact:
            ok = leafOf(out.contact, text(limits::kContactMaxChars, "contact",
                                          ruleIf(rules, textrules::contact)));
            break;
        case kErased:
            ok = leafOf(out.erased, smallUInt(1, ErasedField::All, "erased"));
            break;
        case kRetracted:
            out.retracted.emplace();
            ok = decodeLeaf(
                in, table, [&](crdt::DotSet &s) { return decodeEntries(in, table, s); },
                *out.retracted);
            break;
        case kReasons: {
            // Any reason code is kept, a newer catalog's too; it must only be text local input
            // could have written.
            qsizetype tags = 0;
            ok = in.enterMap(codec_limits::kMaxReasonTags, tags, "reasons");
            while (ok && in.hasNext()) {
                std::string tag;
                ok = in.text(limits::kReasonMaxChars, tag, "reason",
                             ruleIf(rules, textrules::reasonTag)) &&
                     !tag.empty() &&
                     decodeLeaf(
                         in, table, [&](crdt::DotSet &s) { return decodeEntries(in, table, s); },
                         out.reasons.elements[tag]);
            }
            ok = ok && in.leave("reasons");
            break;
        }
        default: {
            // A newer version's field: kept, with its dots and context, as an opaque register.
            auto *slot = unknownSlot(in, key, out.unknown);
            ok = slot && leaf(decodeOpaque, *slot);
            break;
        }
        }
        if (!ok)
            return in.fail(QStringLiteral("record: bad field"));
    }
    return in.leave("record fields");
}

bool RecordFieldCodec::decodeState(CborReader &in, DotTable &table, TextRules rules,
                                   FeedbackRecordState &out)
{
    qsizetype size = 0;
    if (!in.enterMap(kMaxFields, size, "record fields"))
        return false;
    auto reg = [&](auto &target, auto decodeValue) {
        std::remove_cvref_t<decltype(target.entries())> store;
        if (!decodeEntries(in, table, decodeValue, store) || store.empty())
            return in.fail(QStringLiteral("record: empty or bad register"));
        target.restore(std::move(store));
        return true;
    };
    auto dots = [&](crdt::DotSet &set) {
        return decodeEntries(in, table, set) && !set.empty();
    };
    while (in.hasNext()) {
        const qint64 key = fieldKey(in);
        bool ok = false;
        switch (key) {
        case kCreation:
            if (out.creation) // the entries read after it would take another stamp
                return in.fail(QStringLiteral("record: creation given twice"));
            out.creation.emplace();
            ok = decodeCreation(in, true, *out.creation);
            if (ok)
                table.stampHome(out.creation->createdAt);
            break;
        case kRating:
            ok = reg(out.rating, smallUInt(1, 5, "rating"));
            break;
        case kComment:
            ok = reg(out.comment,
                     text(limits::kCommentMaxChars, "comment", ruleIf(rules, textrules::comment)));
            break;
        case kPublishConsent:
            ok = reg(out.publishConsent, flag("consent"));
            break;
        case kNeedsFollowUp:
            ok = reg(out.needsFollowUp, flag("follow-up"));
            break;
        case kFollowUp:
            ok = reg(out.editDispatch().followUp, smallUInt(0, 2, "follow-up status"));
            break;
        case kAssignee:
            ok = reg(out.editDispatch().assignee,
                     text(limits::kNameMaxChars, "assignee", ruleIf(rules, textrules::name)));
            break;
        case kContactRequested:
            ok = reg(out.editContact().requested, flag("contact requested"));
            break;
        case kContact:
            ok = reg(out.editContact().details,
                     text(limits::kContactMaxChars, "contact", ruleIf(rules, textrules::contact)));
            break;
        case kErased:
            ok = reg(out.editDispatch().erased, smallUInt(1, ErasedField::All, "erased"));
            break;
        case kNotes: {
            crdt::DotFun<Stamped<NoteValue>> store;
            ok = decodeEntries(in, table, note(rules), store) && !store.empty();
            out.editDispatch().notes.restore(std::move(store));
            break;
        }
        case kHistory: {
            crdt::DotFun<Stamped<ChangeValue>> store;
            ok = decodeEntries(in, table, change(rules), store) && !store.empty();
            out.editDispatch().history.restore(std::move(store));
            break;
        }
        case kRetracted: {
            crdt::DotSet retracted;
            ok = dots(retracted);
            for (const crdt::Dot &dot : retracted)
                out.editDispatch().retracted.restore(dot);
            break;
        }
        case kReasons: {
            qsizetype tags = 0;
            ok = in.enterMap(codec_limits::kMaxReasonTags, tags, "reasons");
            while (ok && in.hasNext()) {
                std::string tag;
                crdt::DotSet tagged;
                ok = in.text(limits::kReasonMaxChars, tag, "reason",
                             ruleIf(rules, textrules::reasonTag)) &&
                     !tag.empty() && dots(tagged);
                for (const crdt::Dot &dot : tagged)
                    out.reasons.restore(tag, dot);
            }
            ok = ok && in.leave("reasons");
            break;
        }
        default: {
            auto *slot = unknownSlot(in, key, out.editUnknown().fields);
            ok = slot && reg(*slot, decodeOpaque);
            break;
        }
        }
        if (!ok)
            return in.fail(QStringLiteral("record: bad field"));
    }
    if (!in.leave("record fields"))
        return false;
    if (!out.creation)
        return in.fail(QStringLiteral("record: missing creation"));
    // A release before field 12 kept the mask as an unknown field but not the rule: its rows
    // and states may hold what the mask erased. This version drops it as it reads them.
    out.dropErased();
    return true;
}

} // namespace feedback
