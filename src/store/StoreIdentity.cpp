// FeedbackStore's side of restored and cloned profiles: reading back what this device wrote
// (to compare with a relay's copy) and renumbering what it made under sequence numbers that a
// relay holds with other content. See ARCHITECTURE.md, "Restores and clones".
#include "FeedbackStore.h"
#include "Sealer.h"
#include "StoreTransaction.h"

#include <QDateTime>

#include <common/LogCategories.h>
#include <core/BookCodec.h>
#include <core/DotRenaming.h>
#include <limits>

namespace feedback::store {

using detail::kOutbox;
using detail::outboxKey;

namespace {

const QString kIdentityNote = QStringLiteral("identity/note");

ReplicaId freshReplica()
{
    std::optional<ReplicaId> id;
    while (!id || id->isNull())
        id = RowSealer::replicaFromBytes(Sealer::randomBytes(16));
    return *id;
}

} // namespace

QString FeedbackStore::identityNote() const
{
    if (!m_identityNote.isEmpty())
        return m_identityNote;
    return QString::fromUtf8(value(kIdentityNote).value_or(QByteArray()));
}

Result<QList<FeedbackStore::PendingRange>> FeedbackStore::pendingRanges()
{
    using R = Result<QList<PendingRange>>;
    const auto rows = m_db->pendingRanges();
    if (!rows)
        return R::failure(rows);
    QList<PendingRange> out;
    for (const auto &[origin, first, last] : *rows) {
        const auto replica = RowSealer::replicaFromBytes(origin);
        if (!replica)
            return R::failure(QStringLiteral("an outbox row is damaged"));
        out.append({*replica, first, last});
    }
    return out;
}

Result<std::optional<QByteArray>> FeedbackStore::pendingDelta(const ReplicaId &origin, quint64 seq)
{
    using R = Result<std::optional<QByteArray>>;
    if (m_pendingCache) {
        for (const OutboxEntry &entry : std::as_const(*m_pendingCache))
            if (entry.origin == origin && entry.seq == seq)
                return std::optional<QByteArray>(entry.delta);
        return std::optional<QByteArray>();
    }
    const auto sealed = m_db->pendingDelta(RowSealer::replicaBytes(origin), seq);
    if (!sealed)
        return R::failure(sealed);
    if (!*sealed)
        return std::optional<QByteArray>();
    auto plain = m_sealer.openDelta(kOutbox, outboxKey(origin, seq), **sealed);
    if (!plain)
        return R::failure(
            QStringLiteral("outbox delta %1 cannot be read: %2").arg(seq).arg(plain.error()));
    return std::optional<QByteArray>(std::move(*plain));
}

Status FeedbackStore::adoptDeviceId(const ReplicaId &id)
{
    if (id.isNull())
        return Status::failure(QStringLiteral("a device id cannot be null"), ErrorKind::BadData);
    if (m_book.sequence() != 0 || !m_unacked.isEmpty() || m_book.size() != 0)
        return Status::failure(QStringLiteral("this profile already holds changes of device %1")
                                   .arg(replicaIdToString(deviceId())),
                               ErrorKind::BadData);
    if (Status s = m_db->setMeta(QStringLiteral("device"), RowSealer::replicaBytes(id)); !s)
        return s;
    m_book.setReplica(id);
    return Ok{};
}

Result<FeedbackStore::Renumbering>
FeedbackStore::renumberAfter(const ReplicaId &origin, quint64 keptUpTo, const QString &why)
{
    using R = Result<Renumbering>;
    const bool own = origin == deviceId();
    Renumbering done;
    done.from = origin;
    done.to = own ? freshReplica() : deviceId();
    // An old identity's deltas continue after this device's last seq; a new id starts at 1.
    const DotRenaming rename(origin, keptUpTo, done.to, own ? 0 : m_book.sequence());
    const QByteArray originBytes = RowSealer::replicaBytes(origin);
    const QByteArray toBytes = RowSealer::replicaBytes(done.to);

    // Everything is computed first, in copies: memory changes only once the commit succeeded.
    const auto pending = m_db->outbox();
    if (!pending)
        return R::failure(pending);
    QList<OutboxRow> renamedRows;
    for (const OutboxRow &row : *pending) {
        if (row.origin != originBytes || row.seq <= keptUpTo)
            continue;
        const auto plain = m_sealer.openDelta(kOutbox, outboxKey(origin, row.seq), row.sealedDelta);
        auto delta = plain ? BookCodec::decodeDelta(*plain) : Result<BookDelta>::failure(plain);
        const auto record = RowSealer::idFromBytes(row.record);
        if (!delta || !record)
            return R::failure(QStringLiteral("outbox delta %1 cannot be read: %2")
                                  .arg(row.seq)
                                  .arg(delta ? QStringLiteral("bad record id") : delta.error()));
        const auto encoded = BookCodec::encodeDelta(rename.delta(*delta));
        if (!encoded)
            return R::failure(encoded);
        const crdt::Dot dot = rename(crdt::Dot{origin, row.seq});
        renamedRows.append(
            {toBytes, dot.counter, RowSealer::idBytes(rename(*record)),
             m_sealer.sealDelta(kOutbox, outboxKey(done.to, dot.counter), *encoded)});
    }
    done.changes = static_cast<int>(renamedRows.size());
    BookMap state = rename.state(m_book.state());
    // The rows to rewrite: records that hold a renamed dot, under their (maybe new) id.
    std::vector<std::pair<RecordId, RecordId>> rewritten;
    for (const auto &[id, record] : m_book.state().entries()) {
        if (rename.renames(id) || rename.touches(record))
            rewritten.emplace_back(id, rename(id));
        done.records += rename.renames(id) ? 1 : 0;
    }

    const QString whenUtc = QDateTime::currentDateTimeUtc().toString(Qt::ISODate);
    const auto count = [](int n, const char *one, const char *many) {
        return QStringLiteral("%1 %2").arg(n).arg(QLatin1String(n == 1 ? one : many));
    };
    const QString renumbered =
        done.changes == 0
            ? QString()
            : QStringLiteral(" %1 made since got new numbers (%2 new ids) and are sent again.")
                  .arg(count(done.changes, "unsent change", "unsent changes"),
                       count(done.records, "record got", "records got"));
    done.note = own ? QStringLiteral("On %1 this profile continued as the new device %2 (it was "
                                     "%3) because %4: it was restored from a backup, or cloned "
                                     "from another device's disk.%5 What the relay holds under "
                                     "the old id is kept as another device's.")
                          .arg(whenUtc, replicaIdToString(done.to), replicaIdToString(origin), why,
                               renumbered)
                    : QStringLiteral("On %1 the unsent changes of %2 (this profile's id before it "
                                     "was copied) continued as this device's because %3.%4")
                          .arg(whenUtc, replicaIdToString(origin), why, renumbered);
    const Status saved = m_db->inTransaction([&]() -> Status {
        if (own) {
            if (Status s = m_db->setMeta(QStringLiteral("device"), toBytes); !s)
                return s;
        }
        for (const auto &[from, to] : rewritten) {
            const QByteArray fromKey = RowSealer::idBytes(from);
            const QByteArray toKey = RowSealer::idBytes(to);
            if (from != to) {
                if (Status s = m_db->deleteRecord(fromKey); !s)
                    return s;
                if (Status s = m_db->renameImports(fromKey, toKey); !s)
                    return s;
            }
            if (Status s = m_db->putRecord(toKey, m_sealer.sealRecord(to, *state.find(to))); !s)
                return s;
        }
        // Up to keptUpTo the relay holds these deltas (compared by content); the rest go out
        // again under their new names.
        if (Status s = m_db->acknowledge(originBytes, std::numeric_limits<qint64>::max()); !s)
            return s;
        for (const OutboxRow &row : std::as_const(renamedRows))
            if (Status s = m_db->addOutbox(row); !s)
                return s;
        // Checked like every context write: another writer's ids must not be renamed over.
        if (Status s = saveContext(state.context()); !s)
            return s;
        return m_db->setMeta(detail::valueKey(kIdentityNote), done.note.toUtf8());
    });
    settleContext(saved.ok());
    if (!saved)
        return R::failure(saved);

    m_book.restoreState(std::move(state));
    m_book.setReplica(own ? done.to : deviceId());
    m_identityNote = done.note;
    for (const auto &[from, to] : rewritten) {
        m_changed.push_back(from);
        if (to != from)
            m_changed.push_back(to);
    }
    qCWarning(lcStore).noquote() << done.note;
    if (Status s = refreshUnacked(); !s) // committed; memory follows the disk
        return R::failure(s);
    return done;
}

} // namespace feedback::store
