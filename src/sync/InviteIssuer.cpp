#include "InviteIssuer.h"

#include "Enrolment.h"
#include "InviteEnvelope.h"

#include <QRegularExpression>

#include <protocol/DeviceCertificate.h>

namespace feedback::sync {

Result<IssuedInvite> InviteIssuer::issue(const store::FeedbackStore &store,
                                         const InviteRequest &request)
{
    using R = Result<IssuedInvite>;
    const auto keys = workspaceKeysOf(store);
    if (!keys)
        return R::failure(keys);
    if (!keys->canRead())
        return R::failure(QStringLiteral("A kiosk cannot invite devices."));
    if (request.uses < 1 || quint64(request.uses) > protocol::limits::kMaxInviteUses)
        return R::failure(
            QStringLiteral("An invite allows 1 to %1 uses.").arg(protocol::limits::kMaxInviteUses),
            ErrorKind::BadData);
    const QByteArray secret = InviteEnvelope::newSecret();
    IssuedInvite issued;
    issued.offer.id = InviteEnvelope::claimId(secret);
    issued.offer.expiresAtMs = static_cast<quint64>(request.expiresAtMs);
    issued.offer.uses = static_cast<quint64>(request.uses);
    if (request.role == protocol::Role::Full) {
        const auto inner = inviteCodeOf(store, request.relayUrl);
        if (!inner)
            return R::failure(QStringLiteral("This profile belongs to no workspace."));
        issued.offer.envelopes.append(InviteEnvelope::seal(inner->toUtf8(), secret));
    } else {
        // One identity per kiosk: two kiosks may never share a device id. Several are numbered,
        // and the number must fit the name's limit too.
        const qsizetype room = protocol::DeviceCertificate::kMaxNameCharacters -
                               (request.uses == 1 ? 0 : 1 + QString::number(request.uses).size());
        if (request.kioskName.size() > room)
            return R::failure(
                QStringLiteral("A kiosk's name must be at most %1 characters here (%2, with room "
                               "for the number of each of the %3 kiosks).")
                    .arg(room)
                    .arg(protocol::DeviceCertificate::kMaxNameCharacters)
                    .arg(request.uses),
                ErrorKind::BadData);
        for (int i = 1; i <= request.uses; ++i) {
            const QString name = request.uses == 1
                                     ? request.kioskName
                                     : QStringLiteral("%1 %2").arg(request.kioskName).arg(i);
            QByteArray device;
            const auto inner = kioskInviteOf(store, request.relayUrl, name, device);
            if (!inner)
                return R::failure(inner);
            issued.offer.devices.append(device);
            issued.offer.envelopes.append(
                InviteEnvelope::seal(InviteCode::encode(*inner).toUtf8(), secret));
        }
    }
    issued.code = InviteCode::encode(InviteTicket{request.relayUrl, request.role,
                                                  keys->workspaceId(), secret, request.expiresAtMs,
                                                  request.relayPin, request.fallbackRelays});
    // What join would refuse (a code too long for its relay URLs) is refused here, before the
    // relay holds an invite nobody can use.
    if (const Result<Invite> readable = InviteCode::decode(issued.code); !readable)
        return R::failure(
            QStringLiteral("No invite code can be made for these relays: %1").arg(readable.error()),
            ErrorKind::BadData);
    return issued;
}

protocol::Invite InviteIssuer::cancellation(const QByteArray &handle)
{
    protocol::Invite cancel;
    cancel.id = handle;
    cancel.uses = 0;
    cancel.expiresAtMs = 0;
    return cancel;
}

std::optional<qint64> InviteIssuer::parseDuration(const QString &text)
{
    static const QRegularExpression kDuration(QStringLiteral("^([0-9]{1,7})([smhd])$"));
    const QRegularExpressionMatch m = kDuration.match(text.trimmed());
    if (!m.hasMatch())
        return std::nullopt;
    const qint64 count = m.captured(1).toLongLong();
    const QChar unit = m.captured(2).at(0);
    const qint64 unitMs = unit == QLatin1Char('s')   ? 1000
                          : unit == QLatin1Char('m') ? 60 * 1000
                          : unit == QLatin1Char('h') ? 3600 * 1000
                                                     : 24 * 3600 * 1000;
    const qint64 ms = count * unitMs;
    if (ms < 60 * 1000 || ms > kMaxLifeMs)
        return std::nullopt;
    return ms;
}

} // namespace feedback::sync
