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
#include "LoadFleet.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <sys/resource.h>

using namespace feedback;
using namespace feedback::bench::fleet;
using bench::CpuShare;
using bench::LoadDevice;
using bench::statusMb;

namespace {

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
        ingest(relay, QStringLiteral("relay.ingest_per_s"));
    relay.terminate();
    return 0;
}
