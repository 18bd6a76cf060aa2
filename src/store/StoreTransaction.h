// Small helpers FeedbackStore's source files share: the outbox's row keys and the names of
// meta rows. (Transactions: StoreDatabase::inTransaction, over common/sql's SqlTransaction.)
#pragma once
#include "RowSealer.h"
#include "StoreDatabase.h"

namespace feedback::store::detail {

inline const QByteArray kOutbox = QByteArrayLiteral("outbox");
// What the deferred deltas are sealed under (written by applyRemote, read back at load).
inline const QByteArray kDeferred = QByteArrayLiteral("deferred");
// The meta row whose sealed value proves the key opens this database.
inline const QString kKeyCheck = QStringLiteral("key_check");

inline QByteArray outboxKey(const ReplicaId &origin, quint64 seq)
{
    return RowSealer::idBytes(crdt::Dot{origin, seq});
}

// Plain values (setValue, value, and the position applyRemote commits) live under this key.
inline QString valueKey(const QString &name)
{
    return QStringLiteral("value/") + name;
}

} // namespace feedback::store::detail
