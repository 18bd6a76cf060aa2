// RelayStorage's snapshots (protocol 6) and the log's chain. A snapshot is a full device's whole
// state, sealed in parts the relay cannot open; it takes one position of the log, and the seqs
// it covers count as stored (each origin's floor). The chain value at each position covers the
// one before it: a device checks its cursor's value, so a relay restored from a backup, whose
// positions now hold other units, is found out rather than silently skipped over.
#include "RelayStorage.h"
#include "RelayStorageKeys.h"

#include <QCborArray>
#include <QCborValue>
#include <QSqlQuery>
#include <QVariant>
#include <QtEndian>

#include <common/CborInput.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlTransaction.h>
#include <sodium.h>

namespace feedback::relay {

using protocol::SnapshotCover;
using protocol::SnapshotPart;
using namespace storagekeys;

namespace {

QByteArray encodeCovers(const QList<SnapshotCover> &covers)
{
    QCborArray out;
    for (const SnapshotCover &c : covers)
        out.append(QCborArray{c.origin, static_cast<qint64>(c.upTo)});
    return QCborValue(out).toCbor();
}

// Read back from relay.db: checked like anything from disk.
std::optional<QList<SnapshotCover>> decodeCovers(const QByteArray &bytes)
{
    const QCborValue root = QCborValue::fromCbor(bytes);
    if (!root.isArray() || root.toArray().size() > protocol::limits::kMaxSnapshotOrigins)
        return std::nullopt;
    QList<SnapshotCover> out;
    for (const QCborValue &item : root.toArray()) {
        const QCborArray pair = item.toArray();
        if (pair.size() != 2 || pair.at(0).toByteArray().size() != 16 || !pair.at(1).isInteger() ||
            pair.at(1).toInteger() <= 0)
            return std::nullopt;
        out.append(
            SnapshotCover{pair.at(0).toByteArray(), static_cast<quint64>(pair.at(1).toInteger())});
    }
    return out;
}

} // namespace

QByteArray RelayStorage::nextChain(const QByteArray &previous, quint64 position,
                                   const QByteArray &what)
{
    char be[8];
    qToBigEndian(position, be);
    QByteArray out(protocol::limits::kChainBytes, Qt::Uninitialized);
    crypto_generichash_state state;
    crypto_generichash_init(&state, nullptr, 0, static_cast<size_t>(out.size()));
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(previous.constData()),
                              static_cast<unsigned long long>(previous.size()));
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(be), 8);
    crypto_generichash_update(&state, reinterpret_cast<const unsigned char *>(what.constData()),
                              static_cast<unsigned long long>(what.size()));
    crypto_generichash_final(&state, reinterpret_cast<unsigned char *>(out.data()),
                             static_cast<size_t>(out.size()));
    return out;
}

Result<std::optional<QByteArray>> RelayStorage::chainAt(const QByteArray &workspace,
                                                        quint64 position)
{
    using R = Result<std::optional<QByteArray>>;
    if (position == 0)
        return std::optional<QByteArray>(QByteArray());
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    if (!ws->has_value() || position > kMaxPosition)
        return std::optional<QByteArray>();
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT chain FROM deltas WHERE id = ?"));
    q.addBindValue(rowKey(**ws, position));
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the log's chain")));
    if (q.next())
        return std::optional<QByteArray>(q.value(0).toByteArray());
    q.prepare(QStringLiteral("SELECT chain FROM snapshots WHERE ws = ? AND position = ?"));
    q.addBindValue(**ws);
    q.addBindValue(static_cast<qint64>(position));
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading the log's chain")));
    if (q.next())
        return std::optional<QByteArray>(q.value(0).toByteArray());
    return std::optional<QByteArray>();
}

