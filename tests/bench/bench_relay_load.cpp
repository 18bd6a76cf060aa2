// Relay load benchmarks against one real feedback-relay process on 127.0.0.1, every device in
// this one process (QWebSocket clients on one event loop, LoadDevice.h):
// - relay.fanout_1000_p50/p99_ms: 1,000 live devices of one workspace; one of them pushes a
//   small unit 50 times a second for 10 s; the time from its send to the arrival at each of the
//   other 999, over every (device, unit) arrival;
// - relay.rss_1000_devices_mb: the relay's resident memory with those devices still connected;
// - relay.ingest_per_s: 100 devices of 10 workspaces push 2,000 units each, one batch in flight
//   per device; units acknowledged per second overall.
// Smaller for a smoke run: FEEDBACK_LOAD_DEVICES, _PUSHES, _RATE, _WAVE (devices connecting at
// once), _INGEST_DEVICES, _INGEST_UNITS, _INGEST_WORKSPACES, _BATCH. Arrival times are taken in
// this process, which shares the machine with the relay: the CPU each spent is reported beside.
#include "BenchReport.h"
#include "LoadDevice.h"
#include "ProcessStats.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QEventLoop>
#include <QMap>
#include <QRandomGenerator>
#include <QTemporaryDir>
#include <QTimer>

#include <algorithm>
#include <support/RelayProcess.h>
#include <sys/resource.h>
#include <vector>

using namespace feedback;
using bench::CpuShare;
using bench::LoadDevice;
using bench::statusMb;
using protocol::SealedDelta;

