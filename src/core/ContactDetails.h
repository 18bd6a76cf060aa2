// How a customer who asked to be contacted can be reached: a phone number or an e-mail address.
// Checked here, for local input and for what other devices send alike, and kept in one
// normalised form that names its kind ("tel:+4930123456", "mailto:name@example.com"), so that
// every device stores, compares and shows the same text. The stored empty text means that a
// dispatcher erased the details.
#pragma once

#include <QString>

#include <optional>

namespace feedback {

class ContactDetails
{
public:
    enum class Kind
    {
        Phone,
        Email
    };
    struct Parts
    {
        Kind kind;
        QString address; // "+4930123456", "name@example.com"
    };

    // A phone number: digits with an optional leading + and spaces or dashes between them.
    static constexpr int kPhoneMinDigits = 6;
    static constexpr int kPhoneMaxDigits = 20;
    // An e-mail address of a simple local@domain.tld shape.
    static constexpr int kEmailMaxChars = 254;
    static constexpr int kEmailLocalMaxChars = 64;
    static constexpr int kDomainLabelMaxChars = 63;
    static constexpr int kStoredMaxChars = 7 + kEmailMaxChars; // "mailto:" and the address

    // The stored form of what a person typed (surrounding blanks ignored): "tel:" and the
    // digits (with the leading + if given), or "mailto:" and the address with its domain in
    // lower case; nullopt when it is neither.
    static std::optional<QString> normalise(const QString &typed);
    // Whether `text` is a stored form (or empty: erased), exactly as normalise() writes it.
    static bool isStored(const QString &text);
    // The kind and address of a stored form; nullopt for the empty text or anything else.
    static std::optional<Parts> split(const QString &stored);
};

} // namespace feedback
