// feedbackctl invite: makes an invite that expires and is used up (PROTOCOL.md, "Invites"),
// gives it to the relay to hold, and prints its code only once the relay holds it: a code the
// relay does not know would only fail at join. The invites this device made and the relay holds
// are kept (IssuedInvites, never their codes): `--list` shows them offline, and `--cancel` drops
// one once the relay confirms.
#include "CliContext.h"
#include "CommandParser.h"

#include <QCoreApplication>
#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTimeZone>
#include <QTimer>

#include <functional>
#include <sync/ClientSetup.h>
#include <sync/DeviceCredentials.h>
#include <sync/InviteIssuer.h>
#include <sync/IssuedInvites.h>
#include <sync/RelayPin.h>
#include <sync/SyncClient.h>

namespace feedback::cli {

namespace {

constexpr int kDefaultTimeoutS = 60;

QByteArray inviteIdOf(const QString &hex)
{
    static const QRegularExpression kHex(QStringLiteral("^[0-9a-f]{64}$"));
    const QString text = hex.trimmed().toLower();
    return kHex.match(text).hasMatch() ? QByteArray::fromHex(text.toLatin1()) : QByteArray();
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
        return QStringLiteral("--expires must be a duration from 1m to 30d, such as 15m, 2h or 7d");
    });
    p.integer(QStringLiteral("uses"), QStringLiteral("How many devices may join with it"),
              QStringLiteral("N"), 1, qint64(protocol::limits::kMaxInviteUses));
    p.value(QStringLiteral("cancel"),
            QStringLiteral("Cancel the invite ID (the handle `invite` printed, or --list shows) "
                           "before it is used up."),
            QStringLiteral("ID"));
    p.check(QStringLiteral("cancel"), [](const QString &value) -> std::optional<QString> {
        if (inviteIdOf(value).size() == 32)
            return std::nullopt;
        return QStringLiteral("--cancel takes an invite id: 64 hexadecimal digits");
    });
    p.flag(QStringLiteral("list"),
           QStringLiteral("List the invites made on this device that the relay holds and that "
                          "have not expired (offline: the relay's last answer)."));
    p.value(QStringLiteral("format"), QStringLiteral("With --list: table or json."),
            QStringLiteral("F"));
    p.check(QStringLiteral("format"), [](const QString &format) -> std::optional<QString> {
        if (format == QLatin1String("table") || format == QLatin1String("json"))
            return std::nullopt;
        return QStringLiteral("must be table or json.");
    });
    p.needs(QStringLiteral("format"), QStringLiteral("list"));
    p.excludes(QStringLiteral("list"),
               {QStringLiteral("cancel"), QStringLiteral("role"), QStringLiteral("name"),
                QStringLiteral("expires"), QStringLiteral("uses"), QStringLiteral("relay"),
                QStringLiteral("timeout")});
    p.excludes(QStringLiteral("cancel"), {QStringLiteral("role"), QStringLiteral("name"),
                                          QStringLiteral("expires"), QStringLiteral("uses")});
    p.integer(QStringLiteral("timeout"),
              QStringLiteral("Give up when the relay has not taken it after S seconds"),
              QStringLiteral("S"), 1, 3600);
}

// Gives the relay `offer` on a session of this device and waits for its answer: `onHeld` then
// prints what the command says; a refusal, a relay out of reach or the timeout exit 1.
int offerToRelay(CliContext &c, CommandParser &p, const protocol::Invite &offer,
                 std::function<void(quint64 usesLeft)> onHeld)
{
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
    QTextStream &err = c.err;
    const bool cancelling = offer.uses == 0;
    QObject::connect(&client->session(), &sync::SyncSession::inviteHeld, client,
                     [finish, onHeld, id = offer.id](const QByteArray &held, quint64 uses) {
                         if (held != id)
                             return;
                         onHeld(uses);
                         finish(kOk);
                     });
    QObject::connect(
        &client->session(), &sync::SyncSession::stateChanged, client,
        [client, finish, done, cancelling, &err](sync::SyncState state) {
            if (*done || (state != sync::SyncState::Error && state != sync::SyncState::Offline) ||
                client->failingOver())
                return;
            const QString reason = client->session().lastError();
            err << "feedbackctl: "
                << (cancelling ? "the relay did not cancel the invite: "
                               : "the relay did not take the invite, so no code was made: ")
                << (reason.isEmpty() ? QStringLiteral("the relay is unreachable")
                                     : safetext::escapeControls(reason))
                << Qt::endl;
            finish(kFailure);
        });
    const int timeoutS =
        static_cast<int>(p.integerValue(QStringLiteral("timeout"), kDefaultTimeoutS));
    QTimer::singleShot(timeoutS * 1000, client, [finish, done, &err] {
        if (!*done)
            err << "feedbackctl: the relay did not answer in time; nothing changed." << Qt::endl;
        finish(kFailure);
    });
    client->session().offerInvite(offer);
    client->start();
    return kLater;
}

QString isoTime(qint64 ms)
{
    return QDateTime::fromMSecsSinceEpoch(ms, QTimeZone::utc()).toString(Qt::ISODate);
}

