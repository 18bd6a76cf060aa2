#include "RecordFieldCodec.h"

#include "BookCodec.h"
#include "OpaqueCbor.h"
#include "RecordFieldKeys.h"
#include "Validation.h"

namespace feedback {

using namespace fieldcodec;

namespace {

// Field keys are small integers; anything else (a float key included) is refused.
qint64 fieldKey(const QCborValue &key)
{
    return key.isInteger() ? key.toInteger() : -1;
}
// Known fields, plus the fields of newer versions this one keeps.
constexpr qsizetype kMaxFields = kLastKnownField + 1 + codec_limits::kMaxUnknownFields;

using TextRule = bool (*)(const QString &);
TextRule ruleIf(TextRules rules, TextRule rule)
{
    return rules == TextRules::Enforce ? rule : nullptr;
}

// Value decoders, one per field, each with that field's range.
auto smallUInt(quint64 lo, quint64 hi, const char *what)
{
    return [=](CborInput &in, const QCborValue &v, quint8 &out) {
        quint64 x = 0;
        if (!in.uint(v, hi, x, what))
            return false;
        if (x < lo)
            return in.fail(QStringLiteral("%1: below %2").arg(QLatin1String(what)).arg(lo));
        out = static_cast<quint8>(x);
        return true;
    };
}
auto flag(const char *what)
{
    return [=](CborInput &in, const QCborValue &v, bool &out) {
        return in.boolean(v, out, what);
    };
}
auto text(qsizetype maxChars, const char *what, TextRule rule)
{
    return [=](CborInput &in, const QCborValue &v, std::string &out) {
        return in.text(v, maxChars, out, what, rule);
    };
}
// [author, text, items of newer versions...]: the items are kept as they came.
auto note(TextRules rules)
{
    return [=](CborInput &in, const QCborValue &v, NoteValue &out) {
        QCborArray items;
        if (!in.array(v, 2 + codec_limits::kMaxNoteExtraBytes, items, "note") || items.size() < 2)
            return in.fail(QStringLiteral("note: expected [author, text, ...]"));
        return in.text(items.at(0), limits::kNameMaxChars, out.author, "note author",
                       ruleIf(rules, textrules::name)) &&
               in.text(items.at(1), limits::kNoteMaxChars, out.text, "note text",
                       ruleIf(rules, textrules::noteText)) &&
               opaque::readTail(in, items, 2, codec_limits::kMaxNoteExtraBytes, out.extra,
                                "note items of a newer version");
    };
}
// [by, field, from, to, field, from, to, ...]: one edit's entry of a record's history.
auto change(TextRules rules)
{
    return [=](CborInput &in, const QCborValue &v, ChangeValue &out) {
        QCborArray items;
        if (!in.array(v, 1 + 3 * limits::kMaxChangeFields, items, "change") ||
            items.size() % 3 != 1)
            return in.fail(QStringLiteral("change: expected [by, field, from, to, ...]"));
        if (!in.text(items.at(0), limits::kNameMaxChars, out.by, "change author",
                     ruleIf(rules, textrules::name)))
            return false;
        for (qsizetype i = 1; i < items.size(); i += 3) {
            FieldChange c;
            quint64 field = 0;
            if (!in.uint(items.at(i), 255, field, "changed field") ||
                !in.text(items.at(i + 1), limits::kChangeValueMaxChars, c.from, "value before",
                         ruleIf(rules, textrules::name)) ||
                !in.text(items.at(i + 2), limits::kChangeValueMaxChars, c.to, "value after",
                         ruleIf(rules, textrules::name)))
                return false;
            c.field = static_cast<quint8>(field);
            out.changes.push_back(std::move(c));
        }
        return true;
    };
}
bool decodeOpaque(CborInput &in, const QCborValue &v, OpaqueValue &out)
{
    return opaque::read(in, v, codec_limits::kMaxUnknownValueBytes, out.cbor,
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
bool decodeEntries(CborInput &in, const QCborValue &v, const DotTable &table, Decode decode,
                   crdt::DotFun<Stamped<T>> &out)
{
    QCborArray entries;
    if (!in.array(v, codec_limits::kMaxLeafEntries, entries, "entries"))
        return false;
    std::vector<std::pair<crdt::Dot, Stamped<T>>> items;
    items.reserve(static_cast<std::size_t>(entries.size()));
    for (const QCborValue &item : entries) {
        QCborArray entry;
        crdt::Dot dot;
        Stamped<T> stamped;
        if (!in.array(item, 4, entry, "entry"))
            return false;
        const qsizetype pos = table.readEntryPrefix(in, entry, dot, stamped.at);
        if (pos < 0)
            return false;
        if (entry.size() != pos + 1)
            return in.fail(QStringLiteral("entry: wrong number of items"));
        if (!decode(in, entry.at(pos), stamped.value))
            return false;
        items.emplace_back(dot, std::move(stamped));
    }
    out.insertAll(std::move(items)); // one pass: a record may hold thousands of notes
    return true;
}
bool decodeEntries(CborInput &in, const QCborValue &v, const DotTable &table, crdt::DotSet &out)
{
    QCborArray entries;
    if (!in.array(v, codec_limits::kMaxLeafEntries, entries, "entries"))
        return false;
    std::vector<crdt::Dot> dots;
    dots.reserve(static_cast<std::size_t>(entries.size()));
    for (const QCborValue &item : entries) {
        crdt::Dot dot;
        if (!table.readDotRef(in, item, dot))
            return false;
        dots.push_back(dot);
    }
    out.insertAll(std::move(dots));
    return true;
}

template <class Store, class DecodeStore>
bool decodeLeaf(CborInput &in, const QCborValue &v, const DotTable &table, DecodeStore decodeStore,
                crdt::Leaf<Store> &out)
{
    QCborArray pair;
    QCborArray extra;
    if (!in.array(v, 2, pair, "leaf") || pair.size() != 2)
        return in.fail(QStringLiteral("leaf: expected [entries, context]"));
    if (!decodeStore(pair.at(0), out.store))
        return false;
    for (const auto &e : out.store)
        out.context.insert(dotOf(e));
    if (!in.array(pair.at(1), codec_limits::kMaxLeafContext, extra, "leaf context"))
        return false;
    for (const QCborValue &item : extra) {
        crdt::Dot dot;
        if (!table.readDotRef(in, item, dot))
            return false;
        out.context.insert(dot);
    }
    return true;
}

template <class V> bool namesOnlyItsEntries(const crdt::Leaf<crdt::DotFun<V>> &leaf)
{
    return leaf.context.size() == leaf.store.size(); // the context holds every entry's dot
}

bool decodeCreation(CborInput &in, const QCborValue &v, bool withTime, RecordCreation &out)
{
    QCborArray arr;
    quint64 courier = 0;
    quint64 at = 0;
    const qsizetype expected = withTime ? 3 : 2;
    if (!in.array(v, 3, arr, "creation") || arr.size() != expected)
        return in.fail(QStringLiteral("creation: wrong number of items"));
    if (!in.text(arr.at(0), limits::kOrderIdMaxChars, out.orderId, "order id"))
        return false;
    if (!textrules::orderId(QString::fromStdString(out.orderId)))
        return in.fail(QStringLiteral("order id: empty or not printable"));
    if (!in.uint(arr.at(1), limits::kCourierIdMax, courier, "courier id") || courier == 0)
        return in.fail(QStringLiteral("courier id: must be positive"));
    out.courierId = static_cast<quint32>(courier);
    if (withTime) {
        if (!in.uint(arr.at(2), std::numeric_limits<qint64>::max(), at, "created at"))
            return false;
        out.createdAt = at;
    }
    return true;
}

} // namespace

bool RecordFieldCodec::decodeDelta(CborInput &in, const QCborValue &v, const DotTable &table,
                                   const crdt::Dot &recordId, FeedbackRecordState::Delta &out)
{
    // Deltas come from other devices (or were checked on their way in): every rule applies.
    constexpr TextRules rules = TextRules::Enforce;
    QCborMap fields;
    if (!in.map(v, kMaxFields, fields, "record fields"))
        return false;
    auto leaf = [&](auto decodeValue, const QCborValue &value, auto &target) {
        return decodeLeaf(
            in, value, table,
            [&](const QCborValue &entries, auto &store) {
                return decodeEntries(in, entries, table, decodeValue, store);
            },
            target);
    };
    auto leafOf = [&](auto &target, auto decodeValue, const QCborValue &value) {
        target.emplace();
        return leaf(decodeValue, value, *target);
    };
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QCborValue &value = it.value();
        const qint64 key = fieldKey(it.key());
        bool ok = false;
        switch (key) {
        case kCreation: {
            const auto index = table.mintedIndex(recordId);
            out.creation.emplace();
            ok = index && decodeCreation(in, value, false, *out.creation);
            if (ok)
                out.creation->createdAt = table.minted()[static_cast<std::size_t>(*index)].second;
            else if (!index)
                in.fail(QStringLiteral("creation: record id is not a minted dot"));
            break;
        }
        case kRating:
            ok = leafOf(out.rating, smallUInt(1, 5, "rating"), value);
            break;
        case kComment:
            ok =
                leafOf(out.comment,
                       text(limits::kCommentMaxChars, "comment", ruleIf(rules, textrules::comment)),
                       value);
            break;
        case kPublishConsent:
            ok = leafOf(out.publishConsent, flag("consent"), value);
            break;
        case kNeedsFollowUp:
            ok = leafOf(out.needsFollowUp, flag("follow-up"), value);
            break;
        case kFollowUp:
            ok = leafOf(out.followUp, smallUInt(0, 2, "follow-up status"), value);
            break;
        case kAssignee:
            ok = leafOf(out.assignee,
                        text(limits::kNameMaxChars, "assignee", ruleIf(rules, textrules::name)),
                        value);
            break;
        case kNotes:
            ok = leafOf(out.notes, note(rules), value);
            break;
        case kHistory:
            // Add-only: a leaf that names dots it holds no entry for would delete those entries
            // everywhere it is applied. An edit's leaf names its own dot only.
            ok = leafOf(out.history, change(rules), value);
            if (ok && !namesOnlyItsEntries(*out.history))
                ok = in.fail(QStringLiteral("history: a context beyond its entries"));
            break;
        case kContactRequested:
            ok = leafOf(out.contactRequested, flag("contact requested"), value);
            break;
        case kContact:
            ok =
                leafOf(out.contact,
                       text(limits::kContactMaxChars, "contact", ruleIf(rules, textrules::contact)),
                       value);
            break;
        case kErased:
            ok = leafOf(out.erased, smallUInt(1, ErasedField::All, "erased"), value);
            break;
        case kRetracted:
            out.retracted.emplace();
            ok = decodeLeaf(
                in, value, table,
                [&](const QCborValue &e, crdt::DotSet &s) {
                    return decodeEntries(in, e, table, s);
                },
                *out.retracted);
            break;
        case kReasons: {
            // Any reason code is kept, a newer catalog's too; it must only be text local input
            // could have written.
            QCborMap reasons;
            ok = in.map(value, codec_limits::kMaxReasonTags, reasons, "reasons");
            for (auto r = reasons.constBegin(); ok && r != reasons.constEnd(); ++r) {
                std::string tag;
                ok = in.text(r.key(), limits::kReasonMaxChars, tag, "reason",
                             ruleIf(rules, textrules::reasonTag)) &&
                     !tag.empty() &&
                     decodeLeaf(
                         in, r.value(), table,
                         [&](const QCborValue &e, crdt::DotSet &s) {
                             return decodeEntries(in, e, table, s);
                         },
                         out.reasons.elements[tag]);
            }
            break;
        }
        default: {
            // A newer version's field: kept, with its dots and context, as an opaque register.
            auto *slot = unknownSlot(in, key, out.unknown);
            ok = slot && leaf(decodeOpaque, value, *slot);
            break;
        }
        }
        if (!ok)
            return in.fail(QStringLiteral("record: bad field"));
    }
    return true;
}

bool RecordFieldCodec::decodeState(CborInput &in, const QCborValue &v, const DotTable &table,
                                   TextRules rules, FeedbackRecordState &out)
{
    QCborMap fields;
    if (!in.map(v, kMaxFields, fields, "record fields"))
        return false;
    auto reg = [&](auto &target, auto decodeValue, const QCborValue &value) {
        std::remove_cvref_t<decltype(target.entries())> store;
        if (!decodeEntries(in, value, table, decodeValue, store) || store.empty())
            return in.fail(QStringLiteral("record: empty or bad register"));
        target.restore(store);
        return true;
    };
    for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
        const QCborValue &value = it.value();
        const qint64 key = fieldKey(it.key());
        bool ok = false;
        switch (key) {
        case kCreation:
            out.creation.emplace();
            ok = decodeCreation(in, value, true, *out.creation);
            break;
        case kRating:
            ok = reg(out.rating, smallUInt(1, 5, "rating"), value);
            break;
        case kComment:
            ok = reg(out.comment,
                     text(limits::kCommentMaxChars, "comment", ruleIf(rules, textrules::comment)),
                     value);
            break;
        case kPublishConsent:
            ok = reg(out.publishConsent, flag("consent"), value);
            break;
        case kNeedsFollowUp:
            ok = reg(out.needsFollowUp, flag("follow-up"), value);
            break;
        case kFollowUp:
            ok = reg(out.editDispatch().followUp, smallUInt(0, 2, "follow-up status"), value);
            break;
        case kAssignee:
            ok =
                reg(out.editDispatch().assignee,
                    text(limits::kNameMaxChars, "assignee", ruleIf(rules, textrules::name)), value);
            break;
        case kContactRequested:
            ok = reg(out.editContact().requested, flag("contact requested"), value);
            break;
        case kContact:
            ok = reg(out.editContact().details,
                     text(limits::kContactMaxChars, "contact", ruleIf(rules, textrules::contact)),
                     value);
            break;
        case kErased:
            ok = reg(out.editDispatch().erased, smallUInt(1, ErasedField::All, "erased"), value);
            break;
        case kNotes: {
            crdt::DotFun<Stamped<NoteValue>> store;
            ok = decodeEntries(in, value, table, note(rules), store) && !store.empty();
            out.editDispatch().notes.restore(store);
            break;
        }
        case kHistory: {
            crdt::DotFun<Stamped<ChangeValue>> store;
            ok = decodeEntries(in, value, table, change(rules), store) && !store.empty();
            out.editDispatch().history.restore(store);
            break;
        }
        case kRetracted: {
            crdt::DotSet dots;
            ok = decodeEntries(in, value, table, dots) && !dots.empty();
            for (const crdt::Dot &dot : dots)
                out.editDispatch().retracted.restore(dot);
            break;
        }
        case kReasons: {
            QCborMap reasons;
            ok = in.map(value, codec_limits::kMaxReasonTags, reasons, "reasons");
            for (auto r = reasons.constBegin(); ok && r != reasons.constEnd(); ++r) {
                std::string tag;
                crdt::DotSet dots;
                ok = in.text(r.key(), limits::kReasonMaxChars, tag, "reason",
                             ruleIf(rules, textrules::reasonTag)) &&
                     !tag.empty() && decodeEntries(in, r.value(), table, dots) && !dots.empty();
                for (const crdt::Dot &dot : dots)
                    out.reasons.restore(tag, dot);
            }
            break;
        }
        default: {
            auto *slot = unknownSlot(in, key, out.editUnknown().fields);
            ok = slot && reg(*slot, decodeOpaque, value);
            break;
        }
        }
        if (!ok)
            return in.fail(QStringLiteral("record: bad field"));
    }
    if (!out.creation)
        return in.fail(QStringLiteral("record: missing creation"));
    // A release before field 12 kept the mask as an unknown field but not the rule: its rows
    // and states may hold what the mask erased. This version drops it as it reads them.
    out.dropErased();
    return true;
}

} // namespace feedback
