#include "PeerSession.h"

#include "DeviceCredentials.h"
#include "PeerDiscovery.h"
#include "UnitOpener.h"

#include <QWebSocket>

#include <common/LogCategories.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>

namespace feedback::sync {

using namespace protocol;

PeerSession::PeerSession(store::FeedbackStore &store, WorkspaceKeys keys, UnitKeeper &keeper,
                         PeerTrust &trust, QWebSocket *socket, bool dialledHere, QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keys(std::move(keys))
    , m_keeper(keeper)
    , m_socket(socket)
    , m_dialledHere(dialledHere)
    , m_deviceTrust(store, m_keys)
    , m_trust(trust)
    , m_device(store::RowSealer::replicaBytes(store.deviceId()))
{
    m_socket->setParent(this);
    m_socket->setMaxAllowedIncomingFrameSize(protocol::limits::kDefaultMaxFrameBytes);
    m_socket->setMaxAllowedIncomingMessageSize(protocol::limits::kDefaultMaxFrameBytes);
    m_answer.setSingleShot(true);
    m_answer.setInterval(kAnswerTimeoutMs);
    connect(&m_answer, &QTimer::timeout, this,
            [this] { close(QStringLiteral("the nearby device stopped answering")); });
    m_keepalive.setInterval(kKeepaliveMs);
    connect(&m_keepalive, &QTimer::timeout, this, &PeerSession::onKeepalive);
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &PeerSession::onFrame);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] {
        refuse(ErrorCode::BadFrame, QStringLiteral("text frames are not part of the protocol"));
    });
    connect(m_socket, &QWebSocket::pong, this, [this] { m_heard.restart(); });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        close(m_socket->closeReason().isEmpty() ? QStringLiteral("the connection ended")
                                                : m_socket->closeReason());
    });
    connect(m_socket, &QWebSocket::connected, this, &PeerSession::onOpened);
}

PeerSession::~PeerSession() = default;

QString PeerSession::address() const
{
    if (m_socket->peerPort() != 0 && m_socket->state() == QAbstractSocket::ConnectedState)
        m_address = QStringLiteral("%1:%2")
                        .arg(m_socket->peerAddress().toString())
                        .arg(m_socket->peerPort());
    return m_address;
}

void PeerSession::start()
{
    m_heard.start();
    address();
    m_answer.start(); // the handshake must end in time
    m_keepalive.start();
    if (m_socket->state() == QAbstractSocket::ConnectedState)
        onOpened();
}

void PeerSession::onOpened()
{
    address();
    // The listener speaks first, and says only a challenge: its hello, which names the
    // workspace, goes only to a dialler that answers with the workspace's gate (onGate). A port
    // scan, or a stranger that replays an announcement from its own address, learns nothing.
    if (!m_dialledHere) {
        m_nonce = AuthProof::newChallenge();
        send(Challenge{m_nonce});
    }
}

bool PeerSession::introduce()
{
    const auto credentials = DeviceCredentials::find(m_store, m_store.deviceId());
    if (!credentials) {
        close(QStringLiteral("this device has no certificate yet: sync with the relay once "
                             "before syncing with nearby devices"));
        return false;
    }
    m_secretKey = credentials->secretKey;
    send(Hello{kPeerPresenceVersion, m_keys.workspaceId(), m_device,
               m_keys.canRead() ? Role::Full : Role::Kiosk, credentials->certificate});
    return true;
}

void PeerSession::onGate(const Message &m)
{
    if (m_dialledHere) {
        const auto *challenge = std::get_if<Challenge>(&m);
        if (!challenge)
            return refuse(ErrorCode::NotAuthenticated, QStringLiteral("a challenge first"));
        m_peerNonce = challenge->nonce;
        m_gatePassed = true;
        send(Auth{PeerDiscovery::gate(m_keys.workspaceId(), challenge->nonce)});
        return;
    }
    const auto *gate = std::get_if<Auth>(&m);
    if (!gate)
        return refuse(ErrorCode::NotAuthenticated, QStringLiteral("the workspace's gate first"));
    // Said without naming this workspace: a stranger learns nothing from the refusal.
    if (!PeerDiscovery::passesGate(m_keys.workspaceId(), m_nonce, gate->signature))
        return refuse(ErrorCode::Forbidden, QStringLiteral("not a device of this workspace"));
    m_gatePassed = true;
    introduce();
}

