// Moves one field key of every record in an encoded delta or state (records [[id, fields]...] at
// index 4): how a test plays a device of the previous version, which finds a field it does not
// know under an unknown key, and how it reads back what such a device wrote.
#pragma once

#include <QCborArray>
#include <QCborMap>
#include <QCborValue>

namespace feedback::test {

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
