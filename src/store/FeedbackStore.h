// The device's feedback, durable and sealed: the replicated book in memory, the encrypted
// SQLite file on disk, and the outbox of this device's deltas. Every local mutation commits
// the record, the causal context (this device's dot counter) and the outbox delta in one
// transaction before it reports success; on failure memory is put back as it was.
#pragma once

#include "ProfileLock.h"
#include "RowSealer.h"
#include "StoreDatabase.h"

#include <QSet>
#include <QStringList>

#include <core/FeedbackBook.h>
#include <memory>
#include <utility>
#include <vector>

namespace feedback::store {

struct OutboxEntry
{
    ReplicaId origin;
    quint64 seq = 0;
    RecordId record;
    QByteArray delta; // BookCodec delta encoding (plaintext; sealing for the wire is sync's job)
};

struct ImportItem
{
    QByteArray identity; // what makes an item "the same" across imports
    NewFeedback feedback;
};

struct ImportReport
{
    int imported = 0;
    int duplicates = 0;
    QList<std::pair<qsizetype, QString>> skipped; // (index into the items given, why)
};

struct DoctorReport
{
    bool ok = true;
    QStringList lines;
};

class FeedbackStore
{
public:
    struct Options
    {
        HybridLogicalClock clock = HybridLogicalClock();
        FeedbackValidator validator = FeedbackValidator();
        // Identifies where this profile lives (machine id and path). When it differs from the
        // one recorded, the profile was copied: it continues under a new device id.
        QByteArray home;
        // ReadWrite holds the profile lock (ProfileLock) for as long as the store is open, so
        // there is one writer per profile. ReadOnly takes no lock and writes nothing at all,
        // not even at open (a copied profile keeps its device id until a writer opens it), so
        // it works while another program writes; every write then fails.
        enum class Access
        {
            ReadWrite,
            ReadOnly
        };
        Access access = Access::ReadWrite;
        // A lock the caller already holds (ProfileOpener waits for it without blocking the
        // event loop). Null: open tries once to take it and fails with Busy if another holds it.
        std::shared_ptr<ProfileLock> lock;
    };

    static Result<std::unique_ptr<FeedbackStore>> open(const QString &path, const SecretKey &key,
                                                       Options options);

    const FeedbackBook &book() const { return m_book; }
    ReplicaId deviceId() const { return m_book.replica(); }
    // Problems found while loading (damaged rows); empty when all is well.
    const QStringList &problems() const { return m_problems; }
    // Set when this open gave the profile a new device id (copied profile).
    const QString &identityNote() const { return m_identityNote; }
    bool isReadOnly() const { return m_db->isReadOnly(); }

    Result<RecordId> submit(const NewFeedback &input);
    Status edit(const RecordId &id, const FeedbackEdit &edit);
    Result<ImportReport> importItems(const QList<ImportItem> &items);

    // Joins remote deltas in one transaction; idempotent. Returns how many were new.
    // `position` (a plain value, e.g. the sync cursor) is written in the same transaction, so
    // the two can never disagree. Remote deltas are not committed with an fsync: the relay
    // holds them, and a power cut can only roll back the deltas together with the position,
    // which then pulls them again. The next local (durable) commit makes them durable too.
    struct Position
    {
        QString name;
        QByteArray value;
    };
    Result<int> applyRemote(const QList<BookDelta> &deltas,
                            const std::optional<Position> &position = std::nullopt);

    Result<QList<OutboxEntry>> pendingOutbox(int limit = -1);
    // The highest seq of this device that a relay acknowledged (and this device then dropped
    // from its outbox): everything below its first pending delta.
    Result<quint64> acknowledgedUpTo();
    Status acknowledge(const ReplicaId &origin, quint64 upToSeq);
    bool isSynced(const RecordId &id) const;
    // Records changed since the last call (local mutations, remote deltas, imports), for views
    // that refresh only what changed. May name a record twice.
    std::vector<RecordId> takeChanged() { return std::exchange(m_changed, {}); }
    qsizetype pendingCount() const { return m_unacked.size(); }

    // Drops acknowledged records created more than `days` ago from this device only.
    Result<int> purgeAcknowledged(int days, qint64 nowMs);

    DoctorReport doctor();

    // Small values kept with the profile: sealed (secrets such as the workspace secret) or
    // plain (sync cursor, last sync time). Each write is its own durable transaction.
    std::optional<QByteArray> secret(const QString &name) const;
    Status setSecret(const QString &name, const QByteArray &value);
    std::optional<QByteArray> value(const QString &name) const;
    Status setValue(const QString &name, const QByteArray &value);

private:
    FeedbackStore(std::shared_ptr<ProfileLock> lock, std::unique_ptr<StoreDatabase> db,
                  const SecretKey &key, Options options);
    Status initialiseOrCheck(const QByteArray &home);
    Status checkKey(const QByteArray &sealedKeyCheck);
    Status load();
    // Writes the causal context (which holds this device's dot counter) inside the current
    // transaction, after checking that the file still holds the one this store last read or
    // wrote: a store never issues dots from stale memory, even if the profile lock is broken.
    Status saveContext();
    // After a transaction that may have called saveContext(): what it wrote is now the saved
    // context if it committed; forgotten if not.
    void settleContext(bool committed);
    Status persistTouched();
    Status persistDeferred();
    Status commitLocal(const BookDelta &delta, const RecordId &id);
    Status saveLocal(const BookDelta &delta, const RecordId &id,
                     const FeedbackRecordState *previous, const crdt::CausalContext &before);
    Status refreshUnacked();
    // Keeps the cache below in step with an outbox change that committed.
    void cacheQueued(OutboxEntry entry);

    std::shared_ptr<ProfileLock> m_lock; // declared first: released after the file is closed
    std::unique_ptr<StoreDatabase> m_db;
    RowSealer m_sealer;
    FeedbackBook m_book;
    std::vector<RecordId> m_changed;
    QSet<QByteArray> m_unacked; // record ids (row keys) with unacknowledged deltas
    // Every pending outbox entry, in outbox order, while that is known and small: sync asks for
    // them after each save and each ack, and the live path should not read back and open what
    // was just written. Unset (read the file) after a failed write or past kCachedPending.
    std::optional<QList<OutboxEntry>> m_pendingCache;
    static constexpr qsizetype kCachedPending = 8192;
    QStringList m_problems;
    QString m_identityNote;
    quint64 m_savedDeferredVersion = 0;
    QByteArray m_savedContext;   // the context as this store last read or committed it
    QByteArray m_pendingContext; // written by the open transaction; saved once it commits
};

} // namespace feedback::store
