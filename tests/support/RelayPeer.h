// A client of the sync protocol for tests against a real feedback-relay: one QWebSocket
// connection whose frames are decoded into an inbox, with the steps of a session (hello, auth,
// push, pull) and bounded waits. Shared by the relay's test suites.
#pragma once

#include "TestCall.h"

#include <QNetworkRequest>
#include <QRandomGenerator>
#include <QTcpSocket>
#include <QTest>
#include <QWebSocket>

#include <memory>
#include <optional>

#ifndef Q_MOC_RUN
#include <protocol/AdmissionToken.h>
#include <protocol/AuthProof.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <protocol/Messages.h>
#include <protocol/UnitSignature.h>
#include <sync/WorkspaceKeys.h>
#endif

namespace feedback::test {

using namespace Qt::StringLiterals;
using namespace feedback::protocol;
using feedback::sync::WorkspaceKeys;

constexpr int kWaitMs = kPatienceMs;

inline QByteArray randomBytes(qsizetype n)
{
    QByteArray out(n, Qt::Uninitialized);
    for (char &c : out)
        c = static_cast<char>(QRandomGenerator::global()->bounded(256));
    return out;
}

// A workspace (keys from a fresh secret) and one device of it, with its own key pair and a
// certificate signed by the workspace key (protocol 3).
struct Identity
{
    WorkspaceKeys keys;
    QByteArray device = randomBytes(16);
    DeviceKeyPair deviceKeys = DeviceKeyPair::generate();
    Role role = Role::Full;
    qint64 expiresAtMs = 0;

    static Identity fresh() { return {*WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret())}; }
    Identity sibling() const { return {keys}; } // another device of the same workspace
    Identity kiosk() const                      // a kiosk of the same workspace
    {
        Identity id{keys};
        id.role = Role::Kiosk;
        return id;
    }
    QByteArray certificate() const
    {
        DeviceCertificate c;
        c.workspace = keys.workspaceId();
        c.device = device;
        c.publicKey = deviceKeys.publicKey;
        c.role = role;
        c.name = u"test device"_s;
        c.issuedAtMs = 1'700'000'000'000; // fixed: the same bytes on every hello
        c.expiresAtMs = expiresAtMs;
        return DeviceCertificate::issue(keys.signingKey(), c);
    }
    Hello helloMessage() const
    {
        return {kProtocolVersion, keys.workspaceId(), device, role, certificate()};
    }
    // Signed with this device's key, whatever its origin.
    SealedDelta sign(SealedDelta unit) const
    {
        unit.signature = unitsignature::sign(deviceKeys.secretKey, keys.workspaceId(), unit);
        return unit;
    }
    SealedDelta delta(quint64 seq, const QByteArray &sealed = {}) const
    {
        return sign({device, seq, sealed.isEmpty() ? randomBytes(40 + seq % 60) : sealed, 0});
    }
    // Units `from` .. `to`, of `bytes` random bytes each (0: a few dozen).
    QList<SealedDelta> deltas(quint64 from, quint64 to, qsizetype bytes = 0) const
    {
        QList<SealedDelta> out;
        for (quint64 seq = from; seq <= to; ++seq)
            out.append(delta(seq, bytes > 0 ? randomBytes(bytes) : QByteArray()));
        return out;
    }
};

inline QString typeName(std::size_t index)
{
    static const char *const kNames[] = {
        "Hello",       "Challenge",    "Auth",           "Welcome",  "Error",   "Push",
        "Ack",         "Pull",         "Deltas",         "CaughtUp", "Devices", "Revoke",
        "Invite",      "Invited",      "Claim",          "Envelope", "Rotate",  "Epochs",
        "PutSnapshot", "SnapshotData", "SnapshotStored", "Diverged", "Have",    "Presence"};
    static_assert(std::size(kNames) == std::variant_size_v<Message>);
    return QLatin1String(kNames[index]);
}

