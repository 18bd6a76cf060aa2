// RelayStorage::append by its jobs: one origin per push, each unit either a harmless retry of
// what is stored or the next one in sequence, all of them in one transaction whose commit comes
// after the new units were handed out (see RelayStorage.h).
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QVariant>
#include <QtEndian>

#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>

namespace feedback::relay {

namespace {

constexpr qsizetype kDeltaColumns = 7;

// What of a unit its chain value covers: its place and its signature, which covers its bytes
// (an unsigned unit, possible only in tests, by its bytes).
QByteArray unitChainInput(const protocol::SealedDelta &unit)
{
    QByteArray out = unit.origin;
    for (quint64 v : {unit.seq, unit.count}) {
        char be[8];
        qToBigEndian(v, be);
        out.append(be, 8);
    }
    return out + (unit.signature.isEmpty() ? unit.sealed : unit.signature);
}

} // namespace

using protocol::ErrorCode;
using protocol::SealedDelta;
using namespace storagekeys;

AppendOutcome RelayStorage::append(const QByteArray &workspace, const QList<SealedDelta> &deltas,
                                   const BeforeCommit &beforeCommit)
{
    AppendOutcome outcome;
    auto refuse = [this, &outcome](ErrorCode code, const QString &text) {
        outcome.refused = protocol::Error{code, text};
        outcome.appended.clear();
        m_rows.clear();
        return outcome;
    };
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return refuse(ErrorCode::Internal, QStringLiteral("cannot register the workspace"));
    if (deltas.isEmpty())
        return outcome;
    if (const Refusal mixed = checkOneOrigin(deltas))
        return refuse(mixed->code, mixed->text);
    const QByteArray origin = deltas.first().origin;
    if (!prepareAppend())
        return refuse(ErrorCode::Internal, QStringLiteral("cannot prepare the log's queries"));
    // On SQLite the write lock is taken at once: the units go out to the other devices before
    // the rows are written, and a lock upgrade refused after that would cut them all off.
    // (PostgreSQL locks the workspace's row below.)
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(
        m_connection, m_connection.isPostgres() ? sql::SqlTransaction::Lock::Deferred
                                                : sql::SqlTransaction::Lock::Immediate);
    if (!transaction)
        return refuse(ErrorCode::Internal, transaction.error());
    // Shared by several relays: the head, its chain and the origin's seq are read again under
    // the workspace's lock (see lockWorkspace).
    if (const Status locked = lockWorkspace(*ws); !locked)
        return refuse(ErrorCode::Internal, locked.error());
    const Result<std::optional<Origin>> known = findOrigin(*ws, origin);
    if (!known)
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log"));
    Tail tail{*ws, origin, known->value_or(Origin{}), head(workspace), {}};
    if (const Result<QByteArray> chain = lastChain(*ws, tail.head); chain)
        tail.chain = *chain;
    else
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the log's chain"));
    m_rows.clear();
    for (const SealedDelta &unit : deltas) {
        if (const Refusal refused = appendUnit(tail, unit, outcome.appended))
            return refuse(refused->code, refused->text); // rolled back as `transaction` goes
    }
    // The positions are taken: the other devices get the units now, while the last rows are
    // written and flushed (a failure from here on is a refusal the caller reports to them).
    if (beforeCommit && !outcome.appended.isEmpty())
        beforeCommit(outcome.appended);
    if (const Status inserted = insertRows(); !inserted)
        return refuse(ErrorCode::Internal, inserted.error());
    if (!outcome.appended.isEmpty()) {
        if (const Status told = notifyStored(workspace, tail.head); !told)
            return refuse(ErrorCode::Internal, told.error());
    }
    if (const Status committed = transaction->commit(); !committed)
        return refuse(ErrorCode::Internal, committed.error());
    remember(tail, !outcome.appended.isEmpty());
    qint64 appendedBytes = 0;
    for (const SealedDelta &unit : std::as_const(outcome.appended))
        appendedBytes += unit.sealed.size();
    if (const auto measured = m_tails.find(tail.ws); measured != m_tails.end()) {
        measured->units += static_cast<quint64>(outcome.appended.size());
        measured->bytes += appendedBytes;
    }
    if (const auto counted = m_logBytes.find(tail.ws);
        counted != m_logBytes.end() && counted->counted && !outcome.appended.isEmpty()) {
        counted->bytes += appendedBytes;
        counted->upToRow = rowKey(tail.ws, tail.head);
    }
    outcome.storedUpTo = tail.entry.storedUpTo;
    outcome.chain = tail.chain;
    return outcome;
}

RelayStorage::Refusal RelayStorage::checkOneOrigin(const QList<SealedDelta> &deltas)
{
    for (const SealedDelta &d : deltas) {
        if (d.origin != deltas.first().origin)
            return protocol::Error{ErrorCode::WrongOrigin, QStringLiteral("one push, one origin")};
    }
    return std::nullopt;
}

Status RelayStorage::prepareAppend()
{
    // Prepared once, at the first append (a prepare costs as much as the insert).
    if (m_prepared)
        return Ok{};
    // Rows carry a unit's last seq (so MAX(seq) is what is stored) and its count.
    m_existing = QSqlQuery(m_connection.db());
    if (!m_existing.prepare(
            QStringLiteral("SELECT sealed, count FROM deltas WHERE origin = ? AND seq = ?")))
        return sql::failure(m_existing);
    for (std::size_t i = 0; i < m_inserts.size(); ++i) {
        QStringList rows(kRowsPerInsert[i], QStringLiteral("(?, ?, ?, ?, ?, ?, ?)"));
        m_inserts[i] = QSqlQuery(m_connection.db());
        if (!m_inserts[i].prepare(QStringLiteral("INSERT INTO deltas (id, origin, seq, count, "
                                                 "sealed, signature, chain) VALUES ") +
                                  rows.join(QStringLiteral(", "))))
            return sql::failure(m_inserts[i]);
    }
    m_prepared = true;
    return Ok{};
}

RelayStorage::Refusal RelayStorage::appendUnit(Tail &tail, const SealedDelta &unit,
                                               QList<SealedDelta> &appended)
{
    if (unit.seq <= tail.entry.storedUpTo)
        return checkStoredUnit(tail, unit);
    if (unit.seq != tail.entry.storedUpTo + 1)
        return protocol::Error{
            ErrorCode::SequenceGap,
            QStringLiteral("expected seq %1, got %2").arg(tail.entry.storedUpTo + 1).arg(unit.seq)};
    if (tail.head >= kMaxPosition)
        return protocol::Error{ErrorCode::Internal, QStringLiteral("this workspace's log is full")};
    return insertUnit(tail, unit, appended);
}

RelayStorage::Refusal RelayStorage::checkStoredUnit(const Tail &tail, const SealedDelta &unit)
{
    // Already stored: the same unit with the same bytes is a harmless retry; anything else
    // reusing these seqs is a cloned profile. (Rows collected so far are written first, so
    // that the read sees them.)
    if (const Status inserted = insertRows(); !inserted)
        return protocol::Error{ErrorCode::Internal, inserted.error()};
    m_existing.bindValue(0, tail.entry.id);
    m_existing.bindValue(1, static_cast<qint64>(unit.lastSeq()));
    if (!m_existing.exec()) {
        m_existing.finish();
        return protocol::Error{ErrorCode::Internal,
                               QStringLiteral("cannot read seq %1 of the log").arg(unit.seq)};
    }
    const bool found = m_existing.next();
    const bool same = found && m_existing.value(1).toULongLong() == unit.count &&
                      m_existing.value(0).toByteArray() == unit.sealed;
    m_existing.finish();
    // Seqs a snapshot covers where the log holds no unit (it lost them, and a device healed
    // it): the device pushes what it had pending, which the snapshot already holds.
    if (!found && unit.lastSeq() <= tail.entry.floor)
        return std::nullopt;
    if (!same)
        return protocol::Error{ErrorCode::ConflictingDuplicate,
                               QStringLiteral("seq %1 of this device is already stored with "
                                              "other content: was this profile copied?")
                                   .arg(unit.seq)};
    return std::nullopt;
}

RelayStorage::Refusal RelayStorage::insertUnit(Tail &tail, const SealedDelta &unit,
                                               QList<SealedDelta> &appended)
{
    if (tail.entry.id == 0) {
        // First delta of this origin: its row commits with the delta, or not at all.
        QSqlQuery add(m_connection.db());
        add.prepare(QStringLiteral("INSERT INTO origins (ws, key) VALUES (?, ?)"));
        add.addBindValue(tail.ws);
        add.addBindValue(tail.origin);
        if (!add.exec())
            return protocol::Error{ErrorCode::Internal, sql::failure(add).error()};
        tail.entry.id = add.lastInsertId().toLongLong();
    }
    SealedDelta stored = unit;
    stored.position = tail.head + 1;
    // Each position's chain value covers the one before and this unit (its signature covers
    // its bytes): a device whose cursor's value differs knows the log is not the one it read.
    const QByteArray chain = nextChain(tail.chain, stored.position, unitChainInput(stored));
    // NULL marks a unit without a signature (only written before protocol 3, or by tests).
    m_rows << rowKey(tail.ws, stored.position) << tail.entry.id
           << static_cast<qint64>(stored.lastSeq()) << static_cast<qint64>(stored.count)
           << stored.sealed
           << (stored.signature.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                          : QVariant(stored.signature))
           << chain;
    if (m_rows.size() == kRowsPerInsert.front() * kDeltaColumns) {
        if (const Status inserted = insertRows(); !inserted)
            return protocol::Error{ErrorCode::Internal, inserted.error()};
    }
    tail.head = stored.position;
    tail.chain = chain;
    tail.entry.storedUpTo = unit.lastSeq();
    appended.append(std::move(stored));
    return std::nullopt;
}

Status RelayStorage::insertRows()
{
    qsizetype row = 0;
    const qsizetype rows = m_rows.size() / kDeltaColumns;
    for (std::size_t i = 0; i < m_inserts.size(); ++i) {
        QSqlQuery &insert = m_inserts[i];
        for (; rows - row >= kRowsPerInsert[i]; row += kRowsPerInsert[i]) {
            const qsizetype values = kRowsPerInsert[i] * kDeltaColumns;
            for (qsizetype v = 0; v < values; ++v)
                insert.bindValue(static_cast<int>(v), m_rows.at(row * kDeltaColumns + v));
            if (!insert.exec()) {
                m_rows.clear();
                return sql::failure(insert);
            }
        }
    }
    m_rows.clear();
    return Ok{};
}

void RelayStorage::remember(const Tail &tail, bool appended)
{
    // Only what committed is cached: after a rollback the next push reads the file again.
    m_heads.insert(tail.ws, tail.head);
    m_lastChains.insert(tail.ws, tail.chain);
    if (tail.entry.id != 0)
        m_origins.insert(originKey(tail.ws, tail.origin), tail.entry);
    if (appended && !m_shared) {
        m_walDirty = true;
        m_lastAppend.start();
        m_idleCheckpoint.start(kQuietCheckpointMs);
    }
}

} // namespace feedback::relay
