#include "EpochStatement.h"

#include "Ed25519.h"

#include <common/CborInput.h>
#include <limits>
#include <sodium.h>

namespace feedback::protocol {

namespace {
const QByteArray kContext = QByteArrayLiteral("courier-feedback/epoch/1");
constexpr quint64 kFormat = 1;

const unsigned char *bytesOf(const QByteArray &b)
{
    return reinterpret_cast<const unsigned char *>(b.constData());
}
} // namespace

QByteArray EpochStatement::issue(const QByteArray &previousAuthoritySecretKey64,
                                 const EpochStatement &fields)
{
    if (previousAuthoritySecretKey64.size() != ed25519::kSecretKeyBytes ||
        fields.workspace.size() != 32 || fields.epoch < 1 || fields.epoch > kMaxEpoch ||
        fields.authority.size() != 32 || fields.boxKey.size() != 32 || fields.issuedAtMs < 0 ||
        fields.excluded.size() > kMaxExcluded)
        return {};
    QCborArray excluded;
    for (const QByteArray &device : fields.excluded) {
        if (device.size() != 16)
            return {};
        excluded.append(device);
    }
    const QCborArray body{qint64(kFormat),  fields.workspace, static_cast<qint64>(fields.epoch),
                          fields.authority, fields.boxKey,    fields.issuedAtMs,
                          excluded};
    return ed25519::seal(previousAuthoritySecretKey64, kContext, QCborValue(body).toCbor());
}

Result<EpochStatement> EpochStatement::verify(const QByteArray &bytes,
                                              const QByteArray &workspaceId,
                                              const QByteArray &previousAuthority)
{
    using R = Result<EpochStatement>;
    const Result<QCborArray> body =
        ed25519::open(bytes, kMaxBytes, kContext, previousAuthority, "epoch statement");
    if (!body)
        return R::failure(body);
    const QCborArray &f = *body;
    EpochStatement s;
    CborInput in;
    quint64 format = 0;
    quint64 at = 0;
    QCborArray excluded;
    if (f.size() != 7 || !in.uint(f.at(0), kFormat, format, "epoch format") || format != kFormat ||
        !in.bytes(f.at(1), 32, 32, s.workspace, "workspace") ||
        !in.uint(f.at(2), kMaxEpoch, s.epoch, "epoch") ||
        !in.bytes(f.at(3), 32, 32, s.authority, "authority") ||
        !in.bytes(f.at(4), 32, 32, s.boxKey, "box key") ||
        !in.uint(f.at(5), std::numeric_limits<qint64>::max(), at, "issued at") ||
        !in.array(f.at(6), kMaxExcluded, excluded, "excluded"))
        return R::failure(QStringLiteral("epoch statement: ") +
                              (in.failed() ? in.error() : QStringLiteral("wrong shape")),
                          ErrorKind::BadData);
    for (const QCborValue &item : excluded) {
        QByteArray device;
        if (!in.bytes(item, 16, 16, device, "excluded device"))
            return R::failure(QStringLiteral("epoch statement: ") + in.error(), ErrorKind::BadData);
        s.excluded.append(device);
    }
    if (s.epoch < 1)
        return R::failure(QStringLiteral("epoch statement: epoch 0"), ErrorKind::BadData);
    if (s.workspace != workspaceId)
        return R::failure(QStringLiteral("epoch statement: of another workspace"),
                          ErrorKind::BadData);
    s.issuedAtMs = static_cast<qint64>(at);
    s.bytes = bytes;
    return s;
}

namespace epochenvelope {

QByteArray seal(const QByteArray &secret32, const QByteArray &devicePublicKey32)
{
    ed25519::initialise();
    unsigned char curve[crypto_box_PUBLICKEYBYTES];
    if (secret32.size() != 32 || devicePublicKey32.size() != crypto_sign_PUBLICKEYBYTES ||
        crypto_sign_ed25519_pk_to_curve25519(curve, bytesOf(devicePublicKey32)) != 0)
        return {};
    QByteArray out(kBytes, Qt::Uninitialized);
    static_assert(kBytes == 32 + crypto_box_SEALBYTES);
    crypto_box_seal(reinterpret_cast<unsigned char *>(out.data()), bytesOf(secret32), 32, curve);
    return out;
}

QByteArray open(const QByteArray &envelope, const QByteArray &deviceSecretKey64)
{
    ed25519::initialise();
    if (envelope.size() != kBytes || deviceSecretKey64.size() != crypto_sign_SECRETKEYBYTES)
        return {};
    unsigned char curvePublic[crypto_box_PUBLICKEYBYTES];
    unsigned char curveSecret[crypto_box_SECRETKEYBYTES];
    const QByteArray publicKey = ed25519::publicKeyOf(deviceSecretKey64);
    if (crypto_sign_ed25519_pk_to_curve25519(curvePublic, bytesOf(publicKey)) != 0 ||
        crypto_sign_ed25519_sk_to_curve25519(curveSecret, bytesOf(deviceSecretKey64)) != 0)
        return {};
    QByteArray secret(32, Qt::Uninitialized);
    const int opened =
        crypto_box_seal_open(reinterpret_cast<unsigned char *>(secret.data()), bytesOf(envelope),
                             envelope.size(), curvePublic, curveSecret);
    sodium_memzero(curveSecret, sizeof curveSecret);
    if (opened != 0)
        return {};
    return secret;
}

} // namespace epochenvelope

} // namespace feedback::protocol
