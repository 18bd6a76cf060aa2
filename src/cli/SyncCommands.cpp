// feedbackctl commands that talk to the relay: sync, watch (invite: InviteCommands.cpp).
#include "CliContext.h"
#include "CommandParser.h"
#include "PeerCommands.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonDocument>
#include <QTimer>

#include <cmath>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/InviteCode.h>
#include <sync/PeerNetwork.h>
#include <sync/RelayPin.h>
#include <sync/RelayUrl.h>
#include <sync/SyncClient.h>

namespace feedback::cli {

namespace {

// Within what a QTimer can wait (int milliseconds); a day is more than any sync needs.
constexpr double kMinTimeoutSeconds = 0.1;
constexpr double kMaxTimeoutSeconds = 86400;

} // namespace

sync::SyncClient *makeClient(CliContext &c, CommandParser &p, bool reconnect, int &code)
{
    using Refusal = sync::ClientSetup::Refusal;
    code = kFailure;
    const bool given = p.isSet(QStringLiteral("relay"));
    // Before the setup loads the pin: a damaged one is removed this way too.
    if (p.isSet(QStringLiteral("forget-relay-key"))) {
        if (Status forgotten = sync::RelayPin::forget(c.profile); !forgotten) {
            c.fail(forgotten.error());
            return nullptr;
        }
        c.err << "feedbackctl: the relay's pinned key is forgotten; the next sync that gets "
                 "through pins the key it meets"
              << Qt::endl;
    }
    sync::ClientSetup setup = sync::ClientSetup::of(
        c.profile, *c.store,
        given ? std::optional<QString>(p.get(QStringLiteral("relay"))) : std::nullopt,
        p.isSet(QStringLiteral("insecure")));
    switch (setup.refusal()) {
    case Refusal::None:
        break;
    case Refusal::TurnedOff:
        c.fail(QStringLiteral("sync is turned off (FEEDBACK_SYNC=off): this device keeps a "
                              "local-only queue."));
        return nullptr;
    case Refusal::NoRelayUrl:
        code = c.fail(QStringLiteral("No relay URL: pass --relay URL or set it with init --relay."),
                      kInvalidInput);
        return nullptr;
    case Refusal::InvalidRelayUrl:
        code = c.fail(
            *relayUrlProblem(setup.relayUrl(), given ? QStringLiteral("--relay")
                                                     : QStringLiteral("The profile's relay URL")),
            kInvalidInput);
        return nullptr;
    case Refusal::NoWorkspace:
    case Refusal::DamagedRelayPin:
        c.fail(setup.detail());
        return nullptr;
    case Refusal::Insecure:
        code = c.fail(setup.detail() + QLatin1Char('.'), kInvalidInput);
        return nullptr;
    }
    setup.options().caFile = p.get(QStringLiteral("ca-file"));
    setup.options().reconnect = reconnect;
    return setup.create(*c.store, QCoreApplication::instance());
}

void relayOptions(CommandParser &p)
{
    p.value(QStringLiteral("relay"), QStringLiteral("Relay URL (default: the profile's)."),
            QStringLiteral("URL"));
    p.value(QStringLiteral("ca-file"), QStringLiteral("PEM certificates of a private CA."),
            QStringLiteral("FILE"));
    p.flag(QStringLiteral("forget-relay-key"),
           QStringLiteral("Forget the relay's pinned key (after its operator changed it): this "
                          "sync pins the key of a relay that a CA (--ca-file) vouches for."));
    insecureOption(p);
}

void insecureOption(CommandParser &p)
{
    p.flag(QStringLiteral("insecure"),
           QStringLiteral("Allow plain ws:// to a relay that is not on this machine."));
}

std::optional<QString> insecureRelayProblem(const QString &url, bool allowInsecure)
{
    if (Status secure = sync::RelayUrl::check(url, allowInsecure); !secure)
        return secure.error() + QLatin1Char('.');
    return std::nullopt;
}

std::optional<QString> relayUrlProblem(const QString &url, const QString &what)
{
    if (url.isEmpty() || sync::SyncClient::isRelayUrl(url))
        return std::nullopt;
    return QStringLiteral("%1 %2 is not a relay URL: expected ws://HOST[:PORT][/PATH] or "
                          "wss://HOST[:PORT][/PATH].")
        .arg(what, safetext::quoted(url));
}

namespace {

// Push what is pending, pull until caught up, exit: a sync, or (`snapshot`) also give the relay a
// snapshot of this device's state once caught up, and exit once it is stored.
int syncOnce(CliContext &c, CommandParser &p, bool snapshot)
{
    const double timeout = p.decimalValue(QStringLiteral("timeout"), 60);
    int refused = kFailure;
    sync::SyncClient *client = makeClient(c, p, false, refused);
    if (!client)
        return refused;
    if (snapshot)
        client->session().requestSnapshot();
    // Exactly one outcome: the first of up to date, failure or timeout.
    auto done = std::make_shared<bool>(false);
    QTextStream &out = c.out;
    QTextStream &err = c.err;
    store::FeedbackStore *store = c.store;
    auto finish = [done, finishCommand = c.finish, client](int code) {
        if (*done)
            return false;
        *done = true;
        client->stop();
        finishCommand(code);
        return true;
    };
    QObject::connect(
        &client->session(), &sync::SyncSession::stateChanged, client,
        [client, finish, done, &out, &err, store](sync::SyncState state) {
            if (*done)
                return;
            if (state == sync::SyncState::UpToDate) {
                out << "up to date: " << store->book().size() << " records, "
                    << store->pendingCount() << " pending" << Qt::endl;
                // Changes of a newer version were set aside: everything else synced, but this
                // device must be updated to read them.
                if (client->session().updateRequired())
                    err << "feedbackctl: update required: some changes were written by a newer "
                           "version and wait on this device until it is updated (see doctor)"
                        << Qt::endl;
                finish(kOk);
            } else if ((state == sync::SyncState::Error || state == sync::SyncState::Offline) &&
                       !client->failingOver()) { // else the next relay of the list is tried
                const QString reason = client->session().lastError();
                err << "feedbackctl: sync failed: "
                    << (reason.isEmpty() ? QStringLiteral("the relay is unreachable")
                                         : safetext::escapeControls(reason)) // may be the relay's
                    << Qt::endl;
                finish(kFailure);
            }
        });
    // A restored or cloned profile continues under a new device id: say so, and why. A healed
    // relay and a stored snapshot are said too.
    QObject::connect(
        &client->session(), &sync::SyncSession::event, client,
        [&err, &out](sync::SyncEvent kind, const QJsonObject &details) {
            const qint64 position = details.value(QStringLiteral("position")).toInteger();
            if (kind == sync::SyncEvent::Identity)
                err << "feedbackctl: note: "
                    << safetext::escapeControls(details.value(QStringLiteral("note")).toString())
                    << Qt::endl;
            else if (kind == sync::SyncEvent::Healed)
                err << "feedbackctl: note: the relay lacked changes it had "
                       "confirmed (restored from a backup?); this device gave it "
                       "a snapshot of everything it holds"
                    << Qt::endl;
            else if (kind == sync::SyncEvent::SnapshotUploaded)
                out << "snapshot stored at position " << position << Qt::endl;
        });
    QTimer::singleShot(static_cast<int>(std::lround(timeout * 1000)), client, [finish, done, &err] {
        if (!*done)
            err << "feedbackctl: sync timed out" << Qt::endl;
        finish(kFailure);
    });
    client->start();
    return kLater;
}

void timeoutOption(CommandParser &p)
{
    p.decimal(QStringLiteral("timeout"), QStringLiteral("Give up after S seconds, default 60"),
              QStringLiteral("S"), kMinTimeoutSeconds, kMaxTimeoutSeconds);
}

} // namespace

int runSync(CliContext &c)
{
    CommandParser p(QStringLiteral("sync"),
                    QStringLiteral("Push everything pending, pull until caught up, exit."));
    relayOptions(p);
    timeoutOption(p);
    p.flag(QStringLiteral("lan"),
           QStringLiteral("Sync with nearby devices of the workspace instead of the relay: every "
                          "one found on the local network (or named with --peer) within the "
                          "timeout (default 10 s)."));
    peerOptions(p);
    p.needs(QStringLiteral("peer"), QStringLiteral("lan"));
    p.needs(QStringLiteral("peer-listen"), QStringLiteral("lan"));
    p.excludes(QStringLiteral("lan"),
               {QStringLiteral("relay"), QStringLiteral("forget-relay-key")});
    if (!p.parse(c))
        return p.exitCode();
    if (p.isSet(QStringLiteral("lan"))) {
        if (!sync::PeerNetwork::enabledByEnvironment(true))
            return c.fail(QStringLiteral("sync with nearby devices is turned off "
                                         "(FEEDBACK_P2P=off)."));
        return runSyncLan(c, p);
    }
    return syncOnce(c, p, false);
}

int runSnapshot(CliContext &c)
{
    CommandParser p(QStringLiteral("snapshot"),
                    QStringLiteral("Sync, then give the relay a snapshot of everything this device "
                                   "holds (a new device then starts from it, and the relay may "
                                   "drop the history it covers)."));
    relayOptions(p);
    timeoutOption(p);
    if (!p.parse(c))
        return p.exitCode();
    if (const auto keys = sync::workspaceKeysOf(*c.store); keys && !keys->canRead())
        return c.fail(QStringLiteral("A kiosk holds no state to give: make snapshots on a full "
                                     "device (dispatcher desk or field laptop)."));
    return syncOnce(c, p, true);
}

int runWatch(CliContext &c)
{
    CommandParser p(QStringLiteral("watch"),
                    QStringLiteral("Stay connected; print one JSON line per sync event."));
    relayOptions(p);
    peerOptions(p);
    if (!p.parse(c))
        return p.exitCode();
    // Nearby devices too: FEEDBACK_P2P=on, or a peer option given (unless FEEDBACK_P2P=off).
    const bool peersAsked =
        p.isSet(QStringLiteral("peer")) || p.isSet(QStringLiteral("peer-listen"));
    if (peersAsked && !sync::PeerNetwork::enabledByEnvironment(true))
        return c.fail(QStringLiteral("sync with nearby devices is turned off (FEEDBACK_P2P=off)."));
    const bool peers = sync::PeerNetwork::enabledByEnvironment(peersAsked);
    int refused = kFailure;
    sync::SyncClient *client = makeClient(c, p, true, refused);
    if (!client)
        return refused;
    QTextStream &out = c.out;
    auto print = [&out](const QString &kind, QJsonObject details) {
        details.insert(QStringLiteral("event"), kind);
        details.insert(QStringLiteral("at"),
                       QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs));
        out << safetext::escapeJsonControls(QJsonDocument(details).toJson(QJsonDocument::Compact))
            << Qt::endl;
    };
    QObject::connect(&client->session(), &sync::SyncSession::event, client,
                     [print](sync::SyncEvent kind, const QJsonObject &details) {
                         print(sync::syncEventName(kind), details);
                     });
    QObject::connect(
        &client->session(), &sync::SyncSession::stateChanged, client,
        [print](sync::SyncState state) {
            print(QStringLiteral("state"), {{QStringLiteral("state"), sync::syncStateName(state)}});
        });
    if (peers && !startPeers(c, p, client, print, refused)) {
        delete client;
        return refused;
    }
    client->start();
    return kLater;
}

} // namespace feedback::cli
