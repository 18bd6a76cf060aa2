// One device's conversation with a relay, independent of the transport: authenticate, push
// the outbox in order and mark it acknowledged only on the relay's ack, catch up from the last
// applied position in bounded batches (the next one is asked for while one is applied, so at
// most two are in flight: memory stays bounded however far behind the device is), then apply
// live deltas. A unit it cannot read is set aside (quarantined)
// instead of stopping it. States and events are signals, for feedbackctl watch and the GUI.
#pragma once

#include "DeviceTrust.h"
#include "ForwardQueue.h"
#include "IdentityCheck.h"
#include "PresenceNote.h"
#include "SnapshotParts.h"
#include "SyncEvent.h"
#include "SyncProblem.h"
#include "SyncTransport.h"
#include "UnitKeeper.h"
#include "WorkspaceKeys.h"

#include <QDateTime>
#include <QJsonObject>
#include <QObject>
#include <QTimer>

#include <optional>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>
#include <vector>

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
    // The name this device's certificate gets when the first sync after an upgrade makes one.
    void setDeviceName(const QString &name) { m_trust.setDeviceName(name); }
    // A relay that accepts the connection but never completes the handshake must not leave
    // the device "connecting" forever (default 15 s).
    void setHandshakeTimeout(int ms) { m_handshake.setInterval(ms); }
    void stop();
    // Call after local submits: pushes what is pending when connected.
    void pushPending();
    // Sends the revocations signed here that the relay has not listed yet, when connected (the
    // welcome sends them too): a device revoked while this one is connected hears of it at once.
    void sendRevocations();
    // Gives the relay a snapshot of this device's state once caught up (feedbackctl snapshot);
    // the session is up to date only once the relay stored it. A full device also sends one
    // when the relay's welcome asks for it.
    void requestSnapshot();
    // Gives the relay an invite to hold (InviteIssuer), or a cancellation: now when connected,
    // else after the next welcome. Sent once: if that connection ends before the relay's
    // answer (the relay refused it, or the network went), inviteRefused says so, and the sync
    // goes on without it (an invite the relay refuses must not stop every later sync).
    void offerInvite(const protocol::Invite &invite);

    // What is kept for nearby devices (SyncClient's, or PeerNetwork's while that runs): with
    // keeping on, units received are kept for peers and this device's own units are sealed once
    // (the relay gets the bytes peers got); either way, own units already kept go as they were
    // sealed, and units learned from peers are handed over to the relay after each catch-up.
    // Outlives the session; null: none of this.
    void setKeeper(UnitKeeper *keeper) { m_keeper = keeper; }
    UnitKeeper *keeper() const { return m_keeper; }
    // Units arrived from a nearby device: handed over to the relay now when this session is
    // live and idle, else after the next catch-up.
    void handOverNow();

    // SessionPresence.cpp: tells the workspace's other full devices where this device's dispatcher
    // is (PresenceBoard); false when it cannot now: not live, a kiosk, a relay of protocol 6.
    bool sendPresence(const PresenceNote &note);
    // The protocol version this session speaks to its relay: kProtocolVersion, or 6 after a relay
    // of that version said it speaks no newer one.
    int protocolVersion() const { return m_speak; }

    SyncState state() const { return m_state; }
    const QString &lastError() const { return m_lastError; }
    const SyncProblem &problem() const { return m_problem; }
    // The last error means this program is too old for the relay (or for what another device
    // wrote): lastError() names the versions; retrying will not help until it is updated.
    // The relay refused this version, or a change written by a newer version was set aside in
    // this session (it applies once this device is updated; the session itself goes on).
    // The relay said this device was removed from the workspace: retrying will not help.
    bool revoked() const { return m_problem.kind == SyncProblem::Kind::Revoked; }
    // Whether a push waits for the relay's ack (one at a time).
    bool pushInFlight() const { return m_pushInFlight.has_value(); }
    bool updateRequired() const
    {
        return m_problem.kind == SyncProblem::Kind::UpdateRequired || m_newerFormatSeen;
    }
    quint64 cursor() const { return m_cursor; }

