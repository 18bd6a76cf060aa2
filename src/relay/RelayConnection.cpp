// RelayConnection: one device's session on the relay, in the order of PROTOCOL.md ("A
// session"): its frames checked and dispatched, then (after the handshake of
// RelayHandshake.cpp) pushes, pulls and revocations, each checked by RelayAdmission before it
// is served, and the output the device has yet to read.
#include "RelayServer.h"

#include <QElapsedTimer>
#include <QSslSocket>
#include <QTimer>
#include <QWebSocket>

#include <common/LogCategories.h>

namespace feedback::relay {

using namespace protocol;

namespace {
// Output a connection may have queued before the relay stops feeding it.
constexpr qint64 kMaxQueuedBytes = 16 * 1024 * 1024;
// How long a refused connection has to read its error and close.
constexpr int kCloseGraceMs = 5000;
} // namespace

RelayConnection::RelayConnection(QWebSocket *socket, RelayServer &server)
    : QObject(&server)
    , m_socket(socket)
    , m_server(server)
{
    m_socket->setParent(this);
    m_tcp = server.gate().socketOf(m_socket->peerAddress(), m_socket->peerPort());
    // The WebSocket layer buffers up to twice the limit, so that a frame just over it gets a
    // `too-large` error rather than a bare close.
    m_socket->setMaxAllowedIncomingFrameSize(2 *
                                             static_cast<quint64>(server.limits().maxFrameBytes));
    m_socket->setMaxAllowedIncomingMessageSize(2 *
                                               static_cast<quint64>(server.limits().maxFrameBytes));
    qCInfo(lcRelay).noquote() << "connected" << peer();
    connect(m_socket, &QWebSocket::binaryMessageReceived, this, &RelayConnection::onFrame);
    connect(m_socket, &QWebSocket::bytesWritten, this, [this] {
        if (m_sending)
            sendSnapshotParts();
    });
    // Half-open connections (a kiosk that lost power) would hold a slot forever: ping and
    // close when nothing was heard for three rounds.
    m_lastHeard = m_windowStart = server.clock().monotonicMs();
    connect(m_socket, &QWebSocket::pong, this,
            [this] { m_lastHeard = m_server.clock().monotonicMs(); });
    auto *keepalive = new QTimer(this);
    connect(keepalive, &QTimer::timeout, this, [this, keepalive] {
        if (m_server.clock().monotonicMs() - m_lastHeard > 3LL * keepalive->interval()) {
            keepalive->stop();
            qCInfo(lcRelay).noquote() << "silent" << peer();
            m_socket->abort();
            return;
        }
        m_socket->ping();
    });
    keepalive->start(server.limits().keepaliveMs);
    connect(m_socket, &QWebSocket::textMessageReceived, this, [this] {
        refuse(ErrorCode::BadFrame, QStringLiteral("text frames are not part of the protocol"));
    });
    connect(m_socket, &QWebSocket::disconnected, this, [this] {
        qCInfo(lcRelay).noquote() << "disconnected" << peer();
        m_server.forget(this);
        if (m_presenceSent)
            m_server.presenceEnded(*this);
        deleteLater();
    });
    // An unauthenticated socket costs memory and a slot: it gets a few seconds.
    QTimer::singleShot(server.limits().authTimeoutMs, this, [this] {
        if (m_state != State::Authenticated && m_state != State::Closing)
            refuse(ErrorCode::AuthTimeout, QStringLiteral("no authentication in time"));
    });
}

RelayConnection::~RelayConnection()
{
    m_server.forget(this);
}

QString RelayConnection::peer() const
{
    QString who = m_socket->peerAddress().toString() + QLatin1Char(':') +
                  QString::number(m_socket->peerPort());
    if (!m_device.isEmpty())
        who += QStringLiteral(" device=") + QString::fromLatin1(m_device.toHex());
    return who;
}

void RelayConnection::send(const Message &message)
{
    const QByteArray frame = encode(message, m_frameVersion);
    m_server.metrics().frameSent(frame.size());
    if (const auto *deltas = std::get_if<Deltas>(&message))
        m_server.metrics().unitsSent(deltas->deltas.size());
    m_socket->sendBinaryMessage(frame);
}

void RelayConnection::refuse(ErrorCode code, const QString &text, std::optional<int> frameVersion)
{
    if (m_state == State::Closing)
        return;
    qCInfo(lcRelay).noquote() << "refused" << peer() << errorCodeName(code) << text;
    const QByteArray frame = encode(Error{code, text}, frameVersion.value_or(m_frameVersion));
    m_server.metrics().refused(code);
    m_server.metrics().frameSent(frame.size());
    m_socket->sendBinaryMessage(frame);
    m_state = State::Closing;
    m_socket->flush();
    m_socket->close(QWebSocketProtocol::CloseCodePolicyViolated, errorCodeName(code));
    // A peer that never answers the close (or never reads) would keep its socket and queue.
    QTimer::singleShot(kCloseGraceMs, m_socket, [socket = m_socket] { socket->abort(); });
}

void RelayConnection::onFrame(const QByteArray &frame)
{
    if (m_state == State::Closing)
        return;
    m_server.metrics().frameReceived(frame.size());
    const qint64 now = m_server.clock().monotonicMs();
    m_lastHeard = now;
    if (now - m_windowStart >= 1000) {
        m_windowStart = now;
        m_framesInWindow = 0;
    }
    if (++m_framesInWindow > m_server.limits().maxFramesPerSecond)
        return refuse(ErrorCode::RateLimited, QStringLiteral("too many frames per second"));
    const DecodeResult decoded =
        decode(frame, m_server.limits().maxFrameBytes, m_server.limits().maxBatch);
    if (!decoded.message && decoded.unsupportedVersion)
        return refuseVersion(decoded.version);
    if (!decoded.message)
        return refuse(decoded.tooLarge ? ErrorCode::TooLarge : ErrorCode::BadFrame, decoded.error);
    const Message &m = *decoded.message;
    // (An error frame decodes in any version; a device sends none.)
    if (std::holds_alternative<Error>(m))
        return refuse(ErrorCode::BadFrame, QStringLiteral("a device sends no error frames"));
    // The first frame sets the version of the connection; every later one must keep it, so
    // that no answer is written in a version that lacks its message.
    if (m_state == State::AwaitHello)
        m_frameVersion = static_cast<int>(decoded.version);
    else if (decoded.version != quint64(m_frameVersion))
        return refuse(ErrorCode::BadFrame,
                      QStringLiteral("frames of protocol %1 on a connection of protocol %2")
                          .arg(decoded.version)
                          .arg(m_frameVersion));
    if (const auto *hello = std::get_if<Hello>(&m); hello && m_state == State::AwaitHello)
        return onHello(*hello);
    if (const auto *claim = std::get_if<Claim>(&m); claim && m_state == State::AwaitHello)
        return onClaim(*claim);
    if (const auto *auth = std::get_if<Auth>(&m); auth && m_state == State::AwaitAuth)
        return onAuth(*auth);
    if (m_state != State::Authenticated)
        return refuse(ErrorCode::NotAuthenticated, QStringLiteral("hello and auth come first"));
    if (const auto *push = std::get_if<Push>(&m))
        return onPush(*push);
    if (const auto *pull = std::get_if<Pull>(&m))
        return onPull(*pull);
    if (const auto *revoke = std::get_if<Revoke>(&m))
        return onRevoke(*revoke);
    if (const auto *invite = std::get_if<Invite>(&m))
        return onInvite(*invite);
    if (const auto *rotate = std::get_if<Rotate>(&m))
        return onRotate(*rotate);
    if (const auto *put = std::get_if<PutSnapshot>(&m))
        return onPutSnapshot(*put);
    if (const auto *presence = std::get_if<Presence>(&m))
        return onPresence(*presence);
    refuse(ErrorCode::BadFrame, QStringLiteral("unexpected message"));
}

void RelayConnection::onPush(const Push &push)
{
    if (push.deltas.isEmpty())
        return send(Ack{m_device, m_server.storage().storedUpTo(m_workspace, m_device)});
    // Each unit is signed by its origin's own key, so a full device may push units of another
    // origin only as it got them (the old identity of a copied profile signs its own units):
    // one origin per push, contiguous as always (RelayStorage::append checks both).
    if (const RelayAdmission::Refusal refused =
            m_server.admission().checkPush(m_workspace, m_device, m_role, push.deltas))
        return refuse(*refused);
    qint64 incoming = 0;
    for (const SealedDelta &unit : push.deltas)
        incoming += unit.sealed.size();
    if (const RelayAdmission::Refusal refused = m_server.admission().checkQuota(
            m_workspace, incoming, m_server.limits().workspaceQuotaBytes))
        return refuse(*refused);
    const QByteArray origin = push.deltas.first().origin;
    // The other devices see the new units while the relay's disk flushes them; the writer's
    // ack waits for the flush. Should the commit fail (or the relay die first), those
    // positions were never confirmed: the devices keep their cursors before them and get
    // whatever ends up stored there, and the writer pushes the same deltas again.
    bool sentLive = false;
    QElapsedTimer commit;
    commit.start();
    const AppendOutcome outcome = m_server.storage().append(
        m_workspace, push.deltas, [this, &sentLive, &commit](const QList<SealedDelta> &units) {
            sentLive = true;
            m_server.broadcast(m_workspace, units, this);
            commit.restart(); // the histogram times the disk, not the fan-out
        });
    if (outcome.refused) {
        if (sentLive)
            m_server.abandonLive(m_workspace, this);
        return refuse(outcome.refused->code, outcome.refused->text);
    }
    if (!outcome.appended.isEmpty())
        m_server.metrics().pushStored(outcome.appended.size(),
                                      static_cast<double>(commit.nsecsElapsed()) / 1e9);
    send(Ack{origin, outcome.storedUpTo});
    if (!outcome.appended.isEmpty())
        m_server.confirm(m_workspace, outcome.appended.first().position,
                         outcome.appended.last().position, outcome.chain);
}

void RelayConnection::onPull(const Pull &pull)
{
    if (m_sending) {
        if (m_pullsAfterSnapshot.size() >= 4)
            return refuse(ErrorCode::RateLimited, QStringLiteral("pulling faster than reading"));
        m_pullsAfterSnapshot.append(pull);
        return;
    }
    // A kiosk writes; it reads nothing of the others.
    if (m_role != Role::Full)
        return refuse(ErrorCode::Forbidden, QStringLiteral("a kiosk does not pull"));
    // A reader that does not read must not make the relay buffer for it without end.
    if (queuedBytes() > kMaxQueuedBytes)
        return refuse(ErrorCode::RateLimited, QStringLiteral("pulling faster than reading"));
    if (divergedAt(pull))
        return;
    // A new device, or one whose cursor is before what compaction dropped, starts from a
    // snapshot; the plan holds until its catch-up has passed it.
    if (m_plan && pull.cursor >= m_plan->position)
        m_plan.reset();
    if (!m_plan) {
        const auto plan = m_server.storage().planFor(m_workspace, pull.cursor);
        if (!plan) {
            qCWarning(lcRelay).noquote() << "cannot read the snapshots:" << plan.error();
            return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
        }
        m_plan = *plan;
        if (m_plan && m_frameVersion < 6) {
            // It could not read one: the whole log, as long as it is all there.
            if (m_server.storage().compactedPast(m_workspace, pull.cursor))
                return refuse(ErrorCode::UpdateRequired,
                              QStringLiteral("this workspace's log was compacted behind a "
                                             "snapshot; update this device to protocol 6 (it "
                                             "speaks %1)")
                                  .arg(m_frameVersion));
            m_plan.reset();
        }
    }
    // Cut by count and by bytes, so each frame stays under the frame limit (long comments in
    // many-byte scripts, large groups) and a catch-up never holds more than a frame.
    const Result<LogPage> page =
        m_server.storage().read(m_workspace, pull.cursor, m_server.limits().maxBatch,
                                m_server.limits().maxFrameBytes - 64, m_plan ? &*m_plan : nullptr);
    if (!page) {
        qCWarning(lcRelay).noquote() << "cannot read the log:" << page.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
    }
    if (page->snapshot != 0)
        // Paced only in a catch-up: a live device (asking a unit again) gets it at once, since
        // live frames must not pass it by.
        return sendSnapshot(page->snapshot, !m_subscribed);
    const QList<SealedDelta> &deltas = page->units;
    const bool more = page->more;
    if (!deltas.isEmpty())
        send(Deltas{deltas, more, false, page->chain});
    if (!more) {
        const quint64 cursor = deltas.isEmpty() ? pull.cursor : deltas.last().position;
        QByteArray chain = page->chain;
        if (deltas.isEmpty()) {
            const auto at = m_server.storage().chainAt(m_workspace, cursor);
            chain = at && at->has_value() ? **at : QByteArray();
        }
        send(CaughtUp{cursor, chain});
        setConfirmed(cursor);
        m_subscribed = true;
    }
}

void RelayConnection::onRevoke(const Revoke &revoke)
{
    Revocation revocation;
    bool stored = false;
    if (const RelayAdmission::Refusal refused =
            m_server.admission().revoke(m_workspace, m_role, revoke.revocation, revocation, stored))
        return refuse(*refused);
    qCInfo(lcRelay).noquote() << "revoked" << QString::fromLatin1(revocation.device.toHex()) << "by"
                              << peer() << (stored ? "" : "(again)");
    if (!stored) // already revoked: the sender alone hears the list again
        return sendDeviceList();
    const QByteArray workspace = m_workspace; // this connection may be the revoked one
    using Change = RelayStorage::StoredChange;
    m_server.storage().tellOthers(workspace, Change{Change::Kind::Devices, 0, {}});
    m_server.storage().tellOthers(workspace, Change{Change::Kind::Revoked, 0, revocation.device});
    m_server.sendDevices(workspace, nullptr);
    m_server.closeRevoked(workspace, revocation.device);
}

void RelayConnection::sendDeviceList()
{
    const Result<Devices> devices = m_server.admission().devices(m_workspace);
    if (!devices) {
        qCWarning(lcRelay).noquote() << "cannot read the device list:" << devices.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the device list"));
    }
    send(*devices);
}

qint64 RelayConnection::queuedBytes() const
{
    // Closing ones too: an error frame behind a queue the device does not read never leaves.
    // Over TLS, QWebSocket's count leaves out what is already encrypted, which is nearly all.
    qint64 bytes = m_socket->bytesToWrite();
    if (const auto *tls = qobject_cast<const QSslSocket *>(m_tcp.data()))
        bytes += tls->encryptedBytesToWrite();
    return bytes;
}

void RelayConnection::dropBehind(qint64 totalQueued)
{
    qCInfo(lcRelay).noquote() << "dropped" << peer() << "with" << queuedBytes()
                              << "bytes unread; all connections had" << totalQueued
                              << "queued, over --max-queued-mb";
    m_server.metrics().refused(ErrorCode::RateLimited);
    m_state = State::Closing;
    m_socket->abort();
}

void RelayConnection::sendLive(SharedFrame &frame)
{
    if (queuedBytes() > kMaxQueuedBytes)
        return refuse(ErrorCode::RateLimited,
                      QStringLiteral("too far behind the live stream: reconnect and catch up"));
    m_server.metrics().frameSent(frame.in(m_frameVersion).size());
    m_socket->sendBinaryMessage(frame.in(m_frameVersion));
    // Out now, not when the event loop next runs: live deltas are sent before the commit so
    // that they travel while the disk flushes.
    m_socket->flush();
}

} // namespace feedback::relay
