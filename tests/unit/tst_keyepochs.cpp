// Key epochs on a device (PROTOCOL.md, "Key epochs"): a unit sealed after a rotation names its
// epoch and opens only with that epoch's keys, while older units still open; a kiosk seals to
// the latest box key its chain names; statements verify in order from the workspace id and must
// match the secrets held; certificates of the latest authority verify, and invite codes carry
// the epochs, refused when out of shape.
#include <QCborArray>
#include <QCborValue>
#include <QCryptographicHash>
#include <QTest>
#include <QtEndian>

#include <protocol/DeviceKeys.h>
#include <protocol/EpochChain.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>

using namespace feedback;
using namespace Qt::StringLiterals;
using protocol::EpochChain;
using protocol::EpochStatement;
using sync::WorkspaceKeys;

namespace {

const QByteArray kOrigin(16, '\x11');
const QByteArray kDelta = QByteArrayLiteral("\xa1\x01\x02 a delta's bytes");

WorkspaceKeys newWorkspace()
{
    return *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
}

// The statement of `next`'s latest epoch, signed by `previous`'s authority.
QByteArray statementOf(const WorkspaceKeys &previous, const WorkspaceKeys &next,
                       QList<QByteArray> excluded = {})
{
    EpochStatement fields;
    fields.workspace = previous.workspaceId();
    fields.epoch = next.epoch();
    fields.authority = next.authority();
    fields.boxKey = next.boxPublicKey();
    fields.issuedAtMs = 1'700'000'000'000;
    fields.excluded = std::move(excluded);
    return EpochStatement::issue(previous.signingKey(), fields);
}

quint32 epochNamed(const QByteArray &sealed)
{
    return qFromBigEndian<quint32>(sealed.constData() + 4);
}

protocol::SealedDelta unitOf(const QByteArray &sealed, quint64 seq)
{
    return {kOrigin, seq, sealed};
}

} // namespace

