// Everything a relay holds for one workspace, opened with the workspace's keys as a member
// would: every unit of the log (its encoded deltas) and every snapshot (its encoded state). For
// the tests that show what is gone from the relay (erased text); any unit or part that does not
// open is an error, never skipped. Header only: reads the relay's storage directly.
#pragma once

#include <QtEndian>

#include <protocol/Messages.h>
#include <support/RawDatabase.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::testsupport {

struct RelayPlaintext
{
    QList<QByteArray> units;     // each unit's encoded deltas, one entry per delta
    QList<QByteArray> snapshots; // each snapshot's encoded state
    QString error;               // the first thing that did not open
    qsizetype deltaRows = 0;

    bool contains(const QByteArray &needle) const
    {
        for (const auto *list : {&units, &snapshots})
            for (const QByteArray &plain : *list)
                if (plain.contains(needle))
                    return true;
        return false;
    }
};

// `db`: the relay's storage (RelayProcess::openStorage), relay.db or its PostgreSQL database.
inline RelayPlaintext openRelay(test::RawDatabase &db, const sync::WorkspaceKeys &keys)
{
    RelayPlaintext out;
    if (!db.isOpen()) {
        out.error = db.error();
        return out;
    }
    // A read that fails is an error, never an empty relay (which would hold no marker).
    const auto read = [&db, &out](const QString &sql, const QVariantList &binds = {}) {
        QList<QVariantList> rows;
        if (!db.exec(sql, binds, &rows) && out.error.isEmpty())
            out.error = db.error();
        return rows;
    };
    // The log: a row is `count` deltas of one origin ending at `seq`.
    for (const QVariantList &row :
         read(QStringLiteral("SELECT o.key, d.seq, d.count, d.sealed FROM deltas d JOIN origins o "
                             "ON o.id = d.origin ORDER BY d.id"))) {
        ++out.deltaRows;
        protocol::SealedDelta unit;
        unit.origin = row.at(0).toByteArray();
        unit.count = row.at(2).toULongLong();
        unit.seq = row.at(1).toULongLong() - unit.count + 1;
        unit.sealed = row.at(3).toByteArray();
        const auto opened = keys.open(unit);
        if (!opened) {
            out.error = QStringLiteral("a unit does not open: ") + opened.error();
            return out;
        }
        out.units += *opened;
    }
    // Snapshots: parts sealed with associated data (workspace, maker, id, part, parts),
    // together the inflated size (8 bytes) and one zlib stream (PROTOCOL.md, "Snapshots").
    for (const QVariantList &snapshot :
         read(QStringLiteral("SELECT ws, id, maker, parts FROM snapshots ORDER BY position"))) {
        const QByteArray id = snapshot.at(1).toByteArray();
        const QByteArray maker = snapshot.at(2).toByteArray();
        const quint64 parts = snapshot.at(3).toULongLong();
        QByteArray stream;
        quint64 seen = 0;
        for (const QVariantList &part :
             read(QStringLiteral("SELECT part, sealed FROM snapshot_parts WHERE ws = ? AND id = ? "
                                 "ORDER BY part"),
                  {snapshot.at(0), id})) {
            QByteArray ad =
                QByteArrayLiteral("courier-feedback/snapshot/1") + keys.workspaceId() + maker + id;
            for (const quint64 v : {part.at(0).toULongLong(), parts}) {
                char be[8];
                qToBigEndian(v, be);
                ad.append(be, 8);
            }
            const auto opened = keys.openPart(part.at(1).toByteArray(), ad);
            if (!opened) {
                out.error = QStringLiteral("a snapshot part does not open");
                return out;
            }
            stream += *opened;
            ++seen;
        }
        if (seen != parts || stream.size() < 9) {
            out.error = QStringLiteral("a snapshot lacks parts");
            return out;
        }
        // qUncompress reads a 4-byte size before the zlib stream.
        const quint64 size = qFromBigEndian<quint64>(stream.constData());
        QByteArray qt(4, Qt::Uninitialized);
        qToBigEndian(static_cast<quint32>(size), qt.data());
        const QByteArray plain = qUncompress(qt + stream.mid(8));
        if (plain.size() != static_cast<qsizetype>(size)) {
            out.error = QStringLiteral("a snapshot does not inflate");
            return out;
        }
        out.snapshots.append(plain);
    }
    return out; // (with the error of a failed read, if any)
}

} // namespace feedback::testsupport
