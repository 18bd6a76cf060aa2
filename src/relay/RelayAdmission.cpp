#include "RelayAdmission.h"

#include <common/LogCategories.h>
#include <protocol/AdmissionToken.h>
#include <protocol/UnitSignature.h>

namespace feedback::relay {

using namespace protocol;

namespace {

protocol::Error refusal(ErrorCode code, const QString &text)
{
    return protocol::Error{code, text};
}

protocol::Error internal(const QString &why)
{
    qCWarning(lcRelay).noquote() << "device list:" << why;
    return refusal(ErrorCode::Internal, QStringLiteral("cannot read the device list"));
}

QString hex(const QByteArray &id)
{
    return QString::fromLatin1(id.toHex());
}

} // namespace

RelayAdmission::RelayAdmission(RelayStorage &storage, const RelayClock &clock)
    : m_storage(storage)
    , m_clock(clock)
{}

RelayAdmission::Refusal RelayAdmission::checkAdmitted(const QByteArray &workspace, bool open,
                                                      const QByteArray &token,
                                                      QByteArray &tokenHash)
{
    tokenHash.clear();
    if (open)
        return std::nullopt;
    const Result<bool> admitted = m_storage.isAdmitted(workspace);
    if (!admitted)
        return internal(admitted.error());
    if (*admitted)
        return std::nullopt;
    const QString notAdmitted =
        QStringLiteral("this relay serves only the workspaces its operator admitted; ask them to "
                       "run: feedback-relay admit %1 (or for an admission token: feedback-relay "
                       "admit --token)")
            .arg(hex(workspace));
    if (token.isEmpty())
        return refusal(ErrorCode::NotAdmitted, notAdmitted);
    const QString text = QString::fromLatin1(token);
    if (!admissiontoken::looksValid(text))
        return refusal(ErrorCode::NotAdmitted,
                       QStringLiteral("the admission token is not one (cfa1- and 32 characters)"));
    const QByteArray hash = admissiontoken::hashOf(text);
    const Result<bool> valid = m_storage.admissionTokenValid(hash, m_clock.wallMs());
    if (!valid)
        return internal(valid.error());
    if (!*valid)
        return refusal(ErrorCode::NotAdmitted,
                       QStringLiteral("the admission token was used already, has expired, or is "
                                      "not this relay's; ") +
                           notAdmitted);
    tokenHash = hash;
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::redeem(const QByteArray &tokenHash,
                                               const QByteArray &workspace)
{
    const Result<bool> redeemed =
        m_storage.redeemAdmissionToken(tokenHash, workspace, m_clock.wallMs());
    if (!redeemed)
        return internal(redeemed.error());
    if (!*redeemed)
        return refusal(ErrorCode::NotAdmitted,
                       QStringLiteral("the admission token was used by another workspace "
                                      "meanwhile, or has expired"));
    qCInfo(lcRelay).noquote() << "admitted workspace" << hex(workspace).left(16)
                              << "by an admission token";
    return std::nullopt;
}

void RelayAdmission::admittedAtAuth(const QByteArray &workspace)
{
    // A read first: every auth of an admitted workspace would otherwise commit (and flush) a write
    // that changes nothing.
    if (const Result<bool> admitted = m_storage.isAdmitted(workspace); admitted && *admitted)
        return;
    // Failing costs nothing now: the relay is open, and the next auth tries again.
    if (const Result<bool> added = m_storage.admit(workspace, m_clock.wallMs()); !added)
        qCWarning(lcRelay).noquote() << "cannot record an admitted workspace:" << added.error();
}

RelayAdmission::Refusal RelayAdmission::checkQuota(const QByteArray &workspace, qint64 incoming,
                                                   qint64 quota)
{
    Result<qint64> stored = m_storage.storedBytes(workspace);
    // On a shared database a compaction or snapshot through another relay is not seen in what
    // this one kept: measured anew before a refusal.
    if (stored && *stored + incoming > quota && m_storage.isShared()) {
        const qint64 now = m_clock.monotonicMs();
        const auto last = m_measuredAgainMs.constFind(workspace);
        if (last == m_measuredAgainMs.constEnd() || now - *last >= kMeasureAgainMs) {
            m_measuredAgainMs.insert(workspace, now);
            stored = m_storage.storedBytes(workspace, true);
        }
    }
    if (!stored)
        return internal(stored.error());
    if (*stored + incoming > quota)
        return refusal(ErrorCode::OverQuota,
                       QStringLiteral("this workspace stores %1 MiB, the most this relay allows "
                                      "it; this was not stored")
                           .arg(*stored / (1024 * 1024)));
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::checkHello(const Hello &hello,
                                                   DeviceCertificate &certificate)
{
    const Result<EpochChain> chain = m_storage.epochChain(hello.workspace);
    if (!chain)
        return internal(chain.error());
    // Older devices cannot read what is sealed with a later epoch, nor make its certificates.
    if (chain->latest() > 0 && hello.protocol < 5)
        return refusal(ErrorCode::UpdateRequired,
                       QStringLiteral("this workspace changed its keys; update this device to "
                                      "protocol 5 (it speaks %1)")
                           .arg(hello.protocol));
    quint64 signedIn = 0;
    const Result<DeviceCertificate> verified =
        chain->verifyCertificate(hello.certificate, &signedIn);
    if (!verified)
        // The reason names no field values: nothing of the certificate reaches the log.
        return refusal(ErrorCode::AuthFailed,
                       QStringLiteral("the certificate is not valid for this workspace: ") +
                           verified.error());
    if (verified->device != hello.device)
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("the certificate is for another device"));
    if (verified->role != hello.role)
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("the certificate is for another role than the device "
                                      "claims"));
    if (verified->expiredAt(m_clock.wallMs()))
        return refusal(ErrorCode::Expired, QStringLiteral("the device's certificate has expired"));
    if (const Refusal refused = checkEnrolment(*verified))
        return refused;
    const auto known = m_storage.findDevice(hello.workspace, hello.device);
    if (!known)
        return internal(known.error());
    if (!known->has_value()) {
        // Only the latest authority enrols: a revoked full device holds the older ones.
        if (signedIn < chain->latest())
            return refusal(ErrorCode::Forbidden,
                           QStringLiteral("This invite was made before the workspace's keys "
                                          "changed; ask for a new one."));
        const Result<qsizetype> count = m_storage.deviceCount(hello.workspace);
        if (!count)
            return internal(count.error());
        if (*count >= limits::kMaxDevices)
            return refusal(ErrorCode::Busy, QStringLiteral("this workspace has %1 devices, the "
                                                           "most a relay keeps")
                                                .arg(limits::kMaxDevices));
    }
    certificate = *verified;
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::checkEnrolment(const DeviceCertificate &certificate)
{
    const Result<bool> revoked = m_storage.isRevoked(certificate.workspace, certificate.device);
    if (!revoked)
        return internal(revoked.error());
    const Result<EpochChain> chain = m_storage.epochChain(certificate.workspace);
    if (!chain)
        return internal(chain.error());
    if (*revoked || chain->excludes(certificate.device))
        return refusal(ErrorCode::Revoked,
                       QStringLiteral("This device was removed from the workspace"));
    const auto known = m_storage.findDevice(certificate.workspace, certificate.device);
    if (!known)
        return internal(known.error());
    if (known->has_value() && (*known)->publicKey != certificate.publicKey)
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("this device id is enrolled with another key"));
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::admit(const DeviceCertificate &certificate,
                                              bool &listChanged)
{
    if (const Refusal refused = checkEnrolment(certificate))
        return refused;
    const Result<bool> enrolled = m_storage.enrol(
        certificate.workspace, certificate.device,
        StoredDevice{certificate.publicKey, certificate.bytes, certificate.role, 0, 0},
        m_clock.wallMs());
    if (!enrolled) {
        qCWarning(lcRelay).noquote() << "cannot store a device:" << enrolled.error();
        return refusal(ErrorCode::Internal, QStringLiteral("cannot store the device"));
    }
    listChanged = *enrolled;
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::checkPush(const QByteArray &workspace,
                                                  const QByteArray &device, Role role,
                                                  const QList<SealedDelta> &units)
{
    // Two origins in one push are refused as they always were (RelayStorage::append), before
    // a signature is checked.
    for (const SealedDelta &unit : units)
        if (unit.origin != units.first().origin)
            return std::nullopt;
    if (units.isEmpty())
        return std::nullopt;
    const SealedDelta &first = units.first();
    if (role == Role::Kiosk && first.origin != device)
        return refusal(ErrorCode::Forbidden, QStringLiteral("a kiosk pushes only its own units"));
    // One origin, so one read of its key: on PostgreSQL every read is a round trip.
    const auto origin = m_storage.findDevice(workspace, first.origin);
    if (!origin)
        return internal(origin.error());
    if (!origin->has_value())
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("unit %1 of device %2: no such device in this workspace")
                           .arg(first.seq)
                           .arg(hex(first.origin)));
    const qsizetype forged = unitsignature::firstForged((*origin)->publicKey, workspace, units);
    if (forged >= 0)
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("unit %1 of device %2: the signature is not that device's")
                           .arg(units.at(forged).seq)
                           .arg(hex(first.origin)));
    return std::nullopt;
}

RelayAdmission::Refusal RelayAdmission::revoke(const QByteArray &workspace, Role role,
                                               const QByteArray &bytes, Revocation &revocation,
                                               bool &stored)
{
    if (role != Role::Full)
        return refusal(ErrorCode::Forbidden, QStringLiteral("only a full device revokes"));
    const Result<EpochChain> chain = m_storage.epochChain(workspace);
    if (!chain)
        return internal(chain.error());
    // Signed by the latest authority: a revoked full device holds the older ones.
    const Result<Revocation> verified = Revocation::verify(bytes, workspace, chain->authority());
    if (!verified)
        return refusal(ErrorCode::Forbidden,
                       QStringLiteral("the revocation is not valid for this workspace: ") +
                           verified.error());
    const Result<bool> added =
        m_storage.revoke(workspace, verified->device, verified->bytes, verified->revokedAtMs);
    if (!added) {
        qCWarning(lcRelay).noquote() << "cannot store a revocation:" << added.error();
        return refusal(ErrorCode::Internal, QStringLiteral("cannot store the revocation"));
    }
    revocation = *verified;
    stored = *added;
    return std::nullopt;
}

Result<Devices> RelayAdmission::devices(const QByteArray &workspace)
{
    const Result<QList<DeviceEntry>> entries = m_storage.devices(workspace);
    if (!entries)
        return Result<Devices>::failure(entries);
    return Devices{*entries};
}

} // namespace feedback::relay
