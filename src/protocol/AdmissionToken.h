// The operator's admission token (PROTOCOL.md, "Admission"): `feedback-relay admit --token` makes
// one, the first device of a new workspace carries it in the X-Feedback-Admission header of its
// WebSocket upgrade, and the relay admits that workspace at its first good auth, once. The token
// is "cfa1-" and 32 base64url characters (24 random bytes); the relay keeps only its BLAKE2b
// hash, so its database holds nothing that admits a workspace.
#pragma once

#include <QByteArray>
#include <QString>

namespace feedback::protocol::admissiontoken {

inline constexpr char kHeader[] = "X-Feedback-Admission";

QString mint();
// The token's shape, nothing else (the relay decides whether it admits).
bool looksValid(const QString &token);
// 32 bytes; what the relay stores and looks up.
QByteArray hashOf(const QString &token);

} // namespace feedback::protocol::admissiontoken
