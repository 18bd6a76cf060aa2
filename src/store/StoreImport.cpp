// FeedbackStore::importItems: a whole file of old-queue items in one transaction, the
// encoding and sealing spread over the cores. FeedbackStore::editMany: many edits, one commit.
#include "FeedbackStore.h"
#include "StoreTransaction.h"

#include <QSet>

#include <core/BookCodec.h>
#include <core/ParallelFor.h>
#include <vector>

namespace feedback::store {

using detail::kOutbox;
using detail::outboxKey;

Result<ImportReport> FeedbackStore::importItems(const QList<ImportItem> &items)
{
    ImportReport report;
    struct Created
    {
        QByteArray hash;
        BookDelta delta;
        RecordId id;
        QByteArray sealedRecord;
        QByteArray sealedDelta;
        QByteArray encodedDelta;
    };
    // One transaction for the whole file: one fsync instead of one per item.
    const Status saved = commitLocalBatch([&]() -> Status {
        // In order: what is a duplicate, and the mutations (each mints the next dot).
        std::vector<Created> created;
        QSet<QByteArray> seen;
        for (qsizetype i = 0; i < items.size(); ++i) {
            QByteArray hash = m_sealer.keyedHash(QByteArrayLiteral("legacy/") + items[i].identity);
            const auto known = m_db->hasImport(hash);
            if (!known)
                return Status::failure(known);
            if (*known || seen.contains(hash)) {
                ++report.duplicates;
                continue;
            }
            auto delta = m_book.create(items[i].feedback);
            if (!delta) {
                report.skipped.append(
                    {i, QString(delta.error()).replace(QLatin1Char('\n'), QStringLiteral("; "))});
                continue;
            }
            seen.insert(hash);
            const RecordId id = *delta->minted.begin();
            created.push_back({std::move(hash), std::move(*delta), id, {}, {}, {}});
        }
        // Encoding and sealing are independent per record: spread over the cores.
        parallelFor(created.size(), 128, [&](std::size_t i) {
            Created &c = created[i];
            const FeedbackRecordState *state = m_book.state().find(c.id);
            const auto encoded = BookCodec::encodeDelta(c.delta);
            if (!state || !encoded)
                return; // left empty: refused below
            c.sealedRecord = m_sealer.sealRecord(c.id, *state);
            c.sealedDelta =
                m_sealer.sealDelta(kOutbox, outboxKey(c.id.replica, c.id.counter), *encoded);
            c.encodedDelta = *encoded;
        });
        for (const Created &c : created) {
            if (c.sealedRecord.isEmpty() || c.sealedDelta.isEmpty())
                return Status::failure(QStringLiteral("internal error: cannot encode the change"));
            const QByteArray key = RowSealer::idBytes(c.id);
            if (Status s = m_db->putRecord(key, c.sealedRecord); !s)
                return s;
            if (Status s = m_db->addOutbox(
                    {RowSealer::replicaBytes(c.id.replica), c.id.counter, key, c.sealedDelta});
                !s)
                return s;
            if (Status s = m_db->addImport(c.hash, key); !s)
                return s;
            m_unacked.insert(key);
            m_changed.push_back(c.id);
            cacheQueued({c.id.replica, c.id.counter, c.id, c.encodedDelta}); // see commitLocal
            ++report.imported;
        }
        return saveContext();
    });
    if (!saved)
        return Result<ImportReport>::failure(saved);
    return report;
}

Status FeedbackStore::commitLocalBatch(const std::function<Status()> &write)
{
    const Status saved = m_db->inTransaction(write);
    settleContext(saved.ok());
    m_book.takeTouched();
    if (!saved) {
        // Memory went ahead of the disk: read the disk again.
        if (Status reloaded = load(); !reloaded)
            return Status::failure(saved.error() + QLatin1Char('\n') + reloaded.error(),
                                   saved.errorKind());
    }
    return saved;
}

Result<int> FeedbackStore::editMany(const QList<std::pair<RecordId, FeedbackEdit>> &edits)
{
    int done = 0;
    const Status saved = commitLocalBatch([&]() -> Status {
        for (const auto &[id, change] : edits) {
            const auto delta = m_book.edit(id, change);
            if (!delta)
                return Status::failure(delta);
            if (Status s = commitLocal(*delta, id); !s)
                return s;
            ++done;
        }
        return saveContext();
    });
    if (!saved)
        return Result<int>::failure(saved);
    return done;
}

} // namespace feedback::store
