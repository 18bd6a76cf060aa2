// What sync keeps in the store for itself: the position in the relay's log, when it last got
// through and its last error. Only sync writes them; the keys are private to SyncBookkeeping.cpp
// (the app and feedbackctl read and reset them through here).
#pragma once

#include <QDateTime>
#include <QString>

#include <store/FeedbackStore.h>

namespace feedback::sync::bookkeeping {

// The last position of the relay's log this device applied (0: none yet).
quint64 cursor(const store::FeedbackStore &store);
Status saveCursor(store::FeedbackStore &store, quint64 cursor);
// The cursor as the position that commits together with the deltas it covers.
store::FeedbackStore::Position cursorPosition(quint64 cursor);
// The relay's chain value at `cursor` (protocol 6), or empty when not known for it. Kept with
// the cursor it belongs to, so a value of another cursor (one write of two committed) is never
// taken for this one's.
QByteArray chain(const store::FeedbackStore &store, quint64 cursor);
Status saveChain(store::FeedbackStore &store, quint64 cursor, const QByteArray &chain);
store::FeedbackStore::Position chainPosition(quint64 cursor, const QByteArray &chain);
// The last snapshot this device gave a relay: its position there and when (0, invalid: none).
quint64 lastSnapshotPosition(const store::FeedbackStore &store);
QDateTime lastSnapshotAt(const store::FeedbackStore &store);
Status saveLastSnapshot(store::FeedbackStore &store, quint64 position, const QDateTime &when);
// Another relay has another log: positions in the old one mean nothing there. Pulling from the
// start again is safe (deltas apply idempotently).
Status forgetCursor(store::FeedbackStore &store);

// When sync last got through (invalid: never).
QDateTime lastSync(const store::FeedbackStore &store);
Status saveLastSync(store::FeedbackStore &store, const QDateTime &when);

// Why the last sync failed (empty: it did not, or it was cleared by a sync that got through).
QString lastError(const store::FeedbackStore &store);
Status saveLastError(store::FeedbackStore &store, const QString &reason);

} // namespace feedback::sync::bookkeeping
