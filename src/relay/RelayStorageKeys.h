// What RelayStorage's source files share: the rows' keys and the quiet time before a checkpoint.
#pragma once

#include "RelayStorage.h"

#include <QtEndian>

namespace feedback::relay::storagekeys {

// The write-ahead log is folded back into relay.db once no push arrived for this long, so a
// relay whose writers paused holds just the log itself (SQLite alone keeps up to
// journal_size_limit of it around for good).
constexpr int kQuietCheckpointMs = 1000;

inline qint64 rowKey(qint64 ws, quint64 position)
{
    return (ws << RelayStorage::kPositionBits) | static_cast<qint64>(position);
}

inline quint64 positionOf(qint64 key)
{
    return static_cast<quint64>(key) & RelayStorage::kMaxPosition;
}

inline QByteArray originKey(qint64 ws, const QByteArray &origin)
{
    QByteArray key(8, Qt::Uninitialized);
    qToLittleEndian(ws, key.data());
    return key + origin;
}

} // namespace feedback::relay::storagekeys
