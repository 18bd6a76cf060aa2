// Device trust benchmarks: what certificates and signatures add to a connection and to a unit,
// and a kiosk's submit (the durable local commit plus sealing its delta to the workspace key, as
// its next push does).
#include "BenchReport.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <algorithm>
#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <protocol/UnitSignature.h>
#include <store/FeedbackStore.h>
#include <store/RowSealer.h>
#include <support/Workload.h>
#include <sync/WorkspaceKeys.h>
#include <vector>

using namespace feedback;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

double msSince(const QElapsedTimer &t)
{
    return static_cast<double>(t.nsecsElapsed()) / 1e6;
}

// The device signs the relay's challenge; the relay verifies the hello's certificate against the
// workspace id and the proof against the certified key: all a connection gained in protocol 3.
void benchAuthentication(const QString &prefix, const sync::WorkspaceKeys &keys)
{
    if (!bench::selected(QStringLiteral("sync.auth_certificate_ms"), prefix))
        return;
    const protocol::DeviceKeyPair device = protocol::DeviceKeyPair::generate();
    protocol::DeviceCertificate fields;
    fields.workspace = keys.workspaceId();
    fields.device = QByteArray(16, '\x11');
    fields.publicKey = device.publicKey;
    fields.name = QStringLiteral("bench desk");
    fields.issuedAtMs = QDateTime::currentMSecsSinceEpoch();
    const QByteArray certificate = protocol::DeviceCertificate::issue(keys.signingKey(), fields);
    constexpr int kRounds = 2000;
    std::vector<double> added, whole;
    for (int i = 0; i < kRounds; ++i) {
        const QByteArray nonce = protocol::AuthProof::newChallenge();
        QElapsedTimer t;
        t.start();
        const QByteArray proof =
            protocol::AuthProof::sign(device.secretKey, nonce, keys.workspaceId(), fields.device);
        QElapsedTimer certificateTime;
        certificateTime.start();
        const auto verified = protocol::DeviceCertificate::verify(certificate, keys.workspaceId());
        added.push_back(msSince(certificateTime));
        if (!verified || !protocol::AuthProof::verify(verified->publicKey, nonce,
                                                      keys.workspaceId(), fields.device, proof))
            qFatal("bench_trust: authentication failed");
        whole.push_back(msSince(t));
    }
    // Protocol 2 already signed and verified the challenge (with the workspace key): what the
    // certificate adds is its verification.
    bench::report(QStringLiteral("sync.auth_certificate_ms"), percentile(added, 0.5),
                  QStringLiteral("ms"),
                  {{QStringLiteral("rounds"), kRounds},
                   {QStringLiteral("p99_ms"), percentile(added, 0.99)},
                   {QStringLiteral("whole_auth_p50_ms"), percentile(whole, 0.5)},
                   {QStringLiteral("what"),
                    QStringLiteral("verify the hello's certificate (the whole auth: sign the "
                                   "challenge, verify certificate and proof)")}});
}

// Signing a unit on the device and verifying it at the relay (and again on each reader).
void benchUnitSignature(const QString &prefix, const sync::WorkspaceKeys &keys)
{
    if (!bench::selected(QStringLiteral("sync.unit_signature_us"), prefix))
        return;
    const protocol::DeviceKeyPair device = protocol::DeviceKeyPair::generate();
    protocol::SealedDelta unit{QByteArray(16, '\x22'), 1, QByteArray(300, 'x'), 0};
    constexpr int kRounds = 5000;
    QElapsedTimer t;
    t.start();
    for (int i = 0; i < kRounds; ++i) {
        unit.seq = static_cast<quint64>(i) + 1;
        unit.signature = protocol::unitsignature::sign(device.secretKey, keys.workspaceId(), unit);
        if (!protocol::unitsignature::verify(device.publicKey, keys.workspaceId(), unit))
            qFatal("bench_trust: a unit signature did not verify");
    }
    bench::report(QStringLiteral("sync.unit_signature_us"), msSince(t) * 1000.0 / kRounds,
                  QStringLiteral("us"),
                  {{QStringLiteral("rounds"), kRounds},
                   {QStringLiteral("what"), QStringLiteral("sign and verify one 300-byte unit")}});
}

void benchKioskSubmit(const QString &prefix, const sync::WorkspaceKeys &workspace)
{
    if (!bench::selected(QStringLiteral("store.kiosk_submit_p50_ms"), prefix))
        return;
    const auto kiosk =
        sync::WorkspaceKeys::forKiosk(workspace.workspaceId(), workspace.boxPublicKey());
    QTemporaryDir dir;
    auto opened = store::FeedbackStore::open(dir.filePath(QStringLiteral("feedback.db")),
                                             store::SecretKey::random(), {});
    if (!kiosk || !opened)
        qFatal("bench_trust: cannot set up the kiosk");
    store::FeedbackStore &s = **opened;
    testsupport::Workload workload;
    constexpr int kRecords = 2000;
    std::vector<double> ms;
    for (int i = 0; i < kRecords; ++i) {
        const NewFeedback input = workload.next();
        QElapsedTimer t;
        t.start();
        if (!s.submit(input))
            qFatal("bench_trust: submit failed");
        const auto pending = s.pendingOutbox(1);
        if (!pending || pending->isEmpty())
            qFatal("bench_trust: nothing pending");
        const QByteArray sealed =
            kiosk->seal(pending->last().delta, store::RowSealer::replicaBytes(s.deviceId()),
                        pending->last().seq);
        ms.push_back(msSince(t));
        if (!s.acknowledge(s.deviceId(), pending->last().seq) || sealed.isEmpty())
            qFatal("bench_trust: acknowledging failed");
    }
    bench::report(QStringLiteral("store.kiosk_submit_p50_ms"), percentile(ms, 0.5),
                  QStringLiteral("ms"),
                  {{QStringLiteral("records"), kRecords},
                   {QStringLiteral("p99_ms"), percentile(ms, 0.99)},
                   {QStringLiteral("what"),
                    QStringLiteral("durable submit plus sealing its delta to the workspace key")}});
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const auto keys = sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
    if (!keys)
        qFatal("bench_trust: no workspace keys");
    benchAuthentication(prefix, *keys);
    benchUnitSignature(prefix, *keys);
    benchKioskSubmit(prefix, *keys);
    return 0;
}