class TestKeyEpochs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void unitsNameTheirEpochAndOpenOnlyWithIt()
    {
        const WorkspaceKeys before = newWorkspace();
        const QByteArray old = before.seal(kDelta, kOrigin, 1);
        WorkspaceKeys after = before;
        QVERIFY(after.addEpochSecret(1, WorkspaceKeys::newSecret()));
        QCOMPARE(after.epoch(), quint64(1));
        const QByteArray sealed = after.seal(kDelta, kOrigin, 2);
        QVERIFY(sealed.startsWith("CFE1"));
        QCOMPARE(epochNamed(sealed), 1u);

        const auto opened = after.open(unitOf(sealed, 2));
        QVERIFY2(opened, qPrintable(opened.error()));
        QCOMPARE(opened->first(), kDelta);
        QVERIFY(after.open(unitOf(old, 1))); // epoch 0 stays readable
        const auto refused = before.open(unitOf(sealed, 2));
        QVERIFY(!refused);
        QVERIFY2(refused.error().contains(u"epoch 1"_s), qPrintable(refused.error()));
        QVERIFY(!after.open(unitOf(sealed, 3))); // still bound to its seq

        // The epoch picks the key: a unit relabelled with another epoch does not open.
        WorkspaceKeys two = after;
        QVERIFY(two.addEpochSecret(2, WorkspaceKeys::newSecret()));
        QByteArray relabelled = sealed;
        qToBigEndian<quint32>(2, relabelled.data() + 4);
        QVERIFY(!two.open(unitOf(relabelled, 2)));
        QVERIFY(two.open(unitOf(sealed, 2)));
    }

    void aKioskSealsToTheLatestBoxKeyOfItsChain()
    {
        const WorkspaceKeys desk = newWorkspace();
        WorkspaceKeys rotated = desk;
        QVERIFY(rotated.addEpochSecret(1, WorkspaceKeys::newSecret()));
        auto kiosk = WorkspaceKeys::forKiosk(desk.workspaceId(), desk.boxPublicKey());
        QVERIFY(kiosk);
        QVERIFY(kiosk->seal(kDelta, kOrigin, 1).startsWith("CFK1"));

        const auto chain = EpochChain::verify(desk.workspaceId(), {statementOf(desk, rotated)});
        QVERIFY2(chain, qPrintable(chain.error()));
        QVERIFY(kiosk->adoptChain(*chain));
        QCOMPARE(kiosk->epoch(), quint64(1));
        QVERIFY(!kiosk->canRead());
        const QByteArray sealed = kiosk->seal(kDelta, kOrigin, 2);
        QVERIFY(sealed.startsWith("CFK2"));
        QCOMPARE(epochNamed(sealed), 1u);
        QVERIFY(rotated.open(unitOf(sealed, 2)));
        QVERIFY(!desk.open(unitOf(sealed, 2)));

        // A kiosk invited after the rotation starts from its code's epoch, and the relay's
        // chain must agree with it.
        auto late = WorkspaceKeys::forKiosk(desk.workspaceId(), rotated.boxPublicKey(), 1,
                                            rotated.authority());
        QVERIFY(late);
        QVERIFY(late->adoptChain(*chain));
        QVERIFY(rotated.open(unitOf(late->seal(kDelta, kOrigin, 3), 3)));
        auto misled = WorkspaceKeys::forKiosk(desk.workspaceId(), desk.boxPublicKey(), 1,
                                              rotated.authority());
        QVERIFY(misled);
        QVERIFY(!misled->adoptChain(*chain));
    }

    void statementsVerifyInOrderAndMatchTheSecretsHeld()
    {
        const WorkspaceKeys desk = newWorkspace();
        WorkspaceKeys one = desk;
        QVERIFY(one.addEpochSecret(1, WorkspaceKeys::newSecret()));
        WorkspaceKeys two = one;
        QVERIFY(two.addEpochSecret(2, WorkspaceKeys::newSecret()));
        const QByteArray first = statementOf(desk, one, {QByteArray(16, '\x22')});
        const QByteArray second = statementOf(one, two);

        const auto chain = EpochChain::verify(desk.workspaceId(), {first, second});
        QVERIFY2(chain, qPrintable(chain.error()));
        QCOMPARE(chain->latest(), quint64(2));
        QCOMPARE(chain->authority(), two.authority());
        QVERIFY(chain->excludes(QByteArray(16, '\x22')));
        QVERIFY(!chain->excludes(QByteArray(16, '\x23')));
        QVERIFY(two.adoptChain(*chain));

        // Out of order, skipping one, signed by a later authority, or another workspace's.
        QVERIFY(!EpochChain::verify(desk.workspaceId(), {second}));
        QVERIFY(!EpochChain::verify(desk.workspaceId(), {second, first}));
        QVERIFY(!EpochChain::verify(desk.workspaceId(), {statementOf(one, one)}));
        QVERIFY(!EpochChain::verify(newWorkspace().workspaceId(), {first}));
        QByteArray tampered = first;
        tampered[tampered.size() / 2] = static_cast<char>(tampered[tampered.size() / 2] ^ 1);
        QVERIFY(!EpochChain::verify(desk.workspaceId(), {tampered}));

        // A device whose secret is not the one the statement names, or that lacks one.
        WorkspaceKeys other = desk;
        QVERIFY(other.addEpochSecret(1, WorkspaceKeys::newSecret()));
        QVERIFY(!other.adoptChain(*chain));
        WorkspaceKeys lacking = desk;
        const Status lack = lacking.adoptChain(*chain);
        QVERIFY(!lack);
        QCOMPARE(lack.errorKind(), ErrorKind::WrongKey);
    }

    void certificatesAndRevocationsOfTheLatestAuthority()
    {
        const WorkspaceKeys desk = newWorkspace();
        WorkspaceKeys rotated = desk;
        QVERIFY(rotated.addEpochSecret(1, WorkspaceKeys::newSecret()));
        protocol::DeviceCertificate fields;
        fields.workspace = desk.workspaceId();
        fields.device = QByteArray(16, '\x33');
        fields.publicKey = protocol::DeviceKeyPair::generate().publicKey;
        fields.name = u"laptop"_s;
        const QByteArray newer = protocol::DeviceCertificate::issue(rotated.signingKey(), fields);
        const QByteArray older = protocol::DeviceCertificate::issue(desk.signingKey(), fields);
        QVERIFY(rotated.verifyCertificate(newer));
        QVERIFY(rotated.verifyCertificate(older)); // enrolled before: still listed
        QVERIFY(!desk.verifyCertificate(newer));
        QVERIFY(!protocol::DeviceCertificate::verify(newer, desk.workspaceId()));
        QCOMPARE(protocol::DeviceCertificate::verify(newer, desk.workspaceId(), rotated.authority())
                     ->workspace,
                 desk.workspaceId());

        quint64 epoch = 9;
        const QByteArray revocation =
            protocol::Revocation::issue(rotated.signingKey(), desk.workspaceId(), fields.device, 1);
        QVERIFY(rotated.verifyRevocation(revocation, &epoch));
        QCOMPARE(epoch, quint64(1));
        QVERIFY(!desk.verifyRevocation(revocation));
    }

    void envelopesOpenOnlyWithTheirDevicesKey()
    {
        const QByteArray secret = WorkspaceKeys::newSecret();
        const auto device = protocol::DeviceKeyPair::generate();
        const QByteArray envelope = protocol::epochenvelope::seal(secret, device.publicKey);
        QCOMPARE(envelope.size(), protocol::epochenvelope::kBytes);
        QCOMPARE(protocol::epochenvelope::open(envelope, device.secretKey), secret);
        QVERIFY(
            protocol::epochenvelope::open(envelope, protocol::DeviceKeyPair::generate().secretKey)
                .isEmpty());
        QVERIFY(protocol::epochenvelope::open(envelope.chopped(1), device.secretKey).isEmpty());
        QVERIFY(protocol::epochenvelope::seal(secret, QByteArray(5, 'x')).isEmpty());
    }

    void inviteCodesCarryTheEpochs()
    {
        WorkspaceKeys keys = newWorkspace();
        QVERIFY(keys.addEpochSecret(1, WorkspaceKeys::newSecret()));
        QVERIFY(keys.addEpochSecret(2, WorkspaceKeys::newSecret()));
        sync::Invite invite{u"wss://relay.example"_s, WorkspaceKeys::newSecret()};
        invite.epochSecrets = keys.epochSecrets();
        const auto decoded = sync::InviteCode::decode(sync::InviteCode::encode(invite));
        QVERIFY2(decoded, qPrintable(decoded.error()));
        QCOMPARE(decoded->epochSecrets, keys.epochSecrets());

        // Epochs must run 1, 2, ... with 32-byte secrets.
        const auto codeOf = [](const QCborArray &epochs) -> QString {
            const QByteArray payload =
                QCborValue(QCborArray{u"wss://r"_s, QByteArray(32, '\x01'), epochs}).toCbor();
            const QByteArray sum = QCryptographicHash::hash(payload, QCryptographicHash::Sha256);
            return u"cf1-"_s + QString::fromLatin1(QByteArray(payload + sum.left(4))
                                                       .toBase64(QByteArray::Base64UrlEncoding |
                                                                 QByteArray::OmitTrailingEquals));
        };
        // One epoch entry as an item of the list (not the list itself, which braces would make).
        const auto entry = [](qint64 epoch, qsizetype bytes, char fill) {
            return QCborValue(QCborArray{epoch, QByteArray(bytes, fill)});
        };
        QVERIFY(sync::InviteCode::decode(codeOf(QCborArray{entry(1, 32, 'a')})));
        QVERIFY(sync::InviteCode::decode(codeOf(QCborArray{entry(1, 32, 'a'), entry(2, 32, 'b')})));
        for (const QCborArray &bad :
             {QCborArray{}, QCborArray{entry(2, 32, 'a')}, QCborArray{entry(1, 31, 'a')},
              QCborArray{entry(1, 32, 'a'), entry(1, 32, 'b')}}) {
            const auto refused = sync::InviteCode::decode(codeOf(bad));
            QVERIFY(!refused);
            QVERIFY2(refused.error().contains(u"epochs"_s), qPrintable(refused.error()));
        }
    }
};

QTEST_GUILESS_MAIN(TestKeyEpochs)
#include "tst_keyepochs.moc"
