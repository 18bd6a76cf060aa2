// Nearby-device benchmarks (PROTOCOL.md, "Nearby devices"): two devices in this process syncing
// directly over WebSocket on 127.0.0.1, no relay.
// - p2p.propagation_p50_ms: 1,000 records at 50/s, submit on one until the other has it.
// - p2p.catchup_10k_s: a fresh device dials one holding 10,000 records, until it has them all.
#include "BenchReport.h"
#include "BenchWait.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QHash>
#include <QTemporaryDir>

#include <algorithm>
#include <support/PeerDevice.h>
#include <support/Workload.h>
#include <vector>

using namespace feedback;
using bench::waitFor;

namespace {

double percentile(std::vector<double> v, double p)
{
    std::sort(v.begin(), v.end());
    return v.empty() ? 0 : v[static_cast<std::size_t>(p * static_cast<double>(v.size() - 1))];
}

test::PeerDevice device(const QTemporaryDir &tmp, const QString &name, const QByteArray &secret)
{
    auto d = test::makePeerDevice(tmp.filePath(name), secret, name);
    if (!d)
        qFatal("cannot make a device");
    return std::move(*d);
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    if (!bench::selected(QStringLiteral("p2p"), prefix))
        return 0;
    QTemporaryDir tmp;
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    test::PeerDevice desk = device(tmp, QStringLiteral("desk"), secret);
    test::PeerDevice laptop = device(tmp, QStringLiteral("laptop"), secret);
    if (!desk.serve())
        qFatal("the desk cannot listen");
    if (!laptop.serve({*sync::PeerAddress::parse(desk.address())}))
        qFatal("the laptop cannot listen");
    if (!waitFor([&] { return laptop.peers->syncedCount() == 1; }, 10000))
        qFatal("the devices did not sync");
    testsupport::Workload workload;

    if (bench::selected(QStringLiteral("p2p.propagation"), prefix)) {
        QHash<QString, qint64> submitted;
        std::vector<double> ms;
        QElapsedTimer clock;
        clock.start();
        const auto watching =
            QObject::connect(laptop.peers.get(), &sync::PeerNetwork::recordsChanged, [&] {
                for (auto it = submitted.begin(); it != submitted.end();) {
                    if (laptop.store->book().view(*recordIdFromString(it.key()))) {
                        ms.push_back(static_cast<double>(clock.nsecsElapsed() - it.value()) / 1e6);
                        it = submitted.erase(it);
                    } else {
                        ++it;
                    }
                }
            });
        for (int i = 0; i < 1000; ++i) {
            const qint64 at = clock.nsecsElapsed();
            const auto id = desk.store->submit(workload.next());
            submitted.insert(recordIdToString(*id), at);
            desk.peers->localChange();
            waitFor([&] { return clock.nsecsElapsed() >= at + 20'000'000; }, 1000);
        }
        waitFor([&] { return submitted.isEmpty(); }, 10000);
        QObject::disconnect(watching);
        const QJsonObject extra{{QStringLiteral("records"), 1000}, {QStringLiteral("rate"), 50}};
        bench::report(QStringLiteral("p2p.propagation_p50_ms"), percentile(ms, 0.5),
                      QStringLiteral("ms"), extra);
        bench::report(QStringLiteral("p2p.propagation_p99_ms"), percentile(ms, 0.99),
                      QStringLiteral("ms"), extra);
    }
    if (bench::selected(QStringLiteral("p2p.catchup"), prefix)) {
        // 10,000 records on the desk, given to the laptop live (so they are sealed and kept, as
        // on a device with nearby sync on); then a fresh device catches up from the desk.
        const std::size_t target = desk.store->book().size() + 10000;
        for (int done = 0; done < 10000;) {
            QList<store::ImportItem> items;
            for (int i = 0; i < 1000; ++i, ++done)
                items.append({QByteArray::number(done), workload.next()});
            if (!desk.store->importItems(items))
                qFatal("import failed");
            desk.peers->localChange();
        }
        if (!waitFor([&] { return laptop.store->book().size() >= target; }, 120000))
            qFatal("the laptop did not get the records");
        test::PeerDevice van = device(tmp, QStringLiteral("van"), secret);
        QElapsedTimer t;
        t.start();
        if (!van.serve({*sync::PeerAddress::parse(desk.address())}) ||
            !waitFor([&] { return van.peers->syncedCount() == 1; }, 120000))
            qFatal("the van did not catch up");
        const double s = static_cast<double>(t.nsecsElapsed()) / 1e9;
        if (van.store->book().size() < target)
            qFatal("the van caught up with %zu records", van.store->book().size());
        bench::report(QStringLiteral("p2p.catchup_10k_s"), s, QStringLiteral("s"),
                      {{QStringLiteral("records"), static_cast<qint64>(target)}});
    }
    return 0;
}
