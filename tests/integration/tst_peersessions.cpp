// A device serving nearby devices (PeerNetwork in this process, a real store, 127.0.0.1) against
// peers that misbehave, spoken to frame by frame: bytes that are not frames, messages before the
// handshake, another workspace, a revoked device, a forged unit, a version vector that claims
// what the peer does not hold, the same units twice, and a peer that stops answering. Each gets
// a clear error and the connection closed, and nothing of it is applied (or applied twice).
#include <QScopeGuard>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QWebSocket>
#include <QWebSocketServer>

#include <protocol/AuthProof.h>
#include <protocol/DeviceKeys.h>
#include <protocol/Revocation.h>
#include <store/RowSealer.h>
#include <support/PeerDevice.h>
#include <support/TestCall.h>
#include <support/Workload.h>
#include <sync/DeviceList.h>
#include <sync/DeviceTrust.h>
#include <sync/PeerDiscovery.h>
#include <sync/UnitKeeper.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;

namespace {

// A peer spoken to by hand.
class RawPeer
{
public:
    explicit RawPeer(const QString &address)
    {
        QObject::connect(&m_socket, &QWebSocket::binaryMessageReceived, &m_socket,
                         [this](const QByteArray &frame) {
                             const DecodeResult d =
                                 decode(frame, protocol::limits::kDefaultMaxFrameBytes,
                                        protocol::limits::kDefaultMaxBatch, kPeerProtocolVersion);
                             if (d.message)
                                 m_received.append(*d.message);
                         });
        QObject::connect(&m_socket, &QWebSocket::disconnected, &m_socket,
                         [this] { m_closed = true; });
        m_socket.open(QUrl(u"ws://"_s + address + u"/"_s));
    }
    bool connected() const { return m_socket.state() == QAbstractSocket::ConnectedState; }
    bool closed() const { return m_closed; }
    void send(const Message &m) { sendRaw(encode(m, kPeerProtocolVersion)); }
    void sendRaw(const QByteArray &bytes) { m_socket.sendBinaryMessage(bytes); }
    template <typename T> QList<T> all() const
    {
        QList<T> out;
        for (const Message &m : m_received)
            if (const T *t = std::get_if<T>(&m))
                out.append(*t);
        return out;
    }
    std::optional<ErrorCode> error() const
    {
        const auto errors = all<Error>();
        return errors.isEmpty() ? std::nullopt : std::optional(errors.first().code);
    }
    // The listener's first challenge (it says nothing else before the gate).
    QByteArray listenerNonce()
    {
        (void)QTest::qWaitFor([this] { return !all<Challenge>().isEmpty() || m_closed; }, 60000);
        return all<Challenge>().isEmpty() ? QByteArray() : all<Challenge>().first().nonce;
    }
    // The gate of `workspaceId` over the listener's challenge; true once its hello came.
    bool passGate(const QByteArray &workspaceId)
    {
        const QByteArray nonce = listenerNonce();
        if (nonce.isEmpty())
            return false;
        send(Auth{sync::PeerDiscovery::gate(workspaceId, nonce)});
        return QTest::qWaitFor([this] { return !all<Hello>().isEmpty() || m_closed; }, 60000) &&
               !m_closed;
    }
    // Gate, hello, challenge and proof as `device` (`role`, its certificate and key).
    // `helloVersion`: what its hello says (kPeerPresenceVersion: it takes presence).
    void authenticate(const QByteArray &workspaceId, const QByteArray &id, Role role,
                      const QByteArray &certificate, const QByteArray &secretKey,
                      const QByteArray &serverDevice, int helloVersion = kPeerProtocolVersion)
    {
        QVERIFY2(passGate(workspaceId), "closed at the gate");
        send(Hello{helloVersion, workspaceId, id, role, certificate});
        send(Challenge{AuthProof::newChallenge()});
        send(Auth{
            AuthProof::signForPeer(secretKey, listenerNonce(), workspaceId, id, serverDevice)});
        QTRY_VERIFY(!all<Have>().isEmpty() || m_closed);
        QVERIFY2(!m_closed, "closed during the handshake");
    }
    void authenticate(const test::PeerDevice &device, const QByteArray &serverDevice,
                      int helloVersion = kPeerProtocolVersion)
    {
        const auto credentials =
            sync::DeviceCredentials::find(*device.store, device.store->deviceId());
        QVERIFY(credentials);
        authenticate(device.keys->workspaceId(),
                     store::RowSealer::replicaBytes(device.store->deviceId()), Role::Full,
                     credentials->certificate, credentials->secretKey, serverDevice, helloVersion);
    }

private:
    QWebSocket m_socket;
    QList<Message> m_received;
    bool m_closed = false;
};

} // namespace

