// A test-only "next version" of BookCodec's format 1: it writes and reads deltas, states and
// record rows by hand, with what a newer release could add without a format version bump
// (PROTOCOL.md, "Compatibility"):
//   - field 20 "language", a register set at creation (a record-level field);
//   - field 21 "dueBy", a register a dispatcher sets with the follow-up status (a field of the
//     dispatcher block);
//   - a photo reference appended to a note: [author, text, {0: photo}];
//   - the reason code "photo_missing", which no catalog of this version holds.
// It also writes any field value the current version refuses (too long, control characters),
// as a hostile or buggy device could.
#pragma once

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QList>
#include <QString>

#include <utility>

namespace feedback::nextversion {

constexpr qint64 kLanguage = 20;
constexpr qint64 kDueBy = 21;
const QString kNewReason = QStringLiteral("photo_missing");

// A leaf of a delta: entries [mintedIndex, value] (or minted indexes, for flags and reasons)
// and the extra context dots it overwrites, as [replicaIndex, counter].
inline QCborArray leaf(const QCborArray &entries, const QCborArray &context = {})
{
    return {entries, context};
}
inline QCborArray valueLeaf(const QCborValue &value, const QCborArray &context = {})
{
    return leaf(QCborArray{QCborArray{0, value}}, context); // written by minted dot 0
}
inline QCborArray dotRef(qint64 replicaIndex, qint64 counter)
{
    return {replicaIndex, counter};
}

// One delta by hand: a replica table, minted dots and records with any fields.
class DeltaWriter
{
public:
    explicit DeltaWriter(QList<QByteArray> replicas)
    {
        for (const QByteArray &r : replicas)
            m_replicas.append(r);
    }
    // Mints dot (replicas[replicaIndex], counter) stamped `hlc`; returns its minted index.
    qint64 mint(qint64 replicaIndex, qint64 counter, qint64 hlc)
    {
        m_minted.append(QCborArray{replicaIndex, counter, hlc});
        return m_minted.size() - 1;
    }
    // A record named by a minted index (its creation) or by [replicaIndex, counter].
    DeltaWriter &record(const QCborValue &id, const QCborMap &fields)
    {
        m_records.append(QCborArray{id, fields});
        return *this;
    }
    QByteArray bytes(qint64 version = 1) const
    {
        return QCborValue(QCborArray{version, 0, m_replicas, m_minted, m_records}).toCbor();
    }

private:
    QCborArray m_replicas;
    QCborArray m_minted;
    QCborArray m_records;
};

inline QCborMap photoNote(const QString &photo)
{
    return QCborMap{{0, photo}};
}

// What the next version writes when a kiosk creates a record: one dot, every field.
inline QByteArray creation(const QByteArray &replica, qint64 counter, qint64 hlc,
                           const QString &order, const QString &language)
{
    DeltaWriter w({replica});
    const qint64 dot = w.mint(0, counter, hlc);
    w.record(dot, QCborMap{{0, QCborArray{order, 7}},
                           {1, valueLeaf(2)},
                           {3, valueLeaf(false)},
                           {4, valueLeaf(true)},
                           {8, QCborMap{{QStringLiteral("late"), leaf(QCborArray{0})},
                                        {kNewReason, leaf(QCborArray{0})}}},
                           {kLanguage, valueLeaf(language)}});
    return w.bytes();
}

// What the next version writes when a dispatcher takes the record (`origin`, `created`) in
// hand: status "in progress", a due date and a note with a photo, one dot.
inline QByteArray followUp(const QByteArray &writer, qint64 counter, qint64 hlc,
                           const QByteArray &origin, qint64 created, qint64 dueBy,
                           const QString &photo)
{
    DeltaWriter w(writer == origin ? QList<QByteArray>{writer} : QList<QByteArray>{writer, origin});
    w.mint(0, counter, hlc);
    const QCborArray note{QStringLiteral("Ann"), QStringLiteral("Called the customer"),
                          photoNote(photo)};
    w.record(dotRef(writer == origin ? 0 : 1, created),
             QCborMap{{5, valueLeaf(1)}, {kDueBy, valueLeaf(dueBy)}, {9, valueLeaf(note)}});
    return w.bytes();
}

// The next version overwriting the language it has seen (`seen`: [replicaIndex, counter] dots
// of the values it replaces, in `replicas`' numbering).
inline QByteArray setLanguage(const QList<QByteArray> &replicas, qint64 writer, qint64 counter,
                              qint64 hlc, const QCborValue &record, const QString &language,
                              const QCborArray &seen)
{
    DeltaWriter w(replicas);
    w.mint(writer, counter, hlc);
    w.record(record, QCborMap{{kLanguage, valueLeaf(language, seen)}});
    return w.bytes();
}

// What the next version reads back of one record, whichever encoding holds it.
struct Record
{
    QList<QCborValue> languages; // every concurrent value
    QList<QCborValue> dueBy;
    QList<QCborValue> notePhotos; // the items after [author, text] of each note
    QStringList reasons;
    bool operator==(const Record &) const = default;
};

namespace detail {
// Values of a field's entries: [index, value] in a delta leaf, [replica, counter, hlc, value]
// or [value] (written by the record's own creation) in a state or a row.
inline QList<QCborValue> values(const QCborValue &field, bool delta)
{
    QList<QCborValue> out;
    const QCborArray entries = delta ? field.toArray().at(0).toArray() : field.toArray();
    for (const QCborValue &e : entries)
        out.append(e.toArray().last());
    return out;
}
} // namespace detail

// `encoded`: a delta, a state or a record row of format 1; reads the record at `index`.
inline Record read(const QByteArray &encoded, qsizetype index = 0)
{
    const QCborArray top = QCborValue::fromCbor(encoded).toArray();
    const qint64 kind = top.at(1).toInteger();
    const bool delta = kind == 0;
    const QCborMap fields =
        kind == 2 ? top.at(3).toMap() : top.at(4).toArray().at(index).toArray().at(1).toMap();
    Record r;
    r.languages = detail::values(fields.value(kLanguage), delta);
    r.dueBy = detail::values(fields.value(kDueBy), delta);
    for (const QCborValue &note : detail::values(fields.value(9), delta))
        r.notePhotos.append(note.toArray().at(2));
    const QCborMap reasons = fields.value(8).toMap();
    for (auto it = reasons.constBegin(); it != reasons.constEnd(); ++it)
        r.reasons.append(it.key().toString());
    r.reasons.sort();
    return r;
}

} // namespace feedback::nextversion
