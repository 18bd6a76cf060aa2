// SyncSession's pushes: the outbox in order, one push in flight, packed into sealed groups and
// signed by each unit's origin; marked acknowledged only on the relay's ack (or, for units of
// another device the relay lost, ForwardQueue's, passed on to it again).
#include "PushPacker.h"
#include "SyncSession.h"

#include <common/LogCategories.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using namespace protocol;

void SyncSession::pushPending()
{
    if (!authenticated() || m_pushInFlight || !m_snapshotSent.isEmpty())
        return;
    if (m_snapshotAfterAck) {
        uploadSnapshot();
        return;
    }
    if (m_identity.holdsPushes() || m_healing)
        return;
    // A hand-over that waited for a snapshot, a heal or an identity check.
    if (std::exchange(m_handOverDue, false))
        return m_forward.hasCarried() ? forwardLost() : handOver();
    const auto pending = m_store.pendingOutbox(PushPacker::kPendingPerPush);
    if (!pending)
        return fail(pending.error());
    // An old identity's deltas wait for the catch-up: the copy it was made from may have sent
    // them already, and the catch-up shows them (equal ones then count as acknowledged).
    if (!pending->isEmpty() && pending->first().origin != m_store.deviceId() && !live())
        return;
    // One origin per push: usually this device's; after a profile was copied, also the old
    // identity's deltas that were still pending, so that none of them is lost. Each unit is
    // signed by its origin identity's own key.
    if (pending->isEmpty())
        return maybeUpToDate();
    // A renumbered identity is not enrolled at the relay (its list on this connection lacks it)
    // until a hello introduces it: the relay would refuse its units.
    if (pending->first().origin == m_store.deviceId() &&
        m_trust.unlistedHere(pending->first().origin))
        return reconnect();
    const auto signingKey = m_trust.signingKeyOf(pending->first().origin);
    if (!signingKey)
        return fail(signingKey.error());
    Push push;
    if (m_keeper && pending->first().origin == m_store.deviceId())
        push.deltas = keptOwnUnits(pending->first().seq);
    if (push.deltas.isEmpty())
        push = PushPacker::pack(*pending, m_keys, *signingKey, m_maxBatch, m_maxFrameBytes);
    if (push.deltas.isEmpty())
        return maybeUpToDate();
    const quint64 upTo = push.deltas.last().lastSeq();
    m_pushInFlight = PushInFlight{pending->first().origin, upTo};
    if (m_state == SyncState::UpToDate)
        setState(SyncState::Syncing);
    send(push);
    Q_EMIT event(SyncEvent::Pushed, {{QStringLiteral("count"),
                                      static_cast<qint64>(upTo - push.deltas.first().seq + 1)},
                                     {QStringLiteral("upTo"), static_cast<qint64>(upTo)}});
}

void SyncSession::onAck(const Ack &ack)
{
    if (m_forwarding) {
        // Another device's units: the relay may hold more of them by now (their writer came
        // back), and this device has nothing of that origin to count as acknowledged.
        if (!m_pushInFlight || ack.origin != store::RowSealer::replicaBytes(m_pushInFlight->origin))
            return fail(QStringLiteral("the relay acknowledged units this device did not give it"));
        m_pushInFlight.reset();
        m_forwarding = false;
        return forwardLost();
    }
    // Only what was pushed can be acknowledged: an ack past it would drop unsent deltas.
    if (!m_pushInFlight || ack.origin != store::RowSealer::replicaBytes(m_pushInFlight->origin) ||
        ack.upTo > m_pushInFlight->upTo)
        return fail(QStringLiteral("the relay acknowledged deltas this device did not push"));
    const ReplicaId origin = std::exchange(m_pushInFlight, std::nullopt)->origin;
    if (Status s = m_store.acknowledge(origin, ack.upTo); !s)
        return fail(s.error());
    Q_EMIT event(SyncEvent::Acked, {{QStringLiteral("upTo"), static_cast<qint64>(ack.upTo)}});
    if (!m_keys.canRead())
        forgetAcknowledged();
    if (std::exchange(m_handOverDue, false))
        return m_forward.hasCarried() ? forwardLost() : handOver();
    pushPending();
}

