// A relay restarted on a log of 1,000,000 records (FEEDBACK_RESTART_RECORDS to change it):
// relay.db is filled in this process through RelayStorage (1,000 units a transaction, as a
// busy relay's would hold them), then a real feedback-relay process is started on it and timed
// until it serves: "listening on" printed, and a device of the workspace welcomed with the head
// of the log and given the first page of a pull.
#include "BenchReport.h"

#include <QCoreApplication>
#include <QElapsedTimer>
#include <QTemporaryDir>

#include <relay/RelayStorage.h>
#include <support/Patience.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback;
using namespace feedback::test;

namespace {

constexpr int kBatch = 1000;
constexpr qsizetype kUnitBytes = 300; // a record's sealed delta, about

int recordCount()
{
    bool ok = false;
    const int n = qEnvironmentVariableIntValue("FEEDBACK_RESTART_RECORDS", &ok);
    return ok && n > 0 ? n : 1000000;
}

// `records` units of one origin, signed by it, in batches: what many devices' pushes leave.
bool fill(const QString &dataDir, const Identity &writer, int records)
{
    relay::RelayStorage storage;
    if (const Status opened = storage.open(dataDir); !opened) {
        std::fprintf(stderr, "%s\n", qPrintable(opened.error()));
        return false;
    }
    const QByteArray payload = randomBytes(kUnitBytes);
    for (int first = 1; first <= records; first += kBatch) {
        QList<protocol::SealedDelta> units;
        for (int seq = first; seq < first + kBatch && seq <= records; ++seq)
            units.append(writer.delta(static_cast<quint64>(seq), payload));
        const relay::AppendOutcome outcome = storage.append(writer.keys.workspaceId(), units);
        if (outcome.refused) {
            std::fprintf(stderr, "append: %s\n", qPrintable(outcome.refused->text));
            return false;
        }
    }
    return storage.checkpoint().ok();
}

} // namespace

int main(int argc, char **argv)
{
    QCoreApplication app(argc, argv);
    const QString prefix = argc > 1 ? QString::fromLocal8Bit(argv[1]) : QString();
    const QString name = QStringLiteral("relay.restart_ready_1m_s");
    if (!bench::selected(name, prefix))
        return 0;
    qputenv("FEEDBACK_RELAY", FEEDBACK_RELAY_BIN);
    QTemporaryDir tmp;
    const QString dataDir = tmp.filePath(QStringLiteral("relay-data"));
    const Identity writer = Identity::fresh();
    const int records = recordCount();
    QElapsedTimer filling;
    filling.start();
    if (!fill(dataDir, writer, records))
        return 1;
    const double fillS = static_cast<double>(filling.elapsed()) / 1000.0;

    RelayProcess relay(dataDir,
                       {QStringLiteral("--max-frames-per-second"), QStringLiteral("100000")});
    QElapsedTimer ready;
    ready.start();
    if (!relay.start()) {
        std::fprintf(stderr, "%s\n", relay.describe().constData());
        return 1;
    }
    const double listeningS = static_cast<double>(ready.nsecsElapsed()) / 1e9;
    Peer device(relay.url());
    const auto welcome = device.authenticate(writer.sibling());
    device.send(protocol::Pull{0});
    const auto page = device.expect<protocol::Deltas>(60000);
    const double servedS = static_cast<double>(ready.nsecsElapsed()) / 1e9;
    if (!welcome || welcome->head != static_cast<quint64>(records) || !page ||
        page->deltas.isEmpty()) {
        std::fprintf(stderr, "not served: %s\n", device.log().constData());
        return 1;
    }
    bench::report(name, servedS, QStringLiteral("s"),
                  {{QStringLiteral("records"), records},
                   {QStringLiteral("listening_s"), listeningS},
                   {QStringLiteral("relay_db_mb"),
                    static_cast<double>(QFileInfo(dataDir + QStringLiteral("/relay.db")).size()) /
                        (1024.0 * 1024.0)},
                   {QStringLiteral("fill_s"), fillS},
                   {QStringLiteral("goal"), 1.0}});
    return 0;
}