namespace {

// The sealed bytes of one unit: one delta sealed alone (~185 bytes deflated, nonce and tag);
// with its origin, seq and signature ~300 bytes on the wire.
constexpr qsizetype kSealedBytes = 220;
using Devices = std::vector<std::unique_ptr<LoadDevice>>;

int setting(const char *name, int fallback)
{
    bool ok = false;
    const int value = qEnvironmentVariableIntValue(name, &ok);
    return ok && value > 0 ? value : fallback;
}

// Runs the event loop until `done` or `timeoutMs`. It sleeps between events (a check every
// 2 ms) where a processEvents() spin would take a core from the relay.
bool runUntil(const std::function<bool()> &done, int timeoutMs)
{
    QEventLoop loop;
    QTimer check;
    QElapsedTimer t;
    t.start();
    QObject::connect(&check, &QTimer::timeout, &loop, [&] {
        if (done() || t.elapsed() > timeoutMs)
            loop.quit();
    });
    check.start(2);
    if (!done())
        loop.exec();
    return done();
}

// The relay's options for `connections` sockets, all from 127.0.0.1 and most of one workspace
// (RelayProcess adds --open: the workspaces are made up here).
QStringList relayArgs(int connections)
{
    const QString n = QString::number(connections);
    return {QStringLiteral("--max-connections"),
            n,
            QStringLiteral("--max-connections-per-address"),
            n,
            QStringLiteral("--max-connections-per-workspace"),
            n};
}

// `count` units of `id` from seq `first`, each signed by its origin, as the relay requires.
QList<SealedDelta> makeUnits(const test::Identity &id, quint64 first, int count,
                             QRandomGenerator &random)
{
    QList<SealedDelta> out;
    out.reserve(count);
    for (int i = 0; i < count; ++i) {
        QByteArray sealed(kSealedBytes, Qt::Uninitialized);
        for (char &c : sealed)
            c = static_cast<char>(random.generate());
        out.append(id.sign({id.device, first + static_cast<quint64>(i), sealed, 0}));
    }
    return out;
}

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

qint64 readyCount(const Devices &devices)
{
    return std::count_if(devices.begin(), devices.end(), [](const auto &d) { return d->ready(); });
}

// Why devices are not ready, by reason, on stderr.
void warnNotReady(const Devices &devices, const char *when)
{
    QMap<QString, int> why;
    for (const auto &d : devices)
        if (!d->ready())
            ++why[d->problem().isEmpty() ? QStringLiteral("no answer") : d->problem()];
    for (auto it = why.cbegin(); it != why.cend(); ++it)
        qWarning("%s: %d devices: %s", when, it.value(), qPrintable(it.key()));
}

// Opens the devices `wave` at a time, each wave settled (ready or refused) before the next: a
// fleet coming back to a relay, not 1,000 handshakes in one instant.
void connectAll(const Devices &devices, const QUrl &url, std::size_t wave)
{
    for (std::size_t from = 0; from < devices.size(); from += wave) {
        const auto begin = devices.begin() + static_cast<std::ptrdiff_t>(from);
        const auto end =
            devices.begin() + static_cast<std::ptrdiff_t>(std::min(devices.size(), from + wave));
        std::for_each(begin, end, [&url](const auto &d) { d->open(url); });
        runUntil(
            [&] { return std::all_of(begin, end, [](const auto &d) { return d->settled(); }); },
            test::kPatienceMs);
    }
}

// Each device enrolled alone before the fleet connects. A first enrolment sends the whole
// device list (one certificate per device) to every connected device of the workspace, so
// enrolling 1,000 at once would cost the relay ~N^3/3 certificates written: the growth of a
// fleet, which these figures are not about.
bool enrolOneByOne(const std::vector<test::Identity> &ids, const QUrl &url)
{
    for (const test::Identity &id : ids) {
        LoadDevice d(id, false);
        d.open(url);
        runUntil([&d] { return d.settled(); }, test::kPatienceMs);
        if (!d.ready()) {
            qWarning("enrolment refused: %s", qPrintable(d.problem()));
            return false;
        }
        d.close();
    }
    return true;
}

void fanout(const test::RelayProcess &relay, const QString &prefix)
{
    const int n = std::max(2, setting("FEEDBACK_LOAD_DEVICES", 1000));
    const int pushes = setting("FEEDBACK_LOAD_PUSHES", 500);
    const int rate = setting("FEEDBACK_LOAD_RATE", 50);
    const QUrl url(relay.url());
    const double idleMb = statusMb(relay.processId(), "VmRSS:");
    const test::Identity first = test::Identity::fresh();
    std::vector<test::Identity> ids;
    for (int i = 0; i < n; ++i)
        ids.push_back(first.sibling());
    QElapsedTimer phase;
    phase.start();
    if (!enrolOneByOne(ids, url))
        qFatal("cannot enrol the devices: %s", relay.describe().constData());
    const double enrolS = static_cast<double>(phase.nsecsElapsed()) / 1e9;

    Devices devices;
    for (const test::Identity &id : ids)
        devices.push_back(std::make_unique<LoadDevice>(id, true));
    phase.restart();
    connectAll(devices, url, static_cast<std::size_t>(setting("FEEDBACK_LOAD_WAVE", 50)));
    const double connectS = static_cast<double>(phase.nsecsElapsed()) / 1e9;
    const qint64 live = readyCount(devices);
    warnNotReady(devices, "after connecting");
    LoadDevice &writer = *devices.front();
    if (!writer.ready())
        qFatal("the writer is not live: %s", relay.describe().constData());

    // Every arrival of the writer's units at another device, against the time of its send.
    QRandomGenerator random(1);
    const QList<SealedDelta> units =
        makeUnits(writer.identity(), writer.storedUpTo() + 1, pushes, random);
    const quint64 firstSeq = units.first().seq;
    const QByteArray origin = writer.identity().device;
    std::vector<qint64> sentAt(static_cast<std::size_t>(pushes), 0);
    std::vector<int> arrived(devices.size(), 0);
    std::vector<double> ms;
    ms.reserve(static_cast<std::size_t>(live - 1) * static_cast<std::size_t>(pushes));
    QElapsedTimer clock;
    clock.start();
    for (std::size_t i = 1; i < devices.size(); ++i)
        devices[i]->onLive([&, i](const protocol::Deltas &d) {
            const qint64 now = clock.nsecsElapsed();
            for (const SealedDelta &u : d.deltas)
                if (u.origin == origin && u.seq >= firstSeq && u.seq - firstSeq < quint64(pushes)) {
                    ms.push_back(static_cast<double>(now - sentAt[u.seq - firstSeq]) / 1e6);
                    ++arrived[i];
                }
        });
    // Open loop: every push due by now goes, so a late timer (this process busy with arrivals)
    // does not lower the load the relay is offered.
    int sent = 0;
    QTimer tick;
    tick.setTimerType(Qt::PreciseTimer);
    const qint64 start = clock.nsecsElapsed();
    QObject::connect(&tick, &QTimer::timeout, &tick, [&] {
        while (sent < pushes && clock.nsecsElapsed() >= start + sent * 1'000'000'000LL / rate) {
            sentAt[static_cast<std::size_t>(sent)] = clock.nsecsElapsed();
            writer.push({units[sent++]});
        }
        if (sent == pushes)
            tick.stop();
    });
    const CpuShare cpu(relay.processId());
    tick.start(1000 / rate);
    // Done when every device still live has every unit (one that was dropped never will).
    runUntil(
        [&] {
            if (sent < pushes || writer.storedUpTo() < units.last().seq)
                return false;
            for (std::size_t i = 1; i < devices.size(); ++i)
                if (devices[i]->ready() && arrived[i] < pushes)
                    return false;
            return true;
        },
        pushes * 1000 / rate + test::kPatienceMs);
    // The rate offered: from the first send to the last (the drain after it is not sending).
    const double sendingS = static_cast<double>(sentAt.back() - start) / 1e9 + 1.0 / rate;
    QJsonObject extra{
        {QStringLiteral("devices"), live},
        {QStringLiteral("pushes"), sent},
        {QStringLiteral("rate"), rate},
        {QStringLiteral("sentPerS"), sent / sendingS},
        {QStringLiteral("arrivals"), static_cast<qint64>(ms.size())},
        {QStringLiteral("missing"), (live - 1) * sent - static_cast<qint64>(ms.size())},
        {QStringLiteral("maxMs"), ms.empty() ? 0 : *std::max_element(ms.begin(), ms.end())},
        {QStringLiteral("enrolS"), enrolS},
        {QStringLiteral("connectS"), connectS}};
    cpu.into(extra, QStringLiteral("MsPerPush"), sent);
    warnNotReady(devices, "after the fan-out");
    for (const auto &[name, p] :
         {std::pair{"relay.fanout_1000_p50_ms", 0.5}, std::pair{"relay.fanout_1000_p99_ms", 0.99}})
        if (bench::selected(QLatin1String(name), prefix))
            bench::report(QLatin1String(name), percentile(ms, p), QStringLiteral("ms"), extra);
    if (bench::selected(QStringLiteral("relay.rss_1000_devices_mb"), prefix))
        bench::report(QStringLiteral("relay.rss_1000_devices_mb"),
                      statusMb(relay.processId(), "VmRSS:"), QStringLiteral("MB"),
                      {{QStringLiteral("devices"), readyCount(devices)},
                       {QStringLiteral("idleMb"), idleMb},
                       {QStringLiteral("peakMb"), statusMb(relay.processId(), "VmHWM:")},
                       {QStringLiteral("devicesFrameKB"),
                        static_cast<double>(devices.back()->devicesFrameBytes()) / 1024.0}});
    for (const auto &d : devices)
        d->close();
}

void ingest(const test::RelayProcess &relay)
{
    const int n = setting("FEEDBACK_LOAD_INGEST_DEVICES", 100);
    const int perDevice = setting("FEEDBACK_LOAD_INGEST_UNITS", 2000);
    const int workspaces = std::min(n, setting("FEEDBACK_LOAD_INGEST_WORKSPACES", 10));
    const int batchWanted = setting("FEEDBACK_LOAD_BATCH", 500);
    std::vector<test::Identity> firsts;
    for (int w = 0; w < workspaces; ++w)
        firsts.push_back(test::Identity::fresh());
    Devices devices;
    for (int i = 0; i < n; ++i)
        devices.push_back(std::make_unique<LoadDevice>(firsts[i % workspaces].sibling(), false));
    // Signed before the clock starts, and before the devices connect (they would wait on it).
    QRandomGenerator random(2);
    std::vector<QList<SealedDelta>> units;
    for (const auto &d : devices)
        units.push_back(makeUnits(d->identity(), 1, perDevice, random));
    connectAll(devices, QUrl(relay.url()), devices.size());
    warnNotReady(devices, "ingest devices");

    // One batch in flight per device: the next goes when the last is acknowledged.
    std::vector<qsizetype> sent(devices.size(), 0);
    auto pushNext = [&](std::size_t i) {
        LoadDevice &d = *devices[i];
        const qsizetype batch = std::min<qsizetype>(batchWanted, d.maxBatch());
        if (!d.ready() || static_cast<qsizetype>(d.storedUpTo()) < sent[i] || sent[i] >= perDevice)
            return;
        d.push(units[i].mid(sent[i], batch));
        sent[i] += std::min<qsizetype>(batch, perDevice - sent[i]);
    };
    for (std::size_t i = 0; i < devices.size(); ++i)
        devices[i]->onAck([&pushNext, i] { pushNext(i); });
    QElapsedTimer clock;
    clock.start();
    const CpuShare cpu(relay.processId());
    for (std::size_t i = 0; i < devices.size(); ++i)
        pushNext(i);
    runUntil(
        [&] {
            return std::all_of(devices.begin(), devices.end(), [&](const auto &d) {
                return !d->ready() || d->storedUpTo() >= static_cast<quint64>(perDevice);
            });
        },
        600000);
    const double seconds = static_cast<double>(clock.nsecsElapsed()) / 1e9;
    qint64 acked = 0;
    for (const auto &d : devices)
        acked += static_cast<qint64>(d->storedUpTo());
    warnNotReady(devices, "after the ingest");
    QJsonObject extra{
        {QStringLiteral("devices"), readyCount(devices)},
        {QStringLiteral("workspaces"), workspaces},
        {QStringLiteral("unitsPerDevice"), perDevice},
        {QStringLiteral("acked"), acked},
        {QStringLiteral("batch"), std::min<qsizetype>(batchWanted, devices.front()->maxBatch())},
        {QStringLiteral("unitBytes"),
         protocol::encode(protocol::Push{{units.front().front()}}).size() -
             protocol::encode(protocol::Push{}).size()},
        {QStringLiteral("seconds"), seconds}};
    cpu.into(extra, QStringLiteral("MsPer1000Units"), static_cast<double>(acked) / 1000);
    bench::report(QStringLiteral("relay.ingest_per_s"), static_cast<double>(acked) / seconds,
                  QStringLiteral("units/s"), extra);
    for (const auto &d : devices)
        d->close();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const bool wantFanout = bench::selected(QStringLiteral("relay.fanout_1000_p50_ms"), prefix) ||
                            bench::selected(QStringLiteral("relay.fanout_1000_p99_ms"), prefix) ||
                            bench::selected(QStringLiteral("relay.rss_1000_devices_mb"), prefix);
    const bool wantIngest = bench::selected(QStringLiteral("relay.ingest_per_s"), prefix);
    if (!wantFanout && !wantIngest)
        return 0;
    // A thousand sockets here and as many in the relay (which raises its own limit).
    rlimit files{};
    if (getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
        files.rlim_cur = files.rlim_max;
        setrlimit(RLIMIT_NOFILE, &files);
    }
    QTemporaryDir tmp;
    qputenv("FEEDBACK_RELAY", FEEDBACK_RELAY_BIN);
    // Room for every device of both runs, all from one address, and some to spare.
    test::RelayProcess relay(tmp.filePath(QStringLiteral("relay")),
                             relayArgs(setting("FEEDBACK_LOAD_DEVICES", 1000) +
                                       setting("FEEDBACK_LOAD_INGEST_DEVICES", 100) + 64));
    if (!relay.start())
        qFatal("the relay did not start: %s", relay.describe().constData());
    if (wantFanout)
        fanout(relay, prefix);
    if (wantIngest)
        ingest(relay);
    relay.terminate();
    return 0;
}
