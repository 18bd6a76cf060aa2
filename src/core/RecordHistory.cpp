#include "RecordHistory.h"

#include "RecordFieldKeys.h"
#include "RecordReader.h"
#include "Validation.h"

#include <algorithm>

namespace feedback {

using namespace fieldcodec;

namespace {

// What the decoders read back on every device: printable (a value stored before the text rules,
// an assignee with an escape sequence, say, gets U+FFFD in its place) and at most `maxChars`
// code points (cut at a code point, never inside a surrogate pair; "…" marks the cut).
std::string cut(const QString &value, int maxChars = limits::kChangeValueMaxChars)
{
    QList<uint> points = value.toUcs4();
    for (uint &c : points)
        if (!QChar::isPrint(c))
            c = QChar::ReplacementCharacter;
    const bool longer = points.size() > maxChars;
    if (longer)
        points.resize(maxChars - 1);
    QString out =
        QString::fromUcs4(reinterpret_cast<const char32_t *>(points.constData()), points.size());
    if (longer)
        out.append(QChar(0x2026));
    return out.toStdString();
}

QString flag(bool on)
{
    return on ? QStringLiteral("true") : QStringLiteral("false");
}

class ChangeList
{
public:
    explicit ChangeList(const FeedbackRecordView &before)
        : m_before(before)
    {}
    // Logged when the value changes, or when the field held concurrent values: writing one of
    // them again is how a conflict is resolved, and that is a change to show.
    void add(FieldKey key, const QString &from, const QString &to)
    {
        if (from != to || inConflict(key))
            logged(key, from, to);
    }
    // Logged whatever the values (text fields log "" → "changed" each time).
    void logged(FieldKey key, const QString &from, const QString &to)
    {
        m_value.changes.push_back({static_cast<quint8>(key), cut(from), cut(to)});
    }
    ChangeValue take(const QString &by)
    {
        // Who made it is no change of its own: a name the rules refuse is made readable, never
        // a reason to refuse the edit.
        m_value.by = cut(by, limits::kNameMaxChars);
        if (m_value.changes.size() > static_cast<std::size_t>(limits::kMaxChangeFields))
            m_value.changes.resize(limits::kMaxChangeFields); // cannot happen: one per field
        return std::move(m_value);
    }

private:
    bool inConflict(FieldKey key) const
    {
        const QString name = RecordHistory::fieldName(static_cast<quint8>(key));
        return std::any_of(m_before.conflicts.begin(), m_before.conflicts.end(),
                           [&name](const FieldConflict &c) { return c.field == name; });
    }