Q_SIGNALS:
    void stateChanged(feedback::sync::SyncState state);
    void progress(qint64 done, qint64 total); // "syncing n of m"
    // What happened, with its details (SyncEvent lists them); syncEventName gives the text.
    void event(feedback::sync::SyncEvent kind, const QJsonObject &details);
    void recordsChanged();
    // The relay holds the invite `id` (or cancelled it: `usesLeft` 0).
    void inviteHeld(const QByteArray &id, quint64 usesLeft);
    void inviteRefused(const QByteArray &id, const QString &reason);
    // Another device's presence note, opened; none: its connection to the relay ended.
    void presenceArrived(const QByteArray &device, const std::optional<PresenceNote> &note);
    // The connection that brought presence notes ended: what they said can no longer be
    // refreshed through the relay.
    void presenceLost();

private:
    // What the units of one received frame may inflate to together (a frame is at most 1 MiB).
    static constexpr qint64 kMaxInflatePerFrame = 64 * 1024 * 1024;

    // Where the conversation with the relay stands; the published SyncState follows from it and
    // from what is pending.
    enum class Phase
    {
        Closed,       // no connection (or it ended)
        Handshake,    // opening, or waiting for the welcome
        CatchingUp,   // welcomed: pulling the log in batches
        Live,         // caught up: deltas arrive as other devices push them
        Failed,       // fail() ended the connection: nothing more from it counts
        Stopped,      // stop() was called: nothing more from this connection counts either
        Reconnecting, // reconnect(): closing, to open again at once as this device's new id
    };
    bool authenticated() const { return m_phase == Phase::CatchingUp || m_phase == Phase::Live; }
    bool live() const { return m_phase == Phase::Live; }

    // One received unit, opened and decoded, or why it could not be.
    struct OpenedUnit
    {
        QList<BookDelta> deltas;
        QString error; // empty: opened
        ErrorKind kind = ErrorKind::Other;
        // Not opened: its signature does not verify, or its origin is unknown. Its bytes are not
        // kept (a retry from them would have no signature to check): asked for again instead.
        bool untrusted = false;
    };
    // The frame size and delta count a received frame may have: the protocol's defaults until
    // the relay's welcome announced its own.
    struct ReceiveLimits
    {
        qsizetype frameBytes = protocol::limits::kDefaultMaxFrameBytes;
        qsizetype batch = protocol::limits::kDefaultMaxBatch;
    };
    static ReceiveLimits receiveLimitsOf(const protocol::Welcome &welcome);
    // A push sent and not yet acknowledged: what an ack may confirm.
    struct PushInFlight
    {
        ReplicaId origin;
        quint64 upTo = 0;
    };

    void setState(SyncState state);
    void fail(const QString &reason, bool updateRequired = false);
    void fail(SyncProblem problem, const QString &reason);
    void onOpened();
    void onClosed(const QString &reason);
    void onFrame(const QByteArray &frame);
    void onWelcome(const protocol::Welcome &welcome);
    void onDevices(const protocol::Devices &devices);
    // The workspace's key epochs, before every welcome and when a full device rotates them.
    void onEpochs(const protocol::Epochs &epochs);
    // After the device list: a revoked full device no epoch shuts out yet is shut out now.
    void rotateIfNeeded();
    void onInvited(const protocol::Invited &invited);
    // SessionSnapshots.cpp: healing a relay that lost what it acknowledged, snapshots in the
    // catch-up, and a log that is not the one this device read.
    void heal();
    bool uploadSnapshot();
    void onSnapshotStored(const protocol::SnapshotStored &stored);
    void onSnapshotData(const protocol::SnapshotData &data);
    // The snapshot at `position` was joined (or passed over): the cursor moves there.
    void snapshotDone(const protocol::SnapshotData &last, BookMap *state);
    void onDiverged(const protocol::Diverged &diverged);
    // Live units this device applied and the relay lost before its commit: given to it again,
    // one origin at a time, once caught up (ForwardQueue).
    void forwardLost();
    // After the catch-up's forwarding: units of other devices learned from nearby devices that
    // the relay lacks, one origin per push (SessionPush.cpp).
    void handOver();
    void handedOver(); // then a snapshot that waited for it, then this device's own pushes
    // This device's own units as kept for nearby devices, from `fromSeq`; empty when they do not
    // start there (they are then packed as usual).
    QList<protocol::SealedDelta> keptOwnUnits(quint64 fromSeq);
    void sendInvites();
    // The connection ended: the invites sent on it and not answered are refused with `reason`.
    void dropSentInvites(const QString &reason);
    // onWelcome's end on a kiosk: live at once, push only.
    void kioskWelcomed(const protocol::Welcome &welcome);
    // A kiosk keeps its submissions only until the relay holds them: a stolen kiosk then holds
    // nothing of what customers wrote before.
    void forgetAcknowledged();
    // Ends this connection and opens another at once (no retry delay, no error): after a
    // renumbering, the next hello introduces the new identity to the relay.
    void reconnect();
    void reconnected(const QString &reason);
    void onAck(const protocol::Ack &ack);
    void onDeltas(const protocol::Deltas &deltas);
    // onDeltas' steps: open every unit (spread over cores), gather what applies and what is set
    // aside into one batch, and report what the committed batch changed.
    std::vector<OpenedUnit> openUnits(const protocol::Deltas &deltas) const;
    store::FeedbackStore::RemoteBatch batchOf(const protocol::Deltas &deltas,
                                              std::vector<OpenedUnit> opened,
                                              QStringList *newer) const;
    void reportApplied(const store::FeedbackStore::RemoteBatch &batch, int applied,
                       const QStringList &newer);
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
    void saveCursor();
    // Session bookkeeping in the store: a failed write is logged, never fatal to the sync.
    void keep(const Status &written, const char *what) const;
    void send(const protocol::Message &message);
    void onPresence(const protocol::Presence &presence);
    // An older relay refused this session's protocol version: true when the session speaks the
    // one before it from now on (and reconnects).
    bool speakOlder(const protocol::Error &error);
    // At each start: this release's version, but for the reconnect speakOlder asked for.
    void chooseVersion();

    store::FeedbackStore &m_store;
    WorkspaceKeys m_keys;
    UnitKeeper *m_keeper = nullptr;
    bool m_handOverDue = false; // handOver() waits for the push in flight, a snapshot, a heal
    bool m_handedOver = false;  // this connection's hand-over is done
    bool m_snapshotAfterHandOver = false; // a snapshot waits for it (uploadSnapshot)
    SyncTransport *m_transport;
    QByteArray m_device;
    IdentityCheck m_identity;
    DeviceTrust m_trust;
    QByteArray m_authKey; // this identity's device key, for the auth of this connection
    SyncState m_state = SyncState::Offline;
    Phase m_phase = Phase::Closed;
    QString m_lastError;
    SyncProblem m_problem;
    QDateTime m_lastSyncSaved;
    bool m_lastErrorCleared = false;
    bool m_newerFormatSeen = false;
    std::optional<PushInFlight> m_pushInFlight;
    quint64 m_cursor = 0;
    QByteArray m_chain; // the relay's chain value at m_cursor (protocol 6); empty: not known
    quint64 m_head = 0;
    bool m_healing = false;           // a snapshot is on its way to heal the relay
    bool m_snapshotRequested = false; // requestSnapshot(): once, when caught up
    bool m_snapshotWanted = false;    // the relay's welcome on this connection asked for one
    QByteArray m_snapshotSent;        // its id, until the relay stored it
    QByteArray m_snapshotStored;      // the id of the last one the relay stored
    bool m_snapshotAfterAck = false;  // one is due once the push in flight is acknowledged
    QList<protocol::SnapshotCover> m_snapshotCovers;
    SnapshotReader m_snapshotReader;
    ForwardQueue m_forward;
    bool m_forwarding = false;                  // the push in flight gives the relay lost units
    QList<protocol::SealedDelta> m_forwardRest; // of the origin being given, after that push
    quint64 m_refusedSnapshot = 0;              // the position of a snapshot being passed over
    qint64 m_applied = 0;
    // The unreadable unit asked for again on this connection (quarantine row, position).
    qint64 m_askedRow = 0;
    quint64 m_askedPosition = 0;
    bool m_retriedKeptUnits = false;
    int m_rotationsSent = 0; // on this connection: a relay that keeps refusing is not flooded
    // A rotation sent and not answered yet: the device is not up to date before the relay's
    // epochs say whether it holds the new keys.
    bool m_rotationInFlight = false;
    QTimer m_handshake;
    qsizetype m_maxBatch = protocol::limits::kDefaultMaxBatch;
    qsizetype m_maxFrameBytes = protocol::limits::kDefaultMaxFrameBytes;
    ReceiveLimits m_receiveLimits;
    QList<protocol::Invite> m_invites;     // offered, to send after the next welcome
    QList<protocol::Invite> m_invitesSent; // sent on this connection, not yet answered
    int m_speak = protocol::kProtocolVersion;
    bool m_speakOlderNext = false;
    bool m_presenceHeard = false; // presence notes came on this connection
};

} // namespace feedback::sync
