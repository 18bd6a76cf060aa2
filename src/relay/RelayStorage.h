// The relay's durable logs: per workspace, opaque sealed deltas by (origin, seq), each with an
// arrival position. Appends are idempotent and checked (no gaps, no conflicting duplicates);
// a push is acknowledged only after its transaction committed. SQLite through QtSql.
#pragma once

#include "WriterCache.h"

#include <QElapsedTimer>
#include <QHash>
#include <QSqlQuery>
#include <QString>
#include <QTimer>
#include <QVariantList>

#include <array>
#include <common/Result.h>
#include <common/sql/SqlConnection.h>
#include <functional>
#include <optional>
#include <protocol/EpochChain.h>
#include <protocol/Messages.h>

namespace feedback::relay {

struct AppendOutcome
{
    quint64 storedUpTo = 0;                 // highest contiguous seq now stored for the origin
    QList<protocol::SealedDelta> appended;  // the new ones, with their positions
    std::optional<protocol::Error> refused; // set when the batch was refused (nothing stored)
    QByteArray chain;                       // the chain value at the last appended unit
};

// A snapshot the relay holds (protocol 6): at `position` in its workspace's log.
struct StoredSnapshot
{
    quint64 position = 0;
    QByteArray id;
    QByteArray maker;
    quint64 parts = 0;
    QList<protocol::SnapshotCover> covers;
    // It covers seqs that no unit of the log holds (a device healed a relay that lost them):
    // every device whose cursor is before it must get it.
    bool essential = false;
    QByteArray chain;
    qint64 storedAtMs = 0;
    qint64 bytes = 0; // of its sealed parts
    // Whether it holds everything `other` covers (per origin, at least as far).
    bool dominates(const StoredSnapshot &other) const;
};

// When the relay asks a device for a snapshot (`--snapshot-every`): after `everyMs` since the
// last one, or `everyUnits` units after it (0: not by that measure), or once the units after it
// weigh more than it does.
struct SnapshotPolicy
{
    qint64 everyMs = 24LL * 3600 * 1000;
    quint64 everyUnits = 0;
};

// A device as the relay has enrolled it: its first certificate bound the id to `publicKey`.
struct StoredDevice
{
    QByteArray publicKey;
    QByteArray certificate;
    protocol::Role role = protocol::Role::Full;
    qint64 enrolledAtMs = 0;
    qint64 lastSeenMs = 0;
};

// An invite a full device gave the relay to hold (protocol 4): the relay counts its claims and
// hands out its envelopes, which it cannot open.
struct StoredInvite
{
    QByteArray workspace; // the workspace's 32-byte id
    QByteArray issuer;    // the full device that made it
    qint64 expiresAtMs = 0;
    quint64 uses = 0;
    quint64 claimed = 0;
    bool cancelled = false;
    QList<QByteArray> envelopes;
    QList<QByteArray> devices; // the kiosk ids of a kiosk invite, one per envelope
};

// A read of the log: units in arrival order, and whether more were left for the next read.
struct LogPage
{
    QList<protocol::SealedDelta> units;
    bool more = false;
    QByteArray chain; // at the last unit (empty: a unit stored before protocol 6)
    // Set when the page is empty because a snapshot comes next: its position.
    quint64 snapshot = 0;
};

// A workspace the relay serves, as `feedback-relay admit --list` shows it.
struct AdmittedWorkspace
{
    QByteArray workspace;
    qint64 admittedAtMs = 0;
    qint64 storedBytes = 0; // its log and snapshots
};

class RelayStorage
{
public:
    // Schema of relay.db (PRAGMA user_version), reached by the numbered steps of
    // RelayStorageSchema.cpp. 0 is an empty file or the first layout (one row per delta with
    // its 16-byte origin, and a second copy of it in a unique index); 2 is the layout of rows
    // keyed by position, without the count of deltas per row that 3 adds in place; 4 adds the
    // devices, revocations and unit signatures of protocol 3; 5 the invites of protocol 4; 6 the
    // key epochs of protocol 5; 7 the snapshots and the log's chain of protocol 6; 8 the
    // admitted workspaces (every workspace stored before is admitted); 9 the operator's
    // admission tokens.
    static constexpr int kSchemaVersion = 9;
    // relay_schema on PostgreSQL: 8, with the later tables added beside it (RelayStoragePostgres).
    static constexpr int kPostgresSchemaVersion = 8;
    // A row's key is (workspace id << kPositionBits) | position: one rowid B-tree in arrival
    // order, without a second index for positions.
    static constexpr int kPositionBits = 40;
    static constexpr quint64 kMaxPosition = (quint64(1) << kPositionBits) - 1;
    static constexpr qint64 kMaxWorkspaceId = (qint64(1) << (63 - kPositionBits)) - 1;