void PeerSession::onFrame(const QByteArray &frame)
{
    if (m_closed)
        return;
    m_heard.restart();
    const DecodeResult decoded = decode(frame, protocol::limits::kDefaultMaxFrameBytes,
                                        protocol::limits::kDefaultMaxBatch, kPeerProtocolVersion);
    if (!decoded.message)
        return refuse(decoded.tooLarge ? ErrorCode::TooLarge : ErrorCode::BadFrame, decoded.error);
    const Message &m = *decoded.message;
    if (const auto *error = std::get_if<protocol::Error>(&m))
        return close(QStringLiteral("the nearby device refused: %1 (%2)")
                         .arg(truncatedText(error->text, protocol::limits::kMaxErrorText),
                              errorCodeName(error->code)));
    if (decoded.version != quint64(kPeerProtocolVersion))
        return refuse(ErrorCode::UnsupportedVersion,
                      QStringLiteral("nearby devices speak protocol %1").arg(kPeerProtocolVersion));
    if (!m_gatePassed)
        return onGate(m);
    if (const auto *hello = std::get_if<Hello>(&m))
        return onHello(*hello);
    if (!m_helloReceived)
        return refuse(ErrorCode::NotAuthenticated, QStringLiteral("hello first"));
    if (const auto *challenge = std::get_if<Challenge>(&m))
        return onChallenge(*challenge);
    if (const auto *auth = std::get_if<Auth>(&m))
        return onAuth(*auth);
    if (!isAuthenticated())
        return refuse(ErrorCode::NotAuthenticated, QStringLiteral("not authenticated yet"));
    if (const auto *devices = std::get_if<Devices>(&m))
        return m_trust.learn(*devices);
    if (const auto *have = std::get_if<Have>(&m))
        return onHave(*have);
    if (const auto *deltas = std::get_if<Deltas>(&m))
        return onDeltas(*deltas);
    if (std::holds_alternative<Pull>(m))
        return onPull();
    if (const auto *presence = std::get_if<Presence>(&m))
        return onPresence(*presence);
    if (std::holds_alternative<CaughtUp>(m)) {
        m_caughtUpReceived = true;
        return checkSynced();
    }
    refuse(ErrorCode::BadFrame, QStringLiteral("not a message between nearby devices"));
}

void PeerSession::onHello(const Hello &hello)
{
    if (m_helloReceived)
        return refuse(ErrorCode::BadFrame, QStringLiteral("a second hello"));
    // Said without naming this workspace: a stranger learns nothing from the refusal.
    if (hello.workspace != m_keys.workspaceId())
        return refuse(ErrorCode::Forbidden, QStringLiteral("not a device of this workspace"));
    if (hello.device == m_device)
        return refuse(ErrorCode::Forbidden, QStringLiteral("the same device id as this one: a "
                                                           "copy of this profile?"));
    const QString problem = m_trust.admit(hello.certificate, hello.device, &m_peer);
    if (!problem.isEmpty())
        return refuse(m_trust.revoked(hello.device) ? ErrorCode::Revoked : ErrorCode::Forbidden,
                      problem);
    if (m_peer.role != hello.role)
        return refuse(ErrorCode::Forbidden, QStringLiteral("its role is not its certificate's"));
    m_helloReceived = true;
    m_peerTakesPresence = hello.protocol >= kPeerPresenceVersion;
    // The dialler: its hello, its challenge, and its proof over the listener's first challenge.
    if (!m_dialledHere || !introduce())
        return;
    m_nonce = AuthProof::newChallenge();
    send(Challenge{m_nonce});
    send(Auth{AuthProof::signForPeer(m_secretKey, m_peerNonce, m_keys.workspaceId(), m_device,
                                     m_peer.device)});
    m_authSent = true;
    begin();
}

