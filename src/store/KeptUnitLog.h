// The `kept_units` table: sealed, signed units this device holds to give nearby devices what
// they lack (PROTOCOL.md, "Nearby devices"): its own units, sealed once so that a peer and the
// relay get the same bytes (the relay refuses other bytes under the same seqs), and the units of
// other devices as they arrived. Kept only while nearby-device sync is on. The table is made at
// the first use, not by a schema step: a profile that used it still opens in an older build,
// which does not know it and leaves it alone. Bytes as on the wire: units are sealed already.
#pragma once

#include <QByteArray>
#include <QList>
#include <QSqlDatabase>
#include <QSqlQuery>

#include <common/Result.h>
#include <map>
#include <optional>

namespace feedback::store {

struct KeptUnit
{
    QByteArray origin; // 16 bytes
    quint64 seq = 0;   // the first seq it carries
    quint64 count = 1;
    QByteArray sealed;
    QByteArray signature;
    quint64 lastSeq() const { return seq + count - 1; }
};

class KeptUnitLog
{
public:
    // `db` is StoreDatabase's connection, which outlives this.
    explicit KeptUnitLog(QSqlDatabase &db)
        : m_db(db)
    {}

    // Keeps each unit once (by origin and last seq); a unit kept already stays as it is.
    Status keep(const QList<KeptUnit> &units, qint64 nowMs);
    // The units of `origin` that carry seqs after `afterSeq`, in seq order: at most `maxUnits`
    // and about `maxBytes` of sealed bytes (at least one unit when there is one).
    Result<QList<KeptUnit>> after(const QByteArray &origin, quint64 afterSeq, qsizetype maxUnits,
                                  qsizetype maxBytes);
    // The last seq kept of each origin.
    Result<std::map<QByteArray, quint64>> lastSeqs();
    // Drops the units kept before `ms` (nearby devices that far behind catch up at the relay).
    Result<int> dropKeptBefore(qint64 ms);

private:
    Status ensureTable();
    // Reads make no table: a profile that never kept a unit has none, and reads find nothing.
    bool tableExists();

    QSqlDatabase &m_db;
    bool m_ready = false;
    std::optional<bool> m_exists;
    QSqlQuery m_insert;
};

} // namespace feedback::store
