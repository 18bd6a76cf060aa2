#include "SyncBookkeeping.h"

#include <QtEndian>

#include <protocol/Messages.h>
#include <store/StoredValue.h>

namespace feedback::sync::bookkeeping {

namespace {
using Key = store::StoredKey<quint64>;
// The names and encodings on disk since the first release: existing profiles keep theirs.
const store::StoredKey<quint64> kCursor{QStringLiteral("sync/cursor"), Key::Kind::Value, 0};
const store::StoredKey<QDateTime> kLastSync{QStringLiteral("sync/lastSync")};
const store::StoredKey<QString> kLastError{QStringLiteral("sync/lastError")};
// The cursor (8 bytes, big-endian) and the chain value at it.
const store::StoredKey<QByteArray> kChain{
    QStringLiteral("sync/chain"), store::StoredKey<QByteArray>::Kind::Value, {}};
const store::StoredKey<quint64> kLastSnapshot{QStringLiteral("sync/lastSnapshot"), Key::Kind::Value,
                                              0};
const store::StoredKey<QDateTime> kLastSnapshotAt{QStringLiteral("sync/lastSnapshotAt")};

QByteArray chainValue(quint64 cursor, const QByteArray &chain)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(cursor, out.data());
    return out + chain;
}
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

QByteArray chain(const store::FeedbackStore &store, quint64 cursor)
{
    const QByteArray kept = store::stored(store, kChain);
    if (kept.size() != 8 + protocol::limits::kChainBytes ||
        qFromBigEndian<quint64>(kept.constData()) != cursor)
        return QByteArray();
    return kept.mid(8);
}

Status saveChain(store::FeedbackStore &store, quint64 cursor, const QByteArray &chain)
{
    return store::setStored(store, kChain, chainValue(cursor, chain));
}

store::FeedbackStore::Position chainPosition(quint64 cursor, const QByteArray &chain)
{
    return store::storedPosition(kChain, chainValue(cursor, chain));
}

quint64 lastSnapshotPosition(const store::FeedbackStore &store)
{
    return store::stored(store, kLastSnapshot);
}

QDateTime lastSnapshotAt(const store::FeedbackStore &store)
{
    return store::stored(store, kLastSnapshotAt);
}

Status saveLastSnapshot(store::FeedbackStore &store, quint64 position, const QDateTime &when)
{
    if (Status s = store::setStored(store, kLastSnapshot, position); !s)
        return s;
    return store::setStored(store, kLastSnapshotAt, when);
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
