#include "Revocation.h"

#include "Ed25519.h"
#include "Messages.h"

#include <common/CborInput.h>
#include <limits>

namespace feedback::protocol {

namespace {
const QByteArray kContext = QByteArrayLiteral("courier-feedback/revoke/1");
constexpr quint64 kFormat = 1;
} // namespace

QByteArray Revocation::issue(const QByteArray &workspaceSigningKey64, const QByteArray &workspace,
                             const QByteArray &device, qint64 revokedAtMs)
{
    if (workspaceSigningKey64.size() != ed25519::kSecretKeyBytes || workspace.size() != 32 ||
        device.size() != 16 || revokedAtMs < 0)
        return {};
    const QCborArray body{qint64(kFormat), workspace, device, revokedAtMs};
    return ed25519::seal(workspaceSigningKey64, kContext, QCborValue(body).toCbor());
}

Result<Revocation> Revocation::verify(const QByteArray &bytes, const QByteArray &workspaceId,
                                      const QByteArray &authority)
{
    using R = Result<Revocation>;
    const Result<QCborArray> body =
        ed25519::open(bytes, limits::kMaxRevocationBytes, kContext, authority, "revocation");
    if (!body)
        return R::failure(body);
    const QCborArray &f = *body;
    Revocation r;
    CborInput in;
    quint64 format = 0;
    quint64 at = 0;
    if (f.size() != 4 || !in.uint(f.at(0), kFormat, format, "revocation format") ||
        format != kFormat || !in.bytes(f.at(1), 32, 32, r.workspace, "workspace") ||
        !in.bytes(f.at(2), 16, 16, r.device, "device") ||
        !in.uint(f.at(3), std::numeric_limits<qint64>::max(), at, "revoked at"))
        return R::failure(QStringLiteral("revocation: ") +
                              (in.failed() ? in.error() : QStringLiteral("wrong shape")),
                          ErrorKind::BadData);
    if (r.workspace != workspaceId)
        return R::failure(QStringLiteral("revocation: of another workspace"), ErrorKind::BadData);
    r.revokedAtMs = static_cast<qint64>(at);
    r.bytes = bytes;
    return r;
}

} // namespace feedback::protocol
