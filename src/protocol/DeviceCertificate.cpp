#include "DeviceCertificate.h"

#include "Ed25519.h"

#include <common/CborInput.h>
#include <common/CharacterCount.h>
#include <limits>

namespace feedback::protocol {

namespace {

const QByteArray kContext = QByteArrayLiteral("courier-feedback/cert/1");
constexpr quint64 kFormat = 1;
constexpr quint64 kMaxTime = std::numeric_limits<qint64>::max();

// No control characters: the name is shown in lists and logs of other devices.
bool plainName(const QString &name)
{
    if (characterCount(name) > DeviceCertificate::kMaxNameCharacters)
        return false;
    for (const QChar c : name)
        if (c.unicode() < 0x20 || c.unicode() == 0x7F)
            return false;
    return true;
}

} // namespace

QByteArray DeviceCertificate::issue(const QByteArray &workspaceSigningKey64,
                                    const DeviceCertificate &fields)
{
    const QByteArray workspace =
        fields.workspace.isEmpty() ? ed25519::publicKeyOf(workspaceSigningKey64) : fields.workspace;
    if (workspaceSigningKey64.size() != ed25519::kSecretKeyBytes || workspace.size() != 32 ||
        fields.device.size() != 16 || fields.publicKey.size() != ed25519::kPublicKeyBytes ||
        !plainName(fields.name) || fields.issuedAtMs < 0 || fields.expiresAtMs < 0)
        return {};
    const QCborArray body{qint64(kFormat),
                          workspace,
                          fields.device,
                          fields.publicKey,
                          static_cast<int>(fields.role),
                          fields.name,
                          fields.issuedAtMs,
                          fields.expiresAtMs};
    return ed25519::seal(workspaceSigningKey64, kContext, QCborValue(body).toCbor());
}

Result<DeviceCertificate> DeviceCertificate::verify(const QByteArray &bytes,
                                                    const QByteArray &workspaceId,
                                                    const QByteArray &authority)
{
    using R = Result<DeviceCertificate>;
    const Result<QCborArray> body =
        ed25519::open(bytes, limits::kMaxCertificateBytes, kContext, authority, "certificate");
    if (!body)
        return R::failure(body);
    const QCborArray &f = *body;
    if (f.size() != 8)
        return R::failure(QStringLiteral("certificate: %1 fields, expected 8").arg(f.size()),
                          ErrorKind::BadData);
    DeviceCertificate c;
    CborInput in;
    quint64 format = 0;
    quint64 role = 0;
    quint64 issued = 0;
    quint64 expires = 0;
    if (!in.uint(f.at(0), kFormat, format, "certificate format") || format != kFormat ||
        !in.bytes(f.at(1), 32, 32, c.workspace, "workspace") ||
        !in.bytes(f.at(2), 16, 16, c.device, "device") ||
        !in.bytes(f.at(3), ed25519::kPublicKeyBytes, ed25519::kPublicKeyBytes, c.publicKey,
                  "device key") ||
        !in.uint(f.at(4), 1, role, "role") || !in.uint(f.at(6), kMaxTime, issued, "issued at") ||
        !in.uint(f.at(7), kMaxTime, expires, "expires at"))
        return R::failure(in.failed() ? QStringLiteral("certificate: ") + in.error()
                                      : QStringLiteral("certificate: format %1").arg(format),
                          ErrorKind::BadData);
    if (!f.at(5).isString() || !plainName(f.at(5).toString()))
        return R::failure(QStringLiteral("certificate: the name is not text of at most 64 "
                                         "characters without control characters"),
                          ErrorKind::BadData);
    // The signature already ties it to this workspace; the field must say the same.
    if (c.workspace != workspaceId)
        return R::failure(QStringLiteral("certificate: of another workspace"), ErrorKind::BadData);
    c.role = static_cast<Role>(role);
    c.name = f.at(5).toString();
    c.issuedAtMs = static_cast<qint64>(issued);
    c.expiresAtMs = static_cast<qint64>(expires);
    c.bytes = bytes;
    return c;
}

} // namespace feedback::protocol
