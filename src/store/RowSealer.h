// Seals and opens the rows of the local database. The associated data names the table, the
// row key and the row format, so a sealed value moved to another row or table fails to open.
#pragma once

#include "SecretKey.h"

#include <common/Result.h>
#include <core/FeedbackBook.h>

namespace feedback::store {

class RowSealer
{
public:
    static constexpr int kRowFormat = 1;

    explicit RowSealer(SecretKey key)
        : m_key(std::move(key))
    {}

    static QByteArray idBytes(const crdt::Dot &dot); // 16-byte replica + 8-byte counter
    static std::optional<crdt::Dot> idFromBytes(const QByteArray &bytes);
    static QByteArray replicaBytes(const ReplicaId &id);
    static std::optional<ReplicaId> replicaFromBytes(const QByteArray &bytes);

    QByteArray sealRecord(const RecordId &id, const FeedbackRecordState &state) const;
    Result<FeedbackRecordState> openRecord(const QByteArray &rowId, const QByteArray &sealed) const;
    QByteArray sealDelta(const QByteArray &table, const QByteArray &rowKey,
                         const QByteArray &encodedDelta) const;
    Result<QByteArray> openDelta(const QByteArray &table, const QByteArray &rowKey,
                                 const QByteArray &sealed) const;
    QByteArray sealMeta(const QString &key, const QByteArray &value) const;
    Result<QByteArray> openMeta(const QString &key, const QByteArray &sealed) const;
    QByteArray keyedHash(const QByteArray &data) const;

private:
    static QByteArray associatedData(const QByteArray &table, const QByteArray &rowKey);

    SecretKey m_key;
};

} // namespace feedback::store
