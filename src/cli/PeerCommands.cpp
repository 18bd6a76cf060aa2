// feedbackctl's nearby-device sync (PROTOCOL.md, "Nearby devices"): `sync --lan` syncs with
// every peer named (--peer) or found on the local network within the timeout and exits; watch
// serves peers too while P2P is on (peerOptions, startPeers).
#include "PeerCommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

#include <cmath>
#include <sync/Enrolment.h>
#include <sync/PeerNetwork.h>
#include <sync/SyncClient.h>

namespace feedback::cli {

namespace {

// After the first peer synced, discovery keeps looking this long for others before a
// `sync --lan` without --peer exits (a few announcement intervals).
constexpr int kLookFurtherMs = 3 * sync::PeerDiscovery::kAnnounceMs;

std::optional<QString> addressProblem(const QString &value)
{
    if (sync::PeerAddress::parse(value))
        return std::nullopt;
    return QStringLiteral("%1 is not HOST:PORT (port 1-65535)").arg(safetext::quoted(value));
}

std::optional<QString> listenProblem(const QString &value)
{
    if (sync::PeerAddress::parse(value, true))
        return std::nullopt;
    return QStringLiteral("%1 is not HOST:PORT (port 0-65535; 0: a free one)")
        .arg(safetext::quoted(value));
}

} // namespace

void peerOptions(CommandParser &p)
{
    p.value(QStringLiteral("peer"),
            QStringLiteral("A nearby device to sync with directly, where discovery does not "
                           "reach it (repeatable)."),
            QStringLiteral("HOST:PORT"), CommandParser::Repeatable);
    p.check(QStringLiteral("peer"), addressProblem);
    p.value(QStringLiteral("peer-listen"),
            QStringLiteral("Where this device listens for nearby devices (default: every "
                           "interface, a free port, announced)."),
            QStringLiteral("HOST:PORT"));
    p.check(QStringLiteral("peer-listen"), listenProblem);
}

sync::PeerNetwork::Options peerNetworkOptions(const CommandParser &p)
{
    sync::PeerNetwork::Options options;
    for (const QString &peer : p.all(QStringLiteral("peer")))
        options.peers.append(*sync::PeerAddress::parse(peer));
    if (p.isSet(QStringLiteral("peer-listen")))
        options.listen = sync::PeerAddress::parse(p.get(QStringLiteral("peer-listen")), true);
    return options;
}

// One JSON line per peer event, as watch prints its sync events.
void printPeerEvents(sync::PeerNetwork *peers,
                     const std::function<void(QString, QJsonObject)> &print)
{
    QObject::connect(peers, &sync::PeerNetwork::peerConnected, peers,
                     [print](const QJsonObject &d) { print(QStringLiteral("peer-connected"), d); });
    QObject::connect(peers, &sync::PeerNetwork::peerSynced, peers,
                     [print](const QJsonObject &d) { print(QStringLiteral("peer-synced"), d); });
    QObject::connect(peers, &sync::PeerNetwork::peerClosed, peers,
                     [print](const QJsonObject &d) { print(QStringLiteral("peer-closed"), d); });
}

sync::PeerNetwork *startPeers(CliContext &c, const CommandParser &p, sync::SyncClient *client,
                              const std::function<void(QString, QJsonObject)> &print, int &code)
{
    code = kFailure;
    const auto keys = sync::workspaceKeysOf(*c.store);
    if (!keys) {
        c.fail(keys.error());
        return nullptr;
    }
    auto *peers =
        new sync::PeerNetwork(*c.store, *keys, peerNetworkOptions(p), QCoreApplication::instance());
    printPeerEvents(peers, print);
    if (client)
        peers->attach(&client->session());
    if (Status started = peers->start(); !started) {
        code = c.fail(started.error());
        delete peers;
        return nullptr;
    }
    print(QStringLiteral("peer-listening"), {{QStringLiteral("port"), peers->listenPort()}});
    return peers;
}

int runSyncLan(CliContext &c, CommandParser &p)
{
    const double timeout = p.decimalValue(QStringLiteral("timeout"), 10);
    QTextStream &out = c.out;
    QTextStream &err = c.err;
    int refused = kFailure;
    sync::PeerNetwork *peers = startPeers(
        c, p, nullptr, [](const QString &, const QJsonObject &) {}, refused);
    if (!peers)
        return refused;
    const qsizetype named = p.all(QStringLiteral("peer")).size();
    auto done = std::make_shared<bool>(false);
    store::FeedbackStore *store = c.store;
    auto finish = [done, peers, finishCommand = c.finish, &out, store](int code) {
        if (*done)
            return;
        *done = true;
        out << "nearby devices: " << peers->syncedCount() << " synced; " << store->book().size()
            << " records" << Qt::endl;
        peers->stop();
        finishCommand(code);
    };
    auto *settle = new QTimer(peers);
    settle->setSingleShot(true);
    QObject::connect(settle, &QTimer::timeout, peers, [finish] { finish(kOk); });
    // Every peer named synced: done. Found by discovery only: once one synced, a little longer
    // for others, then done when every connected one is.
    QObject::connect(peers, &sync::PeerNetwork::peerSynced, peers, [=] {
        if (named > 0 && peers->syncedCount() >= named)
            return finish(kOk);
        if (named == 0 && peers->syncedCount() == peers->peerCount())
            settle->start(kLookFurtherMs);
    });
    // What ended a connection is said for peers that got through, and for those named (a
    // discovered address that does not answer is not worth a line).
    const QStringList namedPeers = p.all(QStringLiteral("peer"));
    QObject::connect(
        peers, &sync::PeerNetwork::peerClosed, peers, [&err, namedPeers](const QJsonObject &d) {
            if (!d.value(QStringLiteral("authenticated")).toBool() &&
                !namedPeers.contains(d.value(QStringLiteral("address")).toString()))
                return;
            const QString reason = d.value(QStringLiteral("reason")).toString();
            err << "feedbackctl: nearby device " << d.value(QStringLiteral("address")).toString()
                << ": " << safetext::escapeControls(reason) << Qt::endl;
        });
    QTimer::singleShot(static_cast<int>(std::lround(timeout * 1000)), peers, [=, &err] {
        if (*done)
            return;
        if (peers->syncedCount() > 0 && (named == 0 || peers->syncedCount() >= named))
            return finish(kOk);
        err << "feedbackctl: "
            << (peers->syncedCount() > 0 ? "not every nearby device synced in time"
                                         : "no nearby device synced in time")
            << Qt::endl;
        finish(kFailure);
    });
    return kLater;
}

} // namespace feedback::cli
