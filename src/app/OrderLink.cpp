#include "OrderLink.h"

namespace feedback::app {

namespace {

// Only web addresses: a template is typed by an operator, but a "file:" or "javascript:" one
// would have the desk open whatever it names.
bool isWebUrl(const QUrl &url)
{
    const QString scheme = url.scheme().toLower();
    return url.isValid() && !url.host().isEmpty() &&
           (scheme == QLatin1String("https") || scheme == QLatin1String("http"));
}

} // namespace

QString OrderLink::problem(const QString &urlTemplate)
{
    const QString t = urlTemplate.trimmed();
    if (t.isEmpty())
        return QString();
    if (!t.contains(kPlaceholder))
        return tr("The order link must contain {orderId} where the order number goes, for "
                  "example https://orders.example/{orderId}.");
    if (!isWebUrl(QUrl(QString(t).replace(kPlaceholder, QLatin1String("1")), QUrl::StrictMode)))
        return tr("The order link must be a web address starting with https:// (or http://).");
    return QString();
}

std::optional<QUrl> OrderLink::resolve(const QString &urlTemplate, const QString &orderId)
{
    const QString t = urlTemplate.trimmed();
    if (orderId.isEmpty() || !problem(t).isEmpty() || t.isEmpty())
        return std::nullopt;
    // Everything but unreserved characters is encoded: "/", "?", "#" and "@" of an order number
    // stay inside the one path segment or query value the template put it in.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(orderId));
    QUrl url(QString(t).replace(kPlaceholder, encoded), QUrl::StrictMode);
    if (!isWebUrl(url))
        return std::nullopt;
    return url;
}

} // namespace feedback::app
