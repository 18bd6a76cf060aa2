#include "RowSealer.h"

#include "Sealer.h"

#include <QtEndian>

#include <core/BookCodec.h>

namespace feedback::store {

QByteArray RowSealer::replicaBytes(const ReplicaId &id)
{
    QByteArray out(16, Qt::Uninitialized);
    qToBigEndian(id.hi, out.data());
    qToBigEndian(id.lo, out.data() + 8);
    return out;
}

std::optional<ReplicaId> RowSealer::replicaFromBytes(const QByteArray &bytes)
{
    if (bytes.size() != 16)
        return std::nullopt;
    ReplicaId id{qFromBigEndian<quint64>(bytes.constData()),
                 qFromBigEndian<quint64>(bytes.constData() + 8)};
    if (id.isNull())
        return std::nullopt;
    return id;
}

QByteArray RowSealer::idBytes(const crdt::Dot &dot)
{
    QByteArray out = replicaBytes(dot.replica);
    out.resize(24);
    qToBigEndian(dot.counter, out.data() + 16);
    return out;
}

std::optional<crdt::Dot> RowSealer::idFromBytes(const QByteArray &bytes)
{
    if (bytes.size() != 24)
        return std::nullopt;
    const auto replica = replicaFromBytes(bytes.left(16));
    const quint64 counter = qFromBigEndian<quint64>(bytes.constData() + 16);
    if (!replica || counter == 0)
        return std::nullopt;
    return crdt::Dot{*replica, counter};
}

QByteArray RowSealer::associatedData(const QByteArray &table, const QByteArray &rowKey)
{
    return QByteArrayLiteral("courier-feedback/") + QByteArray::number(kRowFormat) + '/' + table +
           '/' + rowKey;
}

QByteArray RowSealer::sealRecord(const RecordId &id, const FeedbackRecordState &state) const
{
    const QByteArray key = idBytes(id);
    return Sealer::seal(m_key, BookCodec::encodeRecord(id, state),
                        associatedData(QByteArrayLiteral("records"), key));
}

Result<FeedbackRecordState> RowSealer::openRecord(const QByteArray &rowId,
                                                  const QByteArray &sealed) const
{
    const auto plain =
        Sealer::open(m_key, sealed, associatedData(QByteArrayLiteral("records"), rowId));
    if (!plain)
        return Result<FeedbackRecordState>::failure(plain);
    const auto id = idFromBytes(rowId);
    if (!id)
        return Result<FeedbackRecordState>::failure(QStringLiteral("bad row key"));
    return BookCodec::decodeRecord(*id, *plain);
}

QByteArray RowSealer::sealDelta(const QByteArray &table, const QByteArray &rowKey,
                                const QByteArray &encodedDelta) const
{
    return Sealer::seal(m_key, encodedDelta, associatedData(table, rowKey));
}

Result<QByteArray> RowSealer::openDelta(const QByteArray &table, const QByteArray &rowKey,
                                        const QByteArray &sealed) const
{
    return Sealer::open(m_key, sealed, associatedData(table, rowKey));
}

QByteArray RowSealer::sealMeta(const QString &key, const QByteArray &value) const
{
    return Sealer::seal(m_key, value, associatedData(QByteArrayLiteral("meta"), key.toUtf8()));
}

Result<QByteArray> RowSealer::openMeta(const QString &key, const QByteArray &sealed) const
{
    return Sealer::open(m_key, sealed, associatedData(QByteArrayLiteral("meta"), key.toUtf8()));
}

QByteArray RowSealer::keyedHash(const QByteArray &data) const
{
    return Sealer::keyedHash(m_key, data);
}

} // namespace feedback::store
