#include "BookCodec.h"

#include "ParallelFor.h"
#include "RecordFieldCodec.h"

#include <QCborStreamReader>
#include <QCborStreamWriter>

#include <common/CborSlices.h>
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

Result<QCborValue> parse(const QByteArray &bytes, qsizetype maxBytes, const char *what)
{
    using R = Result<QCborValue>;
    if (Status s = sizeWithin(bytes, maxBytes, what); !s)
        return R::failure(s);
    QCborStreamReader reader(bytes);
    QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return R::failure(QStringLiteral("%1: malformed CBOR (%2)")
                              .arg(QLatin1String(what), reader.lastError().toString()),
                          ErrorKind::BadData);
    if (reader.currentOffset() != bytes.size())
        return R::failure(
            QStringLiteral("%1: trailing bytes after the value").arg(QLatin1String(what)),
            ErrorKind::BadData);
    return value;
}

template <class T> Result<T> failed(const CborInput &in, const char *what)
{
    return Result<T>::failure(QLatin1String(what) + QStringLiteral(": ") + in.error(),
                              in.errorKind());
}

// The version comes first and is checked first: a newer format may change everything after
// it, the number of items included.
bool readHeader(CborInput &in, const QCborValue &root, qint64 kind, QCborArray &top,
                qsizetype items = 5)
{
    quint64 version = 0;
    quint64 actualKind = 0;
    if (!root.isArray() || root.toArray().isEmpty())
        return in.fail(QStringLiteral("expected a %1-item array").arg(items));
    top = root.toArray();
    if (!in.uint(top.at(0), std::numeric_limits<quint32>::max(), version, "format version"))
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
    if (top.size() != items)
        return in.fail(QStringLiteral("expected a %1-item array").arg(items));
    if (!in.uint(top.at(1), 3, actualKind, "kind") || actualKind != static_cast<quint64>(kind))
        return in.fail(QStringLiteral("wrong kind of data"));
    return true;
}

void writeContext(QCborStreamWriter &w, const crdt::CausalContext &context, DotTable &table)
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
    QCborStreamWriter w(&out);
    w.startArray(items);
    w.append(qint64(BookCodec::kFormatVersion));
    w.append(kind);
    table.writeReplicaTable(w);
    if (withMinted)
        table.writeMintedTable(w);
    // The top-level array is left open on purpose: `body` holds its remaining items.
    return out + body;
}

bool decodeContextWith(CborInput &in, const QCborValue &v, const DotTable &table,
                       crdt::CausalContext &ctx)
{
    QCborArray context;
    QCborArray vv;
    QCborArray cloud;
    if (!in.array(v, 2, context, "context") || context.size() != 2 ||
        !in.array(context.at(0), codec_limits::kMaxReplicas, vv, "version vector") ||
        !in.array(context.at(1), codec_limits::kMaxCloud, cloud, "dot cloud"))
        return in.fail(QStringLiteral("context: expected [version vector, cloud]"));
    for (qsizetype i = 0; !in.failed() && i < vv.size(); ++i) {
        crdt::Dot d;
        if (table.readDot(in, vv.at(i), d))
            ctx.insertUpTo(d.replica, d.counter);
    }
    for (qsizetype i = 0; !in.failed() && i < cloud.size(); ++i) {
        crdt::Dot d;
        if (table.readDot(in, cloud.at(i), d))
            ctx.insert(d);
    }
    return !in.failed();
}

// The header items of a split state (the records item stands in as an empty array).
QCborValue headOf(CborInput &in, const cborslices::ArraySlices &slices, qsizetype recordsItem)
{
    QCborArray head;
    for (qsizetype i = 0; i < static_cast<qsizetype>(slices.items.size()); ++i) {
        if (i == recordsItem) {
            head.append(QCborArray());
            continue;
        }
        const QByteArrayView item = slices.items[static_cast<std::size_t>(i)];
        QCborStreamReader reader(item.data(), item.size());
        head.append(QCborValue::fromCbor(reader));
        if (reader.lastError() != QCborError::NoError)
            in.fail(QStringLiteral("malformed CBOR (%1)").arg(reader.lastError().toString()));
    }
    return head;
}