    RelayStorage();
    ~RelayStorage();
    RelayStorage(const RelayStorage &) = delete;
    RelayStorage &operator=(const RelayStorage &) = delete;

    // Opens (creating or migrating) DIR/relay.db.
    Status open(const QString &dataDir);
    // RelayStoragePostgres.cpp: a PostgreSQL database instead (creating or migrating its tables),
    // which several relays may share: each append and snapshot takes its workspace's row lock
    // and reads the head again under it (lockWorkspace), and nothing another relay may change
    // is served from memory.
    Status openPostgres(const sql::PostgresTarget &target);
    bool isShared() const { return m_shared; }
    // PostgreSQL: called (in the event loop) when another relay on the database committed a
    // change to a workspace. A commit of units or a snapshot notifies the others in its
    // transaction (pg_notify), so the call comes only once the commit is visible; the others
    // are told by the relay that made them (tellOthers), once they are stored.
    struct StoredChange
    {
        enum class Kind
        {
            Units,   // units or a snapshot, up to `head`
            Devices, // the device list changed
            Epochs,  // a key epoch was added
            Revoked, // `device` may no longer connect
            // The connection to the database was lost and is back: whatever the others
            // changed meanwhile went unnoticed (`workspace` is empty).
            Reconnected,
            // Not stored at all: `device` sent a presence note (`payload`, sealed; empty: its
            // connection ended) that this relay's devices should hear.
            Presence,
        };
        Kind kind = Kind::Units;
        quint64 head = 0;
        QByteArray device;
        QByteArray payload = {};
    };
    using StoredElsewhere =
        std::function<void(const QByteArray &workspace, const StoredChange &change)>;
    void setStoredElsewhere(StoredElsewhere onStored) { m_storedElsewhere = std::move(onStored); }
    // Tells the other relays of a change this relay stored (nothing on SQLite).
    void tellOthers(const QByteArray &workspace, const StoredChange &change);
    // For /healthz: the database answers a read and its file is still where it was opened (a
    // volume unmounted or a directory deleted under a running relay leaves the open file
    // readable, and nothing written would survive a restart).
    Status health();
    // The database's files on disk (with its write-ahead log), and the workspaces it holds.
    qint64 bytesOnDisk() const;
    Result<qint64> workspaceCount();

    quint64 head(const QByteArray &workspace);
    quint64 storedUpTo(const QByteArray &workspace, const QByteArray &origin);
    // `beforeCommit` sees the new units, with their positions, once every check passed and
    // before their rows are written and flushed: the relay fans them out to the other devices
    // while the database works. The outcome (and so the writer's ack) comes only after the
    // commit.
    using BeforeCommit = std::function<void(const QList<protocol::SealedDelta> &)>;
    AppendOutcome append(const QByteArray &workspace, const QList<protocol::SealedDelta> &deltas,
                         const BeforeCommit &beforeCommit = {});
    // Units after `cursor`, in arrival order: at most `limit` of them and, but for the first,
    // no more than `maxBytes` counting kFramingBytes each for their framing. With a `plan`
    // (planFor), only the units before it that it does not cover, then the snapshot itself.
    Result<LogPage> read(const QByteArray &workspace, quint64 cursor, qsizetype limit,
                         qsizetype maxBytes, const StoredSnapshot *plan = nullptr);
    static constexpr qsizetype kFramingBytes = 64;

    // RelayStorageAdmitted.cpp: the workspaces the operator admitted, and what each stores.
    Result<bool> isAdmitted(const QByteArray &workspace);
    // True when it was not admitted before.
    Result<bool> admit(const QByteArray &workspace, qint64 nowMs);
    // No longer admitted (what it stored stays); true when it was.
    Result<bool> dismiss(const QByteArray &workspace);
    Result<QList<AdmittedWorkspace>> admitted();
    // RelayStorageAdmissionTokens.cpp: a token's hash, good until `expiresAtMs`; whether it is
    // (not used, not expired); used up, its workspace admitted in the same commit (false when
    // it was used or expired meanwhile).
    Status addAdmissionToken(const QByteArray &hash, qint64 expiresAtMs, qint64 nowMs);
    Result<bool> admissionTokenValid(const QByteArray &hash, qint64 nowMs);
    Result<bool> redeemAdmissionToken(const QByteArray &hash, const QByteArray &workspace,
                                      qint64 nowMs);
    // The bytes of the workspace's units and snapshot parts (what its quota counts). Kept
    // between calls; `again` measures everything anew (on a shared database another relay's
    // compaction or snapshot goes unnoticed until then).
    Result<qint64> storedBytes(const QByteArray &workspace, bool again = false);