Result<QByteArray> RelayStorage::lastChain(qint64 ws, quint64 head)
{
    if (const std::optional<QByteArray> kept = m_lastChains.find(ws))
        return *kept;
    QByteArray chain;
    if (head != 0) {
        QSqlQuery q(m_connection.db());
        q.prepare(QStringLiteral("SELECT chain FROM deltas WHERE id = ? UNION ALL SELECT chain "
                                 "FROM snapshots WHERE ws = ? AND position = ?"));
        q.addBindValue(rowKey(ws, head));
        q.addBindValue(ws);
        q.addBindValue(static_cast<qint64>(head));
        if (!q.exec())
            return Result<QByteArray>::failure(
                sql::failure(q, QStringLiteral("reading the log's chain")));
        if (q.next())
            chain = q.value(0).toByteArray();
    }
    m_lastChains.insert(ws, chain);
    return chain;
}

Status RelayStorage::putSnapshotPart(const QByteArray &workspace, const QByteArray &maker,
                                     const SnapshotPart &part)
{
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return Status::failure(ws);
    QSqlQuery q(m_connection.db());
    if (part.part == 0) {
        // A new upload: what this device left unfinished (a connection lost mid-way) goes.
        q.prepare(QStringLiteral("DELETE FROM snapshot_parts WHERE ws = ? AND maker = ? AND id NOT "
                                 "IN (SELECT id FROM snapshots WHERE ws = ?)"));
        q.addBindValue(*ws);
        q.addBindValue(maker);
        q.addBindValue(*ws);
        if (!q.exec())
            return sql::failure(q, QStringLiteral("dropping an unfinished snapshot"));
    }
    q.prepare(QStringLiteral("INSERT INTO snapshot_parts (ws, id, maker, part, sealed, signature) "
                             "VALUES (?, ?, ?, ?, ?, ?) ON CONFLICT (ws, id, part) DO UPDATE SET "
                             "maker = excluded.maker, sealed = excluded.sealed, signature = "
                             "excluded.signature"));
    q.addBindValue(*ws);
    q.addBindValue(part.id);
    q.addBindValue(maker);
    q.addBindValue(static_cast<qint64>(part.part));
    q.addBindValue(part.sealed);
    q.addBindValue(part.signature);
    if (!q.exec())
        return sql::failure(q, QStringLiteral("keeping a snapshot part"));
    m_snapshotBytes.remove(*ws); // parts replaced and dropped: measured again when asked
    return Ok{};
}

