#include "PeerTrust.h"

#include "DeviceList.h"

#include <QDateTime>
#include <QtEndian>

#include <common/LogCategories.h>
#include <protocol/UnitSignature.h>
#include <store/StoredValue.h>

namespace feedback::sync {

using namespace protocol;

namespace {

// Certificates learned from peers, each [u16 size][bytes] (verified again when read back).
const store::StoredKey<QByteArray> kLearned{
    QStringLiteral("peers/certificates"), store::StoredKey<QByteArray>::Kind::Value, {}};

} // namespace

PeerTrust::PeerTrust(store::FeedbackStore &store, const WorkspaceKeys &keys)
    : m_store(store)
    , m_keys(keys)
{
    const QByteArray learned = store::stored(store, kLearned);
    for (qsizetype at = 0; at + 2 <= learned.size();) {
        const qsizetype size = qFromBigEndian<quint16>(learned.constData() + at);
        if (size == 0 || size > protocol::limits::kMaxCertificateBytes ||
            at + 2 + size > learned.size())
            break;
        if (const auto verified = keys.verifyCertificate(learned.mid(at + 2, size)))
            m_certificates.try_emplace(verified->device, *verified);
        at += 2 + size;
    }
    const DeviceList list = DeviceList::load(store, keys.workspaceId(), keys.authorities());
    for (const DeviceList::Device &d : list.devices()) {
        m_certificates[d.certificate.device] = d.certificate;
        m_lastSeen[d.certificate.device] = d.lastSeenMs;
        if (d.revoked)
            m_revoked[d.certificate.device] = QByteArray();
    }
    // Revocations signed here that the relay has not listed yet count at once.
    for (const QByteArray &bytes : DeviceList::pendingRevocations(store))
        if (const auto revocation = keys.verifyRevocation(bytes))
            m_revoked[revocation->device] = bytes;
}

QString PeerTrust::admit(const QByteArray &certificate, const QByteArray &device,
                         DeviceCertificate *out)
{
    const auto verified = m_keys.verifyCertificate(certificate);
    if (!verified)
        return QStringLiteral("its certificate does not verify for this workspace: ") +
               verified.error();
    if (verified->device != device)
        return QStringLiteral("its certificate names another device");
    if (verified->expiredAt(QDateTime::currentMSecsSinceEpoch()))
        return QStringLiteral("its certificate has expired");
    if (revoked(device))
        return QStringLiteral("it was removed from the workspace");
    add(*verified);
    *out = *verified;
    return QString();
}

void PeerTrust::learn(const Devices &devices)
{
    for (const DeviceEntry &entry : devices.entries) {
        const auto verified = m_keys.verifyCertificate(entry.certificate);
        if (!verified)
            continue;
        add(*verified);
        if (entry.revocation.isEmpty())
            continue;
        const auto revocation = m_keys.verifyRevocation(entry.revocation);
        if (revocation && revocation->device == verified->device)
            m_revoked[verified->device] = entry.revocation;
    }
}

void PeerTrust::add(const DeviceCertificate &certificate)
{
    if (m_certificates.contains(certificate.device) ||
        qsizetype(m_certificates.size()) >= protocol::limits::kMaxDevices)
        return;
    m_certificates.emplace(certificate.device, certificate);
    QByteArray learned = store::stored(m_store, kLearned);
    QByteArray size(2, Qt::Uninitialized);
    qToBigEndian(quint16(certificate.bytes.size()), size.data());
    learned += size + certificate.bytes;
    if (Status s = store::setStored(m_store, kLearned, learned); !s)
        qCWarning(lcPeers).noquote()
            << "cannot keep a certificate learned from a peer:" << s.error();
}

Devices PeerTrust::list() const
{
    Devices out;
    for (const auto &[device, certificate] : m_certificates) {
        if (out.entries.size() == protocol::limits::kMaxDevices)
            break;
        const auto revoked = m_revoked.find(device);
        const auto seen = m_lastSeen.find(device);
        out.entries.append(
            {certificate.bytes,
             seen == m_lastSeen.end() ? 0 : quint64(std::max<qint64>(0, seen->second)),
             revoked == m_revoked.end() ? QByteArray() : revoked->second});
    }
    return out;
}

QString PeerTrust::unitProblem(const SealedDelta &unit) const
{
    const auto it = m_certificates.find(unit.origin);
    if (it == m_certificates.end())
        return QStringLiteral("its device is not known here");
    if (revoked(unit.origin))
        return QStringLiteral("its device was removed from the workspace");
    if (!unitsignature::verify(it->second.publicKey, m_keys.workspaceId(), unit))
        return QStringLiteral("its signature does not verify against its device's key");
    return QString();
}

} // namespace feedback::sync
