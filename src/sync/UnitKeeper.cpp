#include "UnitKeeper.h"

#include "PushPacker.h"

#include <QCborMap>
#include <QCborValue>
#include <QDateTime>

#include <common/LogCategories.h>
#include <store/RowSealer.h>
#include <store/StoredValue.h>

namespace feedback::sync {

using protocol::SealedDelta;

namespace {

const store::StoredKey<QByteArray> kRelayHolds{
    QStringLiteral("sync/relayHolds"), store::StoredKey<QByteArray>::Kind::Value, {}};

store::KeptUnit keptOf(const SealedDelta &u)
{
    return {u.origin, u.seq, u.count, u.sealed, u.signature};
}

// Read back from the store: checked like anything from disk; what does not fit is dropped.
std::map<QByteArray, quint64> decodeHolds(const QByteArray &bytes)
{
    std::map<QByteArray, quint64> out;
    const QCborMap map = QCborValue::fromCbor(bytes).toMap();
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        const QByteArray origin = it.key().toByteArray();
        const qint64 upTo = it.value().toInteger(-1);
        if (origin.size() == 16 && upTo > 0 && quint64(upTo) <= protocol::limits::kMaxSeq &&
            out.size() < std::size_t(protocol::limits::kMaxSnapshotOrigins))
            out[origin] = quint64(upTo);
    }
    return out;
}

} // namespace

UnitKeeper::UnitKeeper(store::FeedbackStore &store)
    : m_store(store)
    , m_relayHolds(decodeHolds(store::stored(store, kRelayHolds)))
{
    prune();
}

void UnitKeeper::received(const QList<SealedDelta> &units)
{
    if (!m_keeping)
        return;
    QList<store::KeptUnit> kept;
    kept.reserve(units.size());
    for (const SealedDelta &u : units)
        if (u.signature.size() == protocol::limits::kSignatureBytes)
            kept.append(keptOf(u));
    if (Status s = keep(kept); !s)
        qCWarning(lcSync).noquote() << "cannot keep units for nearby devices:" << s.error();
}

Status UnitKeeper::sealPending(DeviceTrust &trust, const WorkspaceKeys &keys)
{
    if (!m_keeping)
        return Ok{};
    const auto last = lastSeqs();
    if (!last)
        return Status::failure(last);
    const ReplicaId self = m_store.deviceId();
    const QByteArray selfBytes = store::RowSealer::replicaBytes(self);
    const auto it = last->find(selfBytes);
    const quint64 kept = it == last->end() ? 0 : it->second;
    if (m_store.book().sequence() <= kept)
        return Ok{}; // nothing written since the last unit sealed
    const auto pending = m_store.pendingOutbox();
    if (!pending)
        return Status::failure(pending);
    QList<store::OutboxEntry> todo;
    for (const store::OutboxEntry &e : *pending)
        if (e.origin == self && e.seq > kept)
            todo.append(e);
    if (todo.isEmpty())
        return Ok{};
    const auto key = trust.signingKeyOf(self);
    if (!key)
        return Status::failure(key);
    QList<store::KeptUnit> units;
    while (!todo.isEmpty()) {
        const protocol::Push push =
            PushPacker::pack(todo, keys, *key, protocol::limits::kDefaultMaxBatch,
                             protocol::limits::kDefaultMaxFrameBytes);
        if (push.deltas.isEmpty())
            return Status::failure(QStringLiteral("cannot seal this device's changes"));
        for (const SealedDelta &u : push.deltas)
            units.append(keptOf(u));
        const quint64 upTo = push.deltas.last().lastSeq();
        todo.removeIf([upTo](const store::OutboxEntry &e) { return e.seq <= upTo; });
    }
    return keep(units);
}

Status UnitKeeper::keep(const QList<store::KeptUnit> &units)
{
    if (units.isEmpty())
        return Ok{};
    if (const auto known = lastSeqs(); !known)
        return Status::failure(known);
    if (Status s = m_store.keptUnits().keep(units, QDateTime::currentMSecsSinceEpoch()); !s) {
        m_lastSeqs.reset(); // read again: the transaction was rolled back
        return s;
    }
    for (const store::KeptUnit &u : units) {
        quint64 &last = (*m_lastSeqs)[u.origin];
        last = std::max(last, u.lastSeq());
    }
    return Ok{};
}

