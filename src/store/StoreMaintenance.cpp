// FeedbackStore's upkeep: local retention for push-only devices and the doctor's report.
#include "FeedbackStore.h"
#include "Schema.h"
#include "StoreTransaction.h"

#include <core/BookCodec.h>

namespace feedback::store {

Result<int> FeedbackStore::purgeAcknowledged(int days, qint64 nowMs)
{
    if (days < 0)
        return Result<int>::failure(QStringLiteral("Retention must be zero or more days."));
    const Hlc cutoff = HybridLogicalClock::make(nowMs - qint64{days} * 24 * 3600 * 1000, 0);
    std::vector<RecordId> drop;
    for (const auto &[id, state] : m_book.state().entries())
        if (state.creation && state.creation->createdAt < cutoff && isSynced(id))
            drop.push_back(id);
    if (drop.empty())
        return 0;
    const Status purged = m_db->inTransaction([&]() -> Status {
        for (const RecordId &id : drop) {
            // A synced record has no outbox rows left: acknowledgements deleted them.
            if (Status s = m_db->deleteRecord(RowSealer::idBytes(id)); !s)
                return s;
        }
        return Ok{};
    });
    if (!purged)
        return Result<int>::failure(purged);
    for (const RecordId &id : drop) {
        m_book.forgetRecord(id); // the context keeps the dots: nothing stale brings them back
        m_changed.push_back(id);
    }
    return static_cast<int>(drop.size());
}

DoctorReport FeedbackStore::doctor()
{
    DoctorReport report;
    auto problem = [&report](const QString &line) {
        report.ok = false;
        report.lines.append(QStringLiteral("PROBLEM: ") + line);
    };
    report.lines.append(QStringLiteral("key: the database key opens this profile"));
    report.lines.append(QStringLiteral("device: %1").arg(replicaIdToString(deviceId())));
    if (const QString note = identityNote(); !note.isEmpty())
        report.lines.append(QStringLiteral("note: ") + note);
    const auto version = Schema::version(m_db->connection());
    if (version && *version == Schema::currentVersion())
        report.lines.append(QStringLiteral("schema: version %1 (current)").arg(*version));
    else
        problem(QStringLiteral("schema version cannot be read or is not current"));
    const auto integrity = m_db->integrityCheck();
    if (!integrity)
        problem(QStringLiteral("integrity check failed to run: ") + integrity.error());
    else if (!integrity->isEmpty())
        problem(QStringLiteral("SQLite integrity: ") + integrity->join(QStringLiteral("; ")));
    else
        report.lines.append(QStringLiteral("integrity: ok"));
    const auto rows = m_db->count(QStringLiteral("records"));
    report.lines.append(QStringLiteral("records: %1 readable of %2 stored")
                            .arg(m_book.size())
                            .arg(rows ? *rows : -1));
    for (const QString &p : m_problems)
        problem(p);
    // Every outbox row is pending: an acknowledgement deletes the rows it covers.
    const auto outbox = m_db->count(QStringLiteral("outbox"));
    if (!outbox) {
        problem(QStringLiteral("outbox cannot be read: ") + outbox.error());
    } else {
        report.lines.append(QStringLiteral("outbox: %1 pending").arg(*outbox));
        const auto readable = pendingOutbox();
        if (!readable)
            problem(readable.error());
    }
    report.lines.append(QStringLiteral("deferred remote deltas: %1").arg(m_book.deferredCount()));
    // Changes of other devices set aside: listed by where they came from, never by content.
    constexpr int kListed = 50;
    const auto aside = quarantined(kListed);
    if (!aside) {
        problem(QStringLiteral("quarantined changes cannot be read: ") + aside.error());
    } else if (const qsizetype total = quarantinedCount(); total > 0) {
        problem(QStringLiteral("%1 change(s) of other devices set aside (quarantined): they could "
                               "not be read, or too many waited for missing ones")
                    .arg(total));
        for (const QuarantinedChange &change : *aside)
            report.lines.append(QStringLiteral("  quarantined: ") + describeQuarantined(change));
        if (total > aside->size())
            report.lines.append(QStringLiteral("  ... and %1 more").arg(total - aside->size()));
    } else {
        report.lines.append(QStringLiteral("quarantined changes: none"));
    }
    report.lines.append(QStringLiteral("sequence: %1").arg(m_book.sequence()));
    return report;
}

std::optional<QByteArray> FeedbackStore::secret(const QString &name) const
{
    const QString key = QStringLiteral("secret/") + name;
    const auto sealed = m_db->meta(key);
    if (!sealed)
        return std::nullopt;
    auto plain = m_sealer.openMeta(key, *sealed);
    if (!plain)
        return std::nullopt;
    return *plain;
}

Status FeedbackStore::setSecret(const QString &name, const QByteArray &value)
{
    const QString key = QStringLiteral("secret/") + name;
    return m_db->setMeta(key, m_sealer.sealMeta(key, value));
}

std::optional<QByteArray> FeedbackStore::value(const QString &name) const
{
    return m_db->meta(detail::valueKey(name));
}

Status FeedbackStore::setValue(const QString &name, const QByteArray &value)
{
    return m_db->setMeta(detail::valueKey(name), value);
}

} // namespace feedback::store