void PeerSession::onChallenge(const Challenge &challenge)
{
    if (m_authSent || m_secretKey.isEmpty())
        return refuse(ErrorCode::BadFrame, QStringLiteral("an unexpected challenge"));
    send(Auth{AuthProof::signForPeer(m_secretKey, challenge.nonce, m_keys.workspaceId(), m_device,
                                     m_peer.device)});
    m_authSent = true;
    begin();
}

void PeerSession::onAuth(const Auth &auth)
{
    if (m_peerAuthed || m_nonce.isEmpty())
        return refuse(ErrorCode::BadFrame, QStringLiteral("an unexpected auth"));
    if (!AuthProof::verifyPeer(m_peer.publicKey, m_nonce, m_keys.workspaceId(), m_peer.device,
                               m_device, auth.signature))
        return refuse(ErrorCode::AuthFailed,
                      QStringLiteral("the proof does not verify against the device's key"));
    m_peerAuthed = true;
    begin();
}

void PeerSession::begin()
{
    if (!isAuthenticated() || m_begun)
        return;
    m_begun = true;
    qCInfo(lcPeers).noquote() << "nearby device" << m_peer.device.toHex() << "at" << address()
                              << "authenticated";
    Q_EMIT authenticated();
    send(m_trust.list());
    // A kiosk is given nothing: it says it holds nothing, and the full peer gives nothing anyway.
    send(m_keys.canRead() ? m_keeper.have() : Have{});
}

void PeerSession::onHave(const Have &have)
{
    if (m_haveReceived)
        return refuse(ErrorCode::BadFrame, QStringLiteral("a second have"));
    m_haveReceived = true;
    for (const SnapshotCover &c : have.covers)
        m_peerHas[c.origin] = c.upTo;
    m_answer.stop();
    offer();
}

QList<SealedDelta> PeerSession::lacking()
{
    QList<SealedDelta> out;
    // Nothing for a kiosk; a kiosk gives only its own units.
    if (m_peer.role == Role::Kiosk)
        return out;
    if (Status sealed = m_keeper.sealPending(m_deviceTrust, m_keys); !sealed)
        qCWarning(lcPeers).noquote() << "cannot seal this device's changes:" << sealed.error();
    const auto last = m_keeper.lastSeqs();
    if (!last)
        return out;
    // Half a frame of sealed bytes: framing and signatures fit in the rest.
    qsizetype bytes = protocol::limits::kDefaultMaxFrameBytes / 2;
    for (const auto &[origin, lastSeq] : *last) {
        if (origin == m_peer.device || (!m_keys.canRead() && origin != m_device))
            continue;
        quint64 &has = m_peerHas[origin];
        if (lastSeq <= has)
            continue;
        const qsizetype room = protocol::limits::kDefaultMaxBatch - out.size();
        const auto kept = m_keeper.after(origin, has, room, bytes);
        // What it lacks must start right after what it holds: past a gap it could apply
        // nothing (it gets the rest from the relay, or from a device that has it).
        if (!kept || kept->isEmpty() || kept->first().seq > has + 1)
            continue;
        for (const SealedDelta &unit : *kept) {
            if (unit.seq > has + 1)
                break;
            has = unit.lastSeq();
            bytes -= unit.sealed.size();
            out.append(unit);
        }
        if (out.size() >= protocol::limits::kDefaultMaxBatch || bytes <= 0)
            break;
    }
    return out;
}

void PeerSession::offer()
{
    if (m_closed || !m_haveReceived || m_inFlight)
        return;
    QList<SealedDelta> units = lacking();
    if (units.isEmpty()) {
        if (!m_caughtUpSent) {
            m_caughtUpSent = true;
            send(CaughtUp{});
        }
        return checkSynced();
    }
    m_inFlight = true;
    m_answer.start();
    send(Deltas{std::move(units), true, m_caughtUpSent, QByteArray()});
}

void PeerSession::onPull()
{
    if (!m_inFlight)
        return refuse(ErrorCode::BadFrame, QStringLiteral("a pull with no batch to answer"));
    m_inFlight = false;
    m_answer.stop();
    offer();
}

