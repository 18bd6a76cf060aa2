// RelayConnection's invites (protocol 4; PROTOCOL.md, "Invites"): a full device gives the relay
// an invite to hold, with its expiry and uses; a device that is not yet one claims it by id,
// before any hello, and gets one envelope. The relay cannot open envelopes: it only decides
// whether the invite still counts (not expired, not used up, not cancelled, its issuer and its
// kiosk not revoked).
#include "RelayServer.h"

#include <QWebSocket>

#include <common/LogCategories.h>

namespace feedback::relay {

using namespace protocol;

namespace {

// How far ahead an invite may expire (the app and feedbackctl allow 1 minute to 30 days), with a
// day's slack for a device whose clock is ahead.
constexpr qint64 kMinInviteLifeMs = 60LL * 1000;
constexpr qint64 kMaxInviteLifeMs = 31LL * 24 * 3600 * 1000;
// Invites one workspace may have held at once (each until a week after it expires): what a
// member can make the relay store stays bounded.
constexpr qsizetype kMaxHeldInvites = 1000;

QString shortId(const QByteArray &id)
{
    return QString::fromLatin1(id.toHex().left(16));
}

// What is wrong with an invite's shape, or nothing.
std::optional<QString> shapeProblem(const Invite &invite)
{
    if (invite.uses == 0)
        return invite.envelopes.isEmpty() && invite.devices.isEmpty()
                   ? std::nullopt
                   : std::optional<QString>(QStringLiteral("a cancellation carries no envelopes"));
    const auto envelopes = static_cast<quint64>(invite.envelopes.size());
    if (envelopes != 1 && envelopes != invite.uses)
        return QStringLiteral("an invite has one envelope, or one per use");
    // A kiosk invite: one identity per use, never one for several kiosks.
    if (!invite.devices.isEmpty() &&
        (envelopes != invite.uses || invite.devices.size() != invite.envelopes.size()))
        return QStringLiteral("a kiosk invite names one device per use, each with its envelope");
    return std::nullopt;
}

} // namespace

void RelayConnection::onInvite(const Invite &invite)
{
    if (m_role != Role::Full)
        return refuse(ErrorCode::Forbidden, QStringLiteral("a kiosk cannot invite devices"));
    if (const auto problem = shapeProblem(invite))
        return refuse(ErrorCode::BadFrame, *problem);
    if (invite.uses == 0)
        return cancelInvite(invite.id);
    RelayStorage &storage = m_server.storage();
    const auto found = storage.findInvite(invite.id);
    if (!found) {
        qCWarning(lcRelay).noquote() << "cannot read an invite:" << found.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    const qint64 now = m_server.clock().wallMs();
    if (found->has_value()) {
        // Sent again after a lost answer: the same invite from the same device.
        const StoredInvite &held = **found;
        if (held.workspace != m_workspace || held.issuer != m_device)
            return refuse(ErrorCode::Forbidden, QStringLiteral("that invite id is taken"));
        const bool spent = held.cancelled || held.claimed >= held.uses || now > held.expiresAtMs;
        return send(Invited{invite.id, spent ? 0 : held.uses - held.claimed});
    }
    if (invite.expiresAtMs < quint64(now + kMinInviteLifeMs) ||
        invite.expiresAtMs > quint64(now + kMaxInviteLifeMs))
        return refuse(ErrorCode::Forbidden,
                      QStringLiteral("an invite must expire between 1 minute and 30 days from now "
                                     "(is this device's clock right?)"));
    const auto held = storage.inviteCount(m_workspace);
    if (held && *held >= kMaxHeldInvites)
        return refuse(ErrorCode::Forbidden,
                      QStringLiteral("this workspace holds %1 invites already").arg(*held));
    const StoredInvite stored{m_workspace, m_device, qint64(invite.expiresAtMs), invite.uses,
                              0,           false,    invite.envelopes,           invite.devices};
    const auto added =
        held ? storage.storeInvite(invite.id, stored, now) : Result<bool>::failure(held);
    if (!added) {
        qCWarning(lcRelay).noquote() << "cannot store an invite:" << added.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot store the invite"));
    }
    qCInfo(lcRelay).noquote() << "invite" << shortId(invite.id) << "from" << peer() << "uses"
                              << invite.uses;
    send(Invited{invite.id, invite.uses});
}

void RelayConnection::cancelInvite(const QByteArray &handle)
{
    const auto cancelled = m_server.storage().cancelInvite(handle, m_workspace);
    if (!cancelled) {
        qCWarning(lcRelay).noquote() << "cannot cancel an invite:" << cancelled.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot store the invite"));
    }
    if (!*cancelled)
        return refuse(ErrorCode::UnknownInvite, QStringLiteral("no such invite"));
    qCInfo(lcRelay).noquote() << "invite" << shortId(handle) << "cancelled by" << peer();
    send(Invited{handle, 0});
}

void RelayConnection::onClaim(const Claim &claim)
{
    RelayStorage &storage = m_server.storage();
    const auto found = storage.findInvite(claim.id);
    if (!found) {
        qCWarning(lcRelay).noquote() << "cannot read an invite:" << found.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    if (!found->has_value())
        return refuse(ErrorCode::UnknownInvite,
                      QStringLiteral("This relay holds no such invite: it was never registered "
                                     "here, or it expired long ago."));
    const StoredInvite &invite = **found;
    // Revoking a full device changes the keys, which cancels every invite: the issuer's removal
    // is said first, as the reason that matters to whoever holds its invite.
    const auto issuerRevoked = storage.isRevoked(invite.workspace, invite.issuer);
    if (issuerRevoked && *issuerRevoked)
        return refuse(ErrorCode::Revoked, QStringLiteral("The device that made this invite was "
                                                         "removed from the workspace."));
    if (invite.cancelled)
        return refuse(ErrorCode::Revoked, QStringLiteral("This invite was cancelled."));
    if (m_server.clock().wallMs() > invite.expiresAtMs)
        return refuse(ErrorCode::Expired, QStringLiteral("This invite has expired."));
    const qsizetype index =
        invite.envelopes.size() == 1 ? 0 : static_cast<qsizetype>(invite.claimed);
    if (invite.claimed >= invite.uses || index >= invite.envelopes.size())
        return refuse(
            ErrorCode::UsedUp,
            QStringLiteral("This invite was used as often as it allows (%1).").arg(invite.uses));
    // Its issuer, and the kiosk this use enrols, must still be members.
    QList<QByteArray> members{invite.issuer};
    if (index < invite.devices.size())
        members.append(invite.devices.at(index));
    for (const QByteArray &device : members) {
        const auto revoked = storage.isRevoked(invite.workspace, device);
        if (!revoked) {
            qCWarning(lcRelay).noquote() << "cannot read the revocations:" << revoked.error();
            return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
        }
        if (*revoked)
            return refuse(ErrorCode::Revoked,
                          device == invite.issuer
                              ? QStringLiteral("The device that made this invite was removed "
                                               "from the workspace.")
                              : QStringLiteral("This kiosk was removed before it joined."));
    }
    const QByteArray envelope = invite.envelopes.at(index);
    const Result<bool> counted =
        storage.countClaim(claim.id, invite.claimed, invite.claimed + 1 >= invite.uses);
    if (!counted) {
        qCWarning(lcRelay).noquote() << "cannot count a claim:" << counted.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    if (!*counted) // another relay handed out this use (or cancelled it) meanwhile
        return refuse(ErrorCode::Busy, QStringLiteral("This invite is being used: try again."));
    qCInfo(lcRelay).noquote() << "invite" << shortId(claim.id) << "claimed by" << peer() << "use"
                              << invite.claimed + 1 << "of" << invite.uses;
    send(Envelope{envelope});
    m_state = State::Closing;
    m_socket->flush();
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("claimed"));
}

} // namespace feedback::relay