// One [id, fields] item of a state's records, each of whose dots the context must hold.
bool decodeStateRecord(CborInput &in, QByteArrayView bytes, const DotTable &table,
                       const crdt::CausalContext &ctx,
                       std::pair<RecordId, FeedbackRecordState> &out)
{
    QCborStreamReader reader(bytes.data(), bytes.size());
    const QCborValue value = QCborValue::fromCbor(reader);
    if (reader.lastError() != QCborError::NoError)
        return in.fail(
            QStringLiteral("record: malformed CBOR (%1)").arg(reader.lastError().toString()));
    QCborArray pair;
    if (!in.array(value, 2, pair, "record") || pair.size() != 2)
        return in.fail(QStringLiteral("record: expected [id, fields]"));
    if (!table.readDot(in, pair.at(0), out.first) ||
        !RecordFieldCodec::decodeState(in, pair.at(1), table, TextRules::Enforce, out.second))
        return false;
    bool covered = ctx.contains(out.first);
    out.second.forEachDot([&](const crdt::Dot &d) { covered = covered && ctx.contains(d); });
    return covered || in.fail(QStringLiteral("record: holds a dot outside the context"));
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
        QCborStreamWriter w(&records);
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
    const auto root = parse(bytes, codec_limits::kMaxDeltaBytes, "delta");
    if (!root)
        return Result<BookDelta>::failureOf(root);
    CborInput in;
    QCborArray top;
    QCborArray records;
    DotTable table(false);
    BookDelta delta;
    if (readHeader(in, *root, kKindDelta, top) && table.readReplicaTable(in, top.at(2)) &&
        table.readMintedTable(in, top.at(3)) &&
        in.array(top.at(4), codec_limits::kMaxRecords, records, "records")) {
        if (table.minted().empty())
            in.fail(QStringLiteral("delta: no minted dot"));
        for (const auto &[dot, at] : table.minted())
            delta.minted.insert(dot);
        for (qsizetype i = 0; !in.failed() && i < records.size(); ++i) {
            QCborArray pair;
            crdt::Dot id;
            FeedbackRecordState::Delta record;
            if (!in.array(records.at(i), 2, pair, "record") || pair.size() != 2)
                in.fail(QStringLiteral("record: expected [id, fields]"));
            else if (table.readDotRef(in, pair.at(0), id) &&
                     RecordFieldCodec::decodeDelta(in, pair.at(1), table, id, record)) {
                if (record.empty())
                    in.fail(QStringLiteral("record: empty delta"));
                else if (!delta.entries.emplace(id, std::move(record)).second)
                    in.fail(QStringLiteral("record: duplicate id"));
            }
        }
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
        QCborStreamWriter w(&body);
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
    CborInput in;
    QCborArray top;
    DotTable table(true);
    BookMap state;
    crdt::CausalContext &ctx = state.restoreContext();
    if (!readHeader(in, headOf(in, *slices, kRecordsItem), kKindState, top) ||
        !table.readReplicaTable(in, top.at(2)) || !decodeContextWith(in, top.at(3), table, ctx))
        return failed<BookMap>(in, "state");
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
        QCborStreamWriter w(&fields);
        RecordFieldCodec::writeState(w, record, table);
    }
    return withHead(kKindRecord, 4, table, fields);
}

Result<FeedbackRecordState> BookCodec::decodeRecord(const RecordId &id, const QByteArray &bytes)
{
    using R = Result<FeedbackRecordState>;
    const auto root = parse(bytes, codec_limits::kMaxRecordBytes, "record");
    if (!root)
        return R::failureOf(root);
    CborInput in;
    QCborArray top;
    DotTable table(true);
    FeedbackRecordState out;
    if (readHeader(in, *root, kKindRecord, top, 4) && table.readReplicaTable(in, top.at(2))) {
        // The creation's timestamp is the stamp of every entry the creation wrote.
        const QCborValue createdAt = top.at(3).toMap().value(0).toArray().at(2);
        table.setHome(id, static_cast<Hlc>(std::max<qint64>(0, createdAt.toInteger())));
        // A row holds what this program checked when it came in (TextRules).
        if (RecordFieldCodec::decodeState(in, top.at(3), table, TextRules::LengthOnly, out))
            return out;
    }
    return failed<FeedbackRecordState>(in, "record");
}

QByteArray BookCodec::encodeContext(const crdt::CausalContext &context)
{
    DotTable table(true);
    QByteArray body;
    {
        QCborStreamWriter w(&body);
        writeContext(w, context, table);
    }
    return withHead(kKindContext, 4, table, body);
}

Result<crdt::CausalContext> BookCodec::decodeContext(const QByteArray &bytes)
{
    const auto root = parse(bytes, codec_limits::kMaxStateBytes, "context");
    if (!root)
        return Result<crdt::CausalContext>::failureOf(root);
    CborInput in;
    QCborArray top;
    DotTable table(true);
    crdt::CausalContext ctx;
    if (readHeader(in, *root, kKindContext, top, 4) && table.readReplicaTable(in, top.at(2)) &&
        decodeContextWith(in, top.at(3), table, ctx))
        return ctx;
    return failed<crdt::CausalContext>(in, "context");
}

} // namespace feedback
