// What the record codec tests share: a local delta as another device receives it, and a field
// key moved, as a device of the previous version finds a field it does not know.
#pragma once

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>
#include <QDebug>

#include <core/BookCodec.h>

namespace feedback::test {

// A delta through the codec, as it arrives elsewhere (empty, with a warning, if it does not
// decode).
inline BookDelta wire(const Result<BookDelta> &delta)
{
    const auto decoded = BookCodec::decodeDelta(*BookCodec::encodeDelta(*delta));
    if (!decoded)
        qWarning().noquote() << "decode failed:" << decoded.error();
    return decoded ? *decoded : BookDelta{};
}

// Moves one field key of every record in an encoded delta or state (records [[id, fields]...] at
// index 4): a device of the previous version finds the field under an unknown key, and what
// such a device wrote is read back by moving it again.

inline QByteArray moveFieldKey(const QByteArray &encoded, qint64 from, qint64 to)
{
    QCborArray top = QCborValue::fromCbor(encoded).toArray();
    QCborArray records = top.at(4).toArray();
    for (qsizetype i = 0; i < records.size(); ++i) {
        QCborArray record = records.at(i).toArray();
        const QCborMap fields = record.at(1).toMap();
        QCborMap out;
        for (auto it = fields.constBegin(); it != fields.constEnd(); ++it) {
            const qint64 key = it.key().toInteger();
            out.insert(key == from ? to : key, it.value());
        }
        record[1] = out;
        records[i] = record;
    }
    top[4] = records;
    return QCborValue(top).toCbor();
}

} // namespace feedback::test