inline QString describe(const Message &m)
{
    QString text = typeName(m.index());
    if (const auto *e = std::get_if<Error>(&m))
        text += u"(%1: %2)"_s.arg(errorCodeName(e->code), e->text);
    else if (const auto *a = std::get_if<Ack>(&m))
        text += u"(%1)"_s.arg(a->upTo);
    else if (const auto *d = std::get_if<Deltas>(&m))
        text += u"(%1, more %2, live %3)"_s.arg(d->deltas.size()).arg(d->more).arg(d->live);
    return text;
}

// One client connection: frames received are decoded into an inbox.
class Peer
{
public:
    // `admissionToken`: sent in the upgrade request's header, as a new workspace's first device
    // sends the operator's token (protocol/AdmissionToken.h).
    explicit Peer(const QString &url, const QByteArray &admissionToken = QByteArray())
        : m_socket(std::make_unique<QWebSocket>())
    {
        m_socket->setMaxAllowedIncomingMessageSize(16 * 1024 * 1024);
        QObject::connect(m_socket.get(), &QWebSocket::binaryMessageReceived, m_socket.get(),
                         [this](const QByteArray &frame) {
                             const DecodeResult r = decode(frame, 16 * 1024 * 1024, 100000);
                             m_frameVersions.append(r.version);
                             if (r.message)
                                 m_arrivals.append(r.message->index());
                             // Device lists come whenever a device enrols: apart, so that
                             // they do not stand between the other expectations.
                             if (r.message && std::holds_alternative<Devices>(*r.message))
                                 m_devices.append(std::get<Devices>(*r.message));
                             else if (r.message && std::holds_alternative<Epochs>(*r.message))
                                 m_epochs.append(std::get<Epochs>(*r.message)); // apart too
                             else if (r.message)
                                 m_inbox.append(*r.message);
                             else
                                 m_log += u"undecodable frame: "_s + r.error + u'\n';
                         });
        QObject::connect(m_socket.get(), &QWebSocket::textMessageReceived, m_socket.get(),
                         [this](const QString &text) { m_log += u"text: "_s + text + u'\n'; });
        QObject::connect(m_socket.get(), &QWebSocket::disconnected, m_socket.get(),
                         [this] { m_closed = true; });
        QNetworkRequest request{QUrl(url)};
        if (!admissionToken.isEmpty())
            request.setRawHeader(protocol::admissiontoken::kHeader, admissionToken);
        m_socket->open(request);
    }

    bool waitOpen()
    {
        return QTest::qWaitFor(
                   [this] {
                       return m_closed || m_socket->state() == QAbstractSocket::ConnectedState;
                   },
                   kWaitMs) &&
               !m_closed;
    }
    bool isClosed() const { return m_closed; }
    bool waitClosed(int timeoutMs = kWaitMs)
    {
        return QTest::qWaitFor([this] { return m_closed; }, timeoutMs);
    }
    QWebSocketProtocol::CloseCode closeCode() const { return m_socket->closeCode(); }
    QString closeReason() const { return m_socket->closeReason(); }

    void close() { m_socket->close(); }
    void send(const Message &m) { m_socket->sendBinaryMessage(encode(m, m_version)); }
    // A device of an older protocol version the relay still serves: its frames in that version.
    void speak(int version) { m_version = version; }
    void sendRaw(const QByteArray &frame) { m_socket->sendBinaryMessage(frame); }
    void sendText(const QString &text) { m_socket->sendTextMessage(text); }

