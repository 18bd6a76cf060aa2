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

// The session's bookkeeping (cursor, last sync, last error). A failed write is logged and the
// session goes on, as before: each value is written again at its next chance, and a cursor left
// behind only pulls deltas again, which apply idempotently.
void saveValue(store::FeedbackStore &store, const QString &name, const QByteArray &value)
{
    if (Status s = store.setValue(name, value); !s)
        qCWarning(lcSync).noquote() << "cannot save" << name << "in the store:" << s.error();
}
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
    , m_identity(store, m_keys)
{
    m_cursor = m_store.value(kCursor).value_or(QByteArray("0")).toULongLong();
    m_handshake.setSingleShot(true);
    m_handshake.setInterval(15000);
    connect(&m_handshake, &QTimer::timeout, this, [this] {
        if (!m_authenticated)
            fail({SyncProblem::Kind::Unreachable, CloseCause::TimedOut, ErrorCode::Internal,
                  QString()},
                 QStringLiteral("the relay did not complete the handshake in time"));
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
    SyncProblem problem;
    problem.kind = updateRequired ? SyncProblem::Kind::UpdateRequired : SyncProblem::Kind::Other;
    fail(std::move(problem), reason);
}

void SyncSession::fail(SyncProblem problem, const QString &reason)
{
    m_lastError = reason;
    m_updateRequired = problem.kind == SyncProblem::Kind::UpdateRequired;
    problem.detail = reason;
    m_problem = std::move(problem);
    saveValue(m_store, kLastError, reason.toUtf8());
    qCWarning(lcSync).noquote() << "sync error:" << reason;
    QJsonObject details{{QStringLiteral("reason"), reason},
                        {QStringLiteral("problem"), problemKindName(m_problem.kind)}};
    if (m_problem.kind == SyncProblem::Kind::Unreachable)
        details.insert(QStringLiteral("cause"), closeCauseName(m_problem.cause));
    if (m_problem.kind == SyncProblem::Kind::RelayRefused ||
        m_problem.kind == SyncProblem::Kind::NotAccepted)
        details.insert(QStringLiteral("code"), errorCodeName(m_problem.code));
    Q_EMIT event(QStringLiteral("error"), details);
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
        saveValue(m_store, kCursor, QByteArray::number(m_cursor));
}

void SyncSession::send(const Message &message)
{
    m_transport->send(encode(message));
}

void SyncSession::onOpened()
{
    m_authenticated = m_caughtUp = m_pushInFlight = false;
    m_askedRow = 0;
    Q_EMIT event(QStringLiteral("connected"), {});
    send(Hello{kProtocolVersion, m_keys.workspaceId(), m_device, Role::Full});
}

void SyncSession::onClosed(const QString &reason)
{
    m_handshake.stop();
    m_authenticated = false;
    saveConfirmedCursor();
    m_caughtUp = false;
    const CloseCause cause = m_transport->closeCause();
    Q_EMIT event(
        QStringLiteral("disconnected"),
        {{QStringLiteral("reason"), reason}, {QStringLiteral("cause"), closeCauseName(cause)}});
    if (m_state != SyncState::Error) {
        m_lastError = reason;
        m_problem = problemOf(cause, reason);
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
        const bool credentials = error->code == ErrorCode::AuthFailed;
        return fail({credentials ? SyncProblem::Kind::NotAccepted : SyncProblem::Kind::RelayRefused,
                     CloseCause::Other, error->code, QString()},
                    QStringLiteral("the relay refused: %1 (%2)")
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
    // What the relay holds beyond what this device saw acknowledged counts only once the
    // catch-up showed it is what this device wrote (a crash, a lost ack), never on the relay's
    // word: a restored or cloned profile reissues seqs the relay holds with other content.
    if (!settle(m_identity.welcome(welcome.storedUpTo), false))
        return;
    setState(SyncState::Syncing);
    Q_EMIT progress(0, static_cast<qint64>(m_head - std::min(m_cursor, m_head)) +
                           m_store.pendingCount());
    // Pull first: a push the relay refuses must not also keep this device from receiving.
    send(Pull{m_cursor});
    pushPending();
}

void SyncSession::pushPending()
{
    if (!m_authenticated || m_pushInFlight || m_identity.holdsPushes())
        return;
    const auto pending = m_store.pendingOutbox(PushPacker::kPendingPerPush);
    if (!pending)
        return fail(pending.error());
    // An old identity's deltas wait for the catch-up: the copy it was made from may have sent
    // them already, and the catch-up shows them (equal ones then count as acknowledged).
    if (!pending->isEmpty() && pending->first().origin != m_store.deviceId() && !m_caughtUp)
        return;
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
        return Result<Out>::failure(plain);
    const auto replica = store::RowSealer::replicaFromBytes(unit.origin);
    Out out;
    out.reserve(plain->size());
    for (qsizetype i = 0; i < plain->size(); ++i) {
        auto delta = BookCodec::decodeDelta(plain->at(i));
        if (!delta)
            return Result<Out>::failureOf(delta, QStringLiteral("a delta does not decode: "));
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
    // This device's own units (a restored or cloned profile's) are compared before anything of
    // the batch is applied; a renumbering must come first.
    if (!settle(m_identity.inspect(deltas)))
        return;
    // While live, a batch that is not live answers asking again for a unit (askAgainIfNeeded):
    // taken whole like any batch (joins are idempotent), but the log is not walked on from it.
    const bool answer = m_askedRow != 0 && !deltas.live;
    // Ask for the next batch before working on this one: the relay reads and sends it while
    // this device decodes and commits, and at most two batches are ever in flight.
    const bool pullNext = !answer && !deltas.live && deltas.more && !deltas.deltas.isEmpty();
    if (pullNext)
        send(Pull{std::max(m_cursor, deltas.deltas.last().position)});
    // Opening and decoding are independent per unit: a catch-up batch is spread over cores.
    const qsizetype n = deltas.deltas.size();
    std::vector<QList<BookDelta>> opened(static_cast<std::size_t>(n));
    std::vector<QString> errors(static_cast<std::size_t>(n));
    std::vector<ErrorKind> kinds(static_cast<std::size_t>(n), ErrorKind::Other);
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
    // A unit that does not open or decode (damaged, or written by a hostile member) is set
    // aside with where it came from and why, and the cursor moves on: one bad unit must not stop
    // this device from receiving everything else. Later deltas that need it wait, deferred.
    store::FeedbackStore::RemoteBatch batch;
    QStringList newer;
    for (qsizetype i = 0; i < n; ++i) {
        const SealedDelta &unit = deltas.deltas.at(i);
        // Written by a newer version: not damage, and no reason to stop. It is set aside like
        // an unreadable unit (its bytes are kept and tried again at every session, so it
        // applies once this device is updated) and the device says "update required".
        if (kinds[static_cast<std::size_t>(i)] == ErrorKind::UpdateRequired) {
            errors[static_cast<std::size_t>(i)] =
                QStringLiteral("update required: written by a newer version of Courier "
                               "Feedback: %1")
                    .arg(errors[static_cast<std::size_t>(i)]);
            newer.append(errors[static_cast<std::size_t>(i)]);
        }
        if (!errors[static_cast<std::size_t>(i)].isEmpty()) {
            batch.unreadable.append({0, store::QuarantinedChange::Kind::Unreadable, unit.position,
                                     unit.origin, unit.seq, unit.lastSeq(),
                                     errors[static_cast<std::size_t>(i)], false, unit.sealed});
            continue;
        }
        for (BookDelta &delta : opened[static_cast<std::size_t>(i)]) {
            batch.deltas.append(std::move(delta));
            batch.positions.append(unit.position);
        }
    }
    // Live deltas reach this device before the relay's disk has them: their positions count
    // only once a caughtUp confirms them (the relay may die first and give them to others).
    // The cursor saved with them is the last confirmed one.
    const quint64 cursor = deltas.live || deltas.deltas.isEmpty()
                               ? m_cursor
                               : std::max(m_cursor, deltas.deltas.last().position);
    // The deltas, what was set aside and the cursor that covers them commit together.
    batch.position = store::FeedbackStore::Position{kCursor, QByteArray::number(cursor)};
    const auto applied = m_store.applyRemote(batch);
    if (!applied)
        return fail(applied.error());
    m_cursor = cursor;
    m_applied += deltas.deltas.size();
    if (!batch.unreadable.isEmpty())
        Q_EMIT event(
            QStringLiteral("quarantined"),
            {{QStringLiteral("count"), batch.unreadable.size()},
             {QStringLiteral("position"), static_cast<qint64>(batch.unreadable.first().position)}});
    if (!newer.isEmpty()) {
        m_newerFormatSeen = true;
        qCWarning(lcSync).noquote() << newer.size() << "change(s) set aside:" << newer.first();
        Q_EMIT event(
            QStringLiteral("update-required"),
            {{QStringLiteral("count"), newer.size()}, {QStringLiteral("reason"), newer.first()}});
    }
    if (*applied > 0) {
        Q_EMIT event(QStringLiteral("received"),
                     {{QStringLiteral("count"), *applied},
                      {QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
        Q_EMIT recordsChanged();
        // Only records that hold concurrent values get a display view built (catch-up of
        // 100,000 records must not build 100,000 views).
        for (const BookDelta &d : std::as_const(batch.deltas)) {
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
    if (answer)
        return onAskedAgain(deltas);
    if (!deltas.live) {
        Q_EMIT progress(m_applied,
                        static_cast<qint64>(m_head - std::min(m_head, m_cursor)) + m_applied);
        if (deltas.more && !pullNext)
            send(Pull{m_cursor});
    }
    if (m_caughtUp)
        askAgainIfNeeded();
}

void SyncSession::onCaughtUp(const CaughtUp &caughtUp)
{
    // Asked again and nothing follows the position before the unit: the relay lost it.
    if (m_askedRow != 0 && caughtUp.cursor < m_askedPosition)
        return keepAside(std::exchange(m_askedRow, 0), std::exchange(m_askedPosition, 0),
                         QStringLiteral("the relay no longer holds it"));
    m_cursor = std::max(m_cursor, caughtUp.cursor);
    if (m_caughtUp)
        return; // a live confirmation: saved with the next deltas, or when the connection ends
    saveValue(m_store, kCursor, QByteArray::number(m_cursor));
    m_caughtUp = true;
    Q_EMIT event(QStringLiteral("caught-up"),
                 {{QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
    if (!settle(m_identity.caughtUp()))
        return;
    retryKeptUnits();
    askAgainIfNeeded();
    pushPending(); // what waited for the catch-up (pushPending ends in maybeUpToDate)
}

bool SyncSession::settle(const IdentityCheck::Outcome &outcome, bool push)
{
    for (const store::FeedbackStore::Renumbering &r : outcome.renumbered) {
        m_device = store::RowSealer::replicaBytes(m_store.deviceId()); // the next hello's
        Q_EMIT event(QStringLiteral("identity"),
                     {{QStringLiteral("from"), replicaIdToString(r.from)},
                      {QStringLiteral("to"), replicaIdToString(r.to)},
                      {QStringLiteral("changes"), r.changes},
                      {QStringLiteral("records"), r.records},
                      {QStringLiteral("note"), r.note}});
        Q_EMIT recordsChanged();
    }
    if (!outcome.error.isEmpty()) {
        fail(outcome.error);
        return false;
    }
    // Compared equal or renumbered: what waited can go now (after the welcome: after the pull).
    if (push && m_authenticated && (outcome.released || !outcome.renumbered.isEmpty()))
        pushPending();
    return true;
}

void SyncSession::maybeUpToDate()
{
    if (!m_caughtUp || m_pushInFlight || m_askedRow != 0 || m_store.pendingCount() > 0)
        return;
    // While live, every ack ends "up to date": record the time at most once a minute, and
    // clear the last error only when there is one (each write is a durable commit).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_lastSyncSaved.isValid() || m_lastSyncSaved.secsTo(now) >= 60) {
        saveValue(m_store, kLastSync, now.toString(Qt::ISODate).toUtf8());
        m_lastSyncSaved = now;
    }
    if (!m_lastError.isEmpty() || !m_lastErrorCleared) {
        m_lastErrorCleared = true; // once per session: an error of an earlier run is stale now
        m_lastError.clear();
        m_problem = SyncProblem();
        m_updateRequired = false;
        saveValue(m_store, kLastError, QByteArray());
    }
    setState(SyncState::UpToDate);
}

} // namespace feedback::sync
