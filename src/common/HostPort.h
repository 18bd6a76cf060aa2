// "HOST:PORT" as people type it on a command line or in a settings field: the host may be a
// name, an IPv4 address or a bracketed IPv6 one ("[::1]:47300"); the port is 0..65535. What each
// caller accepts beyond that (port 0, host names) is its own rule.
#pragma once
#include <QString>

#include <optional>

namespace feedback {

struct HostPort
{
    QString host; // without the brackets of an IPv6 address
    quint16 port = 0;
};

// nullopt without a colon, with an empty host, or a port that is not a number up to 65535.
std::optional<HostPort> splitHostPort(const QString &text);

} // namespace feedback
