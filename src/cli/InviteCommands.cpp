// feedbackctl invite: makes an invite that expires and is used up (PROTOCOL.md, "Invites"),
// gives it to the relay to hold, and prints its code only once the relay holds it: a code the
// relay does not know would only fail at join.
#include "CliContext.h"
#include "CommandParser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QTimeZone>
#include <QTimer>

#include <sync/InviteIssuer.h>
#include <sync/RelayPin.h>
#include <sync/SyncClient.h>

namespace feedback::cli {

namespace {

constexpr int kDefaultTimeoutS = 60;

QString durationProblemText()
{
    return QStringLiteral("--expires must be a duration from 1m to 30d, such as 15m, 2h or 7d");
}

void declareInviteOptions(CommandParser &p)
{
    relayOptions(p);
    p.value(QStringLiteral("role"),
            QStringLiteral("full (reads and writes everything, the default) or kiosk (submits "
                           "new feedback only, reads nothing)."),
            QStringLiteral("ROLE"));
    p.value(QStringLiteral("name"),
            QStringLiteral("A kiosk's name in the device list (numbered when --uses is over 1)."),
            QStringLiteral("NAME"));
    p.value(QStringLiteral("expires"),
            QStringLiteral("How long the code can be used: 15m, 2h, 7d ... (default 24h, at most "
                           "30d)."),
            QStringLiteral("DURATION"));
    p.check(QStringLiteral("expires"), [](const QString &value) -> std::optional<QString> {
        if (sync::InviteIssuer::parseDuration(value))
            return std::nullopt;
        return durationProblemText();
    });
    p.integer(QStringLiteral("uses"), QStringLiteral("How many devices may join with it"),
              QStringLiteral("N"), 1, qint64(protocol::limits::kMaxInviteUses));
    p.integer(QStringLiteral("timeout"),
              QStringLiteral("Give up when the relay has not taken it after S seconds"),
              QStringLiteral("S"), 1, 3600);
}

} // namespace

int runInvite(CliContext &c)
{
    CommandParser p(QStringLiteral("invite"),
                    QStringLiteral("Register an invite with the relay and print its code (keep "
                                   "it secret until it is used: a full device's code opens the "
                                   "workspace)."));
    declareInviteOptions(p);
    if (!p.parse(c))
        return p.exitCode();
    const QString role = p.get(QStringLiteral("role"), QStringLiteral("full"));
    if (role != QStringLiteral("full") && role != QStringLiteral("kiosk"))
        return c.fail(
            QStringLiteral("--role must be full or kiosk, not %1").arg(safetext::quoted(role)),
            kInvalidInput);
    const QString relay = p.get(QStringLiteral("relay"), c.profile.get(store::settings::kRelayUrl));
    const qint64 lifeMs = sync::InviteIssuer::parseDuration(p.get(QStringLiteral("expires")))
                              .value_or(sync::InviteIssuer::kDefaultLifeMs);
    sync::InviteRequest request;
    request.relayUrl = relay;
    request.role = role == QStringLiteral("kiosk") ? protocol::Role::Kiosk : protocol::Role::Full;
    request.kioskName = p.get(QStringLiteral("name"), QStringLiteral("Kiosk"));
    request.expiresAtMs = QDateTime::currentMSecsSinceEpoch() + lifeMs;
    request.uses = static_cast<int>(p.integerValue(QStringLiteral("uses"), 1));
    // The key this device pinned for that relay travels with the code (none for ws://).
    // (A damaged pin setting: makeClient below refuses, saying so.)
    if (const auto pin = sync::RelayPin::load(c.profile, QUrl(relay)))
        request.relayPin = *pin;
    const auto issued = sync::InviteIssuer::issue(*c.store, request);
    if (!issued)
        return c.fail(issued.error(),
                      issued.errorKind() == ErrorKind::BadData ? kInvalidInput : kFailure);
    int refused = kFailure;
    sync::SyncClient *client = makeClient(c, p, false, refused);
    if (!client)
        return refused;
    // Exactly one outcome: held, refused, or timed out.
    auto done = std::make_shared<bool>(false);
    auto finish = [done, finishCommand = c.finish, client](int code) {
        if (*done)
            return;
        *done = true;
        client->stop();
        finishCommand(code);
    };
    QTextStream &out = c.out;
    QTextStream &err = c.err;
    const QString code = issued->code;
    const QByteArray id = issued->offer.id;
    const bool kiosk = request.role == protocol::Role::Kiosk;
    const qint64 expiresAt = request.expiresAtMs;
    QObject::connect(
        &client->session(), &sync::SyncSession::inviteHeld, client,
        [=, &out, &err](const QByteArray &held, quint64 uses) {
            if (held != id)
                return;
            err << "Invite " << QString::fromLatin1(id.toHex().left(16)) << " valid until "
                << QDateTime::fromMSecsSinceEpoch(expiresAt, QTimeZone::utc()).toString(Qt::ISODate)
                << " for " << uses << (kiosk ? " kiosk" : " device") << (uses == 1 ? "" : "s")
                << ". "
                << (kiosk ? "A kiosk can submit feedback and read none."
                          : "Give it only to devices of your workspace: whoever joins with it "
                            "can read and write its feedback.")
                << Qt::endl;
            out << code << Qt::endl;
            finish(kOk);
        });
    QObject::connect(&client->session(), &sync::SyncSession::stateChanged, client,
                     [client, finish, done, &err](sync::SyncState state) {
                         if (*done ||
                             (state != sync::SyncState::Error && state != sync::SyncState::Offline))
                             return;
                         const QString reason = client->session().lastError();
                         err << "feedbackctl: the relay did not take the invite, so no code was "
                                "made: "
                             << (reason.isEmpty() ? QStringLiteral("the relay is unreachable")
                                                  : safetext::escapeControls(reason))
                             << Qt::endl;
                         finish(kFailure);
                     });
    const int timeoutS =
        static_cast<int>(p.integerValue(QStringLiteral("timeout"), kDefaultTimeoutS));
    QTimer::singleShot(timeoutS * 1000, client, [finish, done, &err] {
        if (!*done)
            err << "feedbackctl: the relay did not take the invite in time; no code was made."
                << Qt::endl;
        finish(kFailure);
    });
    client->session().offerInvite(issued->offer);
    client->start();
    return kLater;
}

} // namespace feedback::cli