    std::optional<Message> next(int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return !m_inbox.isEmpty(); }, timeoutMs))
            return std::nullopt;
        return m_inbox.takeFirst();
    }
    template <class T> std::optional<T> expect(int timeoutMs = kWaitMs)
    {
        const auto m = next(timeoutMs);
        if (m && std::holds_alternative<T>(*m))
            return std::get<T>(*m);
        if (m)
            m_inbox.prepend(*m); // left for the next expectation (an Error, say)
        m_log += u"expected %1, got %2\n"_s.arg(typeName(Message(T{}).index()),
                                                m ? describe(*m) : u"nothing"_s);
        return std::nullopt;
    }
    // Nothing has arrived that the relay sent before it answered a ping sent now: a round trip
    // that ends when the relay's pong arrives (frames on one connection stay in order, and the
    // relay handles what it received before the ping first), not a guess at how long it takes.
    bool quiet(int timeoutMs = kWaitMs)
    {
        bool ponged = false;
        const QMetaObject::Connection c = QObject::connect(
            m_socket.get(), &QWebSocket::pong, m_socket.get(), [&ponged] { ponged = true; });
        m_socket->ping();
        const bool answered = QTest::qWaitFor([&] { return ponged || m_closed; }, timeoutMs);
        QObject::disconnect(c);
        if (!answered || !ponged)
            m_log += m_closed ? u"closed before answering a ping\n"_s
                              : u"no pong within %1 ms\n"_s.arg(timeoutMs);
        for (const Message &m : std::as_const(m_inbox))
            m_log += u"unexpected: "_s + describe(m) + u'\n';
        return ponged && m_inbox.isEmpty();
    }

    // Hello as `id`, then the challenge (kept in lastNonce()).
    bool hello(const Identity &id)
    {
        if (!waitOpen())
            return false;
        Hello hello = id.helloMessage();
        hello.protocol = m_version;
        send(hello);
        const auto challenge = expect<Challenge>();
        m_lastNonce = challenge ? challenge->nonce : QByteArray();
        return challenge && challenge->nonce.size() == 32;
    }
    // Hello, challenge, auth (signed with `signer`'s key), welcome.
    std::optional<Welcome> authenticate(const Identity &id, const Identity *signer = nullptr)
    {
        if (!hello(id))
            return std::nullopt;
        return answer(id, signer);
    }
    // After hello(id): the auth (signed with `signer`'s key), welcome.
    std::optional<Welcome> answer(const Identity &id, const Identity *signer = nullptr)
    {
        m_lastSignature = AuthProof::sign((signer ? signer : &id)->deviceKeys.secretKey,
                                          m_lastNonce, id.keys.workspaceId(), id.device);
        send(Auth{m_lastSignature});
        const auto welcome = expect<Welcome>();
        // Protocol 5: the key epochs come before welcome (kept in lastEpochs()).
        m_lastEpochs.reset();
        if (welcome && m_version >= 5)
            m_lastEpochs = nextEpochs();
        // Protocol 3: the device list follows welcome.
        if (welcome)
            m_lastDevices = nextDevices();
        return welcome && m_lastDevices && (m_version < 5 || m_lastEpochs) ? welcome : std::nullopt;
    }
    // The next `devices` frame (they are kept apart from the other messages).
    std::optional<Devices> nextDevices(int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return !m_devices.isEmpty(); }, timeoutMs)) {
            m_log += u"expected Devices, got nothing\n"_s;
            return std::nullopt;
        }
        return m_devices.takeFirst();
    }
    qsizetype pendingDevices() const { return m_devices.size(); }
    // The next `epochs` frame (version 5: before every welcome, and when the keys change).
    std::optional<Epochs> nextEpochs(int timeoutMs = kWaitMs)
    {
        if (!QTest::qWaitFor([this] { return !m_epochs.isEmpty() || m_closed; }, timeoutMs) ||
            m_epochs.isEmpty()) {
            m_log += u"expected Epochs, got nothing\n"_s;
            return std::nullopt;
        }
        return m_epochs.takeFirst();
    }
    qsizetype pendingEpochs() const { return m_epochs.size(); }
    // The type (Message index) of every decoded frame, in arrival order.
    const QList<std::size_t> &arrivals() const { return m_arrivals; }
    // The `devices` frame that followed the last welcome.
    const std::optional<Devices> &lastDevices() const { return m_lastDevices; }
    // The `epochs` frame that came before the last welcome (version 5 on).
    const std::optional<Epochs> &lastEpochs() const { return m_lastEpochs; }
    // Open, and authenticated as a new device of a new workspace when asked.
    bool ready(bool authenticated)
    {
        return authenticated ? authenticate(Identity::fresh()).has_value() : waitOpen();
    }
    std::optional<Ack> push(const QList<SealedDelta> &deltas)
    {
        send(Push{deltas});
        return expect<Ack>();
    }
    // Pull from `cursor` until CaughtUp; every Deltas frame is kept in `frames`.
    std::optional<CaughtUp> pullAll(quint64 cursor, QList<Deltas> *frames = nullptr)
    {
        send(Pull{cursor});
        while (const auto m = next()) {
            if (const auto *caughtUp = std::get_if<CaughtUp>(&*m))
                return *caughtUp;
            const auto *d = std::get_if<Deltas>(&*m);
            if (!d || d->live) {
                m_log += u"while pulling: "_s + describe(*m) + u'\n';
                return std::nullopt;
            }
            if (frames)
                frames->append(*d);
            if (d->more)
                send(Pull{d->deltas.isEmpty() ? cursor : d->deltas.last().position});
        }
        return std::nullopt;
    }
    // Waits for an Error with `code`, then for the relay to close the connection.
    bool refusedWith(ErrorCode code)
    {
        const auto error = expect<Error>();
        if (error && error->code != code)
            m_log += u"refused with %1, expected %2\n"_s.arg(errorCodeName(error->code),
                                                             errorCodeName(code));
        return error && error->code == code && waitClosed();
    }

    const QByteArray &lastNonce() const { return m_lastNonce; }
    // The version of every frame received, in order (an error may come in another version).
    const QList<quint64> &frameVersions() const { return m_frameVersions; }
    const QByteArray &lastSignature() const { return m_lastSignature; }
    QByteArray log() const
    {
        return (m_log + u"closed: %1, code %2, reason \"%3\""_s.arg(m_closed)
                            .arg(m_socket->closeCode())
                            .arg(m_socket->closeReason()))
            .toUtf8();
    }