    // RelayStorageDevices.cpp: the devices and revocations of each workspace.
    Result<std::optional<StoredDevice>> findDevice(const QByteArray &workspace,
                                                   const QByteArray &device);
    Result<bool> isRevoked(const QByteArray &workspace, const QByteArray &device);
    Result<qsizetype> deviceCount(const QByteArray &workspace);
    // Stores the certificate's device, or refreshes it (certificate, role) with last seen =
    // `nowMs`. The caller checked the binding (same key). True when the device is new or its
    // certificate changed: the workspace's device list changed.
    Result<bool> enrol(const QByteArray &workspace, const QByteArray &device,
                       const StoredDevice &stored, qint64 nowMs);
    // The whole list, enrolled devices with their revocations, oldest first.
    Result<QList<protocol::DeviceEntry>> devices(const QByteArray &workspace);
    // Stores a verified revocation; false when the device was revoked already (kept as it was).
    Result<bool> revoke(const QByteArray &workspace, const QByteArray &device,
                        const QByteArray &revocation, qint64 revokedAtMs);
    // RelayStorageInvites.cpp: invites held for their workspaces.
    Result<std::optional<StoredInvite>> findInvite(const QByteArray &id);
    // Stores a new invite (dropping those expired for over a week); false when the id is taken.
    Result<bool> storeInvite(const QByteArray &id, const StoredInvite &invite, qint64 nowMs);
    // By the invite's handle (protocol::inviteHandle), within its workspace; false when none
    // matches.
    // Its envelopes are dropped: nothing will be handed out.
    Result<bool> cancelInvite(const QByteArray &handle, const QByteArray &workspace);
    // One more claim; the envelopes are dropped with the last use.
    // Counted only when `claimed` is still the count and the invite not cancelled (another relay
    // on the database may have handed out this use meanwhile): false then.
    Result<bool> countClaim(const QByteArray &id, quint64 claimed, bool last);
    // Invites the relay holds for the workspace (until a week after they expire).
    Result<qsizetype> inviteCount(const QByteArray &workspace);
    // RelayStorageEpochs.cpp: the key epochs of each workspace. The chain is verified from the
    // workspace id when read (a damaged row is an error, never served) and kept in memory.
    Result<protocol::EpochChain> epochChain(const QByteArray &workspace);
    // Every epoch in order, each with the envelope sealed to `device` (empty when none).
    Result<QList<protocol::EpochEntry>> epochEntries(const QByteArray &workspace,
                                                     const QByteArray &device);
    // The next epoch (already verified against the chain) with its envelopes, and every invite
    // of the workspace cancelled (their envelopes hold the old keys), in one transaction.
    Status addEpoch(const QByteArray &workspace, const protocol::EpochStatement &statement,
                    const QList<protocol::EpochKey> &keys);
    // The enrolled full devices that are not revoked.
    Result<QList<QByteArray>> activeFullDevices(const QByteArray &workspace);

