// The device's side of device trust, without sockets (a fake transport plays the relay): the
// hello carries a certificate of this device's own key, auth and every pushed unit are signed
// with it, the relay's device list is verified and kept, and a unit is applied only when its
// signature verifies against its origin's certified key (an empty one is a legacy unit). A member
// writing under another device's origin is set aside like a unit that does not open, and the
// impersonated device's own unit still applies.
#include "FakeTransport.h"
#include "OtherDevice.h"

#include <QDateTime>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <core/BookCodec.h>
#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <protocol/Revocation.h>
#include <protocol/UnitSignature.h>
#include <store/RowSealer.h>
#include <store/StoredValue.h>
#include <sync/DeviceCredentials.h>
#include <sync/DeviceList.h>
#include <sync/SyncClient.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;
using feedback::test::OtherDevice;

namespace {

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-%1").arg(i);
    f.courierId = 7;
    f.rating = 4;
    return f;
}

} // namespace

class TestDeviceSession : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    std::optional<sync::WorkspaceKeys> m_keys;

    void connectSession(quint64 head)
    {
        m_session->start();
        QCOMPARE(m_transport->sentOf<Hello>().size(), 1);
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        m_transport->deliver(Welcome{head, 0});
    }

    QByteArray self() const { return store::RowSealer::replicaBytes(m_store->deviceId()); }

    DeviceCertificate ownCertificate() const
    {
        const auto hello = m_transport->sentOf<Hello>().first();
        auto certificate = DeviceCertificate::verify(hello.certificate, m_keys->workspaceId());
        return certificate ? *certificate : DeviceCertificate();
    }

    // A unit of `from`'s next delta, sealed with the workspace key and signed by `signer`.
    SealedDelta unitOf(OtherDevice &from, quint64 position, const QByteArray &signerSecretKey)
    {
        const BookDelta delta = *from.book.create(sample(static_cast<int>(position)));
        const quint64 seq = from.book.sequence();
        SealedDelta unit{
            from.origin, seq, m_keys->seal(*BookCodec::encodeDelta(delta), from.origin, seq),
            position,    1,   QByteArray()};
        if (!signerSecretKey.isEmpty())
            unit.signature = unitsignature::sign(signerSecretKey, m_keys->workspaceId(), unit);
        return unit;
    }

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_transport.reset();
        m_store.reset();
        QFile::remove(m_dir.filePath(u"s.db"_s));
        auto s =
            store::FeedbackStore::open(m_dir.filePath(u"s.db"_s), store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
        m_keys = *sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(*m_store, *m_keys, m_transport.get());
        m_session->setDeviceName(u"desk"_s);
    }

    void helloAuthAndPushesUseThisDevicesCertifiedKey()
    {
        // A profile of protocol 2 (no key yet): the first sync makes its key and certificate.
        QVERIFY(!sync::DeviceCredentials::find(*m_store, m_store->deviceId()));
        QVERIFY(m_store->submit(sample(1)).ok());
        m_session->start();
        const Hello hello = m_transport->sentOf<Hello>().first();
        const DeviceCertificate certificate = ownCertificate();
        QCOMPARE(certificate.device, self());
        QCOMPARE(hello.device, self());
        QCOMPARE(certificate.role, Role::Full);
        QCOMPARE(certificate.name, u"desk"_s);
        QCOMPARE(certificate.expiresAtMs, qint64{0});
        // Kept: the next session presents the same certificate (the relay binds the id to it).
        QVERIFY(sync::DeviceCredentials::find(*m_store, m_store->deviceId()));
        QCOMPARE(sync::DeviceCredentials::find(*m_store, m_store->deviceId())->certificate,
                 hello.certificate);
        // The secret key is sealed: no plain stored value holds it.
        QVERIFY(!m_store->value(u"device/key/"_s + replicaIdToString(m_store->deviceId())));

        const QByteArray nonce = AuthProof::newChallenge();
        m_transport->deliver(Challenge{nonce});
        const Auth auth = m_transport->sentOf<Auth>().first();
        QVERIFY(AuthProof::verify(certificate.publicKey, nonce, m_keys->workspaceId(), self(),
                                  auth.signature));
        m_transport->deliver(Welcome{0, 0});
        const Push push = m_transport->sentOf<Push>().first();
        QCOMPARE(push.deltas.size(), 1);
        QCOMPARE(push.deltas.first().signature.size(), 64);
        QVERIFY(unitsignature::verify(certificate.publicKey, m_keys->workspaceId(),
                                      push.deltas.first()));
    }

    void devicesFrameIsVerifiedAndKept()
    {
        connectSession(0);
        OtherDevice laptop(*m_keys, ReplicaId{0xAB, 0xCD});
        // Issued with another workspace's key: not listed.
        const auto stranger = sync::WorkspaceKeys::fromSecret(sync::WorkspaceKeys::newSecret());
        OtherDevice forged(*stranger, ReplicaId{0xEE, 0xFF});
        const QByteArray revocation =
            Revocation::issue(m_keys->signingKey(), m_keys->workspaceId(), laptop.origin, 1000);
        m_transport->deliver(Devices{{{m_transport->sentOf<Hello>().first().certificate, 5, {}},
                                      {laptop.certificate, 7, revocation},
                                      {forged.certificate, 9, {}}}});
        QCOMPARE(m_session->state(), sync::SyncState::Syncing);
        const auto list =
            sync::DeviceList::load(*m_store, m_keys->workspaceId(), m_keys->authorities());
        QCOMPARE(list.devices().size(), 2);
        QVERIFY(list.find(self()));
        QVERIFY(!list.find(self())->revoked);
        QVERIFY(list.find(laptop.origin));
        QVERIFY(list.find(laptop.origin)->revoked);
        QCOMPARE(list.find(laptop.origin)->lastSeenMs, qint64{7});
        QVERIFY(!list.find(forged.origin));
    }

    void unitsAreAppliedOnlyWithTheirOriginsSignature()
    {
        connectSession(4);
        OtherDevice laptop(*m_keys, ReplicaId{0xAB, 0xCD});
        OtherDevice member(*m_keys, ReplicaId{0x12, 0x34});
        m_transport->deliver(Devices{{{laptop.certificate, 0, {}}, {member.certificate, 0, {}}}});
        // A member writes laptop's next seq (a valid seal: it holds the workspace key), signed
        // with its own key.
        const SealedDelta forged = unitOf(laptop, 1, member.keys.secretKey);
        // A device the list does not hold.
        OtherDevice unknown(*m_keys, ReplicaId{0x56, 0x78});
        const SealedDelta stranger = unitOf(unknown, 2, unknown.keys.secretKey);
        m_transport->deliver(Deltas{{forged, stranger}, false, false});
        QCOMPARE(m_session->state(), sync::SyncState::Syncing);
        QCOMPARE(m_store->book().size(), std::size_t{0});
        QCOMPARE(m_store->unreadable().size(), 2);
        QVERIFY(m_store->unreadable().at(0).reason.contains(u"signature"_s));
        QVERIFY(m_store->unreadable().at(1).reason.contains(u"device list"_s));
        // Their bytes are not kept: a retry from them would have no signature to check.
        const auto kept = m_store->quarantinedBody(m_store->unreadable().at(0));
        QVERIFY(!kept || kept->isEmpty());

        // The impersonated laptop's own unit under the same seq applies, and releases the row.
        FeedbackBook genuine(ReplicaId{0xAB, 0xCD});
        const BookDelta own = *genuine.create(sample(42));
        SealedDelta real{
            laptop.origin, 1, m_keys->seal(*BookCodec::encodeDelta(own), laptop.origin, 1), 3, 1,
            QByteArray()};
        real.signature = unitsignature::sign(laptop.keys.secretKey, m_keys->workspaceId(), real);
        // A legacy unit (stored under protocol 2: no signature) applies as before.
        const SealedDelta legacy = unitOf(member, 4, QByteArray());
        m_transport->deliver(Deltas{{real, legacy}, false, false});
        m_transport->deliver(CaughtUp{4});
        QCOMPARE(m_store->book().size(), std::size_t{2});
        QVERIFY(m_store->book().state().find(RecordId{ReplicaId{0xAB, 0xCD}, 1}));
        QCOMPARE(m_store->unreadable().size(), 1); // only the stranger's is left aside
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
    }

    void revokedStopsForGood()
    {
        m_session->start();
        m_transport->deliver(Error{ErrorCode::Revoked, u"revoked"_s});
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY(m_session->revoked());
        QCOMPARE(m_session->problem().kind, sync::SyncProblem::Kind::Revoked);
        QCOMPARE(m_session->lastError(), u"This device was removed from the workspace"_s);
    }

    // A client that is refused with `revoked` schedules no retry; refused with `busy` it does.
    void revokedClientDoesNotRetry_data()
    {
        QTest::addColumn<int>("number");
        QTest::addColumn<bool>("retries");
        QTest::newRow("revoked") << static_cast<int>(ErrorCode::Revoked) << false;
        QTest::newRow("busy") << static_cast<int>(ErrorCode::Busy) << true;
    }
    void revokedClientDoesNotRetry()
    {
        QFETCH(int, number);
        QFETCH(bool, retries);
        const auto code = static_cast<ErrorCode>(number);
        // A relay that answers every hello with `code`.
        QWebSocketServer relay(u"refusing relay"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(relay.listen(QHostAddress::LocalHost));
        connect(&relay, &QWebSocketServer::newConnection, &relay, [&relay, code] {
            QWebSocket *socket = relay.nextPendingConnection();
            socket->setParent(&relay);
            connect(socket, &QWebSocket::binaryMessageReceived, socket, [socket, code] {
                socket->sendBinaryMessage(encode(Error{code, u"refused"_s}));
                socket->flush();
            });
        });
        sync::SyncClient::Options options;
        options.relayUrl = QUrl(u"ws://127.0.0.1:%1"_s.arg(relay.serverPort()));
        sync::SyncClient client(*m_store, *m_keys, options);
        client.start();
        QTRY_COMPARE(client.session().state(), sync::SyncState::Error);
        QCOMPARE(client.session().revoked(), !retries);
        QCOMPARE(client.retryRemainingMs() >= 0, retries);
        client.stop();
    }

    void pendingRevocationIsSentAfterWelcomeUntilListed()
    {
        OtherDevice laptop(*m_keys, ReplicaId{0xAB, 0xCD});
        const QByteArray revocation =
            Revocation::issue(m_keys->signingKey(), m_keys->workspaceId(), laptop.origin, 1000);
        QVERIFY(sync::DeviceList::addPendingRevocation(*m_store, revocation));
        m_session->start();
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        QVERIFY(m_transport->sentOf<Revoke>().isEmpty()); // not before the welcome
        m_transport->deliver(Welcome{0, 0});
        QCOMPARE(m_transport->sentOf<Revoke>().size(), 1);
        QCOMPARE(m_transport->sentOf<Revoke>().first().revocation, revocation);
        // Listed without the revocation: still pending; listed as revoked: done.
        m_transport->deliver(Devices{{{laptop.certificate, 0, {}}}});
        QCOMPARE(sync::DeviceList::pendingRevocations(*m_store).size(), 1);
        m_transport->deliver(Devices{{{laptop.certificate, 0, revocation}}});
        QVERIFY(sync::DeviceList::pendingRevocations(*m_store).isEmpty());
    }
};

QTEST_GUILESS_MAIN(TestDeviceSession)
#include "tst_devicesession.moc"
