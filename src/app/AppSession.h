// What the windows of the app share: the open profile and its store, and the sync client. Views
// talk to this, never to the store and the sync layer separately, so that "saved", "synced" and
// "changed by another device" reach every view the same way.
#pragma once
#include <QDateTime>
#include <QHash>
#include <QJsonObject>
#include <QObject>
#include <QSet>
#include <QTimer>

#include <core/FeedbackTypes.h>
#include <core/Validation.h>
#include <functional>
#include <memory>
#include <optional>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>
#include <store/Profile.h>
#include <sync/DeviceRevocation.h>
#include <sync/InviteIssuer.h>
#include <sync/IssuedInvites.h>
#include <sync/PeerNetwork.h>
#include <sync/PresenceBoard.h>
#include <sync/SyncClient.h>

namespace feedback::app {

class AppSession : public QObject
{
    Q_OBJECT
public:
    AppSession(store::Profile profile, std::unique_ptr<store::FeedbackStore> store,
               QObject *parent = nullptr);
    ~AppSession() override;

    // For tests that set up data; the controller and the views go through the functions below,
    // not through the store and its book.
    store::FeedbackStore &store() { return *m_store; }
    const store::FeedbackStore &store() const { return *m_store; }
    const store::Profile &profile() const { return m_profile; }
    QString deviceName() const;
    // Who works at this desk now: given once per desk session (a shared desk changes hands with
    // the shift, so it is not kept), empty until then. Notes carry it, "my follow-ups" uses it.
    QString dispatcherName() const { return m_dispatcherName; }
    Status setDispatcherName(const QString &name); // printable, at most 100 characters
    // Who a note or change is by: the dispatcher's name, else this device's.
    QString authorName() const;
    // What could not be read when the profile opened (records, deferred changes), one line each;
    // empty when everything was read. The controller tells the user once, at launch.
    const QStringList &openProblems() const { return m_store->problems(); }

    // Saving never waits on the network: the record is durable when these return.
    Result<RecordId> submit(const NewFeedback &input);
    Status edit(const RecordId &id, const FeedbackEdit &edit);
    // Drops synced feedback older than `days` from this device (retention setting of kiosks
    // and field laptops; it does not come back here, the relay and other devices keep it).
    Result<int> purgeOlderThan(int days);

    // Why sync runs or not: "not set up" (no relay address) is not "off" is not "unreachable".
    enum class SyncSetup
    {
        Running,  // set up: syncState() and syncDetails() say how it goes
        NotSetUp, // no relay address
        Off,      // FEEDBACK_SYNC=off or the setting
        Invalid,  // an address that is not ws:// or wss://, or no workspace keys
    };

    // Sync: on unless FEEDBACK_SYNC=off or the setting says so, and only with a relay URL.
    bool syncEnabled() const;
    QString relayUrl() const;
    // `insecure`: plain ws:// to a relay off this machine allowed (kept in the profile).
    // `fallbacks`: further relays of the same database, tried in turn when one does not answer.
    Status setSyncSettings(const QString &relayUrl, bool enabled, bool insecure = false,
                           const QStringList &fallbacks = {});
    QStringList fallbackRelays() const;
    void startSync();
    void stopSync();
    void syncNow();
    sync::SyncState syncState() const;
    SyncSetup syncSetup() const { return m_syncSetup; }
    // What went wrong last, as a kind the status bar puts into words (None while all is well).
    sync::SyncProblem syncDetails() const;
    QString relayHost() const;
    // Time left until the next attempt to reach the relay; -1 when none is scheduled.
    int retryRemainingMs() const { return m_client ? m_client->retryRemainingMs() : -1; }
    // Why sync is off, or the reason of the last failure; empty when all is well.
    QString syncProblem() const;
    qint64 pendingCount() const { return m_store->pendingCount(); }
    // Changes of other devices set aside because they could not be read (or over the limit).
    qint64 quarantinedCount() const { return m_store->quarantinedCount(); }
    QDateTime lastSync() const { return m_lastSync; }
    std::pair<qint64, qint64> progress() const { return m_progress; }
    int nextRetryMs() const { return m_client ? m_client->nextRetryMs() : -1; }
    // Sync with nearby devices beside the relay: the setting and FEEDBACK_P2P, never a kiosk.
    bool nearbyEnabled() const;
    // Nearby devices connected now, and those of them this device is in sync with.
    int nearbyCount() const;
    int nearbySyncedCount() const;
    // Where this device listens for nearby devices; 0 when it does not.
    quint16 nearbyPort() const { return m_peers ? m_peers->listenPort() : 0; }

    // The kiosk PIN, sealed in the store (empty: none set).
    QString kioskPin() const;
    Status setKioskPin(const QString &pin);