Result<StoredSnapshot> RelayStorage::commitSnapshot(const QByteArray &workspace,
                                                    const QByteArray &maker,
                                                    const SnapshotPart &last, qint64 nowMs)
{
    using R = Result<StoredSnapshot>;
    const Result<qint64> ws = registerWorkspace(workspace);
    if (!ws)
        return R::failure(ws);
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT COUNT(*), COALESCE(SUM(length(sealed)), 0) FROM "
                             "snapshot_parts WHERE ws = ? AND id = ? AND maker = ? AND part < ?"));
    q.addBindValue(*ws);
    q.addBindValue(last.id);
    q.addBindValue(maker);
    q.addBindValue(static_cast<qint64>(last.parts));
    if (!q.exec() || !q.next())
        return R::failure(sql::failure(q, QStringLiteral("counting snapshot parts")));
    if (q.value(0).toULongLong() != last.parts)
        return R::failure(QStringLiteral("the snapshot lacks parts"));
    StoredSnapshot stored;
    stored.bytes = q.value(1).toLongLong();
    stored.storedAtMs = nowMs;
    stored.id = last.id;
    stored.maker = maker;
    stored.parts = last.parts;
    stored.covers = last.covers;
    // Essential when it covers seqs no unit of the log holds: only it can give them.
    for (const SnapshotCover &c : last.covers) {
        const Result<std::optional<Origin>> origin = findOrigin(*ws, c.origin);
        if (!origin)
            return R::failure(origin);
        if (!origin->has_value() || (*origin)->storedUpTo < c.upTo)
            stored.essential = true;
    }
    Result<sql::SqlTransaction> transaction = sql::SqlTransaction::begin(m_connection);
    if (!transaction)
        return R::failure(transaction);
    if (const Status locked = lockWorkspace(*ws); !locked)
        return R::failure(locked);
    const quint64 position = head(workspace) + 1;
    if (position > kMaxPosition)
        return R::failure(QStringLiteral("this workspace's log is full"));
    const Result<QByteArray> previous = lastChain(*ws, position - 1);
    if (!previous)
        return R::failure(previous);
    stored.position = position;
    stored.chain =
        nextChain(*previous, position, QByteArrayLiteral("snapshot") + last.id + last.signature);
    q.prepare(QStringLiteral("INSERT INTO snapshots (ws, position, id, maker, parts, covers, "
                             "essential, chain, stored_at, bytes) VALUES (?, ?, ?, ?, ?, ?, ?, ?, "
                             "?, ?)"));
    q.addBindValue(*ws);
    q.addBindValue(static_cast<qint64>(position));
    q.addBindValue(last.id);
    q.addBindValue(maker);
    q.addBindValue(static_cast<qint64>(last.parts));
    q.addBindValue(encodeCovers(last.covers));
    q.addBindValue(stored.essential ? 1 : 0);
    q.addBindValue(stored.chain);
    q.addBindValue(stored.storedAtMs);
    q.addBindValue(stored.bytes);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("storing a snapshot")));
    q.prepare(QStringLiteral(
        "INSERT INTO origins (ws, key, floor) VALUES (?, ?, ?) ON CONFLICT "
        "(ws, key) DO UPDATE SET floor = CASE WHEN excluded.floor > origins.floor THEN "
        "excluded.floor ELSE origins.floor END"));
    for (const SnapshotCover &c : last.covers) {
        q.addBindValue(*ws);
        q.addBindValue(c.origin);
        q.addBindValue(static_cast<qint64>(c.upTo));
        if (!q.exec())
            return R::failure(sql::failure(q, QStringLiteral("raising an origin's floor")));
    }
    // Of the snapshots that are not essential, the newest is worth keeping, and the one the log
    // was compacted against (a device whose cursor is before it starts there).
    const Result<quint64> compacted = compactedBefore(*ws);
    if (!compacted)
        return R::failure(compacted);
    const QString older = QStringLiteral("SELECT id FROM snapshots WHERE ws = ? AND essential = 0 "
                                         "AND position < ? AND position != ?");
    q.prepare(QStringLiteral("DELETE FROM snapshot_parts WHERE ws = ? AND id IN (") + older +
              QLatin1Char(')'));
    for (const QVariant &v : {QVariant(*ws), QVariant(*ws), QVariant(static_cast<qint64>(position)),
                              QVariant(static_cast<qint64>(*compacted))})
        q.addBindValue(v);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("dropping an older snapshot")));
    q.prepare(QStringLiteral("DELETE FROM snapshots WHERE ws = ? AND essential = 0 AND position < "
                             "? AND position != ?"));
    for (const QVariant &v : {QVariant(*ws), QVariant(static_cast<qint64>(position)),
                              QVariant(static_cast<qint64>(*compacted))})
        q.addBindValue(v);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("dropping an older snapshot")));
    if (Status told = notifyStored(workspace, position); !told)
        return R::failure(told);
    if (Status committed = transaction->commit(); !committed)
        return R::failure(committed);
    m_heads.insert(*ws, position);
    m_lastChains.insert(*ws, stored.chain);
    m_tails.remove(*ws);
    m_snapshotBytes.remove(*ws);
    for (const SnapshotCover &c : last.covers)
        m_origins.remove(originKey(*ws, c.origin));
    return stored;
}

