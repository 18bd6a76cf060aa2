// The relay on PostgreSQL (--database), against a cluster this benchmark starts with commits
// flushed to disk as on a real server (PgCluster::setDurable):
// - relay.pg_ingest_per_s: relay.ingest_per_s's run (100 devices of 10 workspaces, 2,000 units
//   each, one batch in flight per device) against a relay on PostgreSQL;
// - sync.propagation_pg_two_relays_p50_ms: two relays on one database; a device on relay A
//   pushes one unit at a time, the next once the last arrived, live, at a device on relay B
//   (LISTEN/NOTIFY); the time from the send to the arrival. Devices of this process speak the
//   protocol (LoadDevice.h): sealing and the store are not in it.
// Smaller for a smoke run: FEEDBACK_LOAD_INGEST_* as bench_relay_load, FEEDBACK_LOAD_PUSHES.
#include "LoadFleet.h"

#include <QCoreApplication>
#include <QTemporaryDir>

#include <support/PgCluster.h>

using namespace feedback;
using namespace feedback::bench::fleet;
using bench::LoadDevice;

namespace {

void propagation(const QString &database, const QTemporaryDir &tmp)
{
    const QStringList args{QStringLiteral("--database"), database};
    test::RelayProcess relayA(tmp.filePath(QStringLiteral("a")), args);
    test::RelayProcess relayB(tmp.filePath(QStringLiteral("b")), args);
    if (!relayA.start() || !relayB.start())
        qFatal("the relays did not start: %s %s", relayA.describe().constData(),
               relayB.describe().constData());
    const test::Identity first = test::Identity::fresh();
    const std::vector<test::Identity> ids{first.sibling(), first.sibling()};
    if (!enrolOneByOne(ids, QUrl(relayA.url())))
        qFatal("cannot enrol the devices: %s", relayA.describe().constData());
    LoadDevice writer(ids[0], false), reader(ids[1], true);
    writer.open(QUrl(relayA.url()));
    reader.open(QUrl(relayB.url()));
    runUntil([&] { return writer.settled() && reader.settled(); }, test::kPatienceMs);
    if (!writer.ready() || !reader.ready())
        qFatal("the devices are not live: %s / %s", qPrintable(writer.problem()),
               qPrintable(reader.problem()));
    const int pushes = setting("FEEDBACK_LOAD_PUSHES", 300);
    QRandomGenerator random(3);
    const QList<SealedDelta> units = makeUnits(writer.identity(), 1, pushes, random);
    QElapsedTimer clock;
    clock.start();
    qint64 sentAt = 0;
    quint64 arrived = 0;
    std::vector<double> ms;
    reader.onLive([&](const protocol::Deltas &d) {
        for (const SealedDelta &u : d.deltas)
            if (u.origin == writer.identity().device && u.seq == arrived + 1) {
                ms.push_back(static_cast<double>(clock.nsecsElapsed() - sentAt) / 1e6);
                ++arrived;
            }
    });
    for (int i = 0; i < pushes; ++i) {
        sentAt = clock.nsecsElapsed();
        writer.push({units[i]});
        if (!runUntil([&] { return arrived > static_cast<quint64>(i); }, test::kPatienceMs))
            break;
    }
    bench::report(QStringLiteral("sync.propagation_pg_two_relays_p50_ms"), percentile(ms, 0.5),
                  QStringLiteral("ms"),
                  {{QStringLiteral("pushes"), pushes},
                   {QStringLiteral("arrived"), static_cast<qint64>(ms.size())},
                   {QStringLiteral("p99Ms"), percentile(ms, 0.99)},
                   {QStringLiteral("durable"), true}});
    writer.close();
    reader.close();
    relayA.terminate();
    relayB.terminate();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const bool wantIngest = bench::selected(QStringLiteral("relay.pg_ingest_per_s"), prefix);
    const bool wantPropagation =
        bench::selected(QStringLiteral("sync.propagation_pg_two_relays_p50_ms"), prefix);
    if (!wantIngest && !wantPropagation)
        return 0;
    test::PgCluster pg;
    pg.setDurable(true);
    if (const QString failed = pg.start(); !failed.isEmpty())
        qFatal("no PostgreSQL: %s", qPrintable(failed));
    qputenv("FEEDBACK_RELAY", FEEDBACK_RELAY_BIN);
    QTemporaryDir tmp;
    if (wantIngest) {
        test::RelayProcess relay(tmp.filePath(QStringLiteral("relay")),
                                 relayArgs(setting("FEEDBACK_LOAD_INGEST_DEVICES", 100) + 64) +
                                     QStringList{QStringLiteral("--database"), pg.url()});
        if (!relay.start())
            qFatal("the relay did not start: %s", relay.describe().constData());
        ingest(relay, QStringLiteral("relay.pg_ingest_per_s"));
        relay.terminate();
    }
    if (wantPropagation)
        propagation(pg.url(), tmp);
    return 0;
}
