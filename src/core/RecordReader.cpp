#include "RecordReader.h"

#include <algorithm>
#include <vector>

namespace feedback {

namespace {

QString fromUtf8(const std::string &s)
{
    return QString::fromUtf8(s.data(), static_cast<qsizetype>(s.size()));
}

// Entries ordered display winner first: highest HLC, then highest device id, then counter.
template <class T>
std::vector<const std::pair<crdt::Dot, Stamped<T>> *> ranked(const Register<T> &reg)
{
    std::vector<const std::pair<crdt::Dot, Stamped<T>> *> out;
    for (const auto &entry : reg.entries())
        out.push_back(&entry);
    std::sort(out.begin(), out.end(), [](const auto *a, const auto *b) {
        if (a->second.at != b->second.at)
            return a->second.at > b->second.at;
        return a->first > b->first;
    });
    return out;
}

// Reads one register: returns the display value and records a conflict when there are several.
// `pick` may override the winner for domain rules (consent: withdrawal wins, ...).
template <class T, class Convert, class Pick>
auto readRegister(const Register<T> &reg, const QString &field, QList<FieldConflict> &conflicts,
                  Convert convert, Pick pick) -> decltype(convert(T{}))
{
    const auto entries = ranked(reg);
    if (entries.empty())
        return decltype(convert(T{})){};
    std::vector<T> values;
    for (const auto *entry : entries)
        values.push_back(entry->second.value);
    const T winner = pick(values);
    if (entries.size() > 1) {
        // Display winner first (a domain rule may pick one that is not the newest), then the
        // others newest first: the same order on every device. Each value keeps the device
        // and time that wrote it, so people can tell which one they are keeping.
        const auto winnerAt = std::find(values.begin(), values.end(), winner) - values.begin();
        std::vector<std::size_t> order(entries.size());
        for (std::size_t i = 0; i < order.size(); ++i)
            order[i] = i;
        std::rotate(order.begin(), order.begin() + winnerAt, order.begin() + winnerAt + 1);
        FieldConflict conflict{field, {}, {}};
        for (const std::size_t i : order) {
            conflict.values.append(QVariant::fromValue(convert(values[i])));
            conflict.origins.append({entries[i]->first.replica, entries[i]->second.at});
        }
        conflicts.append(conflict);
    }
    return convert(winner);
}

template <class T> T first(const std::vector<T> &values)
{
    return values.front();
}

} // namespace

std::optional<FeedbackRecordView> RecordReader::read(const RecordId &id,
                                                     const FeedbackRecordState &state)
{
    if (!state.creation)
        return std::nullopt;
    FeedbackRecordView v;
    v.id = id;
    v.origin = id.replica;
    const quint8 erasedMask = state.erasedMask();
    v.erased = erasedFieldNames(erasedMask);
    v.orderId = (erasedMask & ErasedField::OrderId) ? QString() : fromUtf8(state.creation->orderId);
    v.courierId = state.creation->courierId;
    v.createdAt = state.creation->createdAt;

    QList<FieldConflict> conflicts;
    const auto asInt = [](quint8 x) {
        return static_cast<int>(x);
    };
    const auto asBool = [](bool x) {
        return x;
    };
    const auto asText = [](const std::string &s) {
        return fromUtf8(s);
    };
    const auto asStatus = [](quint8 x) {
        return followUpStatusName(static_cast<FollowUpStatus>(std::min<quint8>(x, 2)));
    };

    v.rating =
        readRegister(state.rating, QStringLiteral("rating"), conflicts, asInt, first<quint8>);
    v.comment = readRegister(state.comment, QStringLiteral("comment"), conflicts, asText,
                             first<std::string>);
    // Consent: any concurrent withdrawal wins. Follow-up needed: any concurrent "yes" wins.
    v.publishConsent =
        readRegister(state.publishConsent, QStringLiteral("publishConsent"), conflicts, asBool,
                     [](const std::vector<bool> &values) {
                         return std::find(values.begin(), values.end(), false) == values.end();
                     });
    v.needsFollowUp =
        readRegister(state.needsFollowUp, QStringLiteral("needsFollowUp"), conflicts, asBool,
                     [](const std::vector<bool> &values) {
                         return std::find(values.begin(), values.end(), true) != values.end();
                     });
    // The customer's own request: any concurrent withdrawal wins, as with consent. The details:
    // any concurrent erasure wins (the empty text), so erased details are never shown.
    const ContactFields &contact = state.contact();
    v.contactRequested =
        readRegister(contact.requested, QStringLiteral("contactRequested"), conflicts, asBool,
                     [](const std::vector<bool> &values) {
                         return std::find(values.begin(), values.end(), false) == values.end();
                     });
    v.contact = readRegister(contact.details, QStringLiteral("contact"), conflicts, asText,
                             [](const std::vector<std::string> &values) {
                                 const auto erased = std::find(values.begin(), values.end(), "");
                                 return erased != values.end() ? *erased : values.front();
                             });
    v.contactErased =
        (erasedMask & ErasedField::Contact) || (!contact.details.empty() && v.contact.isEmpty());
    const DispatchFields &dispatch = state.dispatch();
    const QString status = readRegister(dispatch.followUp, QStringLiteral("followUp"), conflicts,
                                        asStatus, first<quint8>);
    if (!status.isEmpty())
        v.followUp = followUpStatusFromName(status);
    else if (v.needsFollowUp)
        v.followUp = FollowUpStatus::Open; // nobody has acted on it yet
    v.assignee = readRegister(dispatch.assignee, QStringLiteral("assignee"), conflicts, asText,
                              first<std::string>);
    v.retracted = dispatch.retracted.read();
    for (const auto &entry : state.reasons.entries())
        v.reasons.append(fromUtf8(entry.first));
    for (const auto &[dot, note] : dispatch.notes.entries())
        v.notes.append({fromUtf8(note.value.author), fromUtf8(note.value.text), note.at});
    std::stable_sort(v.notes.begin(), v.notes.end(),
                     [](const auto &a, const auto &b) { return a.at < b.at; });

    std::sort(conflicts.begin(), conflicts.end(),
              [](const auto &a, const auto &b) { return a.field < b.field; });
    v.conflicts = conflicts;
    return v;
}

} // namespace feedback
