#include "SyncBookkeeping.h"

#include <store/StoredValue.h>

namespace feedback::sync::bookkeeping {

namespace {
using Key = store::StoredKey<quint64>;
// The names and encodings on disk since the first release: existing profiles keep theirs.
const store::StoredKey<quint64> kCursor{QStringLiteral("sync/cursor"), Key::Kind::Value, 0};
const store::StoredKey<QDateTime> kLastSync{QStringLiteral("sync/lastSync")};
const store::StoredKey<QString> kLastError{QStringLiteral("sync/lastError")};
} // namespace

quint64 cursor(const store::FeedbackStore &store)
{
    return store::stored(store, kCursor);
}

Status saveCursor(store::FeedbackStore &store, quint64 cursor)
{
    return store::setStored(store, kCursor, cursor);
}

store::FeedbackStore::Position cursorPosition(quint64 cursor)
{
    return store::storedPosition(kCursor, cursor);
}

Status forgetCursor(store::FeedbackStore &store)
{
    return saveCursor(store, 0);
}

QDateTime lastSync(const store::FeedbackStore &store)
{
    return store::stored(store, kLastSync);
}

Status saveLastSync(store::FeedbackStore &store, const QDateTime &when)
{
    return store::setStored(store, kLastSync, when);
}

QString lastError(const store::FeedbackStore &store)
{
    return store::stored(store, kLastError);
}

Status saveLastError(store::FeedbackStore &store, const QString &reason)
{
    return store::setStored(store, kLastError, reason);
}

} // namespace feedback::sync::bookkeeping
