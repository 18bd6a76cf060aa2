// Snapshot benchmarks against a real feedback-relay process on 127.0.0.1 (--keep-history 0):
// 100,000 records edited 5 times each, then a snapshot and the compaction behind it. Reports
// the relay's disk per 1,000 records after compaction, the time a fresh device takes to catch
// up from the snapshot and the tail, and the time a device takes to heal a relay restored from
// a backup taken before the edits.
#include "BenchReport.h"
#include "BenchWait.h"

#include <QCoreApplication>
#include <QDir>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QProcess>
#include <QTcpServer>
#include <QTemporaryDir>

#include <functional>
#include <store/FeedbackStore.h>
#include <support/FileTree.h>
#include <support/SyncDevice.h>
#include <support/Workload.h>
#include <sync/SyncClient.h>

using namespace feedback;
using bench::directoryBytes;
using bench::waitFor;

namespace {

constexpr int kRecords = 100000;
constexpr int kEdits = 5;

struct Relay
{
    QProcess process;
    QString url;
    QString dataDir;
    quint16 port = 0;

    bool start(const QString &dir)
    {
        if (port == 0) {
            QTcpServer probe; // a free port, kept across restarts (devices keep the URL)
            if (!probe.listen(QHostAddress::LocalHost))
                return false;
            port = probe.serverPort();
        }
        dataDir = dir;
        process.start(QStringLiteral(FEEDBACK_RELAY_BIN),
                      {QStringLiteral("--listen"), QStringLiteral("127.0.0.1:%1").arg(port),
                       QStringLiteral("--data"), dir, QStringLiteral("--open"),
                       QStringLiteral("--max-frames-per-second"), QStringLiteral("100000"),
                       QStringLiteral("--keep-history"), QStringLiteral("0")});
        if (!process.waitForReadyRead(10000))
            return false;
        url = QString::fromUtf8(process.readLine())
                  .trimmed()
                  .mid(QStringLiteral("listening on ").size());
        return url.startsWith(QLatin1String("ws://"));
    }
    void stop()
    {
        process.terminate();
        process.waitForFinished(10000);
    }
};

using Device = test::SyncDevice;

Device makeDevice(const QString &dir, const QByteArray &secret, const QString &url)
{
    auto d = test::makeSyncDevice(dir, secret, url);
    if (!d)
        qFatal("cannot make a device in %s", qPrintable(dir));
    return std::move(*d);
}

void pushAll(Device &d)
{
    d.client->session().pushPending();
    if (!waitFor([&] { return d.store->pendingCount() == 0 && d.upToDate(); }, 600000))
        qFatal("the writer did not get everything acknowledged");
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("sync.catchup_from_snapshot"), prefix) &&
        !bench::selected(QStringLiteral("relay.disk_kb_per_1000_after"), prefix) &&
        !bench::selected(QStringLiteral("sync.heal"), prefix))
        return 0;
    QTemporaryDir tmp;
    Relay relay;
    if (!relay.start(tmp.filePath(QStringLiteral("relay"))))
        qFatal("the relay did not start");
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    Device writer = makeDevice(tmp.filePath(QStringLiteral("writer")), secret, relay.url);
    writer.client->start();
    if (!waitFor([&] { return writer.upToDate(); }, 10000))
        qFatal("the writer did not connect");

    // 100,000 records, acknowledged; the relay's data as a backup taken then.
    testsupport::Workload workload;
    QList<RecordId> ids;
    for (int done = 0; done < kRecords;) {
        QList<store::ImportItem> items;
        for (int i = 0; i < 1000 && done < kRecords; ++i, ++done)
            items.append({QByteArray::number(done), workload.next()});
        if (!writer.store->importItems(items))
            qFatal("import failed");
        writer.client->session().pushPending();
        QCoreApplication::processEvents();
    }
    pushAll(writer);
    for (const FeedbackRecordView &v : writer.store->book().views())
        ids.append(v.id);
    relay.stop();
    if (!test::copyFiles(relay.dataDir, tmp.filePath(QStringLiteral("backup"))))
        qFatal("cannot copy the relay's data");
    if (!relay.start(relay.dataDir))
        qFatal("the relay did not start again");
    if (!waitFor([&] { return writer.upToDate(); }, 30000))
        qFatal("the writer did not reconnect");

    // Five edits of each, then a snapshot (compacted at once).
    for (int round = 0; round < kEdits; ++round) {
        for (qsizetype from = 0; from < ids.size(); from += 1000) {
            QList<std::pair<RecordId, FeedbackEdit>> edits;
            for (qsizetype i = from; i < std::min(ids.size(), from + 1000); ++i) {
                FeedbackEdit e;
                e.rating = 1 + static_cast<int>((i + round) % 5);
                edits.append({ids[i], e});
            }
            if (!writer.store->editMany(edits))
                qFatal("edit failed");
            writer.client->session().pushPending();
            QCoreApplication::processEvents();
        }
    }
    pushAll(writer);
    bool stored = false;
    QObject::connect(&writer.client->session(), &sync::SyncSession::event,
                     [&stored](sync::SyncEvent kind, const QJsonObject &) {
                         stored = stored || kind == sync::SyncEvent::SnapshotUploaded;
                     });
    writer.client->session().requestSnapshot();
    if (!waitFor([&] { return stored && writer.upToDate(); }, 600000))
        qFatal("the snapshot was not stored");
    const QJsonObject extra{{QStringLiteral("records"), kRecords},
                            {QStringLiteral("editsPerRecord"), kEdits}};
    const qint64 liveBytes = directoryBytes(relay.dataDir);

    {
        Device fresh = makeDevice(tmp.filePath(QStringLiteral("fresh")), secret, relay.url);
        QElapsedTimer t;
        t.start();
        fresh.client->start();
        if (!waitFor([&] { return fresh.upToDate(); }, 600000))
            qFatal("the fresh device did not catch up");
        const double seconds = static_cast<double>(t.nsecsElapsed()) / 1e9;
        if (fresh.store->book().size() != static_cast<std::size_t>(kRecords))
            qFatal("the fresh device has %zu records", fresh.store->book().size());
        bench::report(QStringLiteral("sync.catchup_from_snapshot_100k_s"), seconds,
                      QStringLiteral("s"), extra);
        fresh.client->stop();
    }
    // The relay's files at rest (stopped: its write-ahead log checkpointed into relay.db), and
    // what they were while it ran.
    relay.stop();
    QJsonObject disk = extra;
    disk.insert(QStringLiteral("liveKB"), static_cast<double>(liveBytes) / 1024.0);
    bench::report(QStringLiteral("relay.disk_kb_per_1000_after_edits"),
                  static_cast<double>(directoryBytes(relay.dataDir)) / 1024.0 / (kRecords / 1000.0),
                  QStringLiteral("KB"), disk);

    // The relay comes back from the backup taken before the edits: the writer heals it.
    writer.client->stop();
    writer.client.reset();
    relay.stop();
    QDir(relay.dataDir).removeRecursively();
    if (!test::copyFiles(tmp.filePath(QStringLiteral("backup")), relay.dataDir) ||
        !relay.start(relay.dataDir))
        qFatal("the relay did not start from the backup");
    bool healed = false;
    writer.connectTo(secret, relay.url);
    QObject::connect(&writer.client->session(), &sync::SyncSession::event,
                     [&healed](sync::SyncEvent kind, const QJsonObject &) {
                         healed = healed || kind == sync::SyncEvent::Healed;
                     });
    QElapsedTimer t;
    t.start();
    writer.client->start();
    if (!waitFor([&] { return healed && writer.upToDate(); }, 600000))
        qFatal("the writer did not heal the relay");
    bench::report(QStringLiteral("sync.heal_restored_relay_100k_s"),
                  static_cast<double>(t.nsecsElapsed()) / 1e9, QStringLiteral("s"), extra);
    writer.client->stop();
    relay.stop();
    return 0;
}
