#include "SyncSession.h"

#include "PushPacker.h"
#include "SyncLog.h"

#include <core/BookCodec.h>
#include <core/ParallelFor.h>
#include <optional>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <thread>
#include <vector>

namespace feedback::sync {

using namespace protocol;

namespace {
const QString kCursor = QStringLiteral("sync/cursor");
const QString kLastSync = QStringLiteral("sync/lastSync");
const QString kLastError = QStringLiteral("sync/lastError");
constexpr int kPushBatch = 1024;
// What the units of one received frame may inflate to together (a frame is at most 1 MiB).
constexpr qint64 kMaxInflatePerFrame = 64 * 1024 * 1024;
} // namespace

QString syncStateName(SyncState state)
{
    switch (state) {
    case SyncState::Offline:
        return QStringLiteral("offline");
    case SyncState::Connecting:
        return QStringLiteral("connecting");
    case SyncState::Syncing:
        return QStringLiteral("syncing");
    case SyncState::UpToDate:
        return QStringLiteral("up-to-date");
    case SyncState::Error:
        return QStringLiteral("error");
    }
    return QString();
}

SyncSession::SyncSession(store::FeedbackStore &store, WorkspaceKeys keys, SyncTransport *transport,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keys(std::move(keys))
    , m_transport(transport)
    , m_device(store::RowSealer::replicaBytes(store.deviceId()))
{
    m_cursor = m_store.value(kCursor).value_or(QByteArray("0")).toULongLong();
    m_handshake.setSingleShot(true);
    m_handshake.setInterval(15000);
    connect(&m_handshake, &QTimer::timeout, this, [this] {
        if (!m_authenticated)
            fail(QStringLiteral("the relay did not complete the handshake in time"));
    });
    connect(m_transport, &SyncTransport::opened, this, &SyncSession::onOpened);
    connect(m_transport, &SyncTransport::closed, this, &SyncSession::onClosed);
    connect(m_transport, &SyncTransport::frameReceived, this, &SyncSession::onFrame);
}

void SyncSession::setState(SyncState state)
{
    if (state == m_state)
        return;
    m_state = state;
    qCInfo(lcSync).noquote() << "state" << syncStateName(state);
    Q_EMIT stateChanged(state);
}

void SyncSession::fail(const QString &reason, bool updateRequired)
{
    m_lastError = reason;
    m_updateRequired = updateRequired;
    m_store.setValue(kLastError, reason.toUtf8());
    qCWarning(lcSync).noquote() << "sync error:" << reason;
    Q_EMIT event(QStringLiteral("error"), {{QStringLiteral("reason"), reason}});
    // Nothing more from this connection counts: a batch pulled ahead of a failed one must not
    // move the cursor past it.
    m_authenticated = false;
    setState(SyncState::Error);
    m_transport->close();
}

void SyncSession::start()
{
    m_stopped = false;
    setState(SyncState::Connecting);
    m_handshake.start();
    m_transport->open();
}

void SyncSession::stop()
{
    // Saved now: whoever stopped this session may reset the cursor next (a new relay), and a
    // close reported later must not write the old one back.
    saveConfirmedCursor();
    m_stopped = true;
    m_transport->close();
}

void SyncSession::saveConfirmedCursor()
{
    if (m_caughtUp && !m_stopped) // live confirmations since the last deltas applied
        m_store.setValue(kCursor, QByteArray::number(m_cursor));
}

void SyncSession::send(const Message &message)
{
    m_transport->send(encode(message));
}

void SyncSession::onOpened()
{
    m_authenticated = m_caughtUp = m_pushInFlight = false;
    Q_EMIT event(QStringLiteral("connected"), {});
    send(Hello{kProtocolVersion, m_keys.workspaceId(), m_device, Role::Full});
}

void SyncSession::onClosed(const QString &reason)
{
    m_handshake.stop();
    m_authenticated = false;
    saveConfirmedCursor();
    m_caughtUp = false;
    Q_EMIT event(QStringLiteral("disconnected"), {{QStringLiteral("reason"), reason}});
    if (m_state != SyncState::Error) {
        m_lastError = reason;
        m_updateRequired = false;
        setState(SyncState::Offline);
    }
}

void SyncSession::onFrame(const QByteArray &frame)
{
    if (m_state == SyncState::Error)
        return; // frames still buffered after fail(): the connection is going away
    const DecodeResult decoded = decode(frame, 8 * 1024 * 1024, 4096);
    if (!decoded.message)
        return fail(QStringLiteral("the relay sent a bad frame: ") + decoded.error);
    const Message &m = *decoded.message;
    if (const auto *challenge = std::get_if<Challenge>(&m))
        return send(Auth{AuthProof::sign(m_keys.signingKey(), challenge->nonce,
                                         m_keys.workspaceId(), m_device)});
    if (const auto *welcome = std::get_if<Welcome>(&m))
        return onWelcome(*welcome);
    if (const auto *error = std::get_if<Error>(&m)) {
        if (error->code == ErrorCode::UpdateRequired)
            return fail(QStringLiteral("update required: the relay serves newer devices than "
                                       "this one (protocol %1); install a newer version. The "
                                       "relay said: %2")
                            .arg(kProtocolVersion)
                            .arg(error->text),
                        true);
        return fail(QStringLiteral("the relay refused: %1 (%2)")
                        .arg(error->text, errorCodeName(error->code)));
    }
    if (!m_authenticated)
        return fail(QStringLiteral("the relay spoke out of turn"));
    if (const auto *ack = std::get_if<Ack>(&m))
        return onAck(*ack);
    if (const auto *deltas = std::get_if<Deltas>(&m))
        return onDeltas(*deltas);
    if (const auto *caughtUp = std::get_if<CaughtUp>(&m))
        return onCaughtUp(*caughtUp);
    fail(QStringLiteral("the relay sent an unexpected message"));
}

void SyncSession::onWelcome(const Welcome &welcome)
{
    m_handshake.stop();
    m_authenticated = true;
    m_head = welcome.head;
    m_maxBatch = static_cast<qsizetype>(std::clamp<quint64>(welcome.maxBatch, 1, kPushBatch));
    m_maxFrameBytes =
        static_cast<qsizetype>(std::clamp<quint64>(welcome.maxFrameBytes, 4096, 64 * 1024 * 1024));
    if (m_cursor > welcome.head) {
        // The relay's log is shorter than what this device applied (restored from an older
        // backup, or a new relay): start over; applying deltas again changes nothing.
        qCWarning(lcSync) << "the relay's log ends before this device's position: pulling it all";
        m_cursor = 0;
    }
    m_applied = 0;
    if (welcome.storedUpTo > m_store.book().sequence())
        return fail(QStringLiteral("the relay holds more deltas from this device than it ever "
                                   "wrote: is this profile a copy of another device's?"));
    // A relay restored from an older backup lost deltas it had acknowledged, and this device
    // dropped them on that ack: pushing on would only ever meet `sequence-gap`. Say so.
    const auto acknowledged = m_store.acknowledgedUpTo();
    if (!acknowledged)
        return fail(acknowledged.error());
    if (welcome.storedUpTo < *acknowledged)
        return fail(QStringLiteral("the relay lacks %1 of this device's changes that a relay had "
                                   "confirmed (seq %2 to %3): was it restored from an older "
                                   "backup, or is it another relay than before? Its operator "
                                   "must restore or copy the newer relay data; this device "
                                   "still has every change")
                        .arg(*acknowledged - welcome.storedUpTo)
                        .arg(welcome.storedUpTo + 1)
                        .arg(*acknowledged));
    // What the relay already holds (pushed before a crash or a lost ack) is acknowledged.
    if (welcome.storedUpTo > 0)
        m_store.acknowledge(m_store.deviceId(), welcome.storedUpTo);
    setState(SyncState::Syncing);
    Q_EMIT progress(0, static_cast<qint64>(m_head - std::min(m_cursor, m_head)) +
                           m_store.pendingCount());
    // Pull first: a push the relay refuses must not also keep this device from receiving.
    send(Pull{m_cursor});
    pushPending();
}

void SyncSession::pushPending()
{
    if (!m_authenticated || m_pushInFlight)
        return;
    const auto pending = m_store.pendingOutbox(PushPacker::kPendingPerPush);
    if (!pending)
        return fail(pending.error());
    // One origin per push: usually this device's; after a profile was copied, also the old
    // identity's deltas that were still pending, so that none of them is lost.
    Push push = PushPacker::pack(*pending, m_keys, m_maxBatch, m_maxFrameBytes);
    if (push.deltas.isEmpty())
        return maybeUpToDate();
    m_pushInFlight = true;
    m_pushedOrigin = pending->first().origin;
    m_pushedUpTo = push.deltas.last().lastSeq();
    if (m_state == SyncState::UpToDate)
        setState(SyncState::Syncing);
    send(push);
    Q_EMIT event(
        QStringLiteral("pushed"),
        {{QStringLiteral("count"), static_cast<qint64>(m_pushedUpTo - push.deltas.first().seq + 1)},
         {QStringLiteral("upTo"), static_cast<qint64>(m_pushedUpTo)}});
}

void SyncSession::onAck(const Ack &ack)
{
    // Only what was pushed can be acknowledged: an ack past it would drop unsent deltas.
    if (!m_pushInFlight || ack.origin != store::RowSealer::replicaBytes(m_pushedOrigin) ||
        ack.upTo > m_pushedUpTo)
        return fail(QStringLiteral("the relay acknowledged deltas this device did not push"));
    m_pushInFlight = false;
    if (Status s = m_store.acknowledge(m_pushedOrigin, ack.upTo); !s)
        return fail(s.error());
    Q_EMIT event(QStringLiteral("acked"),
                 {{QStringLiteral("upTo"), static_cast<qint64>(ack.upTo)}});
    pushPending();
}

Result<QList<BookDelta>> SyncSession::openUnit(const SealedDelta &unit, InflateBudget *budget) const
{
    using Out = QList<BookDelta>;
    auto plain = m_keys.open(unit, budget);
    if (!plain)
        return Result<Out>::failure(plain.error());
    const auto replica = store::RowSealer::replicaFromBytes(unit.origin);
    Out out;
    out.reserve(plain->size());
    for (qsizetype i = 0; i < plain->size(); ++i) {
        auto delta = BookCodec::decodeDelta(plain->at(i));
        if (!delta)
            return Result<Out>::failureOf(delta);
        // A delta is the one mutation its (origin, seq) names: a member must not mint dots in
        // another device's name or far ahead of its own sequence.
        if (!replica || delta->minted.size() != 1 ||
            *delta->minted.begin() != crdt::Dot{*replica, unit.seq + static_cast<quint64>(i)})
            return Result<Out>::failure(
                QStringLiteral("a delta does not match its origin and sequence number"));
        out.append(std::move(*delta));
    }
    return out;
}

void SyncSession::onDeltas(const Deltas &deltas)
{
    // Ask for the next batch before working on this one: the relay reads and sends it while
    // this device decodes and commits, and at most two batches are ever in flight.
    const bool pullNext = !deltas.live && deltas.more && !deltas.deltas.isEmpty();
    if (pullNext)
        send(Pull{std::max(m_cursor, deltas.deltas.last().position)});
    // Opening and decoding are independent per unit: a catch-up batch is spread over cores.
    const qsizetype n = deltas.deltas.size();
    std::vector<QList<BookDelta>> opened(static_cast<std::size_t>(n));
    std::vector<QString> errors(static_cast<std::size_t>(n));
    std::vector<ErrorKind> kinds(static_cast<std::size_t>(n), ErrorKind::Failure);
    InflateBudget budget(kMaxInflatePerFrame);
    parallelFor(static_cast<std::size_t>(n), 2, [&](std::size_t index) {
        auto unit = openUnit(deltas.deltas.at(static_cast<qsizetype>(index)), &budget);
        if (unit) {
            opened[index] = std::move(*unit);
        } else {
            errors[index] = unit.error();
            kinds[index] = unit.errorKind();
        }
    });
    QList<BookDelta> decoded;
    for (qsizetype i = 0; i < n; ++i) {
        if (kinds[static_cast<std::size_t>(i)] == ErrorKind::UpdateRequired)
            return fail(QStringLiteral("update required: the change at position %1 was written "
                                       "by a newer version of Courier Feedback: %2")
                            .arg(deltas.deltas.at(i).position)
                            .arg(errors[static_cast<std::size_t>(i)]),
                        true);
        if (!errors[static_cast<std::size_t>(i)].isEmpty()) {
            // Never step over a delta: skipping it would lose it for good on this device (a
            // newer program's format, say). Stop with the reason; nothing of this batch counts.
            return fail(QStringLiteral("cannot read the delta at position %1: %2 (is this "
                                       "program older than the one that wrote it?)")
                            .arg(deltas.deltas.at(i).position)
                            .arg(errors[static_cast<std::size_t>(i)]));
        }
        decoded.append(std::move(opened[static_cast<std::size_t>(i)]));
    }
    // Live deltas reach this device before the relay's disk has them: their positions count
    // only once a caughtUp confirms them (the relay may die first and give them to others).
    // The cursor saved with them is the last confirmed one.
    const quint64 cursor = deltas.live || deltas.deltas.isEmpty()
                               ? m_cursor
                               : std::max(m_cursor, deltas.deltas.last().position);
    // The deltas and the cursor that covers them commit together.
    const auto applied = m_store.applyRemote(
        decoded, store::FeedbackStore::Position{kCursor, QByteArray::number(cursor)});
    if (!applied)
        return fail(applied.error());
    m_cursor = cursor;
    m_applied += deltas.deltas.size();
    if (*applied > 0) {
        Q_EMIT event(QStringLiteral("received"),
                     {{QStringLiteral("count"), *applied},
                      {QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
        Q_EMIT recordsChanged();
        // Only records that hold concurrent values get a display view built (catch-up of
        // 100,000 records must not build 100,000 views).
        for (const BookDelta &d : decoded) {
            for (const auto &entry : d.entries) {
                const FeedbackRecordState *state = m_store.book().state().find(entry.first);
                if (!state || !state->hasConflict())
                    continue;
                if (const auto view = m_store.book().view(entry.first); view)
                    Q_EMIT event(QStringLiteral("conflict"),
                                 {{QStringLiteral("id"), recordIdToString(entry.first)},
                                  {QStringLiteral("field"), view->conflicts.first().field}});
            }
        }
    }
    if (!deltas.live) {
        Q_EMIT progress(m_applied,
                        static_cast<qint64>(m_head - std::min(m_head, m_cursor)) + m_applied);
        if (deltas.more && !pullNext)
            send(Pull{m_cursor});
    }
}

void SyncSession::onCaughtUp(const CaughtUp &caughtUp)
{
    m_cursor = std::max(m_cursor, caughtUp.cursor);
    if (m_caughtUp)
        return; // a live confirmation: saved with the next deltas, or when the connection ends
    m_store.setValue(kCursor, QByteArray::number(m_cursor));
    m_caughtUp = true;
    Q_EMIT event(QStringLiteral("caught-up"),
                 {{QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
    maybeUpToDate();
}

void SyncSession::maybeUpToDate()
{
    if (!m_caughtUp || m_pushInFlight || m_store.pendingCount() > 0)
        return;
    // While live, every ack ends "up to date": record the time at most once a minute, and
    // clear the last error only when there is one (each write is a durable commit).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_lastSyncSaved.isValid() || m_lastSyncSaved.secsTo(now) >= 60) {
        m_store.setValue(kLastSync, now.toString(Qt::ISODate).toUtf8());
        m_lastSyncSaved = now;
    }
    if (!m_lastError.isEmpty() || !m_lastErrorCleared) {
        m_lastErrorCleared = true; // once per session: an error of an earlier run is stale now
        m_lastError.clear();
        m_updateRequired = false;
        m_store.setValue(kLastError, QByteArray());
    }
    setState(SyncState::UpToDate);
}

} // namespace feedback::sync