    const FeedbackRecordView &m_before;
    ChangeValue m_value;
};

// The status as the desk shows it: unset reads "open" while the record needs a follow-up.
QString statusName(const FeedbackRecordView &view)
{
    if (view.followUp)
        return followUpStatusName(*view.followUp);
    return view.needsFollowUp ? followUpStatusName(FollowUpStatus::Open) : QString();
}

} // namespace

ChangeValue RecordHistory::describe(const FeedbackRecordView &before, const FeedbackEdit &edit)
{
    const QString changed = QLatin1String(kChanged);
    const QString erased = QLatin1String(kErased);
    ChangeList list(before);
    if (edit.rating)
        list.add(kRating, QString::number(before.rating), QString::number(*edit.rating));
    if (edit.comment && *edit.comment != before.comment)
        list.logged(kComment, QString(), changed);
    if (edit.reasons) {
        QStringList wanted = *edit.reasons;
        wanted.removeDuplicates();
        wanted.sort();
        list.add(kReasons, before.reasons.join(QStringLiteral(", ")),
                 wanted.join(QStringLiteral(", ")));
    }
    if (edit.publishConsent)
        list.add(kPublishConsent, flag(before.publishConsent), flag(*edit.publishConsent));
    if (edit.needsFollowUp)
        list.add(kNeedsFollowUp, flag(before.needsFollowUp), flag(*edit.needsFollowUp));
    if (edit.contactRequested)
        list.add(kContactRequested, flag(before.contactRequested), flag(*edit.contactRequested));
    if (edit.contact)
        list.logged(kContact, QString(), edit.contact->trimmed().isEmpty() ? erased : changed);
    if (edit.followUp)
        list.add(kFollowUp, statusName(before), followUpStatusName(*edit.followUp));
    if (edit.assignee)
        list.add(kAssignee, before.assignee, *edit.assignee); // as stored
    if (edit.noteText)
        list.add(kNotes, QString(), QLatin1String(kAdded));
    if (edit.retract && !before.retracted)
        list.add(kRetracted, flag(false), flag(true));
    // An erasure is logged for the fields it emptied (a record without contact details loses
    // none when "all" is erased).
    auto erase = [&](ErasedField bit, FieldKey key, const QString &name, bool held) {
        if ((edit.erase & bit) && held && !before.erased.contains(name))
            list.logged(key, QString(), erased);
    };
    erase(ErasedField::Comment, kComment, QStringLiteral("comment"), !before.comment.isEmpty());
    erase(ErasedField::Contact, kContact, QStringLiteral("contact"), !before.contact.isEmpty());
    erase(ErasedField::OrderId, kCreation, QStringLiteral("orderId"), true);
    return list.take(edit.by.trimmed());
}

std::optional<ChangeValue> RecordHistory::entryFor(const RecordId &id,
                                                   const FeedbackRecordState &record,
                                                   const FeedbackEdit &edit)
{
    if (record.dispatch().history.size() >= static_cast<std::size_t>(limits::kMaxHistory))
        return std::nullopt;
    const auto before = RecordReader::read(id, record);
    if (!before)
        return std::nullopt;
    ChangeValue value = describe(*before, edit);
    if (value.changes.empty())
        return std::nullopt;
    return value;
}

QList<RecordChange> RecordHistory::read(const RecordId &id, const FeedbackRecordState &state)
{
    QList<RecordChange> out;
    const auto &entries = state.dispatch().history.entries();
    out.reserve(static_cast<qsizetype>(entries.size()) + 1);
    if (state.creation)
        out.append({state.creation->createdAt, id.replica, QString(), QLatin1String(kCreated),
                    QString(), QString()});
    struct Logged
    {
        Hlc at;
        const crdt::Dot *dot;
        const ChangeValue *value;
    };
    std::vector<Logged> logged;
    logged.reserve(entries.size());
    for (const auto &[dot, stamped] : entries)
        logged.push_back({stamped.at, &dot, &stamped.value});
    std::sort(logged.begin(), logged.end(), [](const Logged &a, const Logged &b) {
        return a.at != b.at ? a.at < b.at : *a.dot < *b.dot;
    });
    for (const Logged &entry : logged) {
        const QString by = QString::fromStdString(entry.value->by);
        for (const FieldChange &c : entry.value->changes)
            out.append({entry.at, entry.dot->replica, by, fieldName(c.field),
                        QString::fromStdString(c.from), QString::fromStdString(c.to)});
    }
    return out;
}

QString RecordHistory::fieldName(quint8 key)
{
    switch (key) {
    case kCreation:
        return QStringLiteral("orderId");
    case kRating:
        return QStringLiteral("rating");
    case kComment:
        return QStringLiteral("comment");
    case kPublishConsent:
        return QStringLiteral("publishConsent");
    case kNeedsFollowUp:
        return QStringLiteral("needsFollowUp");
    case kFollowUp:
        return QStringLiteral("followUp");
    case kAssignee:
        return QStringLiteral("assignee");
    case kRetracted:
        return QStringLiteral("retracted");
    case kReasons:
        return QStringLiteral("reasons");
    case kNotes:
        return QStringLiteral("note");
    case kContactRequested:
        return QStringLiteral("contactRequested");
    case kContact:
        return QStringLiteral("contact");
    default:
        return QStringLiteral("field%1").arg(key);
    }
}

} // namespace feedback
