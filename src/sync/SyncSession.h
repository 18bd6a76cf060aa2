// One device's conversation with a relay, independent of the transport: authenticate, push
// the outbox in order and mark it acknowledged only on the relay's ack, catch up from the last
// applied position in bounded batches (one batch in flight: memory stays bounded however far
// behind the device is), then apply live deltas. A unit it cannot read is set aside (quarantined)
// instead of stopping it. States and events are signals, for feedbackctl watch and the GUI.
#pragma once

#include "IdentityCheck.h"
#include "SyncProblem.h"
#include "SyncTransport.h"
#include "WorkspaceKeys.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

enum class SyncState
{
    Offline,
    Connecting,
    Syncing,
    UpToDate,
    Error
};
QString syncStateName(SyncState state);

class SyncSession : public QObject
{
    Q_OBJECT
public:
    SyncSession(store::FeedbackStore &store, WorkspaceKeys keys, SyncTransport *transport,
                QObject *parent = nullptr);

    void start();
    // A relay that accepts the connection but never completes the handshake must not leave
    // the device "connecting" forever (default 15 s).
    void setHandshakeTimeout(int ms) { m_handshake.setInterval(ms); }
    void stop();
    // Call after local submits: pushes what is pending when connected.
    void pushPending();

    SyncState state() const { return m_state; }
    const QString &lastError() const { return m_lastError; }
    const SyncProblem &problem() const { return m_problem; }
    // The last error means this program is too old for the relay (or for what another device
    // wrote): lastError() names the versions; retrying will not help until it is updated.
    // The relay refused this version, or a change written by a newer version was set aside in
    // this session (it applies once this device is updated; the session itself goes on).
    bool updateRequired() const { return m_updateRequired || m_newerFormatSeen; }
    quint64 cursor() const { return m_cursor; }

Q_SIGNALS:
    void stateChanged(feedback::sync::SyncState state);
    void progress(qint64 done, qint64 total); // "syncing n of m"
    // connected, pushed, acked, received, conflict, caught-up, error, disconnected, identity
    // (the profile continued under a new device id: from, to, changes, records, note); and
    // quarantined, asked-again, recovered for units that could not be read
    void event(const QString &kind, const QJsonObject &details);
    void recordsChanged();

private:
    // What the units of one received frame may inflate to together (a frame is at most 1 MiB).
    static constexpr qint64 kMaxInflatePerFrame = 64 * 1024 * 1024;

    void setState(SyncState state);
    void fail(const QString &reason, bool updateRequired = false);
    void fail(SyncProblem problem, const QString &reason);
    void onOpened();
    void onClosed(const QString &reason);
    void onFrame(const QByteArray &frame);
    void onWelcome(const protocol::Welcome &welcome);
    void onAck(const protocol::Ack &ack);
    void onDeltas(const protocol::Deltas &deltas);
    // Opens one unit of the log and decodes its deltas, checking each against its dot.
    Result<QList<BookDelta>> openUnit(const protocol::SealedDelta &unit,
                                      InflateBudget *budget) const;
    // Units set aside as unreadable are tried again from the bytes kept, once per session: a
    // program updated since then may read what an older one could not.
    void retryKeptUnits();
    // A unit set aside as unreadable that later changes wait for is asked for again, once.
    void askAgainIfNeeded();
    void onAskedAgain(const protocol::Deltas &deltas);
    void keepAside(qint64 row, quint64 position, const QString &why);
    void onCaughtUp(const protocol::CaughtUp &caughtUp);
    void maybeUpToDate();
    // Reports what an identity check did and pushes what it released (`push`); false when the
    // session stopped.
    bool settle(const IdentityCheck::Outcome &outcome, bool push = true);
    void saveConfirmedCursor();
    void send(const protocol::Message &message);

    store::FeedbackStore &m_store;
    WorkspaceKeys m_keys;
    SyncTransport *m_transport;
    QByteArray m_device;
    IdentityCheck m_identity;
    SyncState m_state = SyncState::Offline;
    QString m_lastError;
    SyncProblem m_problem;
    QDateTime m_lastSyncSaved;
    bool m_lastErrorCleared = false;
    bool m_updateRequired = false;
    bool m_newerFormatSeen = false;
    bool m_authenticated = false;
    bool m_caughtUp = false;
    bool m_stopped = false;
    bool m_pushInFlight = false;
    quint64 m_pushedUpTo = 0;
    ReplicaId m_pushedOrigin;
    quint64 m_cursor = 0;
    quint64 m_head = 0;
    qint64 m_applied = 0;
    // The unreadable unit asked for again on this connection (quarantine row, position).
    qint64 m_askedRow = 0;
    quint64 m_askedPosition = 0;
    bool m_retriedKeptUnits = false;
    QTimer m_handshake;
    qsizetype m_maxBatch = protocol::limits::kDefaultMaxBatch;
    qsizetype m_maxFrameBytes = protocol::limits::kDefaultMaxFrameBytes;
};

} // namespace feedback::sync