// invite --list: what IssuedInvites keeps, unexpired, oldest first.
int listInvites(CliContext &c, const CommandParser &p)
{
    const QList<sync::IssuedInvites::Entry> entries =
        sync::IssuedInvites::pending(*c.store, QDateTime::currentMSecsSinceEpoch());
    if (p.get(QStringLiteral("format")) == QLatin1String("json")) {
        QJsonArray list;
        for (const sync::IssuedInvites::Entry &e : entries)
            list.append(
                QJsonObject{{QStringLiteral("handle"), QString::fromLatin1(e.handle.toHex())},
                            {QStringLiteral("role"), sync::roleName(e.role)},
                            {QStringLiteral("name"), e.kioskName},
                            {QStringLiteral("madeAt"), isoTime(e.madeAtMs)},
                            {QStringLiteral("expiresAt"), isoTime(e.expiresAtMs)},
                            {QStringLiteral("uses"), static_cast<qint64>(e.uses)},
                            {QStringLiteral("usesLeft"), static_cast<qint64>(e.usesLeft)}});
        c.out << safetext::escapeJsonControls(QJsonDocument(list).toJson(QJsonDocument::Indented));
        return kOk;
    }
    if (entries.isEmpty()) {
        c.err << "No pending invites made on this device." << Qt::endl;
        return kOk;
    }
    const auto row = [&c](const QString &handle, const QString &role, const QString &expires,
                          const QString &left, const QString &name) {
        c.out << QStringLiteral("%1  %2  %3  %4  %5")
                     .arg(handle, -64)
                     .arg(role, -5)
                     .arg(expires, -20)
                     .arg(left, -9)
                     .arg(name)
                     .trimmed()
              << Qt::endl;
    };
    row(QStringLiteral("HANDLE"), QStringLiteral("ROLE"), QStringLiteral("EXPIRES"),
        QStringLiteral("USES LEFT"), QStringLiteral("NAME"));
    for (const sync::IssuedInvites::Entry &e : entries)
        row(QString::fromLatin1(e.handle.toHex()), sync::roleName(e.role), isoTime(e.expiresAtMs),
            QStringLiteral("%1 of %2").arg(e.usesLeft).arg(e.uses),
            safetext::escapeControls(e.kioskName));
    return kOk;
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
    if (p.isSet(QStringLiteral("list")))
        return listInvites(c, p);
    if (p.isSet(QStringLiteral("cancel"))) {
        QTextStream &out = c.out;
        QTextStream &err = c.err;
        store::FeedbackStore &store = *c.store;
        const QByteArray handle = inviteIdOf(p.get(QStringLiteral("cancel")));
        return offerToRelay(
            c, p, sync::InviteIssuer::cancellation(handle), [&out, &err, &store, handle](quint64) {
                if (Status s = sync::IssuedInvites::answered(store, handle, 0,
                                                             QDateTime::currentMSecsSinceEpoch());
                    !s)
                    err << "feedbackctl: the list of invites could not be "
                           "updated: "
                        << s.error() << Qt::endl;
                out << "cancelled: the relay refuses the code from now on" << Qt::endl;
            });
    }
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
    request.fallbackRelays = sync::ClientSetup::relaysBeside(c.profile, relay);
    const auto issued = sync::InviteIssuer::issue(*c.store, request);
    if (!issued)
        return c.fail(issued.error(),
                      issued.errorKind() == ErrorKind::BadData ? kInvalidInput : kFailure);
    QTextStream &out = c.out;
    QTextStream &err = c.err;
    store::FeedbackStore &store = *c.store;
    const bool kiosk = request.role == protocol::Role::Kiosk;
    // The handle, not the id: whoever reads the id could claim the invite.
    const QString id = QString::fromLatin1(protocol::inviteHandle(issued->offer.id).toHex());
    const QString until =
        QDateTime::fromMSecsSinceEpoch(request.expiresAtMs, QTimeZone::utc()).toString(Qt::ISODate);
    return offerToRelay(
        c, p, issued->offer,
        [=, code = issued->code, offer = issued->offer, &out, &err, &store](quint64 uses) {
            // Listed for --list and --cancel; the code is printed all the same when that fails.
            const qint64 now = QDateTime::currentMSecsSinceEpoch();
            if (Status s = sync::IssuedInvites::record(
                    store, sync::IssuedInvites::entryFor(request, offer, uses, now), now);
                !s)
                err << "feedbackctl: the invite is held but could not be listed here: " << s.error()
                    << Qt::endl;
            err << "Invite " << id << " valid until " << until << " for " << uses
                << (kiosk ? " kiosk" : " device") << (uses == 1 ? "" : "s") << " (cancel it with "
                << "feedbackctl invite --cancel ID). "
                << (kiosk ? "A kiosk can submit feedback and read none."
                          : "Give it only to devices of your workspace: whoever joins with it can "
                            "read and write its feedback.")
                << Qt::endl;
            out << code << Qt::endl;
        });
}

} // namespace feedback::cli
