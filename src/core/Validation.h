// Rules every submission and edit passes before anything is stored, with messages a person
// can act on. The same limits and the same text rules (textrules below) bound what the
// decoders accept from disk and network, so that a remote value never holds what local input
// could not, and the codec reads back everything local input may write.
#pragma once

#include "FeedbackTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

#include <common/CharacterCount.h> // characterCount: length in code points, not UTF-16 units

namespace feedback {

namespace limits {
constexpr int kOrderIdMaxChars = 64;
constexpr int kCommentMaxChars = 2000;
constexpr int kNameMaxChars = 100; // assignee, note author
constexpr int kNoteMaxChars = 2000;
constexpr int kReasonMaxChars = 32;
constexpr int kMaxReasons = 16;
constexpr qint64 kCourierIdMax = 0xFFFFFFFF;
constexpr int kContactMaxChars = 7 + 254; // stored form: "mailto:" and an address (ContactDetails)
// Notes a device lets a record grow to. Notes are an add-only set: devices that add while
// offline add up, so the decoder reads several times this many (codec_limits::kMaxLeafEntries).
constexpr int kMaxNotes = 1000;
// A record's history (RecordHistory): the edits a device logs on one record, the fields one
// entry names, and the length of a value in it (longer ones, a long list of reasons, are cut).
constexpr int kMaxHistory = 1000;
constexpr int kMaxChangeFields = 14; // every field an edit can change, the erasures included
constexpr int kChangeValueMaxChars = 60;
static_assert(kChangeValueMaxChars <= kNameMaxChars); // values are read with the name rule
} // namespace limits

struct FieldError
{
    QString field; // JSON name of the field: "orderId", "rating", ...
    QString message;
    bool operator==(const FieldError &) const = default;
};

class ReasonCatalog
{
public:
    ReasonCatalog(); // the default catalog
    explicit ReasonCatalog(QStringList tags);

    static QStringList defaultTags();
    bool contains(const QString &tag) const { return m_tags.contains(tag); }
    const QStringList &tags() const { return m_tags; }

private:
    QStringList m_tags;
};

// What an edit is checked against besides its own values: the record as this device has it.
struct EditTarget
{
    qsizetype notes = 0;
    // Reasons the record holds: kept in a new set even when not in this catalog (a reason code
    // of a newer version, written by another device, is not this user's to lose).
    QStringList reasons;
    bool hasContact = false; // contact details (or concurrent values) an erasure would settle
    quint8 erased = 0;       // ErasedField bits already erased: never written again
};

class FeedbackValidator
{
public:
    explicit FeedbackValidator(ReasonCatalog catalog = ReasonCatalog());

    QList<FieldError> validate(const NewFeedback &input) const;
    QList<FieldError> validate(const FeedbackEdit &edit, const EditTarget &target = {}) const;

    static QString summary(const QList<FieldError> &errors); // one line per error
    // Why `typed` is neither a phone number nor an e-mail address (ContactDetails), or nothing.
    static std::optional<QString> contactProblem(const QString &typed);
    const ReasonCatalog &catalog() const { return m_catalog; }

private:
    void checkRating(int rating, QList<FieldError> &errors) const;
    void checkComment(const QString &comment, QList<FieldError> &errors) const;
    void checkReasons(const QStringList &reasons, const QStringList &present,
                      QList<FieldError> &errors) const;

    ReasonCatalog m_catalog;
};

bool isPrintable(QStringView text);
// Printable characters plus line breaks and tabs (comments and notes). No CR, ESC or NUL.
bool isFreeText(QStringView text);

// The whole rule of each text field, length included: FeedbackValidator refuses local input
// that breaks one, BookCodec refuses a remote delta that carries one.
namespace textrules {
bool orderId(QStringView text);   // 1..64 characters, printable
bool comment(QStringView text);   // at most 2,000 characters of free text
bool name(QStringView text);      // assignee, note author: at most 100, printable; may be empty
bool noteText(QStringView text);  // free text, 1..2,000 characters, not only blanks
bool reasonTag(QStringView text); // 1..32 characters, printable
bool contact(QStringView text);   // ContactDetails' stored form, or empty (erased)
} // namespace textrules

} // namespace feedback
