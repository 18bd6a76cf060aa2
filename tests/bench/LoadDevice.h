// One simulated device of the relay load benchmark: a QWebSocket that says hello, authenticates
// with its device key, then either pulls from the head and stays subscribed (live) or only
// pushes. A thousand of them share one event loop, so nothing here waits: every frame moves the
// device on, and the benchmark reads where each one is.
#pragma once

#include <QUrl>
#include <QWebSocket>

#include <functional>
#include <memory>
#include <support/Patience.h>
#include <support/RelayPeer.h>

namespace feedback::bench {

class LoadDevice
{
public:
    enum class Phase
    {
        Opening,
        AwaitChallenge,
        AwaitWelcome,
        CatchingUp,
        Ready,
        Failed,
        Closed
    };

    // `subscribe`: pull from the head after welcome and receive the others' pushes live; else
    // ready at welcome (a device that only pushes gets nothing of the others).
    LoadDevice(test::Identity identity, bool subscribe)
        : m_id(std::move(identity))
        , m_subscribe(subscribe)
    {}
    // The socket goes first (it is the last member), and says nothing on its way out.
    ~LoadDevice() { m_phase = Phase::Closed; }
    LoadDevice(const LoadDevice &) = delete; // its socket's handlers hold `this`
    LoadDevice &operator=(const LoadDevice &) = delete;

    void open(const QUrl &url)
    {
        m_socket = std::make_unique<QWebSocket>();
        m_phase = Phase::Opening;
        QWebSocket *s = m_socket.get();
        QObject::connect(s, &QWebSocket::connected, s, [this] {
            m_phase = Phase::AwaitChallenge;
            send(m_id.helloMessage());
        });
        QObject::connect(s, &QWebSocket::binaryMessageReceived, s,
                         [this](const QByteArray &frame) { onFrame(frame); });
        QObject::connect(s, &QWebSocket::disconnected, s, [this] {
            if (m_phase != Phase::Closed && m_phase != Phase::Failed)
                fail(QStringLiteral("closed by the relay (%1 %2)")
                         .arg(m_socket->closeCode())
                         .arg(m_socket->closeReason()));
        });
        m_socket->open(url);
    }
    void close()
    {
        m_phase = Phase::Closed;
        if (m_socket)
            m_socket->close();
    }
    void push(const QList<protocol::SealedDelta> &units) { send(protocol::Push{units}); }

    bool ready() const { return m_phase == Phase::Ready; }
    bool settled() const { return m_phase == Phase::Ready || m_phase == Phase::Failed; }
    Phase phase() const { return m_phase; }
    const QString &problem() const { return m_problem; }
    const test::Identity &identity() const { return m_id; }
    // The relay's highest contiguous seq of this device: from welcome, then from every ack.
    quint64 storedUpTo() const { return m_storedUpTo; }
    qsizetype maxBatch() const { return m_maxBatch; }
    // The size of the last `devices` frame: one entry per device of the workspace.
    qsizetype devicesFrameBytes() const { return m_devicesFrameBytes; }

    void onLive(std::function<void(const protocol::Deltas &)> handler)
    {
        m_onLive = std::move(handler);
    }
    void onAck(std::function<void()> handler) { m_onAck = std::move(handler); }

private:
    void send(const protocol::Message &message)
    {
        m_socket->sendBinaryMessage(protocol::encode(message));
    }
    void fail(const QString &why)
    {
        if (m_phase == Phase::Failed)
            return;
        m_phase = Phase::Failed;
        m_problem = why;
    }
    void onFrame(const QByteArray &frame)
    {
        using namespace protocol;
        const DecodeResult decoded = decode(frame, 16 * 1024 * 1024, 100000);
        if (!decoded.message)
            return fail(QStringLiteral("undecodable frame: ") + decoded.error);
        const Message &m = *decoded.message;
        if (const auto *error = std::get_if<Error>(&m))
            return fail(errorCodeName(error->code) + QStringLiteral(": ") + error->text);
        if (const auto *live = std::get_if<Deltas>(&m); live && live->live) {
            if (m_onLive)
                m_onLive(*live);
        } else if (const auto *ack = std::get_if<Ack>(&m)) {
            m_storedUpTo = ack->upTo;
            if (m_onAck)
                m_onAck();
        } else if (std::holds_alternative<Devices>(m)) {
            m_devicesFrameBytes = frame.size();
        } else if (const auto *c = std::get_if<Challenge>(&m);
                   c && m_phase == Phase::AwaitChallenge) {
            send(Auth{AuthProof::sign(m_id.deviceKeys.secretKey, c->nonce, m_id.keys.workspaceId(),
                                      m_id.device)});
            m_phase = Phase::AwaitWelcome;
        } else if (const auto *w = std::get_if<Welcome>(&m); w && m_phase == Phase::AwaitWelcome) {
            m_storedUpTo = w->storedUpTo;
            m_maxBatch = static_cast<qsizetype>(w->maxBatch);
            // From the head: nothing to catch up, only the subscription.
            m_phase = m_subscribe ? Phase::CatchingUp : Phase::Ready;
            if (m_subscribe)
                send(Pull{w->head});
        } else if (const auto *d = std::get_if<Deltas>(&m); d && m_phase == Phase::CatchingUp) {
            if (d->more && !d->deltas.isEmpty())
                send(Pull{d->deltas.last().position});
        } else if (std::holds_alternative<CaughtUp>(m) && m_phase == Phase::CatchingUp) {
            m_phase = Phase::Ready;
        }
        // Else epochs, and the caughtUp that confirms each commit: nothing to do.
    }

    test::Identity m_id;
    bool m_subscribe;
    Phase m_phase = Phase::Closed;
    QString m_problem;
    quint64 m_storedUpTo = 0;
    qsizetype m_maxBatch = protocol::limits::kDefaultMaxBatch;
    qsizetype m_devicesFrameBytes = 0;
    std::function<void(const protocol::Deltas &)> m_onLive;
    std::function<void()> m_onAck;
    std::unique_ptr<QWebSocket> m_socket;
};

} // namespace feedback::bench
