// Several relays on one PostgreSQL database (--database): what another relay stored reaches
// this relay's live devices at once when PostgreSQL notifies (RelayStorage::setStoredElsewhere,
// LISTEN/NOTIFY), and in any case before this relay confirms a later position to them (fillGap):
// a device moves its cursor to what it is confirmed, so it must never be confirmed past a unit
// it was not sent.
#include "RelayServer.h"

#include <QSet>

#include <map>

namespace feedback::relay {

using namespace protocol;

namespace {

// Pages a live device is sent after one notification; a device further behind catches up by
// pulling, as after a reconnect.
constexpr int kMaxPagesAtOnce = 16;

const QString kCatchUpAgain = QStringLiteral("other relays stored units meanwhile: catch up again");

} // namespace

bool RelayServer::fillGap(RelayConnection &c, quint64 first)
{
    const Result<LogPage> page = m_storage.read(c.workspace(), c.confirmedPosition(),
                                                m_limits.maxBatch, m_limits.maxFrameBytes - 64);
    QList<SealedDelta> gap;
    quint64 reached = c.confirmedPosition();
    if (page) {
        for (const SealedDelta &unit : page->units) {
            reached = std::max(reached, unit.position);
            if (unit.position < first)
                gap.append(unit);
        }
    }
    // Whole when the read got past the gap, or the log holds nothing more: positions between
    // without a unit are snapshots that add nothing to what the device holds. An essential
    // snapshot between, or more than a frame: the device catches up the usual way.
    const bool essentialBetween = page && page->snapshot != 0 && page->snapshot < first;
    const bool whole =
        page && !essentialBetween && (reached + 1 >= first || (!page->more && page->snapshot == 0));
    if (!whole) {
        c.refuse(ErrorCode::Internal, kCatchUpAgain);
        return false;
    }
    if (gap.isEmpty())
        return true;
    SharedFrame frame(Deltas{gap, false, true});
    c.sendLive(frame);
    m_metrics.unitsSent(gap.size());
    return true;
}

void RelayServer::storedElsewhere(const QByteArray &workspace,
                                  const RelayStorage::StoredChange &change)
{
    using Kind = RelayStorage::StoredChange::Kind;
    switch (change.kind) {
    case Kind::Units:
        return unitsStoredElsewhere(workspace, change.head);
    case Kind::Devices:
        return sendDevices(workspace, nullptr);
    case Kind::Epochs:
        return sendEpochs(workspace);
    case Kind::Revoked:
        return closeRevoked(workspace, change.device);
    case Kind::Presence:
        return forwardPresence(workspace, Presence{change.device, change.payload}, nullptr);
    case Kind::Reconnected: {
        // What the other relays did meanwhile, for every workspace with live devices here.
        QSet<QByteArray> workspaces;
        for (RelayConnection *c : std::as_const(m_connections))
            if (c->isLive())
                workspaces.insert(c->workspace());
        for (const QByteArray &w : std::as_const(workspaces)) {
            sendDevices(w, nullptr);
            sendEpochs(w);
            unitsStoredElsewhere(w, m_storage.head(w));
        }
        return;
    }
    }
}

void RelayServer::unitsStoredElsewhere(const QByteArray &workspace, quint64 head)
{
    // One read per position the live devices are at (nearly always one), its frames encoded once.
    struct Step
    {
        std::optional<SharedFrame> units, confirm;
        quint64 last = 0;
        qsizetype count = 0;
        quint64 essential = 0; // an essential snapshot's position, sent before its confirmation
        bool failed = false;
    };
    std::map<quint64, Step> steps;
    const auto stepFrom = [&](quint64 cursor) -> Step & {
        if (const auto it = steps.find(cursor); it != steps.end())
            return it->second;
        Step step;
        const Result<LogPage> page =
            m_storage.read(workspace, cursor, m_limits.maxBatch, m_limits.maxFrameBytes - 64);
        step.failed = !page;
        if (page && page->units.isEmpty() && page->snapshot == 0) {
            // Nothing to read up to the head: it is a snapshot that adds nothing (or units
            // compacted behind one); the device may pass it with its chain value.
            const auto chain = m_storage.chainAt(workspace, head);
            step.failed = !chain || !chain->has_value();
            if (!step.failed) {
                step.last = head;
                step.confirm.emplace(CaughtUp{head, **chain});
            }
        } else if (page && !page->units.isEmpty()) {
            step.last = page->units.last().position;
            step.count = page->units.size();
            step.units.emplace(Deltas{page->units, false, true});
            step.confirm.emplace(CaughtUp{step.last, page->chain});
        } else if (page && page->snapshot != 0) {
            // A snapshot comes next: as spreadSnapshot does for this relay's own.
            const auto snapshot = m_storage.snapshotAt(workspace, page->snapshot);
            step.failed = !snapshot || !snapshot->has_value();
            if (!step.failed) {
                step.last = page->snapshot;
                step.essential = (*snapshot)->essential ? page->snapshot : 0;
                step.confirm.emplace(CaughtUp{step.last, (*snapshot)->chain});
            }
        }
        return steps.emplace(cursor, std::move(step)).first->second;
    };
    for (RelayConnection *c : liveConnections(workspace, nullptr)) {
        for (int pages = 0; c->isLive() && c->confirmedPosition() < head; ++pages) {
            Step &step = stepFrom(c->confirmedPosition());
            if (step.failed || pages == kMaxPagesAtOnce) {
                c->refuse(ErrorCode::Internal, kCatchUpAgain);
                break;
            }
            if (!step.confirm)
                break; // not readable here yet: the next notification or confirmation brings it
            if (step.units)
                c->sendLive(*step.units);
            if (step.essential != 0)
                c->sendSnapshot(step.essential, false);
            if (!c->isLive())
                break;
            c->sendLive(*step.confirm);
            c->setConfirmed(step.last);
            m_metrics.unitsSent(step.count);
        }
    }
}

} // namespace feedback::relay
