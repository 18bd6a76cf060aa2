#include "BookCodec.h"

#include "ParallelFor.h"
#include "RecordFieldCodec.h"

#include <common/CborSlices.h>
#include <common/CborWriter.h>
#include <limits>
#include <map>

namespace feedback {

namespace {

constexpr qint64 kKindDelta = 0;
constexpr qint64 kKindState = 1;
constexpr qint64 kKindRecord = 2;
constexpr qint64 kKindContext = 3;

// The HLC of each minted dot, taken from the entries it wrote (0 when it wrote no value).
bool collectStamps(const BookDelta &delta, std::map<crdt::Dot, Hlc> &stamps)
{
    bool consistent = true;
    auto note = [&](const crdt::Dot &dot, Hlc at) {
        const auto [it, inserted] = stamps.try_emplace(dot, at);
        consistent = consistent && (inserted || it->second == at);
    };
    for (const auto &[id, record] : delta.entries) {
        if (record.creation)
            note(id, record.creation->createdAt);
        record.forEachLeaf([&](const auto &leaf) {
            if constexpr (!std::is_same_v<std::remove_cvref_t<decltype(leaf.store)>, crdt::DotSet>)
                for (const auto &[dot, stamped] : leaf.store)
                    note(dot, stamped.at);
        });
    }
    return consistent;
}

// Checked before any parsing: the size cap is what bounds a decoder's work.
Status sizeWithin(const QByteArray &bytes, qsizetype maxBytes, const char *what)
{
    if (bytes.size() <= maxBytes)
        return Ok{};
    return Status::failure(QStringLiteral("%1: %2 bytes exceed the limit %3")
                               .arg(QLatin1String(what))
                               .arg(bytes.size())
                               .arg(maxBytes),
                           ErrorKind::BadData);
}

template <class T> Result<T> failed(const CborInput &in, const char *what)
{
    return Result<T>::failure(QLatin1String(what) + QStringLiteral(": ") + in.error(),
                              in.errorKind());
}

// The version comes first and is checked first: a newer format may change everything after
// it, the number of items included. Leaves `in` inside the top-level array, at its third item.
bool readHeader(CborReader &in, qint64 kind, qsizetype items = 5)
{
    quint64 version = 0;
    quint64 actualKind = 0;
    qsizetype size = 0;
    // The bound only keeps the count sane: a newer format may have more items.
    if (!in.enterArray(1 << 20, size, "top") || size == 0)
        return in.fail(QStringLiteral("expected a %1-item array").arg(items));
    if (!in.uint(std::numeric_limits<quint32>::max(), version, "format version"))
        return false;
    if (version > quint64(BookCodec::kFormatVersion))
        return in.fail(QStringLiteral("update required (format version %1; this version reads up "
                                      "to %2)")
                           .arg(version)
                           .arg(BookCodec::kFormatVersion),
                       ErrorKind::UpdateRequired);
    if (version != BookCodec::kFormatVersion)
        return in.fail(QStringLiteral("format version %1 is not supported (this program reads %2)")
                           .arg(version)
                           .arg(BookCodec::kFormatVersion));
    if (size != -1 && size != items)
        return in.fail(QStringLiteral("expected a %1-item array").arg(items));
    if (!in.uint(3, actualKind, "kind") || actualKind != static_cast<quint64>(kind))
        return in.fail(QStringLiteral("wrong kind of data"));
    return true;
}

// Closes the top-level array, which must be all of the bytes.
bool readEnd(CborReader &in)
{
    if (!in.leave("top"))
        return in.fail(QStringLiteral("more items than expected"));
    return in.atEnd() || in.fail(QStringLiteral("trailing bytes after the value"));
}

void writeContext(CborWriter &w, const crdt::CausalContext &context, DotTable &table)
{
    w.startArray(2);
    w.startArray(context.versionVector().size());
    for (const auto &[replica, counter] : context.versionVector())
        table.writeDotRef(w, crdt::Dot{replica, counter});
    w.endArray();
    w.startArray(context.cloud().size());
    for (const crdt::Dot &d : context.cloud())
        table.writeDotRef(w, d);
    w.endArray();
    w.endArray();
}

// Every encoding starts [version, kind, replica table, ...]; the replica table is complete only
// once the rest was written (dots register their replica as they are written). So the rest is
// written first into `body`, and the head goes before it: CBOR items simply follow each other.
QByteArray withHead(qint64 kind, quint64 items, const DotTable &table, const QByteArray &body,
                    bool withMinted = false)
{
    QByteArray out;
    out.reserve(body.size() + 64);
    CborWriter w(out);
    w.startArray(items);
    w.append(qint64(BookCodec::kFormatVersion));
    w.append(kind);
    table.writeReplicaTable(w);
    if (withMinted)
        table.writeMintedTable(w);
    // The top-level array is left open on purpose: `body` holds its remaining items.
    return out + body;
}

bool decodeContextWith(CborReader &in, const DotTable &table, crdt::CausalContext &ctx)
{
    qsizetype size = 0;
    if (!in.enterTuple(2, "context") ||
        !in.enterArray(codec_limits::kMaxReplicas, size, "version vector"))
        return in.fail(QStringLiteral("context: expected [version vector, cloud]"));
    while (in.hasNext()) {
        crdt::Dot d;
        if (table.readDot(in, d))
            ctx.insertUpTo(d.replica, d.counter);
    }
    if (!in.leave("version vector") || !in.enterArray(codec_limits::kMaxCloud, size, "dot cloud"))
        return in.fail(QStringLiteral("context: expected [version vector, cloud]"));
    while (in.hasNext()) {
        crdt::Dot d;
        if (table.readDot(in, d))
            ctx.insert(d);
    }
    return in.leave("dot cloud") && in.leave("context");
}

// One [id, fields] item of a state's records, each of whose dots the context must hold.
// `table` is shared by the threads: a state's table has no home (DotTable::setHome), so reading
// a record only reads it.
bool decodeStateRecord(CborInput &chunk, QByteArrayView bytes, DotTable &table,
                       const crdt::CausalContext &ctx,
                       std::pair<RecordId, FeedbackRecordState> &out)
{
    CborReader in(bytes);
    if (!in.enterTuple(2, "record") || !table.readDot(in, out.first) ||
        !RecordFieldCodec::decodeState(in, table, TextRules::Enforce, out.second) ||
        !in.leave("record"))
        return chunk.fail(in.error(), in.errorKind());
    bool covered = ctx.contains(out.first);
    out.second.forEachDot([&](const crdt::Dot &d) { covered = covered && ctx.contains(d); });
    return covered || chunk.fail(QStringLiteral("record: holds a dot outside the context"));
}

} // namespace

Result<QByteArray> BookCodec::encodeDelta(const BookDelta &delta)
{
    std::map<crdt::Dot, Hlc> stamps;
    if (!collectStamps(delta, stamps))
        return Result<QByteArray>::failure(QStringLiteral("delta: one dot with two timestamps"));
    DotTable table(false);
    for (const crdt::Dot &dot : delta.minted) {
        const auto it = stamps.find(dot);
        table.addMinted(dot, it == stamps.end() ? 0 : it->second);
    }
    QByteArray records;
    {
        CborWriter w(records);
        w.startArray(delta.entries.size());
        for (const auto &[id, record] : delta.entries) {
            w.startArray(2);
            table.writeDotRef(w, id);
            if (!RecordFieldCodec::writeDelta(w, record, table))
                return Result<QByteArray>::failure(
                    QStringLiteral("delta: an entry names a dot it did not mint"));
            w.endArray();
        }
        w.endArray();
    }
    return withHead(kKindDelta, 5, table, records, true);
}

Result<BookDelta> BookCodec::decodeDelta(const QByteArray &bytes)
{
    if (Status s = sizeWithin(bytes, codec_limits::kMaxDeltaBytes, "delta"); !s)
        return Result<BookDelta>::failure(s);
    CborReader in(bytes);
    qsizetype size = 0;
    DotTable table(false);
    BookDelta delta;
    if (readHeader(in, kKindDelta) && table.readReplicaTable(in) && table.readMintedTable(in) &&
        in.enterArray(codec_limits::kMaxRecords, size, "records")) {
        if (table.minted().empty())
            in.fail(QStringLiteral("delta: no minted dot"));
        for (const auto &[dot, at] : table.minted())
            delta.minted.insert(dot);
        while (in.hasNext()) {
            crdt::Dot id;
            FeedbackRecordState::Delta record;
            if (!in.enterTuple(2, "record"))
                in.fail(QStringLiteral("record: expected [id, fields]"));
            else if (table.readDotRef(in, id) &&
                     RecordFieldCodec::decodeDelta(in, table, id, record) && in.leave("record")) {
                if (record.empty())
                    in.fail(QStringLiteral("record: empty delta"));
                else if (!delta.entries.emplace(id, std::move(record)).second)
                    in.fail(QStringLiteral("record: duplicate id"));
            }
        }
        if (in.leave("records"))
            readEnd(in);
    }
    if (in.failed())
        return failed<BookDelta>(in, "delta");
    return delta;
}

QByteArray BookCodec::encodeState(const BookMap &state)
{
    DotTable table(true);
    QByteArray body;
    {
        CborWriter w(body);
        writeContext(w, state.context(), table);
        w.startArray(state.entries().size());
        for (const auto &[id, record] : state.entries()) {
            w.startArray(2);
            table.writeDotRef(w, id);
            RecordFieldCodec::writeState(w, record, table);
            w.endArray();
        }
        w.endArray();
    }
    return withHead(kKindState, 5, table, body);
}

Result<BookMap> BookCodec::decodeState(const QByteArray &bytes)
{
    using R = Result<BookMap>;
    if (Status s = sizeWithin(bytes, codec_limits::kMaxStateBytes, "state"); !s)
        return R::failure(s);
    // Split rather than parsed whole (CborSlices.h): each record is parsed and checked on its
    // own, on several threads. A newer format may have more items; the version says so first.
    constexpr qsizetype kRecordsItem = 4;
    const auto slices =
        cborslices::split(bytes, 64, kRecordsItem, codec_limits::kMaxRecords, "state");
    if (!slices)
        return R::failureOf(slices);
    CborReader in(bytes);
    DotTable table(true);
    BookMap state;
    crdt::CausalContext &ctx = state.restoreContext();
    if (!readHeader(in, kKindState) || !table.readReplicaTable(in) ||
        !decodeContextWith(in, table, ctx))
        return failed<BookMap>(in, "state");
    if (slices->items.size() != 5) // the header gave no length; the split counted them
        return R::failure(QStringLiteral("state: expected a 5-item array"));
    if (!slices->innerIsArray)
        return R::failure(QStringLiteral("state: records: expected an array"));
    const std::vector<QByteArrayView> &records = slices->inner;
    constexpr std::size_t kChunk = 512;
    const std::size_t chunks = (records.size() + kChunk - 1) / kChunk;
    std::vector<std::pair<RecordId, FeedbackRecordState>> decoded(records.size());
    std::vector<CborInput> inputs(chunks);
    parallelFor(chunks, 8, [&](std::size_t chunk) {
        CborInput &chunkIn = inputs[chunk];
        const std::size_t end = std::min(records.size(), (chunk + 1) * kChunk);
        for (std::size_t i = chunk * kChunk; i < end && !chunkIn.failed(); ++i)
            decodeStateRecord(chunkIn, records[i], table, ctx, decoded[i]);
    });
    for (const CborInput &chunkIn : inputs) {
        if (chunkIn.failed())
            return failed<BookMap>(chunkIn, "state");
    }
    for (auto &[id, record] : decoded) {
        if (state.restoreLast(id, std::move(record)))
            continue; // in order, as every release writes them
        if (state.find(id))
            return R::failure(QStringLiteral("state: record: duplicate id"));
        state.restoreEntry(id) = std::move(record);
    }
    return state;
}

QByteArray BookCodec::encodeRecord(const RecordId &id, const FeedbackRecordState &record)
{
    DotTable table(true);
    table.setHome(id, record.creation ? record.creation->createdAt : 0);
    QByteArray fields;
    {
        CborWriter w(fields);
        RecordFieldCodec::writeState(w, record, table);
    }
    return withHead(kKindRecord, 4, table, fields);
}

Result<FeedbackRecordState> BookCodec::decodeRecord(const RecordId &id, const QByteArray &bytes)
{
    using R = Result<FeedbackRecordState>;
    if (Status s = sizeWithin(bytes, codec_limits::kMaxRecordBytes, "record"); !s)
        return R::failure(s);
    CborReader in(bytes);
    DotTable table(true);
    FeedbackRecordState out;
    // The creation's timestamp is the stamp of every entry the creation wrote; the table learns
    // it from the creation, the first field.
    table.setHome(id);
    // A row holds what this program checked when it came in (TextRules).
    if (readHeader(in, kKindRecord, 4) && table.readReplicaTable(in) &&
        RecordFieldCodec::decodeState(in, table, TextRules::LengthOnly, out) && readEnd(in))
        return out;
    return failed<FeedbackRecordState>(in, "record");
}

QByteArray BookCodec::encodeContext(const crdt::CausalContext &context)
{
    DotTable table(true);
    QByteArray body;
    {
        CborWriter w(body);
        writeContext(w, context, table);
    }
    return withHead(kKindContext, 4, table, body);
}

Result<crdt::CausalContext> BookCodec::decodeContext(const QByteArray &bytes)
{
    if (Status s = sizeWithin(bytes, codec_limits::kMaxStateBytes, "context"); !s)
        return Result<crdt::CausalContext>::failure(s);
    CborReader in(bytes);
    DotTable table(true);
    crdt::CausalContext ctx;
    if (readHeader(in, kKindContext, 4) && table.readReplicaTable(in) &&
        decodeContextWith(in, table, ctx) && readEnd(in))
        return ctx;
    return failed<crdt::CausalContext>(in, "context");
}

} // namespace feedback