void SyncSession::forwardLost()
{
    if (m_forwardRest.isEmpty())
        m_forwardRest = m_forward.takeCarried();
    // Only units whose origin's signature verifies here (the relay refuses any other, which
    // would end the connection), in one contiguous run of seqs (a gap: the relay would refuse
    // the rest; what the writer itself pushes later fills it).
    QList<SealedDelta> units;
    bool gap = false;
    for (const SealedDelta &unit : std::as_const(m_forwardRest)) {
        if (unit.origin == m_device || !m_trust.unitProblem(unit).isEmpty())
            continue;
        if (!units.isEmpty() && unit.seq != units.last().lastSeq() + 1) {
            gap = true;
            break;
        }
        if (units.size() == m_maxBatch)
            break;
        units.append(unit);
        units.last().position = 0;
    }
    m_forwardRest.removeIf([&units](const SealedDelta &u) {
        return std::any_of(units.cbegin(), units.cend(), [&u](const SealedDelta &sent) {
            return sent.origin == u.origin && sent.seq == u.seq;
        });
    });
    if (gap)
        m_forwardRest.clear();
    if (units.isEmpty()) {
        m_forwardRest.clear();
        if (m_forward.hasCarried())
            return forwardLost();
        return handOver();
    }
    const auto origin = store::RowSealer::replicaFromBytes(units.first().origin);
    if (!origin) {
        m_forwardRest.clear();
        return pushPending();
    }
    qCInfo(lcSync) << "giving the relay" << units.size()
                   << "units of another device that it lost before committing them";
    m_forwarding = true;
    m_pushInFlight = PushInFlight{*origin, units.last().lastSeq()};
    send(Push{units});
}

QList<SealedDelta> SyncSession::keptOwnUnits(quint64 fromSeq)
{
    if (Status sealed = m_keeper->sealPending(m_trust, m_keys); !sealed) {
        qCWarning(lcSync).noquote()
            << "cannot seal this device's changes once for nearby devices:" << sealed.error();
        return {};
    }
    // Half the frame for the units' bytes: their framing and signatures fit in the rest.
    const auto units = m_keeper->after(m_device, fromSeq - 1, m_maxBatch, m_maxFrameBytes / 2);
    if (!units || units->isEmpty() || units->first().seq != fromSeq)
        return {};
    return *units;
}

void SyncSession::handOverNow()
{
    if (live() && !m_pushInFlight && !m_healing && m_snapshotSent.isEmpty() && !m_forwarding &&
        !m_identity.holdsPushes())
        handOver();
}

void SyncSession::handOver()
{
    // Nothing beside a snapshot on its way, a heal, or an identity being settled: after them
    // (pushPending).
    if (m_healing || !m_snapshotSent.isEmpty() || m_identity.holdsPushes()) {
        m_handOverDue = true;
        return pushPending();
    }
    if (!m_keeper || !m_keys.canRead())
        return handedOver();
    // One push in flight at a time: after its ack (this device's own deltas, pushed during the
    // catch-up).
    if (m_pushInFlight) {
        m_handOverDue = true;
        return;
    }
    m_handOverDue = false;
    const auto last = m_keeper->lastSeqs();
    if (!last)
        return pushPending();
    for (const auto &[origin, lastSeq] : *last) {
        const quint64 held = m_keeper->relayHolds(origin);
        if (origin == m_device || lastSeq <= held)
            continue;
        const auto kept = m_keeper->after(origin, held, m_maxBatch, m_maxFrameBytes / 2);
        if (!kept || kept->isEmpty() || kept->first().seq != held + 1)
            continue; // not from where the relay holds it: its writer (or another peer) gives it
        // One contiguous run whose signatures verify here (the relay would refuse the push).
        QList<SealedDelta> units;
        for (const SealedDelta &unit : *kept) {
            if ((!units.isEmpty() && unit.seq != units.last().lastSeq() + 1) ||
                !m_trust.unitProblem(unit).isEmpty())
                break;
            units.append(unit);
        }
        const auto replica = store::RowSealer::replicaFromBytes(origin);
        if (units.isEmpty() || !replica)
            continue;
        // Counted as given before the relay answers: should it refuse them, no later connection
        // tries the same push again (their writer gives them when it comes back).
        m_keeper->setRelayHolds(origin, units.last().lastSeq());
        qCInfo(lcSync) << "handing over to the relay" << units.size()
                       << "units another device gave this one directly";
        m_forwarding = true;
        m_pushInFlight = PushInFlight{*replica, units.last().lastSeq()};
        send(Push{units});
        return;
    }
    handedOver();
}

void SyncSession::handedOver()
{
    m_handedOver = true;
    // A snapshot covers this device's whole context: made before the hand-over, it would cover
    // units learned from peers that the relay's log never got, and readers past it would never
    // get them.
    if (std::exchange(m_snapshotAfterHandOver, false) && m_snapshotSent.isEmpty() &&
        !uploadSnapshot())
        return;
    pushPending();
}

} // namespace feedback::sync
