// Small helpers FeedbackStore's source files share: the outbox's row keys and a transaction
// that rolls back when its body or the commit fails.
#pragma once
#include "RowSealer.h"
#include "StoreDatabase.h"

#include <functional>

namespace feedback::store::detail {

inline const QByteArray kOutbox = QByteArrayLiteral("outbox");
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

inline Status inTransaction(StoreDatabase &db, const std::function<Status()> &body)
{
    if (Status s = db.begin(); !s)
        return s;
    Status result = body();
    if (result)
        result = db.commit();
    if (!result)
        db.rollback();
    return result;
}

} // namespace feedback::store::detail
