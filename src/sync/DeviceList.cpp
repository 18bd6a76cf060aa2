#include "DeviceList.h"

#include <QtEndian>

#include <common/LogCategories.h>
#include <protocol/Revocation.h>
#include <protocol/UnitSignature.h>
#include <store/StoredValue.h>

namespace feedback::sync {

namespace {

// The verified entries of the last `devices` frame, kept as that frame's encoding.
const store::StoredKey<QByteArray> kDeviceList{QStringLiteral("device/list")};
// Pending revocations: each as a 2-byte big-endian length and the revocation's bytes.
const store::StoredKey<QByteArray> kPendingRevocations{QStringLiteral("device/revocations")};

using protocol::limits::kMaxDevices;
using protocol::limits::kMaxRevocationBytes;
// What the encoding of the largest list takes (every entry with a certificate and a revocation
// at their bounds, and their framing), for decoding what the store keeps.
constexpr qsizetype kMaxListBytes =
    kMaxDevices * (protocol::limits::kMaxCertificateBytes + kMaxRevocationBytes + 32) + 64;

QString hexOf(const QByteArray &device)
{
    return QString::fromLatin1(device.toHex());
}

QByteArray encodeRevocations(const QList<QByteArray> &revocations)
{
    QByteArray out;
    for (const QByteArray &revocation : revocations) {
        out.resize(out.size() + 2);
        qToBigEndian(static_cast<quint16>(revocation.size()), out.data() + out.size() - 2);
        out += revocation;
    }
    return out;
}

} // namespace

DeviceList DeviceList::load(const store::FeedbackStore &store, const QByteArray &workspaceId,
                            const QList<QByteArray> &authorities)
{
    DeviceList list(workspaceId, authorities);
    const auto kept = store::findStored(store, kDeviceList);
    if (!kept || kept->isEmpty())
        return list;
    const protocol::DecodeResult decoded = protocol::decode(*kept, kMaxListBytes, kMaxDevices);
    const auto *frame =
        decoded.message ? std::get_if<protocol::Devices>(&*decoded.message) : nullptr;
    if (!frame) {
        qCWarning(lcSync) << "the kept device list does not decode; the next sync replaces it";
        return list;
    }
    list.take(*frame, false);
    return list;
}

void DeviceList::take(const protocol::Devices &frame, bool log)
{
    m_devices.clear();
    m_index.clear();
    for (const protocol::DeviceEntry &entry : frame.entries) {
        auto certificate = verifyCertificate(entry.certificate);
        if (!certificate) {
            if (log) // the certificate's device id is not known before it verifies
                qCWarning(lcSync) << "the device list holds a certificate that does not verify";
            continue;
        }
        const QByteArray device = certificate->device;
        if (m_index.contains(device)) {
            if (log)
                qCWarning(lcSync).noquote() << "device" << hexOf(device) << "is listed twice";
            continue;
        }
        Device d{std::move(*certificate), static_cast<qint64>(entry.lastSeenMs), false};
        if (!entry.revocation.isEmpty()) {
            const auto revocation = verifyRevocation(entry.revocation);
            d.revoked = revocation && revocation->device == device;
            if (!d.revoked && log)
                qCWarning(lcSync).noquote()
                    << "the revocation of device" << hexOf(device) << "does not verify";
        }
        m_index.insert(device, m_devices.size());
        m_devices.append(std::move(d));
    }
}

Status DeviceList::accept(store::FeedbackStore &store, const protocol::Devices &frame)
{
    take(frame, true);
    // Kept as the relay sent it, less what does not verify.
    protocol::Devices kept;
    for (const protocol::DeviceEntry &entry : frame.entries) {
        const auto certificate = verifyCertificate(entry.certificate);
        if (!certificate)
            continue;
        const Device *d = find(certificate->device);
        if (!d || d->certificate.bytes != entry.certificate)
            continue; // a second entry for the device
        kept.entries.append(
            {entry.certificate, entry.lastSeenMs, d->revoked ? entry.revocation : QByteArray()});
    }
    if (Status s = store::setStored(store, kDeviceList, protocol::encode(kept)); !s)
        return s;
    // A revocation the relay lists is done; one it does not list yet is sent again next time.
    QList<QByteArray> pending;
    for (const QByteArray &revocation : pendingRevocations(store)) {
        const auto parsed = verifyRevocation(revocation);
        const Device *d = parsed ? find(parsed->device) : nullptr;
        if (!parsed || !d || !d->revoked)
            pending.append(revocation);
    }
    return store::setStored(store, kPendingRevocations, encodeRevocations(pending));
}

Result<protocol::DeviceCertificate> DeviceList::verifyCertificate(const QByteArray &bytes) const
{
    auto last = Result<protocol::DeviceCertificate>::failure(QStringLiteral("no authority"));
    for (const QByteArray &authority : m_authorities)
        if ((last = protocol::DeviceCertificate::verify(bytes, m_workspace, authority)))
            return last;
    return last;
}

Result<protocol::Revocation> DeviceList::verifyRevocation(const QByteArray &bytes) const
{
    auto last = Result<protocol::Revocation>::failure(QStringLiteral("no authority"));
    for (const QByteArray &authority : m_authorities)
        if ((last = protocol::Revocation::verify(bytes, m_workspace, authority)))
            return last;
    return last;
}

const DeviceList::Device *DeviceList::find(const QByteArray &device) const
{
    const auto it = m_index.constFind(device);
    return it == m_index.cend() ? nullptr : &m_devices.at(*it);
}

QString DeviceList::unitProblem(const protocol::SealedDelta &unit) const
{
    if (unit.signature.isEmpty())
        return QString(); // stored under protocol 2, before the upgrade: the relay marks those
    const Device *origin = find(unit.origin);
    if (!origin)
        return QStringLiteral("its device is not in the workspace's device list");
    if (!protocol::unitsignature::verify(origin->certificate.publicKey, m_workspace, unit))
        return QStringLiteral("its signature does not verify against its device's key");
    return QString();
}

QList<QByteArray> DeviceList::pendingRevocations(const store::FeedbackStore &store)
{
    QList<QByteArray> out;
    const QByteArray kept = store::stored(store, kPendingRevocations);
    for (qsizetype at = 0; at + 2 <= kept.size() && out.size() < kMaxDevices;) {
        const qsizetype size = qFromBigEndian<quint16>(kept.constData() + at);
        if (size == 0 || size > kMaxRevocationBytes || at + 2 + size > kept.size()) {
            qCWarning(lcSync) << "the pending revocations are damaged from byte" << at;
            break;
        }
        out.append(kept.mid(at + 2, size));
        at += 2 + size;
    }
    return out;
}

Status DeviceList::addPendingRevocation(store::FeedbackStore &store, const QByteArray &revocation)
{
    if (revocation.isEmpty() || revocation.size() > kMaxRevocationBytes)
        return Status::failure(QStringLiteral("a revocation must be 1 to 512 bytes"));
    return store::setStored(store, kPendingRevocations,
                            encodeRevocations(pendingRevocations(store) << revocation));
}

Status DeviceList::setPendingRevocations(store::FeedbackStore &store,
                                         const QList<QByteArray> &revocations)
{
    return store::setStored(store, kPendingRevocations, encodeRevocations(revocations));
}

} // namespace feedback::sync
