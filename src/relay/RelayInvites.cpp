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

// How far ahead an invite may expire (the app and feedbackctl allow 30 days), with a day's
// slack for a device whose clock is ahead.
constexpr qint64 kMaxInviteLifeMs = 31LL * 24 * 3600 * 1000;
// Invites one workspace may have held at once.
constexpr qsizetype kMaxLiveInvites = 1000;

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
    if (!invite.devices.isEmpty() && invite.devices.size() != invite.envelopes.size())
        return QStringLiteral("a kiosk invite names one device per envelope");
    return std::nullopt;
}

} // namespace

void RelayConnection::onInvite(const Invite &invite)
{
    if (m_role != Role::Full)
        return refuse(ErrorCode::Forbidden, QStringLiteral("a kiosk cannot invite devices"));
    if (const auto problem = shapeProblem(invite))
        return refuse(ErrorCode::BadFrame, *problem);
    RelayStorage &storage = m_server.storage();
    const auto found = storage.findInvite(invite.id);
    if (!found) {
        qCWarning(lcRelay).noquote() << "cannot read an invite:" << found.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    const bool ours = found->has_value() && (*found)->workspace == m_workspace;
    if (invite.uses == 0) { // a cancellation
        if (!ours)
            return refuse(ErrorCode::UnknownInvite, QStringLiteral("no such invite"));
        if (Status s = storage.cancelInvite(invite.id); !s) {
            qCWarning(lcRelay).noquote() << "cannot cancel an invite:" << s.error();
            return refuse(ErrorCode::Internal, QStringLiteral("cannot store the invite"));
        }
        qCInfo(lcRelay).noquote() << "invite" << shortId(invite.id) << "cancelled by" << peer();
        return send(Invited{invite.id, 0});
    }
    if (found->has_value()) {
        // Sent again after a lost answer: the same invite from the same device.
        if (!ours || (*found)->issuer != m_device)
            return refuse(ErrorCode::Forbidden, QStringLiteral("that invite id is taken"));
        const StoredInvite &held = **found;
        return send(Invited{invite.id, held.claimed < held.uses ? held.uses - held.claimed : 0});
    }
    const qint64 now = m_server.clock().wallMs();
    if (invite.expiresAtMs <= quint64(now) || invite.expiresAtMs > quint64(now + kMaxInviteLifeMs))
        return refuse(ErrorCode::Forbidden,
                      QStringLiteral("an invite must expire within 30 days from now (is this "
                                     "device's clock right?)"));
    const auto held = storage.inviteCount(m_workspace, now);
    if (held && *held >= kMaxLiveInvites)
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
    if (invite.cancelled)
        return refuse(ErrorCode::Revoked, QStringLiteral("This invite was cancelled."));
    const auto issuerRevoked = storage.isRevoked(invite.workspace, invite.issuer);
    if (issuerRevoked && *issuerRevoked)
        return refuse(ErrorCode::Revoked, QStringLiteral("The device that made this invite was "
                                                         "removed from the workspace."));
    if (m_server.clock().wallMs() > invite.expiresAtMs)
        return refuse(ErrorCode::Expired, QStringLiteral("This invite has expired."));
    if (invite.claimed >= invite.uses || invite.envelopes.isEmpty())
        return refuse(
            ErrorCode::UsedUp,
            QStringLiteral("This invite was used as often as it allows (%1).").arg(invite.uses));
    const qsizetype index =
        invite.envelopes.size() == 1 ? 0 : static_cast<qsizetype>(invite.claimed);
    if (index < invite.devices.size()) {
        const auto kioskRevoked = storage.isRevoked(invite.workspace, invite.devices.at(index));
        if (kioskRevoked && *kioskRevoked)
            return refuse(ErrorCode::Revoked,
                          QStringLiteral("This kiosk was removed before it joined."));
    }
    if (!issuerRevoked) {
        qCWarning(lcRelay).noquote() << "cannot read the revocations:" << issuerRevoked.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    if (Status s = storage.countClaim(claim.id); !s) {
        qCWarning(lcRelay).noquote() << "cannot count a claim:" << s.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the invites"));
    }
    qCInfo(lcRelay).noquote() << "invite" << shortId(claim.id) << "claimed by" << peer() << "use"
                              << invite.claimed + 1 << "of" << invite.uses;
    send(Envelope{invite.envelopes.at(index)});
    m_state = State::Closing;
    m_socket->flush();
    m_socket->close(QWebSocketProtocol::CloseCodeNormal, QStringLiteral("claimed"));
}

} // namespace feedback::relay
