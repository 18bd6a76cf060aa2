// Sync benchmarks against a real feedback-relay process on 127.0.0.1: propagation latency,
// burst, catch-up of a fresh device, relay bytes on disk and peak memory.
#include "BenchReport.h"
#include "BenchWait.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QFile>
#include <QHash>
#include <QProcess>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <functional>
#include <store/FeedbackStore.h>
#include <support/Workload.h>
#include <sync/SyncClient.h>
#include <vector>

using namespace feedback;
using bench::directoryBytes;
using bench::waitFor;

namespace {

struct Relay
{
    QProcess process;
    QString url;
    QString dataDir;

    bool start(const QString &dir)
    {
        dataDir = dir;
        process.start(QStringLiteral(FEEDBACK_RELAY_BIN),
                      {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:0"),
                       QStringLiteral("--data"), dir, QStringLiteral("--open"),
                       QStringLiteral("--max-frames-per-second"), QStringLiteral("100000")});
        if (!process.waitForReadyRead(10000))
            return false;
        url = QString::fromUtf8(process.readLine())
                  .trimmed()
                  .mid(QStringLiteral("listening on ").size());
        return url.startsWith(QLatin1String("ws://"));
    }
    double peakRssMb() const
    {
        QFile status(QStringLiteral("/proc/%1/status").arg(process.processId()));
        if (!status.open(QIODevice::ReadOnly))
            return 0;
        for (const QByteArray &line : status.readAll().split('\n'))
            if (line.startsWith("VmHWM:"))
                return line.mid(6).trimmed().split(' ').first().toDouble() / 1024.0;
        return 0;
    }
};

struct Device
{
    std::unique_ptr<store::FeedbackStore> store;
    std::unique_ptr<sync::SyncClient> client;
};

Device makeDevice(const QString &dir, const QByteArray &secret, const QString &url)
{
    Device d;
    auto s = store::FeedbackStore::open(dir + QStringLiteral("/feedback.db"),
                                        store::SecretKey::random(), {});
    if (!s)
        qFatal("store: %s", qPrintable(s.error()));
    d.store = std::move(*s);
    if (Status saved = d.store->setSecret(QStringLiteral("workspace"), secret); !saved)
        qFatal("store: %s", qPrintable(saved.error()));
    sync::SyncClient::Options options;
    options.relayUrl = QUrl(url);
    d.client = std::make_unique<sync::SyncClient>(
        *d.store, *sync::WorkspaceKeys::fromSecret(secret), options);
    return d;
}

bool upToDate(Device &d)
{
    return d.client->session().state() == sync::SyncState::UpToDate;
}

// `afterBatch` runs after each durable batch of 1,000 (the burst pushes as it goes, as the app
// does after every save).
void importRecords(store::FeedbackStore &s, int count, testsupport::Workload &w, int offset,
                   const std::function<void()> &afterBatch = {})
{
    for (int done = 0; done < count;) {
        QList<store::ImportItem> items;
        for (int i = 0; i < 1000 && done < count; ++i, ++done)
            items.append({QByteArray::number(offset + done), w.next()});
        if (!s.importItems(items))
            qFatal("import failed");
        if (afterBatch)
            afterBatch();
    }
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    QTemporaryDir tmp;
    Relay relay;
    if (!relay.start(tmp.filePath(QStringLiteral("relay"))))
        qFatal("the relay did not start");
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    QDir().mkpath(tmp.filePath(QStringLiteral("writer")));
    QDir().mkpath(tmp.filePath(QStringLiteral("reader")));
    Device writer = makeDevice(tmp.filePath(QStringLiteral("writer")), secret, relay.url);
    Device reader = makeDevice(tmp.filePath(QStringLiteral("reader")), secret, relay.url);
    writer.client->start();
    reader.client->start();
    if (!waitFor([&] { return upToDate(writer) && upToDate(reader); }, 10000))
        qFatal("devices did not connect");
    testsupport::Workload workload;
    int total = 0;

    if (bench::selected(QStringLiteral("sync.propagation"), prefix)) {
        // 1,000 records at 50/s: submit on the writer, time until the reader has it.
        QHash<QString, qint64> submitted;
        std::vector<double> ms;
        QElapsedTimer clock;
        clock.start();
        const auto watching =
            QObject::connect(&reader.client->session(), &sync::SyncSession::recordsChanged, [&] {
                for (auto it = submitted.begin(); it != submitted.end();) {
                    const auto id = recordIdFromString(it.key());
                    if (reader.store->book().view(*id)) {
                        ms.push_back(static_cast<double>(clock.nsecsElapsed() - it.value()) / 1e6);
                        it = submitted.erase(it);
                    } else {
                        ++it;
                    }
                }
            });
        for (int i = 0; i < 1000; ++i) {
            const qint64 at = clock.nsecsElapsed();
            const auto id = writer.store->submit(workload.next());
            submitted.insert(recordIdToString(*id), at);
            writer.client->session().pushPending();
            waitFor([&] { return clock.nsecsElapsed() >= at + 20'000'000; }, 1000);
        }
        waitFor([&] { return submitted.isEmpty(); }, 10000);
        QObject::disconnect(watching);
        total += 1000;
        const QJsonObject extra{{QStringLiteral("records"), 1000}, {QStringLiteral("rate"), 50}};
        bench::report(QStringLiteral("sync.propagation_p50_ms"), percentile(ms, 0.5),
                      QStringLiteral("ms"), extra);
        bench::report(QStringLiteral("sync.propagation_p99_ms"), percentile(ms, 0.99),
                      QStringLiteral("ms"), extra);
    }
    if (bench::selected(QStringLiteral("sync.burst"), prefix)) {
        // 10,000 records written as fast as the writer can (batched durable commits).
        const std::size_t target = reader.store->book().size() + 10000;
        QElapsedTimer t;
        t.start();
        importRecords(*writer.store, 10000, workload, total, [&] {
            writer.client->session().pushPending();
            QCoreApplication::processEvents();
        });
        waitFor([&] { return reader.store->book().size() >= target; }, 120000);
        total += 10000;
        bench::report(QStringLiteral("sync.burst_10k_s"),
                      static_cast<double>(t.nsecsElapsed()) / 1e9, QStringLiteral("s"),
                      {{QStringLiteral("records"), 10000}});
    }
    // The growth table's sync.catchup_s (a `records` field), and at 10,000 and 100,000 the names
    // the figures had before it.
    for (const int n : bench::growthSizes()) {
        const QString name = QStringLiteral("sync.catchup_%1k_s").arg(n / 1000);
        const bool legacy = n <= 100000 && bench::selected(name, prefix);
        if (!legacy && !bench::selected(QStringLiteral("sync.catchup_s"), prefix))
            continue;
        if (total < n) {
            importRecords(*writer.store, n - total, workload, total);
            writer.client->session().pushPending();
            waitFor([&] { return writer.store->pendingCount() == 0; }, 3600000);
            total = n;
        }
        const QString dir = tmp.filePath(QStringLiteral("fresh-%1").arg(n));
        QDir().mkpath(dir);
        Device fresh = makeDevice(dir, secret, relay.url);
        QElapsedTimer t;
        t.start();
        fresh.client->start();
        waitFor([&] { return upToDate(fresh); }, 3600000);
        const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        const QJsonObject extra{
            {QStringLiteral("records"), static_cast<qint64>(fresh.store->book().size())}};
        bench::report(QStringLiteral("sync.catchup_s"), seconds, QStringLiteral("s"), extra);
        if (legacy)
            bench::report(name, seconds, QStringLiteral("s"), extra);
    }
    if (total > 0 && bench::selected(QStringLiteral("relay."), prefix)) {
        bench::report(QStringLiteral("relay.disk_kb_per_1000"),
                      static_cast<double>(directoryBytes(relay.dataDir)) / 1024.0 /
                          (total / 1000.0),
                      QStringLiteral("KB"), {{QStringLiteral("records"), total}});
        bench::report(QStringLiteral("relay.peak_rss_mb"), relay.peakRssMb(), QStringLiteral("MB"),
                      {{QStringLiteral("records"), total}});
    }
    writer.client->stop();
    reader.client->stop();
    relay.process.terminate();
    relay.process.waitForFinished(5000);
    return 0;
}
