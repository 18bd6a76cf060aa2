// The order number as a link into the company's order system, where the dispatcher finds the
// customer's address and the delivery. The template is the operator's ("https://orders.example/
// {orderId}"); the order number is the customer's own text, typed at a kiosk, so it is
// percent-encoded into the URL and can never add a path, a query or another host.
#pragma once
#include <QCoreApplication>
#include <QString>
#include <QUrl>

#include <optional>

namespace feedback::app {

class OrderLink
{
    Q_DECLARE_TR_FUNCTIONS(OrderLink)

public:
    static constexpr QLatin1StringView kPlaceholder{"{orderId}"};

    // Empty when the template is usable (or empty: no link), else why not, in words.
    static QString problem(const QString &urlTemplate);
    // The link for `orderId`; nullopt without a usable template or an order number.
    static std::optional<QUrl> resolve(const QString &urlTemplate, const QString &orderId);
};

} // namespace feedback::app
