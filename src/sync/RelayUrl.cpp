#include "RelayUrl.h"

#include <QHostAddress>

namespace feedback::sync::RelayUrl {

bool isLoopback(const QUrl &url)
{
    const QString host = url.host();
    if (host.compare(QLatin1String("localhost"), Qt::CaseInsensitive) == 0)
        return true;
    const QHostAddress address(host);
    return !address.isNull() && address.isLoopback();
}

Status check(const QString &url, bool allowInsecure)
{
    const QUrl parsed(url);
    if (parsed.scheme().compare(QLatin1String("ws"), Qt::CaseInsensitive) != 0 || allowInsecure ||
        isLoopback(parsed))
        return Ok{};
    return Status::failure(QStringLiteral("ws:// sends everything unencrypted to %1; use wss:// "
                                          "or pass --insecure")
                               .arg(parsed.host()),
                           ErrorKind::BadData);
}

} // namespace feedback::sync::RelayUrl
