// Several relays on one PostgreSQL database (--database): what another relay stored reaches
// this relay's live devices at once when PostgreSQL notifies (RelayStorage::setStoredElsewhere,
// LISTEN/NOTIFY), and in any case before this relay confirms a later position to them (fillGap):
// a device moves its cursor to what it is confirmed, so it must never be confirmed past a unit
// it was not sent.
#include "RelayServer.h"

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
    if (page) {
        for (const SealedDelta &unit : page->units)
            if (unit.position < first)
                gap.append(unit);
    }
    // Units only, all of them: else (a snapshot between, more than a frame) the device catches
    // up the usual way.
    const bool whole = page && !gap.isEmpty() &&
                       gap.first().position == c.confirmedPosition() + 1 &&
                       gap.size() == static_cast<qsizetype>(first - gap.first().position);
    if (!whole) {
        c.refuse(ErrorCode::Internal, kCatchUpAgain);
        return false;
    }
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
        if (page && !page->units.isEmpty()) {
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
