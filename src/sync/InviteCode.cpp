#include "InviteCode.h"

#include "SyncClient.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>

#include <algorithm>
#include <protocol/DeviceCertificate.h>
#include <sodium.h>

namespace feedback::sync {

namespace {
const QString kPrefix = QStringLiteral("cf1-");
const QString kTicketPrefix = QStringLiteral("cf2-");
constexpr qsizetype kChecksumBytes = 4;
constexpr qsizetype kMaxCodeChars = 4096;

QByteArray checksum(const QByteArray &payload)
{
    return QCryptographicHash::hash(payload, QCryptographicHash::Sha256).left(kChecksumBytes);
}
// Why a kiosk's enrolment cannot be used, or empty. The checksum only catches typing mistakes:
// the certificate must verify for the workspace, be a kiosk's, and certify the code's key.
QString kioskProblem(const KioskEnrolment &kiosk)
{
    const auto certificate =
        protocol::DeviceCertificate::verify(kiosk.certificate, kiosk.workspaceId,
                                            kiosk.epoch == 0 ? kiosk.workspaceId : kiosk.authority);
    if (!certificate)
        return QStringLiteral("its certificate does not verify");
    if (certificate->role != protocol::Role::Kiosk)
        return QStringLiteral("its certificate is not a kiosk's");
    QByteArray publicKey(crypto_sign_PUBLICKEYBYTES, Qt::Uninitialized);
    crypto_sign_ed25519_sk_to_pk(
        reinterpret_cast<unsigned char *>(publicKey.data()),
        reinterpret_cast<const unsigned char *>(kiosk.deviceSecretKey.constData()));
    if (certificate->publicKey != publicKey)
        return QStringLiteral("its certificate is for another key");
    return QString();
}

QString withChecksum(const QString &prefix, const QByteArray &payload)
{
    return prefix + QString::fromLatin1(QByteArray(payload + checksum(payload))
                                            .toBase64(QByteArray::Base64UrlEncoding |
                                                      QByteArray::OmitTrailingEquals));
}

constexpr qsizetype kMaxFallbackRelays = 8;

// [url, role, workspace(32), secret(32), expiresAt, pin(0 or 32)], then [url, ...] when the
// relay has others of the same database.
Result<Invite> ticketOf(const QCborArray &fields)
{
    const auto bytesOf = [&fields](qsizetype i, qsizetype min, qsizetype max) {
        const QByteArray b = fields.at(i).toByteArray();
        return fields.at(i).isByteArray() && b.size() >= min && b.size() <= max;
    };
    const QByteArray pin = fields.at(5).toByteArray();
    const QCborArray fallbacks = fields.at(6).toArray();
    const bool fallbacksFit =
        fields.size() == 6 ||
        (fields.size() == 7 && fields.at(6).isArray() && !fallbacks.isEmpty() &&
         fallbacks.size() <= kMaxFallbackRelays &&
         std::all_of(fallbacks.begin(), fallbacks.end(), [](const QCborValue &v) {
             return v.isString() && SyncClient::isRelayUrl(v.toString());
         }));
    if (!fallbacksFit || !fields.at(0).isString() || !fields.at(1).isInteger() ||
        fields.at(1).toInteger() < 0 || fields.at(1).toInteger() > 1 || !bytesOf(2, 32, 32) ||
        !bytesOf(3, 32, 32) || !fields.at(4).isInteger() || fields.at(4).toInteger() <= 0 ||
        !bytesOf(5, 0, 32) || (!pin.isEmpty() && pin.size() != 32))
        return Result<Invite>::failure(QStringLiteral("unexpected content"));
    Invite invite;
    invite.relayUrl = fields.at(0).toString();
    invite.ticket = InviteTicket{invite.relayUrl,
                                 static_cast<protocol::Role>(fields.at(1).toInteger()),
                                 fields.at(2).toByteArray(),
                                 fields.at(3).toByteArray(),
                                 fields.at(4).toInteger(),
                                 pin};
    for (const QCborValue &url : fallbacks)
        invite.ticket->fallbackRelays.append(url.toString());
    return invite;
}

// [[1, secret(32)], [2, secret], ...]: every epoch from 1, in order.
QCborArray epochList(const QList<std::pair<quint64, QByteArray>> &secrets)
{
    QCborArray out;
    for (const auto &[epoch, secret] : secrets)
        out.append(QCborArray{static_cast<qint64>(epoch), secret});
    return out;
}

std::optional<QList<std::pair<quint64, QByteArray>>> epochsOf(const QCborValue &value)
{
    QList<std::pair<quint64, QByteArray>> out;
    const QCborArray list = value.toArray();
    if (!value.isArray() || list.isEmpty() || list.size() > protocol::limits::kMaxEpochs)
        return std::nullopt;
    for (const QCborValue &item : list) {
        const QCborArray pair = item.toArray();
        if (pair.size() != 2 || !pair.at(0).isInteger() ||
            pair.at(0).toInteger() != out.size() + 1 || !pair.at(1).isByteArray() ||
            pair.at(1).toByteArray().size() != 32)
            return std::nullopt;
        out.append({static_cast<quint64>(pair.at(0).toInteger()), pair.at(1).toByteArray()});
    }
    return out;
}

} // namespace

QString InviteCode::encode(const InviteTicket &ticket)
{
    QCborArray fields{ticket.relayUrl,    static_cast<int>(ticket.role),
                      ticket.workspaceId, ticket.secret,
                      ticket.expiresAtMs, ticket.relayPin};
    if (!ticket.fallbackRelays.isEmpty()) {
        QCborArray fallbacks;
        for (const QString &url : ticket.fallbackRelays.mid(0, kMaxFallbackRelays))
            fallbacks.append(url);
        fields.append(fallbacks);
    }
    return withChecksum(kTicketPrefix, QCborValue(fields).toCbor());
}

QString InviteCode::encode(const Invite &invite)
{
    // [url, secret] for a full device (the layout of every code made before kiosks), and the
    // epoch secrets once the keys changed; [url, "kiosk", workspace, box key, device key,
    // certificate] for a kiosk, and its box key's epoch and authority once the keys changed.
    QCborArray fields = invite.kiosk ? QCborArray{invite.relayUrl,
                                                  QStringLiteral("kiosk"),
                                                  invite.kiosk->workspaceId,
                                                  invite.kiosk->boxPublicKey,
                                                  invite.kiosk->deviceSecretKey,
                                                  invite.kiosk->certificate}
                                     : QCborArray{invite.relayUrl, invite.secret};
    if (invite.kiosk && invite.kiosk->epoch > 0)
        fields << static_cast<qint64>(invite.kiosk->epoch) << invite.kiosk->authority;
    if (!invite.kiosk && !invite.epochSecrets.isEmpty())
        fields << epochList(invite.epochSecrets);
    return withChecksum(kPrefix, QCborValue(fields).toCbor());
}

Result<Invite> InviteCode::decode(const QString &code)
{
    const QString text = code.trimmed();
    auto damaged = [](const QString &why) {
        return Result<Invite>::failure(
            QStringLiteral("This invite code is damaged (%1); copy it again, whole.").arg(why));
    };
    const bool ticket = text.startsWith(kTicketPrefix);
    if (!text.startsWith(kPrefix) && !ticket)
        return damaged(
            QStringLiteral("it does not start with %1 or %2").arg(kTicketPrefix, kPrefix));
    if (text.size() > kMaxCodeChars)
        return damaged(QStringLiteral("it is too long"));
    const auto decoded = QByteArray::fromBase64Encoding(
        text.mid(kPrefix.size()).toLatin1(),
        QByteArray::Base64UrlEncoding | QByteArray::AbortOnBase64DecodingErrors);
    if (!decoded || decoded.decoded.size() <= kChecksumBytes)
        return damaged(QStringLiteral("not base64"));
    const QByteArray payload = decoded.decoded.chopped(kChecksumBytes);
    if (checksum(payload) != decoded.decoded.right(kChecksumBytes))
        return damaged(QStringLiteral("the checksum does not match"));
    const QCborArray fields = QCborValue::fromCbor(payload).toArray();
    if (ticket) {
        const Result<Invite> invite = ticketOf(fields);
        return invite ? invite : damaged(invite.error());
    }
    const auto bytesOf = [&fields](qsizetype i, qsizetype min, qsizetype max) {
        const QByteArray b = fields.at(i).toByteArray();
        return fields.at(i).isByteArray() && b.size() >= min && b.size() <= max;
    };
    if ((fields.size() == 2 || fields.size() == 3) && fields.at(0).isString() &&
        bytesOf(1, 32, 32)) {
        Invite invite{fields.at(0).toString(), fields.at(1).toByteArray(), std::nullopt};
        if (fields.size() == 3) {
            const auto epochs = epochsOf(fields.at(2));
            if (!epochs)
                return damaged(QStringLiteral("its key epochs are out of shape"));
            invite.epochSecrets = *epochs;
        }
        return invite;
    }
    const bool epochKiosk =
        fields.size() == 8 && fields.at(6).isInteger() && fields.at(6).toInteger() >= 1 &&
        fields.at(6).toInteger() <= protocol::limits::kMaxEpochs && bytesOf(7, 32, 32);
    if ((fields.size() == 6 || epochKiosk) && fields.at(0).isString() &&
        fields.at(1).toString() == QStringLiteral("kiosk") && bytesOf(2, 32, 32) &&
        bytesOf(3, 32, 32) && bytesOf(4, 64, 64) && bytesOf(5, 1, 1024)) {
        KioskEnrolment kiosk{fields.at(2).toByteArray(), fields.at(3).toByteArray(),
                             fields.at(4).toByteArray(), fields.at(5).toByteArray()};
        if (epochKiosk) {
            kiosk.epoch = static_cast<quint64>(fields.at(6).toInteger());
            kiosk.authority = fields.at(7).toByteArray();
        }
        if (const QString problem = kioskProblem(kiosk); !problem.isEmpty())
            return damaged(problem);
        return Invite{fields.at(0).toString(), QByteArray(), std::move(kiosk)};
    }
    return damaged(QStringLiteral("unexpected content"));
}

} // namespace feedback::sync
