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
    auto refuse = [&outcome](ErrorCode code, const QString &text) {
        outcome.refused = protocol::Error{code, text};
        outcome.appended.clear();
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
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
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
    for (const SealedDelta &unit : deltas) {
        if (const Refusal refused = appendUnit(tail, unit, outcome.appended))
            return refuse(refused->code, refused->text); // rolled back as `transaction` goes
    }
    if (!outcome.appended.isEmpty()) {
        if (const Status told = notifyStored(workspace, tail.head); !told)
            return refuse(ErrorCode::Internal, told.error());
    }
    if (beforeCommit && !outcome.appended.isEmpty())
        beforeCommit(outcome.appended);
    if (const Status committed = transaction->commit(); !committed)
        return refuse(ErrorCode::Internal, committed.error());
    remember(tail, !outcome.appended.isEmpty());
    if (const auto counted = m_logBytes.find(tail.ws); counted != m_logBytes.end()) {
        for (const SealedDelta &unit : std::as_const(outcome.appended))
            *counted += unit.sealed.size();
    }
    if (const auto measured = m_tails.find(tail.ws); measured != m_tails.end()) {
        measured->units += static_cast<quint64>(outcome.appended.size());
        for (const SealedDelta &unit : std::as_const(outcome.appended))
            measured->bytes += unit.sealed.size();
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
    m_insert = QSqlQuery(m_connection.db());
    if (!m_existing.prepare(
            QStringLiteral("SELECT sealed, count FROM deltas WHERE origin = ? AND seq = ?")))
        return sql::failure(m_existing);
    if (!m_insert.prepare(QStringLiteral("INSERT INTO deltas (id, origin, seq, count, sealed, "
                                         "signature, chain) VALUES (?, ?, ?, "
                                         "?, ?, ?, ?)")))
        return sql::failure(m_insert);
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
    // reusing these seqs is a cloned profile.
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
    m_insert.bindValue(0, rowKey(tail.ws, stored.position));
    m_insert.bindValue(1, tail.entry.id);
    m_insert.bindValue(2, static_cast<qint64>(stored.lastSeq()));
    m_insert.bindValue(3, static_cast<qint64>(stored.count));
    m_insert.bindValue(4, stored.sealed);
    // NULL marks a unit without a signature (only written before protocol 3, or by tests).
    m_insert.bindValue(5, stored.signature.isEmpty() ? QVariant(QMetaType(QMetaType::QByteArray))
                                                     : QVariant(stored.signature));
    // Each position's chain value covers the one before and this unit (its signature covers
    // its bytes): a device whose cursor's value differs knows the log is not the one it read.
    const QByteArray chain = nextChain(tail.chain, stored.position, unitChainInput(stored));
    m_insert.bindValue(6, chain);
    if (!m_insert.exec())
        return protocol::Error{ErrorCode::Internal, sql::failure(m_insert).error()};
    tail.head = stored.position;
    tail.chain = chain;
    tail.entry.storedUpTo = unit.lastSeq();
    appended.append(std::move(stored));
    return std::nullopt;
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