    // --- What views read (AppSessionRecords.cpp): records by id, in the form people see, never
    // the CRDT state behind them. Reading is as cheap as before (one lookup, one RecordReader
    // pass, no copy of the state); the answers hold until the next recordsChanged.
    bool hasRecord(const RecordId &id) const;
    // nullopt when the record is gone (purged) or unreadable.
    std::optional<FeedbackRecordView> record(const RecordId &id) const;
    // Every change of the record, oldest first (RecordHistory).
    QList<RecordChange> history(const RecordId &id) const;
    // Every record id in the book, in the book's order, without building a list (the dispatcher
    // holds 100,000 records).
    void forEachRecordId(const std::function<void(const RecordId &)> &visit) const;
    qsizetype recordCount() const;
    bool isSynced(const RecordId &id) const { return m_store->isSynced(id); }
    ReplicaId deviceId() const { return m_store->deviceId(); }
    bool isThisDevice(const ReplicaId &device) const { return device == deviceId(); }
    // How a view names a device: devices do not tell each other their names (yet), so this one
    // by its name and the others by a short id that still tells them apart.
    enum class DeviceLabel
    {
        Column,   // a table or export column: "name" / "This device", "Device 1a2b3c4d"
        Sentence, // inside a sentence: "name (this device)" / "this device", "device 1a2b3c4d"
    };
    QString deviceLabel(const ReplicaId &device, DeviceLabel form) const;
    // What the capture form offers and checks: the reason tags of the catalog and the domain's
    // own rules.
    QStringList reasonTags() const;
    QList<FieldError> validate(const NewFeedback &input) const;
    // The code that invites another device to this workspace (nullopt: not enrolled, or a kiosk).
    std::optional<QString> inviteCode() const;
    // Enrolled with a kiosk invite: it submits only, reads nothing, and runs only as a kiosk.
    bool isKioskDevice() const;

    // --- The workspace's devices (AppSessionDevices.cpp), as the relay last listed them; a
    // syncEvent of kind Devices says the list changed.
    struct Device
    {
        ReplicaId id;
        QString name; // as the device named itself: plain text, never markup
        protocol::Role role = protocol::Role::Full;
        qint64 enrolledAtMs = 0;
        qint64 lastSeenMs = 0; // 0: never seen by the relay
        bool revoked = false;
        bool revocationPending = false; // revoked here, not listed as revoked by the relay yet
        bool thisDevice = false;
    };
    QList<Device> devices() const;
    // Only a full device signs revocations and invites full devices.
    bool isFullDevice() const;
    // What `feedbackctl revoke` does, then a sync at once so that it reaches the relay.
    Result<sync::RevokeOutcome> revoke(const ReplicaId &device);
    // An invite for one device that expires after `lifeMs` (PROTOCOL.md, "Invite codes"), given
    // to the relay: inviteReady brings its code once the relay holds it (a code the relay does
    // not know would fail at join). Its id; fails on a kiosk, or when sync is off.
    Result<QByteArray> requestInvite(protocol::Role role, qint64 lifeMs);
    // The invites made on this device that the relay holds and that have not expired, oldest
    // first (sync::IssuedInvites; kept once the relay answered, shown offline). invitesChanged
    // says the list changed.
    QList<sync::IssuedInvites::Entry> pendingInvites() const;
    // Asks the relay to cancel the invite of `handle`, as `feedbackctl invite --cancel` does: its
    // entry goes once the relay confirms (invitesChanged), or inviteCancelFailed says why not.
    // Fails when sync is off.
    Status cancelInvite(const QByteArray &handle);

    // --- Presence (PROTOCOL.md, "Presence"): the record this desk's dispatcher has open, told to
    // the workspace's other full devices, and who of them is on which record.
    void setLookingAt(const std::optional<RecordId> &id, bool editing = false);
    QList<sync::PresenceBoard::Viewer> viewersOf(const RecordId &id) const
    {
        return m_presence.viewersOf(id);
    }
    sync::PresenceBoard &presence() { return m_presence; }

    // Tells the views what the store changed since the last call (sync calls it after applying
    // remote deltas).
    void publishChanges();

Q_SIGNALS:
    void recordsChanged(const QList<feedback::RecordId> &ids);
    void syncedChanged(); // acknowledgements moved records from "saved" to "synced"
    void syncStatusChanged();
    void syncEvent(feedback::sync::SyncEvent kind, const QJsonObject &details);
    void inviteReady(const QByteArray &id, const QString &code, qint64 expiresAtMs);
    // The relay did not take it (`reason` may be the relay's words: plain text).
    void inviteFailed(const QByteArray &id, const QString &reason);
    // Other dispatchers came to or left these records.
    void presenceChanged(const QList<feedback::RecordId> &ids);
    void invitesChanged();
    // The relay did not confirm the cancellation of `handle` (`reason`: plain text).
    void inviteCancelFailed(const QByteArray &handle, const QString &reason);

private:
    void onSyncEvent(sync::SyncEvent kind, const QJsonObject &details);
    void startNearby();
    Status startPeers(const sync::WorkspaceKeys &keys, const sync::PeerNetwork::Options &options);
    void onInviteHeld(const QByteArray &id, quint64 usesLeft);
    void onInviteRefused(const QByteArray &id, const QString &reason);

    store::Profile m_profile;
    std::unique_ptr<store::FeedbackStore> m_store;
    sync::SyncClient *m_client = nullptr;
    sync::PeerNetwork *m_peers = nullptr; // while sync runs with nearby devices on
    sync::PresenceBoard m_presence;
    bool m_presenceTold = false; // this connection was told where this desk is
    QString m_syncOffReason;
    QString m_dispatcherName;
    SyncSetup m_syncSetup = SyncSetup::NotSetUp;
    QDateTime m_lastSync;
    std::pair<qint64, qint64> m_progress{0, 0};
    struct PendingInvite
    {
        protocol::Invite offer;
        QString code;
        qint64 expiresAtMs = 0;
        sync::InviteRequest request; // what it was made for (listed once held)
    };
    QHash<QByteArray, PendingInvite> m_pendingInvites; // by id, until the relay holds them
    QSet<QByteArray> m_cancelling; // handles whose cancellation the relay has not answered
};

} // namespace feedback::app
