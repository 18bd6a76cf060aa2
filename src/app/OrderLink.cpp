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

bool sameSite(const QUrl &a, const QUrl &b)
{
    return a.scheme() == b.scheme() && a.host() == b.host() && a.port() == b.port() &&
           a.userInfo() == b.userInfo();
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
    const QUrl one(QString(t).replace(kPlaceholder, QLatin1String("1")), QUrl::StrictMode);
    if (!isWebUrl(one))
        return tr("The order link must be a web address starting with https:// (or http://).");
    // The order number goes into the path or the query, never into the host: a customer's text
    // must not choose the site the desk opens.
    const QUrl two(QString(t).replace(kPlaceholder, QLatin1String("2")), QUrl::StrictMode);
    if (!sameSite(one, two))
        return tr("In the order link, {orderId} must come after the host, in the path or the "
                  "query, for example https://orders.example/{orderId}.");
    return QString();
}

std::optional<QUrl> OrderLink::resolve(const QString &urlTemplate, const QString &orderId)
{
    const QString t = urlTemplate.trimmed();
    if (orderId.isEmpty() || !problem(t).isEmpty() || t.isEmpty())
        return std::nullopt;
    // "." and ".." are unreserved, stay as they are and would move up the template's path.
    if (orderId.count(QLatin1Char('.')) == orderId.size())
        return std::nullopt;
    // Everything but unreserved characters is encoded: "/", "?", "#" and "@" of an order number
    // stay inside the one path segment or query value the template put it in.
    const QString encoded = QString::fromLatin1(QUrl::toPercentEncoding(orderId));
    QUrl url(QString(t).replace(kPlaceholder, encoded), QUrl::StrictMode);
    const QUrl template1(QString(t).replace(kPlaceholder, QLatin1String("1")), QUrl::StrictMode);
    if (!isWebUrl(url) || !sameSite(url, template1))
        return std::nullopt;
    return url;
}

} // namespace feedback::app
