#include "SyncSession.h"

#include "PushPacker.h"
#include "SyncBookkeeping.h"

#include <common/EnumNames.h>
#include <common/LogCategories.h>
#include <optional>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <vector>

namespace feedback::sync {

using namespace protocol;

namespace {
constexpr int kPushBatch = 1024;

} // namespace

constexpr std::array<const char *, 5> kSyncStateNames{"offline", "connecting", "syncing",
                                                      "up-to-date", "error"};
static_assert(kSyncStateNames.size() == static_cast<std::size_t>(SyncState::Error) + 1);

QString syncStateName(SyncState state)
{
    return enumName(state, kSyncStateNames);
}

SyncSession::SyncSession(store::FeedbackStore &store, WorkspaceKeys keys, SyncTransport *transport,
                         QObject *parent)
    : QObject(parent)
    , m_store(store)
    , m_keys(std::move(keys))
    , m_transport(transport)
    , m_device(store::RowSealer::replicaBytes(store.deviceId()))
    , m_identity(store, m_keys)
    , m_trust(store, m_keys)
    , m_snapshotReader(m_keys, m_trust.list())
    , m_forward(store)
{
    m_cursor = bookkeeping::cursor(m_store);
    m_chain = bookkeeping::chain(m_store, m_cursor);
    m_handshake.setSingleShot(true);
    m_handshake.setInterval(15000);
    connect(&m_handshake, &QTimer::timeout, this, [this] {
        if (!authenticated())
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
    problem.detail = reason;
    m_problem = std::move(problem);
    keep(bookkeeping::saveLastError(m_store, reason), "the last error");
    qCWarning(lcSync).noquote() << "sync error:" << reason;
    QJsonObject details{{QStringLiteral("reason"), reason},
                        {QStringLiteral("problem"), problemKindName(m_problem.kind)}};
    if (m_problem.kind == SyncProblem::Kind::Unreachable)
        details.insert(QStringLiteral("cause"), closeCauseName(m_problem.cause));
    if (m_problem.kind == SyncProblem::Kind::RelayRefused ||
        m_problem.kind == SyncProblem::Kind::NotAccepted)
        details.insert(QStringLiteral("code"), errorCodeName(m_problem.code));
    Q_EMIT event(SyncEvent::Error, details);
    dropSentInvites(reason);
    // Nothing more from this connection counts: a batch pulled ahead of a failed one must not
    // move the cursor past it. What live confirmations moved it to is kept.
    saveConfirmedCursor();
    if (m_phase != Phase::Stopped)
        m_phase = Phase::Failed;
    setState(SyncState::Error);
    m_transport->close();
}

void SyncSession::start()
{
    chooseVersion();
    m_phase = Phase::Handshake;
    setState(SyncState::Connecting);
    m_handshake.start();
    m_transport->open();
}

void SyncSession::stop()
{
    // Saved now: whoever stopped this session may reset the cursor next (a new relay), and a
    // close reported later must not write the old one back.
    saveConfirmedCursor();
    m_forward.connectionEnded();
    if (m_keeper)
        m_keeper->flush();
    m_phase = Phase::Stopped;
    m_transport->close();
}

void SyncSession::saveConfirmedCursor()
{
    if (live()) // live confirmations since the last deltas applied
        saveCursor();
}

void SyncSession::saveCursor()
{
    keep(bookkeeping::saveCursor(m_store, m_cursor), "the sync position");
    keep(bookkeeping::saveChain(m_store, m_cursor, m_chain), "the sync position's chain value");
}

void SyncSession::keep(const Status &written, const char *what) const
{
    // The next session writes it again; the deltas and their cursor commit together anyway.
    if (!written)
        qCWarning(lcSync).noquote() << "cannot save" << what << "-" << written.error();
}

void SyncSession::send(const Message &message)
{
    m_transport->send(encode(message, m_speak));
}

void SyncSession::onOpened()
{
    m_phase = Phase::Handshake;
    m_pushInFlight.reset();
    m_handOverDue = false;
    m_handedOver = false;
    m_snapshotAfterHandOver = false;
    m_receiveLimits = ReceiveLimits();
    m_askedRow = 0;
    m_rotationsSent = 0;
    m_rotationInFlight = false;
    m_healing = false;
    m_snapshotAfterAck = false;
    m_snapshotSent.clear();
    m_snapshotReader.reset();
    m_refusedSnapshot = 0;
    m_forwarding = false;
    m_forwardRest.clear();
    m_trust.connectionOpened();
    Q_EMIT event(SyncEvent::Connected, {});
    // A profile of protocol 2 gets its key and certificate here, at its first sync.
    const auto credentials = m_trust.current();
    if (!credentials)
        return fail(QStringLiteral("cannot make this device's certificate: ") +
                    credentials.error());
    m_authKey = credentials->secretKey;
    send(Hello{m_speak, m_keys.workspaceId(), m_device, m_keys.canRead() ? Role::Full : Role::Kiosk,
               credentials->certificate});
}

void SyncSession::onClosed(const QString &reason)
{
    m_handshake.stop();
    if (std::exchange(m_presenceHeard, false))
        Q_EMIT presenceLost();
    dropSentInvites(reason);
    m_forward.connectionEnded();
    if (m_keeper)
        m_keeper->flush();
    if (m_phase == Phase::Reconnecting)
        return reconnected(reason);
    saveConfirmedCursor();
    if (m_phase != Phase::Stopped)
        m_phase = Phase::Closed;
    const CloseCause cause = m_transport->closeCause();
    Q_EMIT event(SyncEvent::Disconnected, {{QStringLiteral("reason"), reason},
                                           {QStringLiteral("cause"), closeCauseName(cause)}});
    if (m_state != SyncState::Error) {
        m_lastError = reason;
        m_problem = problemOf(cause, reason);
        setState(SyncState::Offline);
    }
}

void SyncSession::onFrame(const QByteArray &frame)
{
    if (m_state == SyncState::Error || m_phase == Phase::Stopped || m_phase == Phase::Reconnecting)
        return; // frames still buffered after fail() or stop(): the connection is going away
    const DecodeResult decoded = decode(frame, m_receiveLimits.frameBytes, m_receiveLimits.batch);
    if (!decoded.message)
        return fail(QStringLiteral("the relay sent a bad frame: ") + decoded.error);
    const Message &m = *decoded.message;
    if (const auto *challenge = std::get_if<Challenge>(&m))
        return send(
            Auth{AuthProof::sign(m_authKey, challenge->nonce, m_keys.workspaceId(), m_device)});
    if (const auto *welcome = std::get_if<Welcome>(&m))
        return onWelcome(*welcome);
    if (const auto *error = std::get_if<Error>(&m)) {
        if (speakOlder(*error))
            return;
        if (error->code == ErrorCode::UpdateRequired)
            return fail(QStringLiteral("update required: the relay serves newer devices than "
                                       "this one (protocol %1); install a newer version. The "
                                       "relay said: %2")
                            .arg(kProtocolVersion)
                            .arg(error->text),
                        true);
        // For good: the relay refuses this device id from now on (no retry loop).
        if (error->code == ErrorCode::Revoked)
            return fail({SyncProblem::Kind::Revoked, CloseCause::Other, error->code, QString()},
                        QStringLiteral("This device was removed from the workspace"));
        const bool credentials = error->code == ErrorCode::AuthFailed;
        return fail({credentials ? SyncProblem::Kind::NotAccepted : SyncProblem::Kind::RelayRefused,
                     CloseCause::Other, error->code, QString()},
                    QStringLiteral("the relay refused: %1 (%2)")
                        .arg(error->text, errorCodeName(error->code)));
    }
    // Sent between auth and welcome, and again while connected.
    if (const auto *epochs = std::get_if<Epochs>(&m); epochs && !m_authKey.isEmpty())
        return onEpochs(*epochs);
    if (!authenticated())
        return fail(QStringLiteral("the relay spoke out of turn"));
    if (const auto *ack = std::get_if<Ack>(&m))
        return onAck(*ack);
    if (const auto *deltas = std::get_if<Deltas>(&m))
        return onDeltas(*deltas);
    if (const auto *caughtUp = std::get_if<CaughtUp>(&m))
        return onCaughtUp(*caughtUp);
    if (const auto *devices = std::get_if<Devices>(&m))
        return onDevices(*devices);
    if (const auto *invited = std::get_if<Invited>(&m))
        return onInvited(*invited);
    if (const auto *data = std::get_if<SnapshotData>(&m))
        return onSnapshotData(*data);
    if (const auto *stored = std::get_if<SnapshotStored>(&m))
        return onSnapshotStored(*stored);
    if (const auto *diverged = std::get_if<Diverged>(&m))
        return onDiverged(*diverged);
    if (const auto *presence = std::get_if<Presence>(&m))
        return onPresence(*presence);
    fail(QStringLiteral("the relay sent an unexpected message"));
}

SyncSession::ReceiveLimits SyncSession::receiveLimitsOf(const Welcome &welcome)
{
    // What the relay sends stays within what it announced, but not to the byte: a catch-up
    // batch holds at least one unit however large (up to kMaxSealedDeltaBytes), and a live
    // frame re-sends a push of up to maxFrameBytes with each unit's position added. Twice the
    // frame limit (what the relay's own WebSocket layer accepts) covers both.
    constexpr quint64 kMaxAnnouncedFrame = 64 * 1024 * 1024;
    const quint64 frame = std::clamp<quint64>(welcome.maxFrameBytes, 4096, kMaxAnnouncedFrame);
    ReceiveLimits out;
    out.frameBytes = static_cast<qsizetype>(
        2 * std::max<quint64>(frame, static_cast<quint64>(protocol::limits::kMaxSealedDeltaBytes)));
    // A unit takes more than a byte: no frame of that size holds more units than it has bytes.
    out.batch = static_cast<qsizetype>(
        std::clamp<quint64>(welcome.maxBatch, 1, static_cast<quint64>(out.frameBytes)));
    return out;
}

void SyncSession::onWelcome(const Welcome &welcome)
{
    m_handshake.stop();
    m_phase = Phase::CatchingUp;
    m_receiveLimits = receiveLimitsOf(welcome);
    m_head = welcome.head;
    m_snapshotWanted = welcome.snapshotWanted;
    m_maxBatch = static_cast<qsizetype>(std::clamp<quint64>(welcome.maxBatch, 1, kPushBatch));
    m_maxFrameBytes =
        static_cast<qsizetype>(std::clamp<quint64>(welcome.maxFrameBytes, 4096, 64 * 1024 * 1024));
    if (m_cursor > welcome.head) {
        // The relay's log is shorter than what this device applied (restored from an older
        // backup, or a new relay): start over; applying deltas again changes nothing.
        qCWarning(lcSync) << "the relay's log ends before this device's position: pulling it all";
        m_cursor = 0;
        m_chain.clear();
    }
    m_applied = 0;
    if (!m_keys.canRead())
        return kioskWelcomed(welcome);
    // What the relay holds beyond what this device saw acknowledged counts only once the
    // catch-up showed it is what this device wrote (a crash, a lost ack), never on the relay's
    // word: a restored or cloned profile reissues seqs the relay holds with other content.
    const IdentityCheck::Outcome outcome = m_identity.welcome(welcome.storedUpTo);
    if (!settle(outcome, false))
        return;
    setState(SyncState::Syncing);
    Q_EMIT progress(0, static_cast<qint64>(m_head - std::min(m_cursor, m_head)) +
                           m_store.pendingCount());
    sendRevocations();
    sendInvites();
    // Pull first: a push the relay refuses must not also keep this device from receiving.
    send(Pull{m_cursor, m_chain});
    if (outcome.heal)
        return heal();
    pushPending();
}

void SyncSession::onCaughtUp(const CaughtUp &caughtUp)
{
    // Asked again and nothing follows the position before the unit: the relay lost it.
    if (m_askedRow != 0 && caughtUp.cursor < m_askedPosition)
        return keepAside(std::exchange(m_askedRow, 0), std::exchange(m_askedPosition, 0),
                         QStringLiteral("the relay no longer holds it"));
    if (live())
        m_forward.confirmed(caughtUp.cursor);
    if (caughtUp.cursor >= m_cursor) {
        if (caughtUp.cursor > m_cursor || !caughtUp.chain.isEmpty())
            m_chain = caughtUp.chain;
        m_cursor = caughtUp.cursor;
    }
    if (live())
        return; // a live confirmation: saved with the next deltas, or when the connection ends
    saveCursor();
    m_phase = Phase::Live;
    Q_EMIT event(SyncEvent::CaughtUp, {{QStringLiteral("cursor"), static_cast<qint64>(m_cursor)}});
    if (!settle(m_identity.caughtUp()))
        return;
    // Caught up: a snapshot now covers the whole log the relay holds.
    if ((std::exchange(m_snapshotWanted, false) || m_snapshotRequested) && m_keys.canRead() &&
        m_snapshotSent.isEmpty() && !uploadSnapshot())
        return;
    retryKeptUnits();
    askAgainIfNeeded();
    // Units of other devices go after the push in flight (one at a time): after its ack.
    if (m_pushInFlight && (m_forward.hasCarried() || m_keeper)) {
        m_handOverDue = true;
        return;
    }
    if (m_forward.hasCarried())
        return forwardLost(); // then what waited for the catch-up
    handOver(); // then what waited for the catch-up (pushPending ends in maybeUpToDate)
}

bool SyncSession::settle(const IdentityCheck::Outcome &outcome, bool push)
{
    for (const store::FeedbackStore::Renumbering &r : outcome.renumbered) {
        m_device = store::RowSealer::replicaBytes(m_store.deviceId()); // the next hello's
        // The new identity is certified at once; the old one keeps its key for its units.
        if (Status s = m_trust.renumbered(r.from, r.to); !s)
            qCWarning(lcSync).noquote() << "cannot certify the new identity yet:" << s.error();
        Q_EMIT event(SyncEvent::Identity, {{QStringLiteral("from"), replicaIdToString(r.from)},
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
    if (push && authenticated() && (outcome.released || !outcome.renumbered.isEmpty()))
        pushPending();
    return true;
}

void SyncSession::maybeUpToDate()
{
    if (!live() || m_pushInFlight || m_askedRow != 0 || m_rotationInFlight || m_healing ||
        !m_snapshotSent.isEmpty() || m_snapshotAfterAck || m_store.pendingCount() > 0)
        return;
    // While live, every ack ends "up to date": record the time at most once a minute, and
    // clear the last error only when there is one (each write is a durable commit).
    const QDateTime now = QDateTime::currentDateTimeUtc();
    if (!m_lastSyncSaved.isValid() || m_lastSyncSaved.secsTo(now) >= 60) {
        keep(bookkeeping::saveLastSync(m_store, now), "the last sync");
        m_lastSyncSaved = now;
    }
    if (!m_lastError.isEmpty() || !m_lastErrorCleared) {
        m_lastErrorCleared = true; // once per session: an error of an earlier run is stale now
        m_lastError.clear();
        m_problem = SyncProblem();
        keep(bookkeeping::saveLastError(m_store, QString()), "the last error");
    }
    setState(SyncState::UpToDate);
}

} // namespace feedback::sync
