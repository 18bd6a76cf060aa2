// SyncSession's side of units this device cannot read (see ARCHITECTURE.md, "Units nobody can
// read"): onDeltas sets them aside; here they are tried again from the bytes kept, and asked for
// again from the relay, once, when later changes prove them needed.
#include "SyncSession.h"

#include <algorithm>
#include <common/LogCategories.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using namespace protocol;

void SyncSession::retryKeptUnits()
{
    if (std::exchange(m_retriedKeptUnits, true))
        return;
    const QList<store::QuarantinedChange> units = m_store.unreadable(); // changes as they apply
    for (const store::QuarantinedChange &kept : units) {
        const auto sealed = m_store.quarantinedBody(kept);
        if (!sealed)
            continue; // not kept, or damaged here: doctor lists it
        InflateBudget budget(kMaxInflatePerFrame);
        // Without a signature: only units that passed the signature check keep their bytes
        // (SessionDeltas), so these were checked when they arrived.
        auto opened = openUnit(SealedDelta{kept.origin, kept.firstSeq, *sealed, kept.position,
                                           kept.lastSeq - kept.firstSeq + 1, QByteArray()},
                               &budget);
        if (!opened)
            continue;
        store::FeedbackStore::RemoteBatch batch;
        batch.deltas = std::move(*opened);
        batch.positions = QList<quint64>(batch.deltas.size(), kept.position);
        const auto applied = m_store.applyRemote(batch); // releases its row
        if (!applied)
            return fail(applied.error());
        qCInfo(lcSync) << "the unit kept from position" << kept.position << "reads now";
        Q_EMIT event(SyncEvent::Recovered,
                     {{QStringLiteral("position"), static_cast<qint64>(kept.position)},
                      {QStringLiteral("count"), *applied}});
        Q_EMIT recordsChanged();
    }
}

void SyncSession::askAgainIfNeeded()
{
    // Only while live: then no catch-up pull is in flight, and the next batch that is not live
    // answers this one. A fault on the way (a damaged frame, a relay's bad read) heals when
    // asked again; a unit damaged at its source does not, and is never asked for twice.
    if (!live() || m_askedRow != 0 ||
        std::all_of(m_store.unreadable().cbegin(), m_store.unreadable().cend(),
                    [](const auto &unit) { return unit.asked; }))
        return;
    const std::vector<crdt::Dot> awaited = m_store.book().awaitedDots();
    for (const store::QuarantinedChange &unit : m_store.unreadable()) {
        const auto origin = store::RowSealer::replicaFromBytes(unit.origin);
        if (unit.asked || unit.position == 0 || !origin ||
            !FeedbackBook::awaitsAny(awaited, *origin, unit.firstSeq, unit.lastSeq))
            continue;
        if (Status s = m_store.markAsked(unit.row); !s)
            return fail(s.error());
        m_askedRow = unit.row;
        m_askedPosition = unit.position;
        qCInfo(lcSync) << "asking the relay again for the unit at position" << unit.position;
        Q_EMIT event(SyncEvent::AskedAgain,
                     {{QStringLiteral("position"), static_cast<qint64>(unit.position)}});
        if (m_state == SyncState::UpToDate)
            setState(SyncState::Syncing);
        send(Pull{unit.position - 1});
        return;
    }
}

void SyncSession::onAskedAgain(const Deltas &deltas)
{
    // The answer was applied like any batch: an intact copy of the unit released its row.
    const qint64 row = std::exchange(m_askedRow, 0);
    const quint64 position = std::exchange(m_askedPosition, 0);
    const auto asked = std::find_if(m_store.unreadable().cbegin(), m_store.unreadable().cend(),
                                    [row](const auto &unit) { return unit.row == row; });
    if (asked == m_store.unreadable().cend()) {
        qCInfo(lcSync) << "the unit at position" << position << "reads now";
        Q_EMIT event(SyncEvent::Recovered,
                     {{QStringLiteral("position"), static_cast<qint64>(position)}});
        askAgainIfNeeded();
        return maybeUpToDate();
    }
    const bool there =
        std::any_of(deltas.deltas.cbegin(), deltas.deltas.cend(), [&](const auto &d) {
            return d.position == position && d.origin == asked->origin && d.seq == asked->firstSeq;
        });
    // Set aside again by this batch when it was there: its reason is the new one.
    keepAside(row, position,
              there ? asked->reason : QStringLiteral("the relay no longer holds it"));
}

void SyncSession::keepAside(qint64 row, quint64 position, const QString &why)
{
    qCWarning(lcSync) << "the unit at position" << position << "is still unreadable";
    if (Status s = m_store.keepAside(row, QStringLiteral("asked the relay again: ") + why); !s)
        return fail(s.error());
    Q_EMIT event(SyncEvent::Quarantined,
                 {{QStringLiteral("count"), 1},
                  {QStringLiteral("position"), static_cast<qint64>(position)}});
    askAgainIfNeeded();
    maybeUpToDate();
}

} // namespace feedback::sync