Result<QList<SealedDelta>> UnitKeeper::after(const QByteArray &origin, quint64 afterSeq,
                                             qsizetype maxUnits, qsizetype maxBytes)
{
    using Out = QList<SealedDelta>;
    const auto kept = m_store.keptUnits().after(origin, afterSeq, maxUnits, maxBytes);
    if (!kept)
        return Result<Out>::failure(kept);
    Out out;
    out.reserve(kept->size());
    for (const store::KeptUnit &u : *kept)
        out.append(SealedDelta{u.origin, u.seq, u.sealed, 0, u.count, u.signature});
    return out;
}

Result<std::map<QByteArray, quint64>> UnitKeeper::lastSeqs()
{
    if (!m_lastSeqs) {
        auto read = m_store.keptUnits().lastSeqs();
        if (!read)
            return read;
        m_lastSeqs = std::move(*read);
    }
    return *m_lastSeqs;
}

protocol::Have UnitKeeper::have() const
{
    protocol::Have have;
    // The context's version vector is per origin the highest seq below which it holds every
    // one (what it holds beyond a gap is in its cloud): exactly what anti-entropy asks.
    for (const auto &[replica, upTo] : m_store.book().state().context().versionVector()) {
        if (upTo == 0 || upTo > protocol::limits::kMaxSeq)
            continue;
        have.covers.append({store::RowSealer::replicaBytes(replica), upTo});
        if (have.covers.size() == protocol::limits::kMaxSnapshotOrigins)
            break;
    }
    std::sort(have.covers.begin(), have.covers.end(),
              [](const auto &a, const auto &b) { return a.origin < b.origin; });
    return have;
}

quint64 UnitKeeper::relayHolds(const QByteArray &origin) const
{
    const auto it = m_relayHolds.find(origin);
    return it == m_relayHolds.end() ? 0 : it->second;
}

void UnitKeeper::seenAtRelay(const QList<SealedDelta> &units)
{
    bool changed = false;
    for (const SealedDelta &u : units) {
        quint64 &held = m_relayHolds[u.origin];
        if (u.lastSeq() > held) {
            held = u.lastSeq();
            changed = true;
        }
    }
    m_holdsChanged = m_holdsChanged || changed;
}

void UnitKeeper::setRelayHolds(const QByteArray &origin, quint64 upTo)
{
    quint64 &held = m_relayHolds[origin];
    if (upTo <= held)
        return;
    held = upTo;
    m_holdsChanged = true;
    flush();
}

void UnitKeeper::seenCovers(const QList<protocol::SnapshotCover> &covers)
{
    for (const protocol::SnapshotCover &c : covers) {
        quint64 &held = m_relayHolds[c.origin];
        if (c.upTo > held) {
            held = c.upTo;
            m_holdsChanged = true;
        }
    }
}

void UnitKeeper::prune()
{
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (m_prunedAt != 0 && now - m_prunedAt < kPruneEveryMs)
        return;
    m_prunedAt = now;
    if (const auto dropped = m_store.keptUnits().dropKeptBefore(now - kKeepMs); !dropped)
        qCWarning(lcSync).noquote()
            << "cannot drop old units kept for nearby devices:" << dropped.error();
    else if (*dropped > 0)
        m_lastSeqs.reset(); // read again: an origin may have no unit left
}

void UnitKeeper::flush()
{
    prune();
    if (!m_holdsChanged)
        return;
    m_holdsChanged = false;
    QCborMap map;
    for (const auto &[origin, upTo] : m_relayHolds)
        map.insert(QCborValue(origin), QCborValue(static_cast<qint64>(upTo)));
    if (Status s = store::setStored(m_store, kRelayHolds, QCborValue(map).toCbor()); !s)
        qCWarning(lcSync).noquote()
            << "cannot keep how far the relay holds each device:" << s.error();
}

} // namespace feedback::sync
