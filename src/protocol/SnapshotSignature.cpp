#include "SnapshotSignature.h"

#include "Ed25519.h"

#include <QCborArray>
#include <QCborValue>
#include <QtEndian>

namespace feedback::protocol::snapshotsignature {

namespace {

QByteArray bigEndian(quint64 v)
{
    QByteArray out(8, Qt::Uninitialized);
    qToBigEndian(v, out.data());
    return out;
}

QByteArray message(const QByteArray &workspace, const QByteArray &maker, const SnapshotPart &part)
{
    ed25519::initialise();
    QCborArray covers;
    for (const SnapshotCover &c : part.covers)
        covers.append(QCborArray{c.origin, static_cast<qint64>(c.upTo)});
    return QByteArrayLiteral("courier-feedback/snapshot/1") + workspace + maker + part.id +
           bigEndian(part.part) + bigEndian(part.parts) +
           ed25519::digest(QCborValue(covers).toCbor()) + ed25519::digest(part.sealed);
}

} // namespace

QByteArray sign(const QByteArray &deviceSecretKey64, const QByteArray &workspace,
                const QByteArray &maker, const SnapshotPart &part)
{
    return ed25519::sign(deviceSecretKey64, message(workspace, maker, part));
}

bool verify(const QByteArray &devicePublicKey32, const QByteArray &workspace,
            const QByteArray &maker, const SnapshotPart &part)
{
    return ed25519::verify(devicePublicKey32, message(workspace, maker, part), part.signature);
}

} // namespace feedback::protocol::snapshotsignature
