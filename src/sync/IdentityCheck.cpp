#include "IdentityCheck.h"

#include <common/LogCategories.h>
#include <store/RowSealer.h>

namespace feedback::sync {

IdentityCheck::IdentityCheck(store::FeedbackStore &store, const WorkspaceKeys &keys)
    : m_store(store)
    , m_keys(keys)
{}

Status IdentityCheck::reload()
{
    m_ranges.clear();
    const auto ranges = m_store.pendingRanges();
    if (!ranges)
        return Status::failure(ranges);
    for (const auto &range : *ranges)
        m_ranges[range.origin] = {range.first - 1, range.last};
    // With nothing pending, everything this device wrote was acknowledged.
    const quint64 sequence = m_store.book().sequence();
    m_ranges.try_emplace(m_store.deviceId(), Range{sequence, sequence});
    return Ok{};
}

IdentityCheck::Outcome IdentityCheck::welcome(quint64 storedUpTo)
{
    Outcome out;
    m_unverifiedUpTo = 0;
    if (Status s = reload(); !s) {
        out.error = s.error();
        return out;
    }
    const ReplicaId self = m_store.deviceId();
    const quint64 acknowledged = m_ranges.at(self).verified;
    const quint64 sequence = m_store.book().sequence();
    // A relay restored from an older backup (or a new one) lost deltas it had acknowledged, and
    // this device dropped them on that ack: pushing on would only ever meet `sequence-gap`. A
    // full device gives the relay a snapshot of everything it holds, which covers them; a kiosk
    // holds nothing to give and waits until a full device has done so.
    if (storedUpTo < acknowledged) {
        if (m_keys.canRead()) {
            qCWarning(lcSync) << "the relay lacks seqs" << storedUpTo + 1 << "to" << acknowledged
                              << "of this device that it had acknowledged: healing it";
            out.heal = true;
            return out;
        }
        out.error = QStringLiteral("the relay lacks %1 of this kiosk's changes that a relay had "
                                   "confirmed (seq %2 to %3): it was restored from an older "
                                   "backup, or is another relay than before. The next full "
                                   "device that syncs gives them back; this kiosk retries")
                        .arg(acknowledged - storedUpTo)
                        .arg(storedUpTo + 1)
                        .arg(acknowledged);
        return out;
    }
    if (storedUpTo == acknowledged)
        return out;
    if (acknowledged == sequence) {
        // Nothing pending to compare: the relay simply knows seqs this profile never wrote.
        if (Status s = renumber(self, acknowledged,
                                QStringLiteral("the relay holds its changes up to seq %1, but "
                                               "this profile wrote only %2")
                                    .arg(storedUpTo)
                                    .arg(sequence),
                                out);
            !s)
            out.error = s.error();
        return out;
    }
    // Pushed before a crash or a lost ack, or written by another copy of this profile: the
    // catch-up shows which (this device's cursor is before those units, see ARCHITECTURE.md).
    m_unverifiedUpTo = storedUpTo;
    qCInfo(lcSync) << "the relay holds seqs" << acknowledged + 1 << "to" << storedUpTo
                   << "of this device: comparing them before they count as acknowledged";
    return out;
}

IdentityCheck::Outcome IdentityCheck::inspect(const protocol::Deltas &deltas)
{
    Outcome out;
    // Whether `unit` holds seqs of `origin` that this device has pending and not seen
    // acknowledged (or, for its own id, never wrote).
    const auto unsettled = [this](const protocol::SealedDelta &unit, const ReplicaId &origin) {
        const auto range = m_ranges.find(origin);
        if (range == m_ranges.end() || unit.lastSeq() <= range->second.verified)
            return false; // acknowledged before, or nothing of this origin is pending here
        // The old identity's own device went on: its deltas, not this one's.
        return origin == m_store.deviceId() || unit.seq <= range->second.last;
    };
    bool fresh = false;
    for (const protocol::SealedDelta &unit : deltas.deltas) {
        const auto origin = store::RowSealer::replicaFromBytes(unit.origin);
        if (!origin || !unsettled(unit, *origin))
            continue; // a unit nobody can read goes to the apply path, which reports it
        if (!fresh) {
            // Acks since the last look (this device pushes while it catches up, and its own
            // units then come back in the catch-up): ask the store, once per batch.
            fresh = true;
            if (Status s = reload(); !s) {
                out.error = s.error();
                return out;
            }
            if (!unsettled(unit, *origin))
                continue;
        }
        if (deltas.live) {
            // Live positions are not durable yet: compare in the catch-up of the next
            // connection, which starts before this unit (nothing of this frame is applied).
            out.error = QStringLiteral("the relay forwarded seq %1 of device %2, which this "
                                       "profile has not compared with what it wrote (a restored "
                                       "or cloned profile?): reconnecting to compare")
                            .arg(unit.seq)
                            .arg(replicaIdToString(*origin));
            return out;
        }
        if (const auto compared = compare(unit, *origin, out); !compared) {
            out.error = compared.error();
            return out;
        }
    }
    return out;
}

IdentityCheck::Outcome IdentityCheck::snapshot(const QList<protocol::SnapshotCover> &covers)
{
    Outcome out;
    if (Status s = reload(); !s) {
        out.error = s.error();
        return out;
    }
    for (const protocol::SnapshotCover &cover : covers) {
        const auto origin = store::RowSealer::replicaFromBytes(cover.origin);
        if (!origin)
            continue;
        const auto range = m_ranges.find(*origin);
        if (range == m_ranges.end() || cover.upTo <= range->second.verified)
            continue;
        // A snapshot this device gave the relay comes back only after the relay stored it,
        // which acknowledged what it covers: seqs beyond that are another copy's.
        if (Status s = renumber(*origin, range->second.verified,
                                QStringLiteral("a snapshot holds its seqs %1 to %2, which this "
                                               "profile cannot compare with what it wrote")
                                    .arg(range->second.verified + 1)
                                    .arg(cover.upTo),
                                out);
            !s) {
            out.error = s.error();
            return out;
        }
    }
    return out;
}

IdentityCheck::Outcome IdentityCheck::caughtUp()
{
    Outcome out;
    if (m_unverifiedUpTo == 0)
        return out;
    const quint64 verified = m_ranges.at(m_store.deviceId()).verified;
    // Never expected (this device's cursor is before any unit of its own it has not seen
    // acknowledged); should it happen, renumbering loses nothing: at worst a change the relay
    // already held arrives twice, under two ids.
    if (Status s = renumber(m_store.deviceId(), verified,
                            QStringLiteral("the relay holds its seqs %1 to %2, which the catch-up "
                                           "did not show, so they cannot be compared")
                                .arg(verified + 1)
                                .arg(m_unverifiedUpTo),
                            out);
        !s)
        out.error = s.error();
    return out;
}

Result<bool> IdentityCheck::compare(const protocol::SealedDelta &unit, const ReplicaId &origin,
                                    Outcome &outcome)
{
    const auto plain = m_keys.open(unit);
    if (!plain)
        return true; // the apply path reports it; these seqs stay unverified
    const bool own = origin == m_store.deviceId();
    Range &range = m_ranges.at(origin);
    quint64 verified = range.verified;
    for (qsizetype i = 0; i < plain->size(); ++i) {
        const quint64 seq = unit.seq + static_cast<quint64>(i);
        if (seq <= verified)
            continue;
        const quint64 last = own ? m_store.book().sequence() : range.last;
        QString why;
        std::optional<QByteArray> mine;
        if (seq > last && !own)
            break;
        if (seq > last) {
            why = QStringLiteral("the relay holds its seq %1, which this profile never wrote")
                      .arg(seq);
        } else if (seq != verified + 1) {
            why = QStringLiteral("the relay holds its seqs %1 to %2, which the catch-up did not "
                                 "show, so they cannot be compared")
                      .arg(verified + 1)
                      .arg(seq - 1);
        } else {
            auto pending = m_store.pendingDelta(origin, seq);
            if (!pending)
                return Result<bool>::failure(pending);
            mine = std::move(*pending);
            if (!mine)
                why = QStringLiteral("its change %1 is neither pending nor acknowledged here")
                          .arg(seq);
            else if (*mine != plain->at(i))
                why = QStringLiteral("the relay holds another change under its seq %1").arg(seq);
        }
        if (!why.isEmpty()) {
            if (Status s = renumber(origin, verified, why, outcome); !s)
                return Result<bool>::failure(s);
            return false;
        }
        verified = seq;
    }
    if (verified > range.verified) {
        // The relay's copy is this device's own: acknowledged, before the batch moves the
        // cursor past it (the cursor's commit then makes this one durable too).
        if (Status s = m_store.acknowledge(origin, verified); !s)
            return Result<bool>::failure(s);
        range.verified = verified;
        qCInfo(lcSync) << "the relay's copy of seqs up to" << verified
                       << "is what this device wrote: acknowledged";
    }
    if (own && m_unverifiedUpTo > 0 && verified >= m_unverifiedUpTo) {
        m_unverifiedUpTo = 0;
        outcome.released = true;
    }
    return true;
}

Status IdentityCheck::renumber(const ReplicaId &origin, quint64 keptUpTo, const QString &why,
                               Outcome &outcome)
{
    const bool own = origin == m_store.deviceId();
    const auto done = m_store.renumberAfter(origin, keptUpTo, why);
    if (!done)
        return Status::failure(done);
    outcome.renumbered.append(*done);
    if (own) {
        outcome.released = m_unverifiedUpTo > 0;
        m_unverifiedUpTo = 0; // the relay holds nothing of the new id
    }
    return reload();
}

} // namespace feedback::sync