    // RelayStorageSnapshots.cpp: snapshots (protocol 6) and the log's chain.
    // Keeps one part of a snapshot being uploaded; part 0 drops what `maker` left unfinished.
    Status putSnapshotPart(const QByteArray &workspace, const QByteArray &maker,
                           const protocol::SnapshotPart &part);
    // Once its last part is kept: gives the snapshot the next position and raises the floor of
    // every origin it covers, in one transaction. Fails when a part is missing.
    Result<StoredSnapshot> commitSnapshot(const QByteArray &workspace, const QByteArray &maker,
                                          const protocol::SnapshotPart &last, qint64 nowMs);
    // The snapshot a catch-up from `cursor` starts with: for a new device (cursor 0) or one
    // whose cursor is before what compaction dropped, the newest snapshot that holds what the
    // compaction dropped (else the one it was compacted against). nullopt: read the log.
    Result<std::optional<StoredSnapshot>> planFor(const QByteArray &workspace, quint64 cursor);
    // Whether compaction dropped units after `cursor` (only a snapshot then holds them).
    bool compactedPast(const QByteArray &workspace, quint64 cursor);
    // Whether the workspace's log has grown enough past its last snapshot to want another.
    Result<bool> wantsSnapshot(const QByteArray &workspace, const SnapshotPolicy &policy,
                               qint64 nowMs);
    // RelayStorageCompaction.cpp. How long a snapshot must be stored before the units it covers
    // go (`--keep-history`; 0: at once); compaction runs now, hourly and after each snapshot.
    void setKeepHistory(qint64 keepMs);
    void snapshotStored(const QByteArray &workspace);
    // Drops the units before each workspace's newest snapshot older
    // than `keepMs` that it covers (and the snapshots it makes useless), then gives the pages
    // back. Returns how many units went.
    Result<qint64> compact(qint64 nowMs, qint64 keepMs);
    Result<qint64> compactWorkspace(const QByteArray &workspace, qint64 nowMs, qint64 keepMs);
    Result<std::optional<StoredSnapshot>> snapshotAt(const QByteArray &workspace, quint64 position);
    // Parts `first` .. `first + count - 1` (count -1: to the last), checked.
    Result<QList<protocol::SnapshotPart>> snapshotParts(const QByteArray &workspace,
                                                        const StoredSnapshot &snapshot,
                                                        quint64 first = 0, qint64 count = -1);
    // The chain value at `position`: empty for a unit stored before protocol 6 (and for 0);
    // nullopt when the log has nothing there.
    Result<std::optional<QByteArray>> chainAt(const QByteArray &workspace, quint64 position);

    // Copies the write-ahead log into the database file and truncates it. Runs by itself once
    // appends have paused for a second; exposed for tests.
    Status checkpoint();

private:
    struct Origin
    {
        qint64 id = 0;
        quint64 storedUpTo = 0;
        quint64 floor = 0; // up to here a snapshot covers it, whatever rows hold
    };
    // Where an append writes: the workspace, the origin's row, the workspace's last position.
    struct Tail
    {
        qint64 ws = 0;
        QByteArray origin;
        Origin entry;
        quint64 head = 0;
        QByteArray chain; // at `head`
    };
    using Refusal = std::optional<protocol::Error>;
    // The log after a workspace's last snapshot (at `since`): what wantsSnapshot weighs.
    struct LogTail
    {
        quint64 since = 0;
        quint64 units = 0;
        qint64 bytes = 0;
    };

    // RelayStoragePostgres.cpp.
    Status migratePostgres();
    Status postgresHealth();
    qint64 postgresBytes() const;
    // In the open transaction: the workspace's row lock, held until the commit, so that
    // positions are given and made visible in one order (no reader sees N + 1 before N), and
    // what this relay remembers of the head is forgotten. Nothing on SQLite (one writer).
    Status lockWorkspace(qint64 ws);
    // In the open transaction: the other relays are told at its commit (nothing on SQLite).
    Status notifyStored(const QByteArray &workspace, quint64 head);
    Status notify(const QByteArray &workspace, const QByteArray &what);
    void onNotification(const QString &channel, const QVariant &payload, bool self);
    // The session's timeouts, and LISTEN: at connect and at each reconnect.
    Status listenToOthers();
    // Every few seconds on PostgreSQL: a connection the server dropped (a restart, a failover)
    // is opened again, so that the relay serves again once the database is back.
    void checkConnection();

    // RelayStorageSchema.cpp: the numbered steps, and the pragmas of relay.db.
    static Status refuseNewer(int version);
    Status migrate();
    bool hasFirstLayout(int version);
    Status setPragmas();
    // Gives back the pages the first layout left free (and takes the new page size).
    void compactAfterFirstLayout();
    void vacuumForIncrementalVacuum();
    void compactNow();
    void giveBackFreePages();
    void checkpointIfQuiet();
    // Rows of `table` (one of ours, with a `ws` column) for the workspace.
    Result<qsizetype> countInWorkspace(const QByteArray &workspace, const QString &table);
    // The workspace's id; nullopt when the relay has never seen it.
    Result<std::optional<qint64>> findWorkspace(const QByteArray &workspace);
    Result<qint64> registerWorkspace(const QByteArray &workspace);
    // The origin's row and stored seq; nullopt when the relay has nothing from it yet.
    Result<std::optional<Origin>> findOrigin(qint64 ws, const QByteArray &origin);

