#include "FeedbackStore.h"

#include "Schema.h"
#include "Sealer.h"
#include "StoreTransaction.h"

#include <QDateTime>
#include <QtEndian>

#include <common/LogCategories.h>
#include <core/BookCodec.h>
#include <core/ParallelFor.h>
#include <vector>

namespace feedback::store {

using detail::kDeferred;
using detail::kKeyCheck;
using detail::kOutbox;
using detail::outboxKey;

namespace {
const QByteArray kKeyCheckValue = QByteArrayLiteral("courier-feedback key check");

ReplicaId randomReplica()
{
    ReplicaId id;
    do {
        const SecretKey bytes = SecretKey::random(); // 32 random bytes, we use 16
        id.hi = qFromBigEndian<quint64>(bytes.data());
        id.lo = qFromBigEndian<quint64>(bytes.data() + 8);
    } while (id.isNull());
    return id;
}

} // namespace

FeedbackStore::FeedbackStore(std::shared_ptr<ProfileLock> lock, std::unique_ptr<StoreDatabase> db,
                             const SecretKey &key, Options options)
    : m_lock(std::move(lock))
    , m_db(std::move(db))
    , m_quarantine(std::make_unique<QuarantineRows>(m_db->connection()))
    , m_kept(std::make_unique<KeptUnitLog>(m_db->connection()))
    , m_sealer(key)
    , m_book(ReplicaId{}, std::move(options.clock), std::move(options.validator))
{
    m_book.setTrackTouched(true);
    m_book.setMaxDeferredPerOrigin(options.maxDeferredPerOrigin);
}

Result<std::unique_ptr<FeedbackStore>> FeedbackStore::open(const QString &path,
                                                           const SecretKey &key, Options options)
{
    using R = Result<std::unique_ptr<FeedbackStore>>;
    if (!key.isValid())
        return R::failure(QStringLiteral("No database key."));
    const bool readOnly = options.access == Options::Access::ReadOnly;
    std::shared_ptr<ProfileLock> lock = readOnly ? nullptr : options.lock;
    if (!readOnly && !lock) {
        auto taken = ProfileLock::tryAcquire(path);
        if (!taken)
            return R::failure(taken);
        lock = std::move(*taken);
    }
    auto db = StoreDatabase::open(path, readOnly);
    if (!db)
        return R::failure(db);
    const QByteArray home = options.home;
    std::unique_ptr<FeedbackStore> store(
        new FeedbackStore(std::move(lock), std::move(*db), key, std::move(options)));
    if (Status s = store->initialiseOrCheck(home); !s)
        return R::failure(s);
    if (Status s = store->load(); !s)
        return R::failure(s);
    return store;
}

Status FeedbackStore::initialiseOrCheck(const QByteArray &home)
{
    const QByteArray homeHash = m_sealer.keyedHash(QByteArrayLiteral("home/") + home);
    const auto keyCheck = m_db->readMeta(kKeyCheck);
    if (!keyCheck)
        return Status::failure(keyCheck);
    const auto device = m_db->readMeta(QStringLiteral("device"));
    if (!device)
        return Status::failure(device);
    const auto records = m_db->count(QStringLiteral("records"));
    if (!records)
        return Status::failure(records);
    const bool hasContent = device->has_value() || *records > 0;
    if (!*keyCheck && hasContent)
        return Status::failure(
            QStringLiteral("The database %1 is damaged: its key check is missing. Nothing was "
                           "changed; restore the profile from a backup.")
                .arg(m_db->path()),
            ErrorKind::Damaged);
    if (!*keyCheck && m_db->isReadOnly())
        return Status::failure(QStringLiteral("The database %1 holds no profile yet (it was never "
                                              "set up); there is nothing to read.")
                                   .arg(m_db->path()),
                               ErrorKind::Damaged);
    if (!*keyCheck) {
        const ReplicaId fresh = randomReplica();
        m_book.setReplica(fresh);
        return m_db->inTransaction([&]() -> Status {
            for (const auto &[name, value] :
                 {std::pair{kKeyCheck, m_sealer.sealMeta(kKeyCheck, kKeyCheckValue)},
                  std::pair{QStringLiteral("device"), RowSealer::replicaBytes(fresh)},
                  std::pair{QStringLiteral("home"), homeHash},
                  std::pair{QStringLiteral("context"), BookCodec::encodeContext({})}}) {
                if (Status s = m_db->setMeta(name, value); !s)
                    return s;
            }
            return Ok{};
        });
    }
    if (Status s = checkKey(**keyCheck); !s)
        return s;
    const auto replica = RowSealer::replicaFromBytes(device->value_or(QByteArray()));
    if (!replica)
        return Status::failure(
            QStringLiteral("The database %1 is damaged: its device id is missing.")
                .arg(m_db->path()),
            ErrorKind::Damaged);
    m_book.setReplica(*replica);
    if (home.isEmpty() || m_db->meta(QStringLiteral("home")) == homeHash)
        return Ok{};
    if (m_db->isReadOnly()) {
        // Only a writer may give it a new device id; reading under the old one issues nothing.
        m_identityNote =
            QStringLiteral("This profile was copied or moved from device %1; it will continue "
                           "as a new device the next time a program opens it for writing.")
                .arg(replicaIdToString(*replica));
        return Ok{};
    }
    // Copied or moved: continuing under the old id would reuse its dots on two machines.
    const ReplicaId fresh = randomReplica();
    const Status rotated = m_db->inTransaction([&]() -> Status {
        if (Status s = m_db->setMeta(QStringLiteral("device"), RowSealer::replicaBytes(fresh)); !s)
            return s;
        return m_db->setMeta(QStringLiteral("home"), homeHash);
    });
    if (!rotated)
        return rotated;
    m_identityNote = QStringLiteral("This profile was copied or moved from device %1; it continues "
                                    "as the new device %2 so that no sequence number is reused.")
                         .arg(replicaIdToString(*replica), replicaIdToString(fresh));
    qCWarning(lcStore).noquote() << m_identityNote;
    m_book.setReplica(fresh);
    return Ok{};
}

Status FeedbackStore::load()
{
    m_problems.clear();
    m_pendingCache.reset();
    const auto stored = m_db->readMeta(QStringLiteral("context"));
    if (!stored)
        return Status::failure(stored);
    m_savedContext = stored->value_or(QByteArray());
    m_pendingContext.clear();
    const auto context = BookCodec::decodeContext(m_savedContext);
    if (!context)
        return Status::failure(
            QStringLiteral("The database %1 is damaged: %2").arg(m_db->path(), context.error()),
            ErrorKind::Damaged);
    BookMap map;
    map.restoreContext() = *context;
    // A chunk of rows at a time: read, then opened and decoded on several threads, then moved
    // into the book. All rows at once held the sealed rows and the decoded states of every
    // record beside the book (some 600 MB more at a million records), and the heap keeps what
    // it once held: that was the process's resident memory for good.
    constexpr std::size_t kChunk = 8192;
    std::vector<std::pair<QByteArray, QByteArray>> rows;
    rows.reserve(kChunk);
    const auto restoreRows = [&] {
        std::vector<std::optional<FeedbackRecordState>> states(rows.size());
        std::vector<QString> errors(rows.size());
        parallelFor(rows.size(), 500, [&](std::size_t i) {
            const auto id = RowSealer::idFromBytes(rows[i].first);
            auto state = id ? m_sealer.openRecord(rows[i].first, rows[i].second)
                            : Result<FeedbackRecordState>::failure(QStringLiteral("bad row key"));
            bool covered = state.ok();
            if (state)
                state->forEachDot(
                    [&](const crdt::Dot &d) { covered = covered && context->contains(d); });
            if (covered)
                states[i] = std::move(*state);
            else
                errors[i] = state ? QStringLiteral("dots outside the context") : state.error();
        });
        for (std::size_t i = 0; i < rows.size(); ++i) {
            if (!states[i]) {
                m_problems.append(QStringLiteral("record %1 cannot be read: %2")
                                      .arg(QString::fromLatin1(rows[i].first.toHex()), errors[i]));
                continue;
            }
            map.restoreEntry(*RowSealer::idFromBytes(rows[i].first)) = std::move(*states[i]);
        }
        rows.clear();
    };
    const Status read = m_db->forEachRecord([&](const QByteArray &id, const QByteArray &sealed) {
        rows.emplace_back(id, sealed);
        if (rows.size() == kChunk)
            restoreRows();
    });
    if (!read) {
        m_problems.clear(); // of the chunks read before: the open fails with the read's error
        return read;
    }
    restoreRows();
    m_book.restoreState(std::move(map));

    std::deque<BookDelta> deferred;
    const auto deferredRows = m_db->deferred();
    for (const auto &[key, sealed] :
         deferredRows ? *deferredRows : QList<std::pair<QByteArray, QByteArray>>()) {
        const auto plain = m_sealer.openDelta(kDeferred, key, sealed);
        auto delta = plain ? BookCodec::decodeDelta(*plain) : Result<BookDelta>::failure(plain);
        if (delta)
            deferred.push_back(std::move(*delta));
        else
            m_problems.append(
                QStringLiteral("a deferred delta cannot be read: %1").arg(delta.error()));
    }
    m_book.restoreDeferred(std::move(deferred));
    m_savedDeferredVersion = m_book.deferredVersion();
    m_book.takeTouched();
    for (const QString &problem : std::as_const(m_problems))
        qCWarning(lcStore).noquote() << problem;
    if (Status s = refreshQuarantine(); !s)
        return s;
    return refreshUnacked();
}

Status FeedbackStore::refreshUnacked()
{
    m_pendingCache.reset(); // called when memory must follow the disk again
    const auto unacked = m_db->unacknowledgedRecords();
    if (!unacked)
        return Status::failure(unacked);
    m_unacked = *unacked;
    return Ok{};
}

Status FeedbackStore::commitLocal(const BookDelta &delta, const RecordId &id)
{
    const FeedbackRecordState *state = m_book.state().find(id);
    const auto encoded = BookCodec::encodeDelta(delta);
    if (!state || !encoded)
        return Status::failure(QStringLiteral("internal error: cannot encode the change"));
    const crdt::Dot dot = *delta.minted.begin();
    if (Status s = m_db->putRecord(RowSealer::idBytes(id), m_sealer.sealRecord(id, *state)); !s)
        return s;
    const QByteArray key = outboxKey(dot.replica, dot.counter);
    if (Status s =
            m_db->addOutbox({RowSealer::replicaBytes(dot.replica), dot.counter,
                             RowSealer::idBytes(id), m_sealer.sealDelta(kOutbox, key, *encoded)});
        !s)
        return s;
    m_unacked.insert(RowSealer::idBytes(id));
    m_changed.push_back(id);
    // Cached before the commit: a failed commit calls refreshUnacked(), which drops the cache.
    cacheQueued({dot.replica, dot.counter, id, *encoded});
    return Ok{};
}

Status FeedbackStore::saveLocal(const BookDelta &delta, const RecordId &id,
                                const FeedbackRecordState *previous,
                                const crdt::CausalContext &before)
{
    // With a listener, the commit skips its fsync (flushLog below does it, after the listener
    // sent the change): atomic and in order either way.
    using Durability = StoreDatabase::Durability;
    const bool sendFirst = m_onCommitted && m_db->logsAhead();
    Status saved = sendFirst ? m_db->setDurability(Durability::Eventually) : Status(Ok{});
    if (saved)
        saved = m_db->inTransaction([&]() -> Status {
            if (Status s = commitLocal(delta, id); !s)
                return s;
            return saveContext();
        });
    // Committed or not, later commits must be durable again.
    const Status restored = sendFirst ? m_db->setDurability(Durability::EveryCommit) : Status(Ok{});
    settleContext(saved.ok());
    m_book.takeTouched();
    if (saved && sendFirst) {
        m_onCommitted();
        // The change is committed but not durable until this flush: a failure is reported, not
        // swallowed. The listener may not have sent it (offline, a push awaiting its ack), and
        // a disk that failed one fdatasync may have dropped the pages. The record stays in
        // memory and in the file's log; the message says it may be lost.
        if (Status flushed = m_db->flushLog(); !flushed)
            return flushed;
    }
    if (saved)
        return restored;
    // Not on disk, so not in memory either: the record and the dot counter go back.
    m_book.restoreRecord(id, previous, before);
    // The save's own error is the one to report; a failed re-read is only logged (the cache is
    // dropped either way, and the next refresh reads the disk again).
    if (Status reread = refreshUnacked(); !reread)
        qCWarning(lcStore).noquote()
            << "after a failed save, the unsent records cannot be re-read:" << reread.error();
    return saved;
}

Result<RecordId> FeedbackStore::submit(const NewFeedback &input)
{
    const crdt::CausalContext before = m_book.state().context();
    const auto delta = m_book.create(input);
    if (!delta)
        return Result<RecordId>::failure(delta);
    const RecordId id = *delta->minted.begin();
    if (Status s = saveLocal(*delta, id, nullptr, before); !s)
        return Result<RecordId>::failure(s);
    return id;
}

Status FeedbackStore::edit(const RecordId &id, const FeedbackEdit &change)
{
    const crdt::CausalContext before = m_book.state().context();
    const FeedbackRecordState *current = m_book.state().find(id);
    const std::optional<FeedbackRecordState> previous =
        current ? std::optional(*current) : std::nullopt;
    const auto delta = m_book.edit(id, change);
    if (!delta)
        return Status::failure(delta);
    return saveLocal(*delta, id, previous ? &*previous : nullptr, before);
}

bool FeedbackStore::isSynced(const RecordId &id) const
{
    return !m_unacked.contains(RowSealer::idBytes(id));
}

} // namespace feedback::store
