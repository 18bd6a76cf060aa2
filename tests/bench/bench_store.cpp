// Store benchmarks: durable submit latency, bytes on disk per 1,000 records, time to open a
// profile of 100,000 records until every record is readable.
#include "BenchReport.h"
#include "BenchWait.h"
#include "GrowthImport.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <algorithm>
#include <store/FeedbackStore.h>
#include <store/SecretKey.h>
#include <support/Workload.h>
#include <vector>

using namespace feedback;
using bench::directoryBytes;

namespace {

std::unique_ptr<store::FeedbackStore> openStore(const QString &path, const store::SecretKey &key)
{
    auto s = store::FeedbackStore::open(path, key, {});
    if (!s)
        qFatal("cannot open the store: %s", qPrintable(s.error()));
    return std::move(*s);
}

// Folds the WAL into the file; with `vacuum`, also drops free pages (live data only).
void checkpoint(const QString &path, bool vacuum = false)
{
    const QString name = QStringLiteral("bench-checkpoint");
    {
        QSqlDatabase db = QSqlDatabase::addDatabase(QStringLiteral("QSQLITE"), name);
        db.setDatabaseName(path);
        db.open();
        if (vacuum)
            QSqlQuery(db).exec(QStringLiteral("VACUUM"));
        QSqlQuery(db).exec(QStringLiteral("PRAGMA wal_checkpoint(TRUNCATE)"));
    }
    QSqlDatabase::removeDatabase(name);
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

void benchSubmit(const QString &prefix)
{
    if (!bench::selected(QStringLiteral("store.submit"), prefix) &&
        !bench::selected(QStringLiteral("store.disk"), prefix))
        return;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("feedback.db"));
    const auto key = store::SecretKey::random();
    testsupport::Workload workload;
    constexpr int kRecords = 2000;
    std::vector<double> ms;
    ReplicaId device;
    {
        auto s = openStore(path, key);
        device = s->deviceId();
        for (int i = 0; i < kRecords; ++i) {
            const NewFeedback input = workload.next();
            QElapsedTimer t;
            t.start();
            if (!s->submit(input))
                qFatal("submit failed");
            ms.push_back(static_cast<double>(t.nsecsElapsed()) / 1e6);
        }
    }
    const QJsonObject extra{{QStringLiteral("records"), kRecords},
                            {QStringLiteral("synchronous"), QStringLiteral("FULL")}};
    bench::report(QStringLiteral("store.submit_p50_ms"), percentile(ms, 0.5), QStringLiteral("ms"),
                  extra);
    bench::report(QStringLiteral("store.submit_p99_ms"), percentile(ms, 0.99), QStringLiteral("ms"),
                  extra);
    // Unsynced: every record is there twice, as its row and as its pending outbox delta.
    checkpoint(path);
    const double unsynced =
        static_cast<double>(directoryBytes(dir.path())) / 1024.0 / (kRecords / 1000.0);
    {
        auto s = openStore(path, key);
        if (!s->acknowledge(device, kRecords)) // what a relay's ack does
            qFatal("bench_store: the acknowledgement failed");
    }
    checkpoint(path, true);
    bench::report(QStringLiteral("store.disk_kb_per_1000"),
                  static_cast<double>(directoryBytes(dir.path())) / 1024.0 / (kRecords / 1000.0),
                  QStringLiteral("KB"),
                  {{QStringLiteral("records"), kRecords},
                   {QStringLiteral("state"), QStringLiteral("synced (outbox acknowledged)")},
                   {QStringLiteral("unsynced_kb_per_1000"), unsynced}});
}

// The growth table: one profile grown to each size in turn (imported, then acknowledged as a
// relay would), folded and vacuumed, then opened until every record is readable.
void benchGrowth(const QString &prefix)
{
    const bool open = bench::selected(QStringLiteral("store.open_s"), prefix) ||
                      bench::selected(QStringLiteral("store.open_100k_s"), prefix);
    const bool disk = bench::selected(QStringLiteral("store.disk_kb_per_1000"), prefix);
    if (!open && !disk)
        return;
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("feedback.db"));
    const auto key = store::SecretKey::random();
    testsupport::Workload workload;
    int total = 0;
    for (const int size : bench::growthSizes()) {
        {
            auto s = openStore(path, key);
            bench::importUpTo(*s, workload, total, size);
            if (!s->acknowledge(s->deviceId(), static_cast<quint64>(total)))
                qFatal("bench_store: the acknowledgement failed");
        }
        checkpoint(path, true);
        const double dbMb = static_cast<double>(directoryBytes(dir.path())) / (1024.0 * 1024.0);
        if (disk)
            bench::report(
                QStringLiteral("store.disk_kb_per_1000"), dbMb * 1024.0 / (size / 1000.0),
                QStringLiteral("KB"),
                {{QStringLiteral("records"), size},
                 {QStringLiteral("state"), QStringLiteral("synced (outbox acknowledged)")}});
        if (!open)
            continue;
        QElapsedTimer t;
        t.start();
        auto s = openStore(path, key);
        const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        if (s->book().size() != static_cast<std::size_t>(size))
            qFatal("open lost records");
        const QJsonObject extra{{QStringLiteral("records"), size}, {QStringLiteral("db_mb"), dbMb}};
        bench::report(QStringLiteral("store.open_s"), seconds, QStringLiteral("s"), extra);
        if (size == 100000) // the name of the figures before the growth table
            bench::report(QStringLiteral("store.open_100k_s"), seconds, QStringLiteral("s"), extra);
    }
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    benchSubmit(prefix);
    benchGrowth(prefix);
    return 0;
}