class TestPeerSessions : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_tmp;
    QByteArray m_secret;
    std::optional<test::PeerDevice> m_desk;
    std::optional<test::PeerDevice> m_laptop;
    testsupport::Workload m_workload;

    QByteArray deskId() const { return store::RowSealer::replicaBytes(m_desk->store->deviceId()); }
    // The laptop's first `count` records as the units it would give a peer: sealed and signed.
    QList<SealedDelta> laptopUnits(int count)
    {
        for (int i = 0; i < count; ++i)
            if (!m_laptop->store->submit(m_workload.next()))
                return {};
        sync::UnitKeeper keeper(*m_laptop->store);
        keeper.setKeeping(true);
        sync::DeviceTrust trust(*m_laptop->store, *m_laptop->keys);
        if (!keeper.sealPending(trust, *m_laptop->keys))
            return {};
        const auto units = keeper.after(store::RowSealer::replicaBytes(m_laptop->store->deviceId()),
                                        0, 1000, 1 << 20);
        return units ? *units : QList<SealedDelta>();
    }

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        m_secret = sync::WorkspaceKeys::newSecret();
        m_desk = test::makePeerDevice(m_tmp->filePath(u"desk"_s), m_secret, u"desk"_s);
        m_laptop = test::makePeerDevice(m_tmp->filePath(u"laptop"_s), m_secret, u"laptop"_s);
        QVERIFY(m_desk && m_laptop);
        QVERIFY(m_desk->serve({}, 500));
    }
    void cleanup()
    {
        m_desk.reset();
        m_laptop.reset();
        m_tmp.reset();
    }

    void bytesThatAreNotAFrameAreRefused()
    {
        RawPeer peer(m_desk->address());
        QTRY_VERIFY(peer.connected());
        peer.sendRaw("not a frame at all");
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.error(), ErrorCode::BadFrame);
    }

    void nothingBeforeTheHandshake()
    {
        RawPeer peer(m_desk->address());
        QTRY_VERIFY(peer.connected());
        peer.send(Deltas{{}, true, false, {}});
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.error(), ErrorCode::NotAuthenticated);
        // A frame of another version (the relay protocol's 6) is not one between peers either.
        RawPeer relayVersion(m_desk->address());
        QTRY_VERIFY(relayVersion.connected());
        relayVersion.sendRaw(encode(Pull{0, {}}, 6));
        QTRY_VERIFY(relayVersion.closed());
        QCOMPARE(relayVersion.error(), ErrorCode::UnsupportedVersion);
    }

    void anotherWorkspaceIsRefused()
    {
        auto stranger = test::makePeerDevice(m_tmp->filePath(u"stranger"_s),
                                             sync::WorkspaceKeys::newSecret(), u"stranger"_s);
        QVERIFY(stranger);
        // The listener says only a challenge; the stranger's gate is of its own workspace.
        RawPeer peer(m_desk->address());
        QVERIFY(!peer.passGate(stranger->keys->workspaceId()));
        QCOMPARE(peer.error(), ErrorCode::Forbidden);
        QVERIFY(peer.all<Hello>().isEmpty()); // it learns nothing, not even the workspace id
        QVERIFY(peer.all<Have>().isEmpty());
        QVERIFY(peer.all<Devices>().isEmpty());
        // Nor does a port scan that says a hello first.
        RawPeer scan(m_desk->address());
        QTRY_VERIFY(scan.connected());
        const auto credentials =
            sync::DeviceCredentials::find(*stranger->store, stranger->store->deviceId());
        scan.send(Hello{kPeerProtocolVersion, stranger->keys->workspaceId(),
                        store::RowSealer::replicaBytes(stranger->store->deviceId()), Role::Full,
                        credentials->certificate});
        QTRY_VERIFY(scan.closed());
        QCOMPARE(scan.error(), ErrorCode::NotAuthenticated);
        QCOMPARE(scan.all<Challenge>().size(), 1);
        QVERIFY(scan.all<Hello>().isEmpty());
    }

    void aRevokedDeviceIsRefused()
    {
        const QByteArray laptop = store::RowSealer::replicaBytes(m_laptop->store->deviceId());
        const QByteArray revocation =
            Revocation::issue(m_desk->keys->signingKey(), m_desk->keys->workspaceId(), laptop,
                              QDateTime::currentMSecsSinceEpoch());
        QVERIFY(sync::DeviceList::addPendingRevocation(*m_desk->store, revocation));
        QVERIFY(m_desk->serve({}, 500)); // the trust is read when the network starts
        RawPeer peer(m_desk->address());
        QVERIFY(peer.passGate(m_laptop->keys->workspaceId())); // it holds the workspace id
        const auto credentials =
            sync::DeviceCredentials::find(*m_laptop->store, m_laptop->store->deviceId());
        peer.send(Hello{kPeerProtocolVersion, m_laptop->keys->workspaceId(), laptop, Role::Full,
                        credentials->certificate});
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.error(), ErrorCode::Revoked);
    }

    void aForgedUnitIsRefusedAndNothingApplied()
    {
        QList<SealedDelta> units = laptopUnits(2);
        QCOMPARE(units.size(), 1); // one sealed group
        units[0].signature[5] = char(units[0].signature[5] ^ 1);
        RawPeer peer(m_desk->address());
        QTRY_VERIFY(peer.connected());
        CALL(peer.authenticate(*m_laptop, deskId()));
        peer.send(Have{});
        peer.send(Deltas{units, true, false, {}});
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.error(), ErrorCode::Forbidden);
        QCOMPARE(m_desk->store->book().size(), 0u);
    }

    void claimsCostNothingAndUnitsApplyOnce()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_desk->store->submit(m_workload.next()));
        const QList<SealedDelta> units = laptopUnits(2);
        RawPeer peer(m_desk->address());
        QTRY_VERIFY(peer.connected());
        CALL(peer.authenticate(*m_laptop, deskId()));
        // It claims far more of the desk's changes than there are: it is given none of them.
        peer.send(Have{{{deskId(), 1000}}});
        QTRY_VERIFY(!peer.all<CaughtUp>().isEmpty());
        QVERIFY(peer.all<Deltas>().isEmpty());
        QSignalSpy changed(m_desk->peers.get(), &sync::PeerNetwork::recordsChanged);
        peer.send(Deltas{units, true, false, {}});
        QTRY_COMPARE(peer.all<Pull>().size(), 1);
        peer.send(Deltas{units, true, true, {}}); // the same again
        QTRY_COMPARE(peer.all<Pull>().size(), 2);
        QCOMPARE(changed.size(), 1);
        QCOMPARE(m_desk->store->book().size(), 5u);
        QVERIFY(!peer.closed());
    }

    // A kiosk (its own key, a kiosk certificate) is given nothing, however much the desk holds,
    // and may give only its own submissions: a unit of another device from it is refused.
    void aKioskIsGivenNothingAndGivesOnlyItsOwn()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_desk->store->submit(m_workload.next()));
        const QList<SealedDelta> laptop = laptopUnits(1);
        const DeviceKeyPair kioskKey = DeviceKeyPair::generate();
        const QByteArray kiosk(16, 'k');
        const QByteArray certificate = sync::DeviceCredentials::issueCertificate(
            *m_desk->keys, kiosk, kioskKey.publicKey, Role::Kiosk, u"kiosk"_s);
        QVERIFY(!certificate.isEmpty());
        RawPeer peer(m_desk->address());
        CALL(peer.authenticate(m_desk->keys->workspaceId(), kiosk, Role::Kiosk, certificate,
                               kioskKey.secretKey, deskId()));
        peer.send(Have{}); // it holds nothing of anyone
        QTRY_VERIFY(!peer.all<CaughtUp>().isEmpty());
        QVERIFY(peer.all<Deltas>().isEmpty());
        peer.send(Deltas{laptop, true, false, {}});
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.error(), ErrorCode::Forbidden);
        QCOMPARE(m_desk->store->book().size(), 3u);
    }

    // The desk dials an address that claims to be a peer (a stranger replaying an announcement
    // from its own machine): the listener speaks first, the desk answers its challenge with the
    // gate (a MAC), and a hello of another workspace gets a refusal, not the desk's own hello:
    // the stranger learns nothing, not even the workspace.
    void aDiallingDeviceRevealsNothingToAStranger()
    {
        QWebSocketServer server(u"stranger"_s, QWebSocketServer::NonSecureMode);
        QVERIFY(server.listen(QHostAddress::LocalHost));
        QList<Message> heard;
        QWebSocket *socket = nullptr;
        bool closed = false;
        // Accepted sockets are the caller's; gone before what its slots write to.
        auto dropSocket = qScopeGuard([&socket] { delete socket; });
        QObject::connect(&server, &QWebSocketServer::newConnection, &server, [&] {
            QWebSocket *next = server.nextPendingConnection();
            if (socket) { // the desk dialling again: only the first connection is looked at
                delete next;
                return;
            }
            socket = next;
            QObject::connect(socket, &QWebSocket::binaryMessageReceived, socket,
                             [&heard](const QByteArray &frame) {
                                 const DecodeResult d = decode(
                                     frame, protocol::limits::kDefaultMaxFrameBytes,
                                     protocol::limits::kDefaultMaxBatch, kPeerProtocolVersion);
                                 if (d.message)
                                     heard.append(*d.message);
                             });
            QObject::connect(socket, &QWebSocket::disconnected, socket,
                             [&closed] { closed = true; });
        });
        auto stranger = test::makePeerDevice(m_tmp->filePath(u"stranger"_s),
                                             sync::WorkspaceKeys::newSecret(), u"stranger"_s);
        QVERIFY(stranger);
        QVERIFY(m_desk->serve({sync::PeerAddress{u"127.0.0.1"_s, server.serverPort()}}, 500));
        QTRY_VERIFY(socket);
        QVERIFY(heard.isEmpty()); // the dialler waits for the listener's challenge
        const QByteArray nonce = AuthProof::newChallenge();
        socket->sendBinaryMessage(encode(Challenge{nonce}, kPeerProtocolVersion));
        QTRY_COMPARE(heard.size(), 1);
        // The gate: a MAC the stranger can neither check against its own workspace nor read.
        QVERIFY(std::holds_alternative<Auth>(heard.first()));
        const QByteArray gate = std::get<Auth>(heard.first()).signature;
        QVERIFY(!sync::PeerDiscovery::passesGate(stranger->keys->workspaceId(), nonce, gate));
        QVERIFY(sync::PeerDiscovery::passesGate(m_desk->keys->workspaceId(), nonce, gate));
        const auto credentials =
            sync::DeviceCredentials::find(*stranger->store, stranger->store->deviceId());
        socket->sendBinaryMessage(
            encode(Hello{kPeerProtocolVersion, stranger->keys->workspaceId(),
                         store::RowSealer::replicaBytes(stranger->store->deviceId()), Role::Full,
                         credentials->certificate},
                   kPeerProtocolVersion));
        QTRY_VERIFY(closed);
        QCOMPARE(heard.size(), 2);
        QVERIFY(std::holds_alternative<Error>(heard.last()));
        QCOMPARE(std::get<Error>(heard.last()).code, ErrorCode::Forbidden);
        m_desk.reset(); // stops dialling the stranger again
    }

    // Presence between nearby devices: a peer whose hello says it takes presence gets the desk's
    // notes and is heard; one of the release before (its hello says 7) is sent none. A note
    // sealed as another device is dropped.
    void presenceGoesToPeersThatTakeIt()
    {
        const QString address = u"127.0.0.1:%1"_s.arg(m_desk->peers->listenPort());
        QSignalSpy heard(m_desk->peers.get(), &sync::PeerNetwork::presenceArrived);
        RawPeer current(address), older(address);
        CALL(current.authenticate(*m_laptop, deskId(), kPeerPresenceVersion));
        const auto other = test::makePeerDevice(m_tmp->filePath(u"other"_s), m_secret, u"o"_s);
        QVERIFY(other);
        CALL(older.authenticate(*other, deskId()));
        QTRY_COMPARE(m_desk->peers->peerCount(), 2);

        const RecordId record = *recordIdFromString(u"0123456789abcdef0123456789abcdef-4"_s);
        const sync::PresenceNote here{u"Amira"_s, record, false, 1'800'000'000'000};
        QVERIFY(m_desk->peers->sendPresence(here));
        QTRY_COMPARE(current.all<Presence>().size(), 1);
        QCOMPARE(sync::PresenceNote::open(*m_laptop->keys, deskId(),
                                          current.all<Presence>().first().sealed),
                 here);
        const QByteArray laptopId = store::RowSealer::replicaBytes(m_laptop->store->deviceId());
        const sync::PresenceNote there{u"Yusuf"_s, record, true, 1'800'000'000'000};
        current.send(Presence{{}, there.seal(*m_laptop->keys, deskId())}); // sealed as the desk
        current.send(Presence{{}, there.seal(*m_laptop->keys, laptopId)});
        QTRY_COMPARE(heard.size(), 1);
        QCOMPARE(heard.first().at(0).toByteArray(), laptopId);
        QCOMPARE(heard.first().at(1).value<std::optional<sync::PresenceNote>>(), there);
        // The older peer got no presence frame (it would refuse it) and is still connected.
        QVERIFY(older.all<Presence>().isEmpty());
        QVERIFY(!older.closed() && !current.closed());
    }

    void aPeerThatStopsAnsweringIsClosed()
    {
        for (int i = 0; i < 3; ++i)
            QVERIFY(m_desk->store->submit(m_workload.next()));
        RawPeer peer(m_desk->address());
        QTRY_VERIFY(peer.connected());
        CALL(peer.authenticate(*m_laptop, deskId()));
        peer.send(Have{}); // it holds nothing: the desk gives it a batch, which it never answers
        QTRY_VERIFY(!peer.all<Deltas>().isEmpty());
        QTRY_VERIFY(peer.closed());
        QCOMPARE(peer.all<Deltas>().size(), 1); // one batch in flight, never more
    }
};

QTEST_GUILESS_MAIN(TestPeerSessions)
#include "tst_peersessions.moc"
