// CRDT benchmarks: apply rate of new-record deltas, encoded delta size, memory at each size of
// the growth table, and how long the codec takes to refuse a CBOR bomb.
#include "BenchReport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QFile>

#include <core/BookCodec.h>
#include <core/FeedbackBook.h>
#include <support/CborBombs.h>
#include <support/Workload.h>
#include <vector>

namespace feedback::bench {
namespace {

constexpr int kRecords = 100000;

std::vector<BookDelta> makeCreateDeltas(int count)
{
    testsupport::Workload workload;
    FeedbackBook writer(workload.replicaId());
    std::vector<BookDelta> deltas;
    deltas.reserve(static_cast<std::size_t>(count));
    for (int i = 0; i < count; ++i)
        deltas.push_back(*writer.create(workload.next()));
    return deltas;
}

void benchApply(const QString &prefix)
{
    if (!selected(QStringLiteral("crdt.apply_create_per_s"), prefix))
        return;
    const std::vector<BookDelta> deltas = makeCreateDeltas(kRecords);
    double best = 0;
    for (int run = 0; run < 3; ++run) {
        FeedbackBook reader(ReplicaId{7, 7});
        QElapsedTimer timer;
        timer.start();
        for (const BookDelta &d : deltas)
            reader.apply(d);
        const double seconds = static_cast<double>(timer.nsecsElapsed()) / 1e9;
        best = std::max(best, kRecords / seconds);
        if (reader.size() != static_cast<std::size_t>(kRecords))
            qFatal("apply lost records");
    }
    report(QStringLiteral("crdt.apply_create_per_s"), best, QStringLiteral("1/s"),
           {{QStringLiteral("records"), kRecords}, {QStringLiteral("runs"), 3}});
}

void benchDeltaBytes(const QString &prefix)
{
    if (!selected(QStringLiteral("crdt.new_record_delta_bytes"), prefix))
        return;
    const std::vector<BookDelta> deltas = makeCreateDeltas(1000);
    qint64 total = 0;
    qint64 largest = 0;
    for (const BookDelta &d : deltas) {
        const qint64 size = BookCodec::encodeDelta(d)->size();
        total += size;
        largest = std::max(largest, size);
    }
    report(QStringLiteral("crdt.new_record_delta_bytes"), static_cast<double>(total) / 1000.0,
           QStringLiteral("B"),
           {{QStringLiteral("max"), largest}, {QStringLiteral("samples"), 1000}});
}

// The book's resident memory at each size of the growth table: one book grown from size to
// size, each record made as it is created (a list of inputs made first would be counted at the
// sizes after the first). crdt.memory_mb_per_100k keeps its name beside it.
void benchMemory(const QString &prefix)
{
    if (!selected(QStringLiteral("crdt.memory_mb"), prefix) &&
        !selected(QStringLiteral("crdt.memory_mb_per_100k"), prefix))
        return;
    testsupport::Workload workload;
    FeedbackBook book(workload.replicaId());
    const double before = residentMb();
    for (const int size : growthSizes()) {
        while (book.size() < static_cast<std::size_t>(size)) {
            if (!book.create(workload.next()))
                qFatal("bench_crdt: a workload record was refused");
        }
        const double mb = residentMb() - before;
        const QJsonObject extra{{QStringLiteral("records"), static_cast<qint64>(book.size())}};
        if (selected(QStringLiteral("crdt.memory_mb"), prefix))
            report(QStringLiteral("crdt.memory_mb"), mb, QStringLiteral("MB"), extra);
        if (size == kRecords && selected(QStringLiteral("crdt.memory_mb_per_100k"), prefix))
            report(QStringLiteral("crdt.memory_mb_per_100k"), mb, QStringLiteral("MB"), extra);
    }
}

// The slowest refusal of any bomb, as a delta and as a state (tst_bookcodec checks that each is
// refused; how long it takes is a figure, not a test bound).
void benchBombs(const QString &prefix)
{
    if (!selected(QStringLiteral("codec.bomb_reject_max_ms"), prefix))
        return;
    double slowest = 0;
    const auto bombs = testsupport::cborBombs();
    for (const auto &[name, bytes] : bombs) {
        QElapsedTimer timer;
        timer.start();
        const bool refused =
            !BookCodec::decodeDelta(bytes).ok() && !BookCodec::decodeState(bytes).ok();
        if (!refused)
            qFatal("a CBOR bomb was accepted: %s", name);
        slowest = std::max(slowest, static_cast<double>(timer.nsecsElapsed()) / 1e6);
    }
    report(QStringLiteral("codec.bomb_reject_max_ms"), slowest, QStringLiteral("ms"),
           {{QStringLiteral("bombs"), static_cast<qint64>(bombs.size())}});
}

// A whole state of 100,000 records edited five times each, encoded and decoded: what a snapshot
// costs its maker and a device catching up from it, before compression and sealing.
void benchStateCodec(const QString &prefix)
{
    if (!selected(QStringLiteral("codec.state_"), prefix))
        return;
    testsupport::Workload workload;
    FeedbackBook book(workload.replicaId());
    std::vector<RecordId> ids;
    for (int i = 0; i < kRecords; ++i)
        ids.push_back(book.create(workload.next())->entries.begin()->first);
    for (int round = 0; round < 5; ++round) {
        for (std::size_t i = 0; i < ids.size(); ++i) {
            FeedbackEdit e;
            e.rating = 1 + static_cast<int>((i + static_cast<std::size_t>(round)) % 5);
            if (!book.edit(ids[i], e))
                qFatal("bench_crdt: an edit was refused");
        }
    }
    const QJsonObject extra{{QStringLiteral("records"), kRecords},
                            {QStringLiteral("editsPerRecord"), 5}};
    QElapsedTimer timer;
    timer.start();
    const QByteArray bytes = BookCodec::encodeState(book.state());
    report(QStringLiteral("codec.state_encode_100k_ms"),
           static_cast<double>(timer.nsecsElapsed()) / 1e6, QStringLiteral("ms"), extra);
    timer.restart();
    const Result<BookMap> decoded = BookCodec::decodeState(bytes);
    if (!decoded || decoded->entries().size() != static_cast<std::size_t>(kRecords))
        qFatal("bench_crdt: the state did not decode");
    report(QStringLiteral("codec.state_decode_100k_ms"),
           static_cast<double>(timer.nsecsElapsed()) / 1e6, QStringLiteral("ms"), extra);
}

} // namespace
} // namespace feedback::bench

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    // Memory first: later runs leave freed heap behind that would hide the book's growth.
    feedback::bench::benchMemory(prefix);
    feedback::bench::benchApply(prefix);
    feedback::bench::benchDeltaBytes(prefix);
    feedback::bench::benchBombs(prefix);
    feedback::bench::benchStateCodec(prefix);
    return 0;
}