private:
    std::unique_ptr<QWebSocket> m_socket;
    QList<Message> m_inbox;
    QList<quint64> m_frameVersions;
    int m_version = kProtocolVersion;
    QString m_log;
    bool m_closed = false;
    QByteArray m_lastNonce;
    QByteArray m_lastSignature;
    std::optional<Devices> m_lastDevices;
    std::optional<Epochs> m_lastEpochs;
    QList<Devices> m_devices;
    QList<Epochs> m_epochs;
    QList<std::size_t> m_arrivals;
};

// The relay's copy of `sent`: same origin, seq and bytes, at positions from `firstPosition`.
inline bool sameDeltas(const QList<SealedDelta> &got, const QList<SealedDelta> &sent,
                       quint64 firstPosition)
{
    for (qsizetype i = 0; i < sent.size(); ++i)
        if (i >= got.size() || got[i].origin != sent[i].origin || got[i].seq != sent[i].seq ||
            got[i].sealed != sent[i].sealed || got[i].signature != sent[i].signature ||
            got[i].position != firstPosition + quint64(i))
            return false;
    return true;
}

// A WebSocket that completes the handshake with the relay on 127.0.0.1:`port` and then never
// reads again, so the relay's pings go unanswered. Empty when it worked, else why not. Waits
// with the event loop running: the relay may live in this process.
inline QString openSilentWebSocket(QTcpSocket &socket, quint16 port, int timeoutMs)
{
    socket.connectToHost(QStringLiteral("127.0.0.1"), port);
    if (!socket.waitForConnected(timeoutMs))
        return QStringLiteral("cannot connect: ") + socket.errorString();
    socket.write(
        QByteArrayLiteral("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nUpgrade: websocket\r\n"
                          "Connection: Upgrade\r\nSec-WebSocket-Key: "
                          "dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n"));
    QByteArray response;
    if (!QTest::qWaitFor([&] { return (response += socket.readAll()).contains("\r\n\r\n"); },
                         timeoutMs))
        return QStringLiteral("no handshake answer: ") + QString::fromLatin1(response);
    if (!response.startsWith("HTTP/1.1 101"))
        return QStringLiteral("handshake refused: ") + QString::fromLatin1(response);
    return {};
}

} // namespace feedback::test

#define VERIFY_PEER(cond, peer) QVERIFY2(cond, (peer).log().constData())
