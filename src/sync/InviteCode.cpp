#include "InviteCode.h"

#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>

namespace feedback::sync {

namespace {
const QString kPrefix = QStringLiteral("cf1-");
constexpr qsizetype kChecksumBytes = 4;
constexpr qsizetype kMaxCodeChars = 4096;

QByteArray checksum(const QByteArray &payload)
{
    return QCryptographicHash::hash(payload, QCryptographicHash::Sha256).left(kChecksumBytes);
}
} // namespace

QString InviteCode::encode(const Invite &invite)
{
    const QByteArray payload = QCborValue(QCborArray{invite.relayUrl, invite.secret}).toCbor();
    return kPrefix + QString::fromLatin1(QByteArray(payload + checksum(payload))
                                             .toBase64(QByteArray::Base64UrlEncoding |
                                                       QByteArray::OmitTrailingEquals));
}

Result<Invite> InviteCode::decode(const QString &code)
{
    const QString text = code.trimmed();
    auto damaged = [](const QString &why) {
        return Result<Invite>::failure(
            QStringLiteral("This invite code is damaged (%1); copy it again, whole.").arg(why));
    };
    if (!text.startsWith(kPrefix))
        return damaged(QStringLiteral("it does not start with %1").arg(kPrefix));
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
    if (fields.size() != 2 || !fields.at(0).isString() || !fields.at(1).isByteArray() ||
        fields.at(1).toByteArray().size() != 32)
        return damaged(QStringLiteral("unexpected content"));
    return Invite{fields.at(0).toString(), fields.at(1).toByteArray()};
}

} // namespace feedback::sync
