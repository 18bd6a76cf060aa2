// The one rule for relay URLs that the CLI and the app share: plain ws:// only to a relay on
// this machine (loopback), unless the operator allowed it; anything else travels over wss://.
#pragma once

#include <QString>
#include <QUrl>

#include <common/Result.h>

namespace feedback::sync::RelayUrl {

// 127.0.0.0/8, ::1 (also as ::ffff:127.x.y.z) or "localhost".
bool isLoopback(const QUrl &url);

// Ok for wss://, for ws:// to loopback, and for any ws:// when `allowInsecure`; the refusal
// says what to do. Does not judge malformed URLs (SyncClient::isRelayUrl does).
Status check(const QString &url, bool allowInsecure);

} // namespace feedback::sync::RelayUrl