Result<std::optional<StoredSnapshot>>
RelayStorage::snapshotWhere(qint64 ws, const QString &condition, const QVariantList &values)
{
    using R = Result<std::optional<StoredSnapshot>>;
    QSqlQuery q(m_connection.db());
    q.prepare(QStringLiteral("SELECT position, id, maker, parts, covers, essential, chain, "
                             "stored_at, bytes FROM snapshots WHERE ws = ? AND ") +
              condition + QStringLiteral(" LIMIT 1"));
    q.addBindValue(ws);
    for (const QVariant &v : values)
        q.addBindValue(v);
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading a snapshot")));
    if (!q.next())
        return std::optional<StoredSnapshot>();
    StoredSnapshot s;
    s.position = q.value(0).toULongLong();
    s.id = q.value(1).toByteArray();
    s.maker = q.value(2).toByteArray();
    s.parts = q.value(3).toULongLong();
    const auto covers = decodeCovers(q.value(4).toByteArray());
    s.essential = q.value(5).toInt() != 0;
    s.chain = q.value(6).toByteArray();
    s.storedAtMs = q.value(7).toLongLong();
    s.bytes = q.value(8).toLongLong();
    if (!covers || s.id.size() != 16 || s.maker.size() != 16 || s.parts < 1 ||
        s.parts > protocol::limits::kMaxSnapshotParts ||
        s.chain.size() != protocol::limits::kChainBytes)
        return R::failure(QStringLiteral("the snapshot at position %1 is damaged").arg(s.position));
    s.covers = *covers;
    return std::optional<StoredSnapshot>(s);
}

Result<std::optional<StoredSnapshot>> RelayStorage::snapshotAt(const QByteArray &workspace,
                                                               quint64 position)
{
    const auto ws = findWorkspace(workspace);
    if (!ws)
        return Result<std::optional<StoredSnapshot>>::failure(ws);
    if (!ws->has_value())
        return std::optional<StoredSnapshot>();
    return snapshotWhere(**ws, QStringLiteral("position = ?"), {static_cast<qint64>(position)});
}

Result<QList<SnapshotPart>> RelayStorage::snapshotParts(const QByteArray &workspace,
                                                        const StoredSnapshot &snapshot,
                                                        quint64 first, qint64 count)
{
    using R = Result<QList<SnapshotPart>>;
    const auto ws = findWorkspace(workspace);
    if (!ws || !ws->has_value())
        return R::failure(QStringLiteral("no such workspace"));
    if (first >= snapshot.parts)
        return R::failure(QStringLiteral("the snapshot at position %1 has no part %2")
                              .arg(snapshot.position)
                              .arg(first));
    const quint64 expected =
        count < 0 ? snapshot.parts - first
                  : std::min<quint64>(static_cast<quint64>(count), snapshot.parts - first);
    QSqlQuery q(m_connection.db());
    q.setForwardOnly(true);
    q.prepare(QStringLiteral("SELECT part, sealed, signature FROM snapshot_parts WHERE ws = ? AND "
                             "id = ? AND part >= ? ORDER BY part LIMIT ?"));
    q.addBindValue(**ws);
    q.addBindValue(snapshot.id);
    q.addBindValue(static_cast<qint64>(first));
    q.addBindValue(static_cast<qint64>(expected));
    if (!q.exec())
        return R::failure(sql::failure(q, QStringLiteral("reading a snapshot")));
    QList<SnapshotPart> parts;
    while (q.next()) {
        SnapshotPart p{snapshot.id,     q.value(0).toULongLong(), snapshot.parts,
                       snapshot.covers, q.value(1).toByteArray(), q.value(2).toByteArray()};
        if (p.part != first + static_cast<quint64>(parts.size()) || p.sealed.isEmpty() ||
            p.sealed.size() > protocol::limits::kMaxSealedDeltaBytes ||
            p.signature.size() != protocol::limits::kSignatureBytes)
            return R::failure(QStringLiteral("a part of the snapshot at position %1 is damaged")
                                  .arg(snapshot.position));
        parts.append(std::move(p));
    }
    if (static_cast<quint64>(parts.size()) != expected)
        return R::failure(
            QStringLiteral("the snapshot at position %1 lacks parts").arg(snapshot.position));
    return parts;
}

} // namespace feedback::relay