void PeerSession::onDeltas(const Deltas &deltas)
{
    if (!m_keys.canRead())
        return refuse(ErrorCode::Forbidden, QStringLiteral("a kiosk takes nothing from nearby "
                                                           "devices"));
    const crdt::CausalContext &context = m_store.book().state().context();
    std::map<QByteArray, quint64> holds; // what this device holds, with this batch's units
    store::FeedbackStore::RemoteBatch batch;
    QList<SealedDelta> taken;
    InflateBudget budget(64 * 1024 * 1024);
    for (const SealedDelta &unit : deltas.deltas) {
        if (m_peer.role == Role::Kiosk && unit.origin != m_peer.device)
            return refuse(ErrorCode::Forbidden,
                          QStringLiteral("a kiosk gives only its own submissions"));
        const auto replica = store::RowSealer::replicaFromBytes(unit.origin);
        if (!replica || unit.origin == m_device)
            continue; // never this device's own units from another (it is their only writer)
        auto held = holds.try_emplace(unit.origin, context.contiguous(*replica)).first;
        // Held already, or past a gap: skipped, so that nothing applies twice and a peer that
        // claims what it does not have costs one comparison per unit.
        if (unit.lastSeq() <= held->second || unit.seq > held->second + 1)
            continue;
        if (!m_trust.knows(unit.origin))
            continue; // not verifiable here: it comes from the relay, or a peer that knows it
        if (const QString problem = m_trust.unitProblem(unit); !problem.isEmpty())
            return refuse(ErrorCode::Forbidden, QStringLiteral("a unit of %1, seq %2: %3")
                                                    .arg(QString::fromLatin1(unit.origin.toHex()))
                                                    .arg(unit.seq)
                                                    .arg(problem));
        auto opened = openUnit(m_keys, unit, &budget);
        if (!opened)
            return refuse(ErrorCode::BadFrame, QStringLiteral("a unit of seq %1 does not open: %2")
                                                   .arg(unit.seq)
                                                   .arg(opened.error()));
        for (BookDelta &delta : *opened) {
            batch.deltas.append(std::move(delta));
            batch.positions.append(0);
        }
        held->second = unit.lastSeq();
        taken.append(unit);
    }
    // What it gave, it holds (only of devices known here: its frames cannot grow this map).
    for (const SealedDelta &unit : deltas.deltas) {
        if (!m_trust.knows(unit.origin))
            continue;
        quint64 &has = m_peerHas[unit.origin];
        has = std::max(has, unit.lastSeq());
    }
    if (!taken.isEmpty()) {
        const auto applied = m_store.applyRemote(batch);
        if (!applied)
            return close(QStringLiteral("cannot save what the nearby device gave: ") +
                         applied.error());
    }
    send(Pull{});
    if (taken.isEmpty())
        return;
    Q_EMIT received(taken); // PeerNetwork keeps them, once the change shows
}

void PeerSession::checkSynced()
{
    if (m_synced || !m_caughtUpSent || !m_caughtUpReceived || m_inFlight)
        return;
    m_synced = true;
    Q_EMIT synced();
}

void PeerSession::onKeepalive()
{
    if (m_heard.elapsed() > 3 * kKeepaliveMs)
        return close(QStringLiteral("the nearby device stopped answering"));
    m_socket->ping();
}

void PeerSession::refuse(ErrorCode code, const QString &text)
{
    if (m_closed)
        return;
    qCInfo(lcPeers).noquote() << "refusing the nearby device at" << address() << ":"
                              << errorCodeName(code);
    send(protocol::Error{code, truncatedText(text, protocol::limits::kMaxErrorText)});
    close(text);
}

void PeerSession::close(const QString &reason)
{
    if (m_closed)
        return;
    m_closed = true;
    m_answer.stop();
    m_keepalive.stop();
    m_socket->close();
    Q_EMIT closed(reason);
}

void PeerSession::send(const Message &message)
{
    if (m_socket->state() != QAbstractSocket::ConnectedState)
        return; // closing: nothing more goes out
    m_socket->sendBinaryMessage(encode(message, kPeerProtocolVersion));
}

} // namespace feedback::sync
