#include "SnapshotParts.h"

#include "DeviceList.h"

#include <QtEndian>

#include <core/BookCodec.h>
#include <protocol/SnapshotSignature.h>
#include <sodium.h>
#include <store/RowSealer.h>
#include <zlib.h>

namespace feedback::sync {

using protocol::SnapshotCover;
using protocol::SnapshotPart;

namespace {

QByteArray associatedData(const QByteArray &workspace, const QByteArray &maker,
                          const QByteArray &id, quint64 part, quint64 parts)
{
    QByteArray out = QByteArrayLiteral("courier-feedback/snapshot/1") + workspace + maker + id;
    for (quint64 v : {part, parts}) {
        char be[8];
        qToBigEndian(v, be);
        out.append(be, 8);
    }
    return out;
}

// The inflated size (8 bytes, big-endian), then one zlib stream. Level 5: a heal makes its
// snapshot while the devices wait. On 100,000 records edited five times (32 MB of state), level
// 1 took 0.24 s for 108 bytes a record, 5 takes 0.55 s for 85 (the relay keeps it, and every
// catch-up receives it), 6 takes 1.1 s for 82.
Result<QByteArray> deflated(const QByteArray &plain)
{
    uLongf bound = compressBound(static_cast<uLong>(plain.size()));
    QByteArray out(8 + static_cast<qsizetype>(bound), Qt::Uninitialized);
    qToBigEndian(static_cast<quint64>(plain.size()), out.data());
    if (compress2(reinterpret_cast<Bytef *>(out.data() + 8), &bound,
                  reinterpret_cast<const Bytef *>(plain.constData()),
                  static_cast<uLong>(plain.size()), 5) != Z_OK)
        return Result<QByteArray>::failure(QStringLiteral("cannot compress the snapshot"));
    out.resize(8 + static_cast<qsizetype>(bound));
    return out;
}

Result<QByteArray> inflated(const QByteArray &stream)
{
    using R = Result<QByteArray>;
    if (stream.size() < 9)
        return R::failure(QStringLiteral("a snapshot too short"));
    const quint64 size = qFromBigEndian<quint64>(stream.constData());
    if (size == 0 || size > snapshots::kMaxStateBytes)
        return R::failure(QStringLiteral("a snapshot declaring %1 bytes").arg(size));
    QByteArray out(static_cast<qsizetype>(size), Qt::Uninitialized);
    uLongf written = static_cast<uLongf>(size);
    uLong read = static_cast<uLong>(stream.size() - 8);
    // Into the declared size and no further; the stream must end exactly there.
    if (uncompress2(reinterpret_cast<Bytef *>(out.data()), &written,
                    reinterpret_cast<const Bytef *>(stream.constData() + 8), &read) != Z_OK ||
        written != size || read != static_cast<uLong>(stream.size() - 8))
        return R::failure(QStringLiteral("a snapshot that does not inflate to its size"));
    return out;
}

} // namespace

QList<SnapshotCover> snapshots::coversOf(const crdt::CausalContext &context)
{
    QList<SnapshotCover> out;
    for (const auto &[replica, max] : context.versionVector()) {
        Q_UNUSED(max);
        if (const std::uint64_t upTo = context.contiguous(replica); upTo > 0)
            out.append(SnapshotCover{store::RowSealer::replicaBytes(replica), upTo});
    }
    std::sort(out.begin(), out.end(),
              [](const SnapshotCover &a, const SnapshotCover &b) { return a.origin < b.origin; });
    return out;
}

Result<QList<SnapshotPart>> snapshots::make(const BookMap &state, const WorkspaceKeys &keys,
                                            const QByteArray &maker, const QByteArray &signingKey)
{
    using R = Result<QList<SnapshotPart>>;
    if (!keys.canRead())
        return R::failure(QStringLiteral("a kiosk makes no snapshot"));
    const Result<QByteArray> stream = deflated(BookCodec::encodeState(state));
    if (!stream)
        return R::failure(stream);
    const quint64 parts = static_cast<quint64>((stream->size() + kPartBytes - 1) / kPartBytes);
    if (parts > protocol::limits::kMaxSnapshotParts)
        return R::failure(QStringLiteral("the state is too large for one snapshot (%1 parts, "
                                         "at most %2)")
                              .arg(parts)
                              .arg(protocol::limits::kMaxSnapshotParts));
    QByteArray id(16, Qt::Uninitialized);
    randombytes_buf(id.data(), static_cast<size_t>(id.size()));
    const QList<SnapshotCover> covers = coversOf(state.context());
    if (covers.size() > protocol::limits::kMaxSnapshotOrigins)
        return R::failure(QStringLiteral("the state has more origins than a snapshot covers"));
    QList<SnapshotPart> out;
    for (quint64 i = 0; i < parts; ++i) {
        SnapshotPart part{id, i, parts, covers, {}, {}};
        part.sealed = keys.sealPart(stream->mid(static_cast<qsizetype>(i) * kPartBytes, kPartBytes),
                                    associatedData(keys.workspaceId(), maker, id, i, parts));
        part.signature =
            protocol::snapshotsignature::sign(signingKey, keys.workspaceId(), maker, part);
        if (part.signature.isEmpty())
            return R::failure(QStringLiteral("no device key to sign the snapshot with"));
        out.append(std::move(part));
    }
    return out;
}

void SnapshotReader::reset()
{
    m_parts.clear();
    m_first.reset();
}

Result<std::optional<BookMap>> SnapshotReader::add(const protocol::SnapshotData &data)
{
    using R = Result<std::optional<BookMap>>;
    auto refuse = [this](const QString &why) {
        reset();
        return R::failure(QStringLiteral("a snapshot was set aside: ") + why);
    };
    const SnapshotPart &part = data.part;
    // Another snapshot than the one begun: what was begun will not be finished.
    if (m_first && m_first->position != data.position)
        reset();
    if (part.part != static_cast<quint64>(m_parts.size()) ||
        (m_first && (m_first->position != data.position || m_first->maker != data.maker ||
                     m_first->part.id != part.id || m_first->part.parts != part.parts ||
                     m_first->part.covers != part.covers)))
        return refuse(QStringLiteral("its parts came out of order"));
    const DeviceList::Device *maker = m_devices.find(data.maker);
    if (!maker || maker->certificate.role != protocol::Role::Full)
        return refuse(QStringLiteral("its maker is not a full device of the workspace"));
    if (!protocol::snapshotsignature::verify(maker->certificate.publicKey, m_keys.workspaceId(),
                                             data.maker, part))
        return refuse(QStringLiteral("a part's signature does not verify"));
    std::optional<QByteArray> opened =
        m_keys.openPart(part.sealed, associatedData(m_keys.workspaceId(), data.maker, part.id,
                                                    part.part, part.parts));
    if (!opened)
        return refuse(QStringLiteral("a part does not open with this workspace's keys"));
    if (!m_first) {
        m_first = data;
        m_first->part.sealed.clear();
    }
    m_parts.append(std::move(*opened));
    if (static_cast<quint64>(m_parts.size()) < part.parts)
        return std::optional<BookMap>();
    Result<BookMap> state = assemble();
    reset();
    if (!state)
        return R::failure(QStringLiteral("a snapshot was set aside: ") + state.error());
    return std::optional<BookMap>(std::move(*state));
}

Result<BookMap> SnapshotReader::assemble() const
{
    QByteArray stream;
    for (const QByteArray &p : m_parts)
        stream += p;
    const Result<QByteArray> plain = inflated(stream);
    if (!plain)
        return Result<BookMap>::failure(plain);
    Result<BookMap> state = BookCodec::decodeState(*plain);
    if (!state)
        return Result<BookMap>::failureOf(state, QStringLiteral("its state does not decode: "));
    // The relay counts the covers as stored: they must be exactly what the state holds.
    if (snapshots::coversOf(state->context()) != m_first->part.covers)
        return Result<BookMap>::failure(
            QStringLiteral("what it claims to cover is not what its state holds"));
    return state;
}

} // namespace feedback::sync
