// The device's feedback, durable and sealed: the replicated book in memory, the encrypted
// SQLite file on disk, and the outbox of this device's deltas. Every local mutation commits
// the record, the causal context (this device's dot counter) and the outbox delta in one
// transaction before it reports success; on failure memory is put back as it was.
#pragma once

#include "KeptUnitLog.h"
#include "ProfileLock.h"
#include "QuarantineRows.h"
#include "RowSealer.h"
#include "StoreDatabase.h"

#include <QHash>
#include <QSet>
#include <QStringList>

#include <core/FeedbackBook.h>
#include <functional>
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

// A change of another device set aside instead of applied, so that one unit nobody can read
// (damaged, hostile) or a flood of deltas that never become ready stops nothing else.
struct QuarantinedChange
{
    enum class Kind
    {
        Unreadable = 0, // a unit of the relay's log that does not open or decode
        OverLimit = 1,  // a delta over the deferred bound of its origin
    };
    qint64 row = 0; // 0 until stored
    Kind kind = Kind::Unreadable;
    quint64 position = 0; // in the relay's log; 0 when not known
    QByteArray origin;    // the device that wrote it (16 bytes)
    quint64 firstSeq = 0;
    quint64 lastSeq = 0;
    QString reason;     // what went wrong; never feedback text
    bool asked = false; // the relay was asked for it again
    // Unreadable: the unit's sealed bytes as received; OverLimit: the delta's encoding. Sealed
    // with the database key on disk, and not read back into memory with the row.
    QByteArray body;
};
// "position 12, origin <hex>, seq 5: reason", for logs and doctor.
QString describeQuarantined(const QuarantinedChange &change);

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
        // Deltas of one origin that may wait for missing ones (FeedbackBook); the overflow is
        // set aside (QuarantinedChange::Kind::OverLimit).
        std::size_t maxDeferredPerOrigin = FeedbackBook::kMaxDeferredPerOrigin;
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
    // Set when this open gave the profile a new device id (copied profile), or when sync once
    // did (restored or cloned profile: renumberAfter); never holds feedback text.
    QString identityNote() const;
    bool isReadOnly() const { return m_db->isReadOnly(); }

    // Called after a local change (submit, edit) is committed and before it is flushed to the
    // disk, so that sync sends it while the disk writes: the flush is most of a submit's time.
    // submit and edit still return only once the change is durable. A power cut in between
    // can leave the relay holding a change this profile lost; the profile then heals as a
    // restored one (renumberAfter) and pulls the change back. Unset (kiosks): every commit
    // is durable before anything else happens.
    void setCommitListener(std::function<void()> listener) { m_onCommitted = std::move(listener); }

    Result<RecordId> submit(const NewFeedback &input);
    Status edit(const RecordId &id, const FeedbackEdit &edit);
    Result<ImportReport> importItems(const QList<ImportItem> &items);
    // Several edits in one durable transaction (one fsync): all of them, or none when one is
    // refused (its error is returned). Returns how many were made.
    Result<int> editMany(const QList<std::pair<RecordId, FeedbackEdit>> &edits);

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
    // The same for what sync received: deltas over the deferred bound of their origin, and the
    // units that could not be read, are set aside (quarantined) in the same transaction as the
    // position; set-aside changes whose dots became known meanwhile are released, and deltas
    // over the bound come back once their origin's deferred queue has room again.
    struct RemoteBatch
    {
        QList<BookDelta> deltas;
        QList<quint64> positions; // per delta: its unit's position in the relay's log, if known
        QList<QuarantinedChange> unreadable;
        std::optional<Position> position;
        std::optional<Position> chain; // a second value written with `position` (sync's chain)
    };
    Result<int> applyRemote(const RemoteBatch &batch);
    // Joins a whole state (a snapshot another device made, PROTOCOL.md "Snapshots") in one
    // transaction with the position and chain of `batch` (its deltas and unreadable must be
    // empty). Returns how many records it changed.
    Result<int> joinState(BookMap &&state, const RemoteBatch &batch);

    // Units set aside as unreadable (without their bodies): sync asks the relay for one again
    // once, when later changes prove it is needed.
    const QList<QuarantinedChange> &unreadable() const { return m_unreadable; }
    qsizetype quarantinedCount() const;
    // Every set-aside change, in the order they were set aside (without bodies).
    Result<QList<QuarantinedChange>> quarantined(int limit = -1);
    // What was kept of a set-aside change (QuarantinedChange::body), to try it again.
    Result<QByteArray> quarantinedBody(const QuarantinedChange &change);
    Status markAsked(qint64 row);
    Status keepAside(qint64 row, const QString &reason);

    Result<QList<OutboxEntry>> pendingOutbox(int limit = -1);
    // The highest seq of this device that a relay acknowledged (and this device then dropped
    // from its outbox): everything below its first pending delta.
    Result<quint64> acknowledgedUpTo();
    Status acknowledge(const ReplicaId &origin, quint64 upToSeq);
    bool isSynced(const RecordId &id) const;

    // Restored and cloned profiles (ARCHITECTURE.md, "Restores and clones"): what this device
    // wrote, compared with what a relay holds under the same sequence numbers before anything
    // counts as acknowledged.
    struct PendingRange
    {
        ReplicaId origin;
        quint64 first = 0;
        quint64 last = 0;
    };
    Result<QList<PendingRange>> pendingRanges();
    // The pending delta (origin, seq) as this device encoded it; nullopt when none is pending.
    Result<std::optional<QByteArray>> pendingDelta(const ReplicaId &origin, quint64 seq);
    struct Renumbering
    {
        ReplicaId from;
        ReplicaId to;
        int changes = 0; // pending deltas renamed
        int records = 0; // records that got a new id (they were created by one of those)
        QString note;    // what happened, for people (no feedback text)
    };
    // A relay holds other content than this device wrote under `origin`'s seqs after
    // `keptUpTo` (up to it, the relay's copies were compared equal). Every dot (origin, s >
    // keptUpTo) this device made gets a new name, consistently in records, context, pending
    // deltas and the import ledger: of a new device id when `origin` is this device's (it never
    // issues another dot under the old one), else (an old identity's pending deltas, after a
    // copy) of this device, after its last seq. Pending deltas up to `keptUpTo` count as
    // acknowledged. One transaction: on any failure nothing changed, on disk or in memory.
    Result<Renumbering> renumberAfter(const ReplicaId &origin, quint64 keptUpTo,
                                      const QString &why);
    // A kiosk takes the device id its invite certifies. Only a store that has issued nothing
    // (no record, no pending delta, seq 0) may change its id: else dots would be reused.
    Status adoptDeviceId(const ReplicaId &id);
    // Records changed since the last call (local mutations, remote deltas, imports), for views
    // that refresh only what changed. May name a record twice.
    std::vector<RecordId> takeChanged() { return std::exchange(m_changed, {}); }
    qsizetype pendingCount() const { return m_unacked.size(); }

    // Drops acknowledged records created more than `days` ago from this device only.
    Result<int> purgeAcknowledged(int days, qint64 nowMs);

    DoctorReport doctor();

    // Small values kept with the profile: sealed (secrets such as the workspace secret) or
    // plain (sync cursor, last sync time). Each write is its own durable transaction.
    // Units kept for nearby devices (KeptUnitLog.h): written only while that sync is on.
    KeptUnitLog &keptUnits() { return *m_kept; }

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
    // The same for a context other than the book's (a renumbered state, not yet in memory).
    Status saveContext(const crdt::CausalContext &context);
    // After a transaction that may have called saveContext(): what it wrote is now the saved
    // context if it committed; forgotten if not.
    void settleContext(bool committed);
    Status persistTouched();
    Status persistDeferred();
    Status writePositions(const RemoteBatch &batch);
    // One durable transaction of several local changes (`write`); memory is read from the disk
    // again when it fails.
    Status commitLocalBatch(const std::function<Status()> &write);
    // One transaction of what sync received (`write`), without an fsync; memory is read from
    // the disk again when it fails.
    Status commitRemote(const std::function<Status()> &write);
    Status commitLocal(const BookDelta &delta, const RecordId &id);
    Status saveLocal(const BookDelta &delta, const RecordId &id,
                     const FeedbackRecordState *previous, const crdt::CausalContext &before);
    Status refreshUnacked();
    // Keeps the cache below in step with an outbox change that committed.
    void cacheQueued(OutboxEntry entry);
    QuarantinedChange overLimit(const BookDelta &delta, quint64 position) const;
    // Applies set-aside deltas of origins whose deferred queue has room again; their rows go
    // to `released`. Returns how many were new.
    int readmitOverLimit(QList<qint64> &released);
    // Unreadable units whose every dot is known now (applied from an intact copy).
    QList<qint64> healedUnreadable() const;
    Status storeQuarantined(const QuarantinedChange &change);
    Status refreshQuarantine();

    std::shared_ptr<ProfileLock> m_lock; // declared first: released after the file is closed
    std::unique_ptr<StoreDatabase> m_db;
    std::unique_ptr<QuarantineRows> m_quarantine;
    std::unique_ptr<KeptUnitLog> m_kept;
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
    QList<QuarantinedChange> m_unreadable;
    QHash<QByteArray, qint64> m_overLimit; // origin -> deltas set aside over the bound
    QByteArray m_savedContext;             // the context as this store last read or committed it
    QByteArray m_pendingContext;           // written by the open transaction; saved once it commits
    std::function<void()> m_onCommitted;   // setCommitListener
};

} // namespace feedback::store
