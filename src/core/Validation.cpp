#include "Validation.h"

#include "ContactDetails.h"

namespace feedback {

// Each code point of `text` passes `ok` (a lone surrogate is checked as itself). Walked in
// place: decoding checks every text of a snapshot, and toUcs4() cost an allocation each.
template <typename Ok> bool everyCodePoint(QStringView text, Ok ok)
{
    for (qsizetype i = 0; i < text.size(); ++i) {
        char32_t c = text[i].unicode();
        if (QChar::isHighSurrogate(c) && i + 1 < text.size() && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            ++i;
        }
        if (!ok(c))
            return false;
    }
    return true;
}

bool isPrintable(QStringView text)
{
    return everyCodePoint(text, [](char32_t c) { return QChar::isPrint(c); });
}

// Comments and notes are free text: printable characters plus line breaks and tabs.
bool isFreeText(QStringView text)
{
    return everyCodePoint(text,
                          [](char32_t c) { return QChar::isPrint(c) || c == U'\n' || c == U'\t'; });
}

namespace textrules {
bool orderId(QStringView text)
{
    return !text.isEmpty() && characterCount(text) <= limits::kOrderIdMaxChars && isPrintable(text);
}
bool comment(QStringView text)
{
    return characterCount(text) <= limits::kCommentMaxChars && isFreeText(text);
}
bool name(QStringView text)
{
    return characterCount(text) <= limits::kNameMaxChars && isPrintable(text);
}
bool noteText(QStringView text)
{
    return !text.trimmed().isEmpty() && characterCount(text) <= limits::kNoteMaxChars &&
           isFreeText(text);
}
bool reasonTag(QStringView text)
{
    return !text.isEmpty() && characterCount(text) <= limits::kReasonMaxChars && isPrintable(text);
}
bool contact(QStringView text)
{
    return ContactDetails::isStored(text.toString());
}
} // namespace textrules

ReasonCatalog::ReasonCatalog()
    : m_tags(defaultTags())
{}

ReasonCatalog::ReasonCatalog(QStringList tags)
    : m_tags(std::move(tags))
{}

QStringList ReasonCatalog::defaultTags()
{
    return {QStringLiteral("late"),      QStringLiteral("damaged"), QStringLiteral("rude"),
            QStringLiteral("friendly"),  QStringLiteral("fast"),    QStringLiteral("wrong_address"),
            QStringLiteral("no_contact")};
}

FeedbackValidator::FeedbackValidator(ReasonCatalog catalog)
    : m_catalog(std::move(catalog))
{}

void FeedbackValidator::checkRating(int rating, QList<FieldError> &errors) const
{
    if (rating < 1 || rating > 5)
        errors.append({QStringLiteral("rating"),
                       QStringLiteral("Rating must be between 1 and 5 (got %1).").arg(rating)});
}

void FeedbackValidator::checkComment(const QString &comment, QList<FieldError> &errors) const
{
    const qsizetype n = characterCount(comment);
    if (n > limits::kCommentMaxChars)
        errors.append({QStringLiteral("comment"),
                       QStringLiteral("Comment is too long: %1 characters, at most %2.")
                           .arg(n)
                           .arg(limits::kCommentMaxChars)});
    else if (!isFreeText(comment))
        errors.append(
            {QStringLiteral("comment"), QStringLiteral("Comment contains control characters.")});
}

void FeedbackValidator::checkReasons(const QStringList &reasons, const QStringList &present,
                                     QList<FieldError> &errors) const
{
    for (const QString &tag : reasons) {
        // A catalog tag the codec could not carry (too long, control characters) is refused
        // too: what is written must read back on every device.
        if (present.contains(tag))
            continue;
        if (!m_catalog.contains(tag) || !textrules::reasonTag(tag)) {
            errors.append(
                {QStringLiteral("reasons"), QStringLiteral("Unknown reason \"%1\"; allowed: %2.")
                                                .arg(tag.left(limits::kReasonMaxChars),
                                                     m_catalog.tags().join(QStringLiteral(", ")))});
            return;
        }
    }
    QStringList distinct = reasons;
    distinct.removeDuplicates();
    if (distinct.size() > limits::kMaxReasons)
        errors.append({QStringLiteral("reasons"),
                       QStringLiteral("Too many reasons: at most %1.").arg(limits::kMaxReasons)});
}

std::optional<QString> FeedbackValidator::contactProblem(const QString &typed)
{
    if (ContactDetails::normalise(typed))
        return std::nullopt;
    return QStringLiteral("Contact must be a phone number (%1 to %2 digits, with an optional "
                          "leading + and spaces or dashes) or an e-mail address like "
                          "name@example.com (at most %3 characters).")
        .arg(ContactDetails::kPhoneMinDigits)
        .arg(ContactDetails::kPhoneMaxDigits)
        .arg(ContactDetails::kEmailMaxChars);
}

QList<FieldError> FeedbackValidator::validate(const NewFeedback &input) const
{
    QList<FieldError> errors;
    const qsizetype orderChars = characterCount(input.orderId);
    if (input.orderId.isEmpty())
        errors.append({QStringLiteral("orderId"), QStringLiteral("Order id is required.")});
    else if (orderChars > limits::kOrderIdMaxChars)
        errors.append({QStringLiteral("orderId"),
                       QStringLiteral("Order id is too long: %1 characters, at most %2.")
                           .arg(orderChars)
                           .arg(limits::kOrderIdMaxChars)});
    else if (!isPrintable(input.orderId))
        errors.append({QStringLiteral("orderId"),
                       QStringLiteral("Order id may only contain printable characters.")});
    if (input.courierId < 1 || input.courierId > limits::kCourierIdMax)
        errors.append({QStringLiteral("courierId"),
                       QStringLiteral("Courier id must be a positive number (got %1).")
                           .arg(input.courierId)});
    checkRating(input.rating, errors);
    checkComment(input.comment, errors);
    checkReasons(input.reasons, {}, errors);
    if (!input.contact.trimmed().isEmpty()) {
        // Details are the customer's answer to "how?", only ever asked after "contact me".
        if (!input.contactRequested)
            errors.append({QStringLiteral("contact"),
                           QStringLiteral("Contact details are only kept when the customer asks "
                                          "to be contacted.")});
        else if (const auto problem = contactProblem(input.contact))
            errors.append({QStringLiteral("contact"), *problem});
    }
    return errors;
}

namespace {

// An erased field stays erased: a value written after it would be dropped on every device, so it
// is refused here rather than lost silently.
void checkErasure(const FeedbackEdit &edit, quint8 erased, QList<FieldError> &errors)
{
    if (edit.erase & ~ErasedField::All)
        errors.append({QStringLiteral("erase"), QStringLiteral("Unknown field to erase.")});
    else if (edit.erase != 0 && (edit.erase & ~erased) == 0)
        errors.append({QStringLiteral("erase"), QStringLiteral("Already erased.")});
    if (edit.comment && (erased & ErasedField::Comment))
        errors.append({QStringLiteral("comment"),
                       QStringLiteral("The comment was erased; it cannot be written again.")});
    if (edit.contact && (erased & ErasedField::Contact))
        errors.append({QStringLiteral("contact"),
                       QStringLiteral("The contact details were erased; they cannot be written "
                                      "again.")});
}

} // namespace

QList<FieldError> FeedbackValidator::validate(const FeedbackEdit &edit,
                                              const EditTarget &target) const
{
    QList<FieldError> errors;
    if (edit.isEmpty())
        errors.append({QString(), QStringLiteral("Nothing to change.")});
    if (edit.rating)
        checkRating(*edit.rating, errors);
    if (edit.comment)
        checkComment(*edit.comment, errors);
    checkErasure(edit, target.erased, errors);
    if (edit.reasons)
        checkReasons(*edit.reasons, target.reasons, errors);
    if (edit.contact && !edit.contact->trimmed().isEmpty()) {
        if (const auto problem = contactProblem(*edit.contact))
            errors.append({QStringLiteral("contact"), *problem});
    } else if (edit.contact && !target.hasContact)
        errors.append({QStringLiteral("contact"),
                       QStringLiteral("This record holds no contact details to erase.")});
    if (edit.assignee && !textrules::name(*edit.assignee))
        errors.append({QStringLiteral("assignee"),
                       QStringLiteral("Assignee must be printable and at most %1 characters.")
                           .arg(limits::kNameMaxChars)});
    if (edit.noteText) {
        const QString &text = *edit.noteText;
        if (text.trimmed().isEmpty())
            errors.append({QStringLiteral("notes"), QStringLiteral("A note cannot be empty.")});
        else if (!textrules::noteText(text))
            errors.append({QStringLiteral("notes"),
                           QStringLiteral("A note must be printable text of at most %1 characters.")
                               .arg(limits::kNoteMaxChars)});
        if (target.notes >= limits::kMaxNotes)
            errors.append({QStringLiteral("notes"),
                           QStringLiteral("This record already holds %1 notes, the most it can "
                                          "take; no more can be added.")
                               .arg(target.notes)});
        const QString author = edit.noteAuthor.value_or(QString());
        if (!textrules::name(author))
            errors.append({QStringLiteral("notes"),
                           QStringLiteral("A note's author must be printable and at most %1 "
                                          "characters.")
                               .arg(limits::kNameMaxChars)});
    }
    return errors;
}

QString FeedbackValidator::summary(const QList<FieldError> &errors)
{
    QStringList lines;
    for (const FieldError &e : errors)
        lines.append(e.field.isEmpty() ? e.message : e.field + QStringLiteral(": ") + e.message);
    return lines.join(QLatin1Char('\n'));
}

} // namespace feedback
