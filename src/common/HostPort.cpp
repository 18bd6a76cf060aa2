#include "HostPort.h"

namespace feedback {

std::optional<HostPort> splitHostPort(const QString &text)
{
    // The last colon: an IPv6 address has others before it.
    const qsizetype colon = text.lastIndexOf(QLatin1Char(':'));
    if (colon <= 0)
        return std::nullopt;
    QString host = text.left(colon);
    if (host.startsWith(QLatin1Char('[')) && host.endsWith(QLatin1Char(']')))
        host = host.mid(1, host.size() - 2);
    bool ok = false;
    const uint port = text.mid(colon + 1).toUInt(&ok);
    if (!ok || port > 65535 || host.isEmpty())
        return std::nullopt;
    return HostPort{host, static_cast<quint16>(port)};
}

} // namespace feedback
