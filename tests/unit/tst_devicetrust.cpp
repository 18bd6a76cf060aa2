// The trust objects of protocol 3: device certificates and revocations signed with the workspace
// key, unit signatures and auth proofs by a device's own key. Each verifies what it was issued
// for and nothing else: a flipped byte, another workspace, another key, a wrong shape or an
// oversize input is refused with a reason.
#include <QCborArray>
#include <QCborValue>
#include <QTest>

#include <functional>
#include <limits>
#include <protocol/AdmissionToken.h>
#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <protocol/Ed25519.h>
#include <protocol/Revocation.h>
#include <protocol/UnitSignature.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using namespace feedback::protocol;

namespace {

// A workspace key is an Ed25519 key pair like a device's; its public half is the workspace id.
struct Workspace
{
    DeviceKeyPair keys = DeviceKeyPair::generate();
    const QByteArray &id() const { return keys.publicKey; }
};

DeviceCertificate fields(const Workspace &w, const DeviceKeyPair &device, Role role = Role::Full)
{
    DeviceCertificate c;
    c.workspace = w.id();
    c.device = QByteArray(16, '\x5A');
    c.publicKey = device.publicKey;
    c.role = role;
    c.name = u"Dispatch desk \u00e9 2"_s;
    c.issuedAtMs = 1'700'000'000'000;
    c.expiresAtMs = 0;
    return c;
}

// A certificate with any body items, signed properly by `w`: for shapes issue() never makes.
QByteArray signedCertificate(const Workspace &w, const QCborArray &body)
{
    return ed25519::seal(w.keys.secretKey, "courier-feedback/cert/1"_ba, QCborValue(body).toCbor());
}

QCborArray certificateBody(const Workspace &w, const DeviceKeyPair &device)
{
    return {1, w.id(), QByteArray(16, 'd'), device.publicKey, 0, u"laptop"_s, 5, 0};
}

SealedDelta unit()
{
    return {QByteArray(16, 'o'), 7, QByteArray("sealed bytes of a group"), 0, 3};
}

} // namespace

class TestDeviceTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void certificateRoundTrip()
    {
        const Workspace w;
        const DeviceKeyPair device = DeviceKeyPair::generate();
        QCOMPARE(device.publicKey.size(), 32);
        QCOMPARE(device.secretKey.size(), 64);
        QVERIFY(DeviceKeyPair::generate().publicKey != device.publicKey);

        for (const Role role : {Role::Full, Role::Kiosk}) {
            const DeviceCertificate in = fields(w, device, role);
            const QByteArray bytes = DeviceCertificate::issue(w.keys.secretKey, in);
            QVERIFY(!bytes.isEmpty());
            QVERIFY(bytes.size() <= limits::kMaxCertificateBytes);
            const Result<DeviceCertificate> out = DeviceCertificate::verify(bytes, w.id());
            QVERIFY2(out.ok(), qPrintable(out.error()));
            QCOMPARE(out->workspace, w.id());
            QCOMPARE(out->device, in.device);
            QCOMPARE(out->publicKey, device.publicKey);
            QCOMPARE(out->role, role);
            QCOMPARE(out->name, in.name);
            QCOMPARE(out->issuedAtMs, in.issuedAtMs);
            QCOMPARE(out->expiresAtMs, 0);
            QCOMPARE(out->bytes, bytes);
        }
        // The workspace comes from the key when the fields leave it out.
        DeviceCertificate noWorkspace = fields(w, device);
        noWorkspace.workspace.clear();
        QVERIFY(DeviceCertificate::verify(DeviceCertificate::issue(w.keys.secretKey, noWorkspace),
                                          w.id())
                    .ok());
    }

    void expiry()
    {
        const Workspace w;
        DeviceCertificate c = fields(w, DeviceKeyPair::generate());
        QVERIFY(!c.expiredAt(std::numeric_limits<qint64>::max())); // 0: never
        c.expiresAtMs = 2000;
        const Result<DeviceCertificate> out =
            DeviceCertificate::verify(DeviceCertificate::issue(w.keys.secretKey, c), w.id());
        QVERIFY(out.ok()); // verify leaves expiry to the caller
        QCOMPARE(out->expiresAtMs, 2000);
        QVERIFY(!out->expiredAt(1999));
        QVERIFY(out->expiredAt(2000));
        QVERIFY(out->expiredAt(2001));
    }

    void tamperedCertificateRefused()
    {
        const Workspace w;
        const QByteArray bytes =
            DeviceCertificate::issue(w.keys.secretKey, fields(w, DeviceKeyPair::generate()));
        // Every single flipped bit anywhere: shape, body or signature.
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            for (int bit = 0; bit < 8; ++bit) {
                QByteArray tampered = bytes;
                tampered[i] = static_cast<char>(tampered[i] ^ (1 << bit));
                const Result<DeviceCertificate> r = DeviceCertificate::verify(tampered, w.id());
                QVERIFY2(!r.ok(), qPrintable(u"byte %1 bit %2"_s.arg(i).arg(bit)));
                QCOMPARE(r.errorKind(), ErrorKind::BadData);
            }
        }
        QVERIFY(!DeviceCertificate::verify(bytes + '\0', w.id()).ok()); // trailing bytes
        QVERIFY(!DeviceCertificate::verify(bytes.left(bytes.size() - 1), w.id()).ok());
        QVERIFY(!DeviceCertificate::verify({}, w.id()).ok());
    }

    void certificateOfAnotherWorkspaceRefused()
    {
        const Workspace w;
        const Workspace other;
        const DeviceKeyPair device = DeviceKeyPair::generate();
        const QByteArray bytes =
            DeviceCertificate::issue(other.keys.secretKey, fields(other, device));
        QVERIFY(DeviceCertificate::verify(bytes, other.id()).ok());
        const Result<DeviceCertificate> r = DeviceCertificate::verify(bytes, w.id());
        QVERIFY(!r.ok());
        QVERIFY2(r.error().contains(u"signature"_s), qPrintable(r.error()));
        // Signed by this workspace's key but naming another workspace.
        QCborArray body = certificateBody(w, device);
        body[1] = other.id();
        const Result<DeviceCertificate> named =
            DeviceCertificate::verify(signedCertificate(w, body), w.id());
        QVERIFY(!named.ok());
        QVERIFY2(named.error().contains(u"another workspace"_s), qPrintable(named.error()));
    }

    void certificateShapesRefused_data()
    {
        QTest::addColumn<int>("field");
        QTest::addColumn<QCborValue>("value");
        QTest::newRow("format 2") << 0 << QCborValue(2);
        QTest::newRow("workspace 31") << 1 << QCborValue(QByteArray(31, 'w'));
        QTest::newRow("device 17") << 2 << QCborValue(QByteArray(17, 'd'));
        QTest::newRow("key 33") << 3 << QCborValue(QByteArray(33, 'k'));
        QTest::newRow("role 2") << 4 << QCborValue(2);
        QTest::newRow("role text") << 4 << QCborValue(u"full"_s);
        QTest::newRow("name 65") << 5 << QCborValue(QString(65, u'n'));
        QTest::newRow("name bytes") << 5 << QCborValue("n"_ba);
        QTest::newRow("name control") << 5 << QCborValue(u"a\nb"_s);
        QTest::newRow("issued negative") << 6 << QCborValue(-1);
        QTest::newRow("expires negative") << 7 << QCborValue(-5);
    }
    void certificateShapesRefused()
    {
        QFETCH(int, field);
        QFETCH(QCborValue, value);
        const Workspace w;
        QCborArray body = certificateBody(w, DeviceKeyPair::generate());
        QVERIFY(DeviceCertificate::verify(signedCertificate(w, body), w.id()).ok());
        body[field] = value;
        QVERIFY(!DeviceCertificate::verify(signedCertificate(w, body), w.id()).ok());
        body = certificateBody(w, DeviceKeyPair::generate());
        body.append(0); // nine fields
        QVERIFY(!DeviceCertificate::verify(signedCertificate(w, body), w.id()).ok());
    }

    void oversizeRefused()
    {
        const Workspace w;
        DeviceCertificate c = fields(w, DeviceKeyPair::generate());
        c.name = u"\U0001F600"_s.repeated(64); // 64 characters, 128 UTF-16 units: allowed
        QVERIFY(
            DeviceCertificate::verify(DeviceCertificate::issue(w.keys.secretKey, c), w.id()).ok());
        c.name += u'x';
        QVERIFY(DeviceCertificate::issue(w.keys.secretKey, c).isEmpty());
        // Over 1,024 bytes, however well signed.
        QCborArray body = certificateBody(w, DeviceKeyPair::generate());
        body[5] = QString(1100, u'x');
        const Result<DeviceCertificate> big =
            DeviceCertificate::verify(signedCertificate(w, body), w.id());
        QVERIFY(!big.ok());
        QCOMPARE(big.errorKind(), ErrorKind::TooLarge);
        const Result<Revocation> bigRevocation = Revocation::verify(QByteArray(513, 'r'), w.id());
        QVERIFY(!bigRevocation.ok());
        QCOMPARE(bigRevocation.errorKind(), ErrorKind::TooLarge);
    }

    void revocationRoundTripAndTampering()
    {
        const Workspace w;
        const QByteArray device(16, 'v');
        const QByteArray bytes = Revocation::issue(w.keys.secretKey, w.id(), device, 123456);
        QVERIFY(!bytes.isEmpty() && bytes.size() <= limits::kMaxRevocationBytes);
        const Result<Revocation> r = Revocation::verify(bytes, w.id());
        QVERIFY2(r.ok(), qPrintable(r.error()));
        QCOMPARE(r->workspace, w.id());
        QCOMPARE(r->device, device);
        QCOMPARE(r->revokedAtMs, 123456);
        QCOMPARE(r->bytes, bytes);
        for (qsizetype i = 0; i < bytes.size(); ++i) {
            QByteArray tampered = bytes;
            tampered[i] = static_cast<char>(tampered[i] ^ 0x01);
            QVERIFY2(!Revocation::verify(tampered, w.id()).ok(), qPrintable(u"byte %1"_s.arg(i)));
        }
        const Workspace other;
        QVERIFY(!Revocation::verify(bytes, other.id()).ok());
        // Signed by this workspace, naming another.
        QVERIFY(
            !Revocation::verify(Revocation::issue(w.keys.secretKey, other.id(), device, 1), w.id())
                 .ok());
        // A certificate is not a revocation (another context), nor the other way round.
        const QByteArray cert =
            DeviceCertificate::issue(w.keys.secretKey, fields(w, DeviceKeyPair::generate()));
        QVERIFY(!Revocation::verify(cert, w.id()).ok());
        QVERIFY(!DeviceCertificate::verify(bytes, w.id()).ok());
        QVERIFY(Revocation::issue(w.keys.secretKey, w.id(), QByteArray(15, 'v'), 1).isEmpty());
    }

    void unitSignature()
    {
        const Workspace w;
        const DeviceKeyPair device = DeviceKeyPair::generate();
        SealedDelta u = unit();
        u.signature = unitsignature::sign(device.secretKey, w.id(), u);
        QCOMPARE(u.signature.size(), 64);
        QVERIFY(unitsignature::verify(device.publicKey, w.id(), u));
        // The position is the relay's, not the writer's: it is not signed.
        SealedDelta moved = u;
        moved.position = 99;
        QVERIFY(unitsignature::verify(device.publicKey, w.id(), moved));

        QVERIFY(!unitsignature::verify(DeviceKeyPair::generate().publicKey, w.id(), u));
        QVERIFY(!unitsignature::verify(device.publicKey, Workspace().id(), u));
        const QList<std::function<void(SealedDelta &)>> changes = {
            [](SealedDelta &d) { d.origin[0] = 'x'; },
            [](SealedDelta &d) { ++d.seq; },
            [](SealedDelta &d) { ++d.count; },
            [](SealedDelta &d) { d.sealed[3] = static_cast<char>(d.sealed[3] ^ 1); },
            [](SealedDelta &d) { d.sealed.append('!'); },
            [](SealedDelta &d) { d.signature[10] = static_cast<char>(d.signature[10] ^ 1); },
            [](SealedDelta &d) { d.signature.clear(); },
        };
        for (qsizetype i = 0; i < changes.size(); ++i) {
            SealedDelta changed = u;
            changes[i](changed);
            QVERIFY2(!unitsignature::verify(device.publicKey, w.id(), changed),
                     qPrintable(u"change %1"_s.arg(i)));
        }
        QVERIFY(unitsignature::sign(QByteArray(32, 'k'), w.id(), u).isEmpty());
    }

    // A batch is checked on several threads: whichever unit is forged, in whichever part of the
    // batch, it is the one named; a batch with none is accepted.
    void firstForgedInABatch()
    {
        const Workspace w;
        const DeviceKeyPair device = DeviceKeyPair::generate();
        for (const qsizetype size : {0, 1, 15, 16, 17, 33, 64, 500}) {
            QList<SealedDelta> units;
            for (qsizetype i = 0; i < size; ++i) {
                SealedDelta u = unit();
                u.seq = static_cast<quint64>(1 + i * 3);
                u.signature = unitsignature::sign(device.secretKey, w.id(), u);
                units.append(u);
            }
            QCOMPARE(unitsignature::firstForged(device.publicKey, w.id(), units), -1);
            QCOMPARE(unitsignature::firstForged(DeviceKeyPair::generate().publicKey, w.id(), units),
                     size == 0 ? -1 : 0);
            for (const qsizetype bad : {qsizetype(0), size / 2, size - 1}) {
                if (bad < 0 || bad >= size)
                    continue;
                QList<SealedDelta> tampered = units;
                tampered[bad].sealed[0] = static_cast<char>(tampered[bad].sealed[0] ^ 1);
                if (bad + 2 < size) // a second forgery later on: the first is named
                    tampered[bad + 2].signature.clear();
                for (const int threads : {1, 2, 4, 7})
                    QVERIFY2(
                        unitsignature::firstForged(device.publicKey, w.id(), tampered, threads) ==
                            bad,
                        qPrintable(u"size %1, forged at %2, %3 threads"_s.arg(size).arg(bad).arg(
                            threads)));
            }
        }
    }

    // An operator's admission token: minted at random in its one shape, hashed for the relay.
    void admissionTokenShapeAndHash()
    {
        const QString token = admissiontoken::mint();
        QVERIFY2(admissiontoken::looksValid(token), qPrintable(token));
        QVERIFY(admissiontoken::mint() != token);
        QCOMPARE(admissiontoken::hashOf(token).size(), 32);
        QCOMPARE(admissiontoken::hashOf(token), admissiontoken::hashOf(QString(token)));
        QVERIFY(admissiontoken::hashOf(token) != admissiontoken::hashOf(admissiontoken::mint()));
        const QStringList wrongs{QString(),
                                 u"cfa1-"_s,
                                 token.chopped(1),
                                 token + u"x"_s,
                                 u"cfa2-"_s + token.mid(5),
                                 token.left(10) + u"+"_s + token.mid(11),
                                 u" "_s + token,
                                 token + u"\n"_s};
        for (const QString &wrong : wrongs)
            QVERIFY2(!admissiontoken::looksValid(wrong), qPrintable(wrong));
    }

    void authProofByDeviceKey()
    {
        const Workspace w;
        const DeviceKeyPair device = DeviceKeyPair::generate();
        const QByteArray id(16, 'i');
        const QByteArray nonce = AuthProof::newChallenge();
        QCOMPARE(nonce.size(), 32);
        const QByteArray signature = AuthProof::sign(device.secretKey, nonce, w.id(), id);
        QVERIFY(AuthProof::verify(device.publicKey, nonce, w.id(), id, signature));
        QVERIFY(
            !AuthProof::verify(device.publicKey, AuthProof::newChallenge(), w.id(), id, signature));
        QVERIFY(!AuthProof::verify(device.publicKey, nonce, Workspace().id(), id, signature));
        QVERIFY(
            !AuthProof::verify(device.publicKey, nonce, w.id(), QByteArray(16, 'j'), signature));
        // The workspace key proves nothing any more: protocol 3 wants the device's own key.
        const QByteArray byWorkspace = AuthProof::sign(w.keys.secretKey, nonce, w.id(), id);
        QVERIFY(!AuthProof::verify(device.publicKey, nonce, w.id(), id, byWorkspace));
    }
};

QTEST_GUILESS_MAIN(TestDeviceTrust)
#include "tst_devicetrust.moc"