    // RelayStorageAppend.cpp: append by its jobs.
    Status prepareAppend();
    static Refusal checkOneOrigin(const QList<protocol::SealedDelta> &deltas);
    Refusal appendUnit(Tail &tail, const protocol::SealedDelta &unit,
                       QList<protocol::SealedDelta> &appended);
    Refusal checkStoredUnit(const Tail &tail, const protocol::SealedDelta &unit);
    Refusal insertUnit(Tail &tail, const protocol::SealedDelta &unit,
                       QList<protocol::SealedDelta> &appended);
    // Writes the rows insertUnit collected, several to a statement.
    Status insertRows();
    void remember(const Tail &tail, bool appended);
    // The chain value at the workspace's head (cached).
    Result<QByteArray> lastChain(qint64 ws, quint64 head);
    static QByteArray nextChain(const QByteArray &previous, quint64 position,
                                const QByteArray &what);
    // The first essential snapshot after `cursor` (and before `before`) that `plan` does not
    // hold; 0 when none.
    Result<quint64> nextEssentialSnapshot(qint64 ws, quint64 cursor,
                                          const StoredSnapshot *plan = nullptr);
    Result<std::optional<StoredSnapshot>> snapshotWhere(qint64 ws, const QString &condition,
                                                        const QVariantList &values);
    Result<quint64> compactedBefore(qint64 ws);
    Result<LogPage> readRange(qint64 ws, quint64 cursor, quint64 end, qsizetype limit,
                              qsizetype maxBytes);
    // One row of a read (id, origin key, last seq, count, sealed, signature, chain) into `page`;
    // false when the page is full (page.more set).
    static bool addRow(LogPage &page, const QSqlQuery &q, qsizetype limit, qsizetype maxBytes,
                       qsizetype &bytes);
    // The units of a plan's range (cursor, plan) that it does not cover.
    Result<LogPage> readUncovered(qint64 ws, quint64 cursor, quint64 end, qsizetype limit,
                                  qsizetype maxBytes, const StoredSnapshot &plan);
    Result<qint64> compactWorkspace(qint64 ws, qint64 nowMs, qint64 keepMs);

    sql::SqlConnection m_connection;
    QString m_path;        // of relay.db
    bool m_shared = false; // PostgreSQL: other relays may write too
    StoredElsewhere m_storedElsewhere;
    // Prepared once, at the first append (a prepare costs as much as the insert).
    bool m_prepared = false;
    QSqlQuery m_existing;
    // Rows of the log are inserted kRowsPerInsert[i] to a statement (m_inserts[i]): a push of
    // 500 units takes 11 statements, not 500 (a round trip each on PostgreSQL).
    static constexpr std::array<qsizetype, 4> kRowsPerInsert{64, 16, 4, 1};
    std::array<QSqlQuery, 4> m_inserts;
    QVariantList m_rows; // bound values of the rows not yet inserted, kDeltaColumns each
    QTimer m_idleCheckpoint;
    QElapsedTimer m_lastAppend;
    bool m_walDirty = false;
    QHash<QByteArray, qint64> m_workspaceIds;
    WriterCache<qint64, quint64> m_heads{m_shared};
    WriterCache<qint64, QByteArray> m_lastChains{m_shared}; // the chain value at each head
    WriterCache<qint64, quint64> m_compactedBefore{m_shared};
    QHash<qint64, LogTail> m_tails; // measured once per snapshot, then counted by appends
    // The bytes of a workspace's log up to a row: only the rows after it are measured next.
    // A relay that is its log's only writer (SQLite) counts its own appends instead: a query
    // per push was a fifth of the relay's work on the live path.
    struct LogBytes
    {
        qint64 bytes = 0;
        qint64 upToRow = 0;
        bool counted = false; // measured, and every append since added
    };
    Status measureLog(qint64 ws, LogBytes &log); // the rows after log.upToRow, added to it
    QHash<qint64, LogBytes> m_logBytes;
    WriterCache<qint64, qint64> m_snapshotBytes{m_shared}; // measured again after each part
    static constexpr int kCompactionIntervalMs = 3600 * 1000;
    QTimer m_compaction;
    QTimer m_connectionCheck;
    static constexpr int kConnectionCheckMs = 2000;
    qint64 m_keepHistoryMs = 30LL * 24 * 3600 * 1000;
    WriterCache<QByteArray, Origin> m_origins{m_shared};       // workspace id (8 bytes) + origin
    WriterCache<QByteArray, StoredDevice> m_devices{m_shared}; // workspace id (8 bytes) + device
    WriterCache<QByteArray, protocol::EpochChain> m_chains{m_shared}; // the 32-byte id
};

} // namespace feedback::relay
