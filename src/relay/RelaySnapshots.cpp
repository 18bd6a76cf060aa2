// RelayConnection's snapshots (protocol 6, PROTOCOL.md "Snapshots"): a full device uploads its
// whole state part by part, each part signed with its device key; the relay keeps the parts,
// gives the snapshot a position once the last arrived and tells the device. In a catch-up, an
// essential snapshot (one that covers what no unit holds) is sent in its place of the log.
#include "RelayServer.h"

#include <QDateTime>
#include <QWebSocket>

#include <common/LogCategories.h>
#include <protocol/SnapshotSignature.h>

namespace feedback::relay {

using namespace protocol;

void RelayConnection::onPutSnapshot(const PutSnapshot &put)
{
    const SnapshotPart &part = put.part;
    // A kiosk holds no state worth a snapshot, and reads nothing it could put in one.
    if (m_role != Role::Full)
        return refuse(ErrorCode::Forbidden, QStringLiteral("a kiosk makes no snapshot"));
    // Parts come in order, each of the same snapshot as the first: a new part 0 starts over.
    if (part.part != 0 && (!m_upload || m_upload->id != part.id || m_upload->parts != part.parts ||
                           m_upload->covers != part.covers || m_upload->part + 1 != part.part))
        return refuse(ErrorCode::BadFrame, QStringLiteral("a snapshot part out of order"));
    if (!snapshotsignature::verify(m_certificate.publicKey, m_workspace, m_device, part))
        return refuse(ErrorCode::Forbidden,
                      QStringLiteral("a snapshot part whose signature does not verify"));
    // A snapshot comes before the log it replaces is compacted: it may take the workspace past
    // its quota, up to twice it.
    if (const RelayAdmission::Refusal refused = m_server.admission().checkQuota(
            m_workspace, part.sealed.size(), 2 * m_server.limits().workspaceQuotaBytes))
        return refuse(*refused);
    RelayStorage &storage = m_server.storage();
    if (Status kept = storage.putSnapshotPart(m_workspace, m_device, part); !kept) {
        qCWarning(lcRelay).noquote() << "cannot keep a snapshot part:" << kept.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot store the snapshot"));
    }
    m_upload = part;
    m_upload->sealed.clear();
    if (part.part + 1 < part.parts)
        return;
    m_upload.reset();
    const Result<StoredSnapshot> stored =
        storage.commitSnapshot(m_workspace, m_device, part, QDateTime::currentMSecsSinceEpoch());
    if (!stored) {
        qCWarning(lcRelay).noquote() << "cannot store a snapshot:" << stored.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot store the snapshot"));
    }
    qCInfo(lcRelay).noquote() << "snapshot of" << part.parts << "parts at position"
                              << stored->position << (stored->essential ? "(essential)" : "")
                              << "from" << peer();
    send(SnapshotStored{part.id, stored->position});
    m_server.snapshotArrived(m_workspace);
    m_server.spreadSnapshot(m_workspace, *stored, this);
    storage.snapshotStored(m_workspace); // compacts at once with --keep-history 0
}

bool RelayServer::askForSnapshot(const QByteArray &workspace)
{
    // One device at a time: another is asked only if no snapshot came within a few minutes.
    constexpr qint64 kAskAgainMs = 5 * 60 * 1000;
    const qint64 now = m_clock.monotonicMs();
    if (const auto it = m_snapshotAsked.constFind(workspace);
        it != m_snapshotAsked.constEnd() && now - *it < kAskAgainMs)
        return false;
    const Result<bool> wanted =
        m_storage.wantsSnapshot(workspace, m_limits.snapshots, QDateTime::currentMSecsSinceEpoch());
    if (!wanted) {
        qCWarning(lcRelay).noquote() << "cannot measure the log:" << wanted.error();
        return false;
    }
    if (*wanted)
        m_snapshotAsked.insert(workspace, now);
    return *wanted;
}

void RelayServer::spreadSnapshot(const QByteArray &workspace, const StoredSnapshot &snapshot,
                                 const RelayConnection *except)
{
    // What only an essential snapshot holds must reach the devices that are caught up already.
    if (snapshot.essential) {
        for (RelayConnection *c : liveConnections(workspace, except))
            c->sendSnapshot(snapshot.position, false); // at once: live frames may follow
    }
    // Their cursors may pass it only with its chain value.
    confirm(workspace, snapshot.position, snapshot.position, snapshot.chain);
}

void RelayConnection::sendSnapshot(quint64 position, bool paced)
{
    // A device of an older version could not read it, and would pass it by: the state it
    // carries (deltas this relay lost) would never reach that device.
    if (m_frameVersion < 6)
        return refuse(ErrorCode::UpdateRequired,
                      QStringLiteral("this workspace was healed with a snapshot; update this "
                                     "device to protocol 6 (it speaks %1)")
                          .arg(m_frameVersion));
    const Result<std::optional<StoredSnapshot>> snapshot =
        m_server.storage().snapshotAt(m_workspace, position);
    if (!snapshot || !snapshot->has_value()) {
        qCWarning(lcRelay).noquote()
            << "cannot read the snapshot at" << position << ":"
            << (snapshot ? QStringLiteral("no snapshot there") : snapshot.error());
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
    }
    m_sending = SnapshotSending{**snapshot, 0, paced};
    sendSnapshotParts();
}

void RelayConnection::sendSnapshotParts()
{
    // Paced: a few parts at a time while less than kSnapshotQueueBytes wait in the socket, the
    // next when it drains (bytesWritten). A snapshot of a large workspace is tens of megabytes;
    // read and queued whole, ten devices catching up at once held all of it ten times.
    constexpr qint64 kSnapshotQueueBytes = 1024 * 1024;
    constexpr qint64 kPartsPerRead = 4;
    while (m_sending && m_state != State::Closing) {
        if (m_sending->paced && queuedBytes() > kSnapshotQueueBytes)
            return;
        const StoredSnapshot &s = m_sending->snapshot;
        Result<QList<SnapshotPart>> parts = m_server.storage().snapshotParts(
            m_workspace, s, m_sending->next, m_sending->paced ? kPartsPerRead : -1);
        if (!parts) {
            // Also when a newer snapshot or compaction removed it while it was being sent: the
            // device catches up again, from the newer one.
            qCWarning(lcRelay).noquote()
                << "cannot read the snapshot at" << s.position << ":" << parts.error();
            m_sending.reset();
            return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
        }
        m_sending->next += static_cast<quint64>(parts->size());
        const bool done = m_sending->next >= s.parts;
        for (SnapshotPart &part : *parts) {
            const bool last = part.part + 1 == s.parts;
            send(SnapshotData{s.position, s.maker, std::move(part), last ? s.chain : QByteArray()});
        }
        if (!done)
            continue;
        m_sending.reset();
        // Pulls that came meanwhile are answered after the snapshot, in their order, as they
        // would have been had it gone at once.
        while (!m_pullsAfterSnapshot.isEmpty() && !m_sending && m_state != State::Closing)
            onPull(m_pullsAfterSnapshot.takeFirst());
    }
}

bool RelayConnection::divergedAt(const Pull &pull)
{
    if (pull.chain.isEmpty() || pull.cursor == 0)
        return false;
    const Result<std::optional<QByteArray>> chain =
        m_server.storage().chainAt(m_workspace, pull.cursor);
    if (!chain) {
        qCWarning(lcRelay).noquote() << "cannot read the log's chain:" << chain.error();
        refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
        return true;
    }
    // Empty: a unit stored before protocol 6, which has no chain value to compare.
    if (chain->has_value() && (**chain == pull.chain || (*chain)->isEmpty()))
        return false;
    qCInfo(lcRelay).noquote() << "the log at position" << pull.cursor << "is not the one" << peer()
                              << "read: restored from a backup?";
    send(Diverged{m_server.storage().head(m_workspace)});
    return true;
}

} // namespace feedback::relay
