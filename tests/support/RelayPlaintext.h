// Everything a relay holds for one workspace, opened with the workspace's keys as a member
// would: every unit of the log (its encoded deltas) and every snapshot (its encoded state). For
// the tests that show what is gone from the relay (erased text); any unit or part that does not
// open is an error, never skipped. Header only: reads relay.db directly.
#pragma once

#include <QSqlDatabase>
#include <QSqlQuery>
#include <QUuid>
#include <QtEndian>

#include <protocol/Messages.h>
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

inline RelayPlaintext openRelay(const QString &relayDb, const sync::WorkspaceKeys &keys)
{
    RelayPlaintext out;
    const QString name = QUuid::createUuid().toString();
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(relayDb);
        db.setConnectOptions(QStringLiteral("QSQLITE_OPEN_READONLY"));
        if (!db.open()) {
            out.error = QStringLiteral("cannot open ") + relayDb;
            return out;
        }
        // The log: a row is `count` deltas of one origin ending at `seq`.
        QSqlQuery q(db);
        q.exec(QStringLiteral("SELECT o.key, d.seq, d.count, d.sealed FROM deltas d JOIN origins "
                              "o ON o.id = d.origin ORDER BY d.id"));
        while (q.next() && out.error.isEmpty()) {
            ++out.deltaRows;
            protocol::SealedDelta unit;
            unit.origin = q.value(0).toByteArray();
            unit.count = q.value(2).toULongLong();
            unit.seq = q.value(1).toULongLong() - unit.count + 1;
            unit.sealed = q.value(3).toByteArray();
            const auto opened = keys.open(unit);
            if (!opened)
                out.error = QStringLiteral("a unit does not open: ") + opened.error();
            else
                out.units += *opened;
        }
        // Snapshots: parts sealed with associated data (workspace, maker, id, part, parts),
        // together the inflated size (8 bytes) and one zlib stream (PROTOCOL.md, "Snapshots").
        QSqlQuery s(db);
        s.exec(QStringLiteral("SELECT ws, id, maker, parts FROM snapshots ORDER BY position"));
        while (s.next() && out.error.isEmpty()) {
            const QByteArray id = s.value(1).toByteArray();
            const QByteArray maker = s.value(2).toByteArray();
            const quint64 parts = s.value(3).toULongLong();
            QSqlQuery p(db);
            p.prepare(QStringLiteral("SELECT part, sealed FROM snapshot_parts WHERE ws = ? AND "
                                     "id = ? ORDER BY part"));
            p.addBindValue(s.value(0));
            p.addBindValue(id);
            p.exec();
            QByteArray stream;
            quint64 seen = 0;
            while (p.next()) {
                QByteArray ad = QByteArrayLiteral("courier-feedback/snapshot/1") +
                                keys.workspaceId() + maker + id;
                for (const quint64 v : {p.value(0).toULongLong(), parts}) {
                    char be[8];
                    qToBigEndian(v, be);
                    ad.append(be, 8);
                }
                const auto opened = keys.openPart(p.value(1).toByteArray(), ad);
                if (!opened) {
                    out.error = QStringLiteral("a snapshot part does not open");
                    break;
                }
                stream += *opened;
                ++seen;
            }
            if (!out.error.isEmpty())
                break;
            if (seen != parts || stream.size() < 9) {
                out.error = QStringLiteral("a snapshot lacks parts");
                break;
            }
            // qUncompress reads a 4-byte size before the zlib stream.
            const quint64 size = qFromBigEndian<quint64>(stream.constData());
            QByteArray qt(4, Qt::Uninitialized);
            qToBigEndian(static_cast<quint32>(size), qt.data());
            const QByteArray plain = qUncompress(qt + stream.mid(8));
            if (plain.size() != static_cast<qsizetype>(size))
                out.error = QStringLiteral("a snapshot does not inflate");
            else
                out.snapshots.append(plain);
        }
    }
    QSqlDatabase::removeDatabase(name);
    return out;
}

} // namespace feedback::testsupport
