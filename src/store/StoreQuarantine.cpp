// FeedbackStore's quarantine: changes of other devices set aside instead of applied. Units of
// the relay's log that do not open or decode, and deltas over the deferred bound of their origin,
// are kept sealed with where they came from and why, so that one bad unit or one flooding member
// stops nothing else; they are released when their changes arrive intact after all, and the
// deltas over the bound come back when their origin's queue has room.
#include "FeedbackStore.h"

#include <QtEndian>

#include <common/LogCategories.h>
#include <core/BookCodec.h>

namespace feedback::store {

namespace {

const QByteArray kQuarantine = QByteArrayLiteral("quarantine");

// A row's sealing key: what makes it unique (kind, origin, first seq).
QByteArray rowKey(QuarantinedChange::Kind kind, const QByteArray &origin, quint64 firstSeq)
{
    QByteArray key(1, static_cast<char>(kind));
    key += origin;
    key.resize(key.size() + 8);
    qToBigEndian(firstSeq, key.data() + key.size() - 8);
    return key;
}

QuarantinedChange fromRow(const QuarantineRow &row)
{
    QuarantinedChange change;
    change.row = row.id;
    change.kind =
        row.kind == 1 ? QuarantinedChange::Kind::OverLimit : QuarantinedChange::Kind::Unreadable;
    change.position = row.position;
    change.origin = row.origin;
    change.firstSeq = row.firstSeq;
    change.lastSeq = row.lastSeq;
    change.reason = row.reason;
    change.asked = row.asked;
    return change;
}

// A unit holds at most 1,024 deltas; a range from a hostile frame is not walked further.
constexpr quint64 kMaxRange = 1024;

} // namespace

QString describeQuarantined(const QuarantinedChange &change)
{
    const QString seqs =
        change.firstSeq == change.lastSeq
            ? QStringLiteral("seq %1").arg(change.firstSeq)
            : QStringLiteral("seqs %1..%2").arg(change.firstSeq).arg(change.lastSeq);
    const QString position = change.position > 0
                                 ? QStringLiteral("position %1").arg(change.position)
                                 : QStringLiteral("position unknown");
    return QStringLiteral("%1, origin %2, %3: %4")
        .arg(position, QString::fromLatin1(change.origin.toHex()), seqs, change.reason);
}

QuarantinedChange FeedbackStore::overLimit(const BookDelta &delta, quint64 position) const
{
    QuarantinedChange change;
    change.kind = QuarantinedChange::Kind::OverLimit;
    change.position = position;
    if (!delta.minted.empty()) {
        const crdt::Dot first = *delta.minted.begin();
        change.origin = RowSealer::replicaBytes(first.replica);
        change.firstSeq = change.lastSeq = first.counter;
        for (const crdt::Dot &d : delta.minted)
            if (d.replica == first.replica)
                change.lastSeq = std::max<quint64>(change.lastSeq, d.counter);
    }
    change.reason = QStringLiteral("over the limit: %1 changes of its device already wait for "
                                   "changes this device has not received")
                        .arg(m_book.maxDeferredPerOrigin());
    if (const auto encoded = BookCodec::encodeDelta(delta))
        change.body = *encoded;
    return change;
}

Status FeedbackStore::storeQuarantined(const QuarantinedChange &change)
{
    QuarantineRow row;
    row.kind = static_cast<int>(change.kind);
    row.position = change.position;
    row.origin = change.origin;
    row.firstSeq = change.firstSeq;
    row.lastSeq = change.lastSeq;
    row.reason = change.reason;
    row.sealedBody = m_sealer.sealDelta(
        kQuarantine, rowKey(change.kind, change.origin, change.firstSeq), change.body);
    if (change.kind == QuarantinedChange::Kind::Unreadable) // a flood over the limit: one line
        qCWarning(lcStore).noquote() << "set aside:" << describeQuarantined(change);
    return m_quarantine->put(row);
}

int FeedbackStore::readmitOverLimit(QList<qint64> &released)
{
    constexpr int kKind = static_cast<int>(QuarantinedChange::Kind::OverLimit);
    int fresh = 0;
    for (auto it = m_overLimit.cbegin(); it != m_overLimit.cend(); ++it) {
        const auto origin = RowSealer::replicaFromBytes(it.key());
        if (!origin)
            continue;
        // Room in the queue: as the deltas taken back apply (or wait), take the next ones.
        quint64 after = 0;
        for (;;) {
            const std::size_t bound = m_book.maxDeferredPerOrigin();
            const std::size_t room =
                std::min(bound - std::min(m_book.deferredCount(*origin), bound),
                         FeedbackBook::kMaxDeferred -
                             std::min(m_book.deferredCount(), FeedbackBook::kMaxDeferred));
            if (room == 0)
                break;
            const auto rows = m_quarantine->ofOrigin(
                kKind, it.key(), after, static_cast<int>(std::min<std::size_t>(room, 1024)));
            if (!rows) {
                qCWarning(lcStore).noquote() << rows.error();
                break;
            }
            bool full = false;
            for (const QuarantineRow &row : *rows) {
                after = row.firstSeq;
                const auto plain = m_sealer.openDelta(
                    kQuarantine,
                    rowKey(QuarantinedChange::Kind::OverLimit, row.origin, row.firstSeq),
                    row.sealedBody);
                const auto delta =
                    plain ? BookCodec::decodeDelta(*plain) : Result<BookDelta>::failure(plain);
                if (!delta) { // damaged here: left for doctor
                    qCWarning(lcStore).noquote()
                        << "a set-aside delta cannot be read:" << delta.error();
                    continue;
                }
                const auto outcome = m_book.apply(*delta);
                if (outcome == FeedbackBook::ApplyOutcome::Rejected) {
                    full = true;
                    break;
                }
                fresh += outcome == FeedbackBook::ApplyOutcome::Duplicate ? 0 : 1;
                released.append(row.id);
            }
            if (full || rows->isEmpty())
                break;
        }
    }
    return fresh;
}

QList<qint64> FeedbackStore::healedUnreadable() const
{
    QList<qint64> healed;
    for (const QuarantinedChange &unit : m_unreadable) {
        const auto origin = RowSealer::replicaFromBytes(unit.origin);
        if (!origin || unit.lastSeq < unit.firstSeq || unit.lastSeq - unit.firstSeq >= kMaxRange)
            continue;
        bool known = true;
        for (quint64 seq = unit.firstSeq; known && seq <= unit.lastSeq; ++seq)
            known = m_book.state().context().contains(crdt::Dot{*origin, seq});
        if (known)
            healed.append(unit.row);
    }
    return healed;
}

Status FeedbackStore::refreshQuarantine()
{
    const auto unreadable =
        m_quarantine->list(static_cast<int>(QuarantinedChange::Kind::Unreadable), -1);
    if (!unreadable)
        return Status::failure(unreadable);
    const auto overLimit =
        m_quarantine->countsByOrigin(static_cast<int>(QuarantinedChange::Kind::OverLimit));
    if (!overLimit)
        return Status::failure(overLimit);
    m_unreadable.clear();
    for (const QuarantineRow &row : *unreadable)
        m_unreadable.append(fromRow(row));
    m_overLimit = *overLimit;
    return Ok{};
}

qsizetype FeedbackStore::quarantinedCount() const
{
    qsizetype n = m_unreadable.size();
    for (const qint64 count : m_overLimit)
        n += static_cast<qsizetype>(count);
    return n;
}

Result<QList<QuarantinedChange>> FeedbackStore::quarantined(int limit)
{
    const auto rows = m_quarantine->list(-1, limit);
    if (!rows)
        return Result<QList<QuarantinedChange>>::failure(rows);
    QList<QuarantinedChange> out;
    for (const QuarantineRow &row : *rows)
        out.append(fromRow(row));
    return out;
}

Result<QByteArray> FeedbackStore::quarantinedBody(const QuarantinedChange &change)
{
    const auto sealed = m_quarantine->sealedBody(change.row);
    if (!sealed)
        return sealed;
    return m_sealer.openDelta(kQuarantine, rowKey(change.kind, change.origin, change.firstSeq),
                              *sealed);
}

Status FeedbackStore::markAsked(qint64 row)
{
    if (Status s = m_quarantine->setAsked(row); !s)
        return s;
    for (QuarantinedChange &unit : m_unreadable)
        if (unit.row == row)
            unit.asked = true;
    return Ok{};
}

Status FeedbackStore::keepAside(qint64 row, const QString &reason)
{
    if (Status s = m_quarantine->setReason(row, reason); !s)
        return s;
    for (QuarantinedChange &unit : m_unreadable)
        if (unit.row == row)
            unit.reason = reason;
    return Ok{};
}

} // namespace feedback::store
