// Rules every submission and edit passes before anything is stored, with messages a person
// can act on. The same limits bound what the decoders accept from disk and network.
#pragma once

#include "FeedbackTypes.h"

#include <QList>
#include <QString>
#include <QStringList>

namespace feedback {

namespace limits {
constexpr int kOrderIdMaxChars = 64;
constexpr int kCommentMaxChars = 2000;
constexpr int kNameMaxChars = 100; // assignee, note author
constexpr int kNoteMaxChars = 2000;
constexpr int kReasonMaxChars = 32;
constexpr int kMaxReasons = 16;
constexpr qint64 kCourierIdMax = 0xFFFFFFFF;
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

class FeedbackValidator
{
public:
    explicit FeedbackValidator(ReasonCatalog catalog = ReasonCatalog());

    QList<FieldError> validate(const NewFeedback &input) const;
    QList<FieldError> validate(const FeedbackEdit &edit) const;

    static QString summary(const QList<FieldError> &errors); // one line per error
    const ReasonCatalog &catalog() const { return m_catalog; }

private:
    void checkRating(int rating, QList<FieldError> &errors) const;
    void checkComment(const QString &comment, QList<FieldError> &errors) const;
    void checkReasons(const QStringList &reasons, QList<FieldError> &errors) const;

    ReasonCatalog m_catalog;
};

// Length in characters (code points), not UTF-16 units.
qsizetype characterCount(const QString &text);
bool isPrintable(const QString &text);

} // namespace feedback
