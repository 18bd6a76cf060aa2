// The relay operator's admission token (protocol/AdmissionToken.h) that a new workspace's first
// device brings to its relay: sealed in the store from `feedbackctl init --admission-token` (or
// the app's first start) until the relay welcomes the device, when the workspace is admitted; then
// emptied, since it admits nothing any more.
#pragma once

#include <store/SettingKey.h>

namespace feedback::sync {

inline const store::StoredKey<QByteArray> kAdmissionToken{
    QStringLiteral("relay/admissionToken"), store::StoredKey<QByteArray>::Kind::Secret};

} // namespace feedback::sync
