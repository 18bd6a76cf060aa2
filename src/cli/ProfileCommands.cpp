// feedbackctl commands that create the profile: init (a new workspace) and join (an invite
// code's). They run before any store exists: checkArguments first, then what the new profile
// gets (newProfileOf, before anything is created), then enrolNewProfile with the created store.
#include "CliContext.h"
#include "CommandParser.h"

#include <core/Validation.h>
#include <sync/DeviceCredentials.h>
#include <sync/Enrolment.h>

namespace feedback::cli {

namespace {

bool isJoin(const QString &command)
{
    return command == QLatin1String("join");
}

void declareOptions(CommandParser &p, bool join)
{
    p.value(QStringLiteral("name"), QStringLiteral("This device's name (shown to the workspace)."),
            QStringLiteral("NAME"));
    p.value(QStringLiteral("relay"), QStringLiteral("Relay URL (ws:// or wss://)."),
            QStringLiteral("URL"));
    if (join)
        p.positionalHelp(QStringLiteral("CODE"), QStringLiteral("The invite code."));
}

int checkArguments(CliContext &c, const QString &command)
{
    const bool join = isJoin(command);
    CommandParser p(command, join ? QStringLiteral("Create this device's profile in the "
                                                   "workspace of an invite CODE.")
                                  : QStringLiteral("Create this device's profile and a new "
                                                   "workspace."));
    declareOptions(p, join);
    if (p.parse(c) || p.exitCode() != kArgumentsOk)
        return p.exitCode();
    const QString name = p.get(QStringLiteral("name"));
    if (characterCount(name) > limits::kNameMaxChars || !isPrintable(name))
        return c.fail(QStringLiteral("--name must be printable and at most %1 characters.")
                          .arg(limits::kNameMaxChars),
                      kInvalidInput);
    if (const auto problem =
            relayUrlProblem(p.get(QStringLiteral("relay")), QStringLiteral("--relay")))
        return c.fail(*problem, kInvalidInput);
    return kArgumentsOk;
}

} // namespace

int runInit(CliContext &c)
{
    return checkArguments(c, QStringLiteral("init"));
}

int runJoin(CliContext &c)
{
    return checkArguments(c, QStringLiteral("join"));
}

std::optional<NewProfile> newProfileOf(CliContext &c, const QString &command, int &code)
{
    const bool join = isJoin(command);
    CommandParser p(command, QString());
    declareOptions(p, join);
    if (!p.parse(c)) {
        code = p.exitCode();
        return std::nullopt;
    }
    NewProfile created{
        {p.get(QStringLiteral("relay")), sync::WorkspaceKeys::newSecret(), std::nullopt},
        p.get(QStringLiteral("name"))};
    if (!join)
        return created;
    auto decoded = sync::InviteCode::decode(p.positional().first());
    if (!decoded) {
        c.err << "feedbackctl: " << safetext::escapeControls(decoded.error()) << Qt::endl;
        code = kInvalidInput;
        return std::nullopt;
    }
    created.invite = *decoded;
    if (p.isSet(QStringLiteral("relay")))
        created.invite.relayUrl = p.get(QStringLiteral("relay"));
    if (const auto problem = relayUrlProblem(created.invite.relayUrl,
                                             QStringLiteral("The invite code's relay URL"))) {
        c.err << "feedbackctl: " << *problem << Qt::endl;
        code = kInvalidInput;
        return std::nullopt;
    }
    return created;
}

int enrolNewProfile(CliContext &c, const NewProfile &created)
{
    if (Status saved = sync::enrol(c.profile, *c.store, created.invite, created.name); !saved) {
        c.err << "feedbackctl: " << saved.error() << Qt::endl;
        return kFailure;
    }
    const auto keys = sync::workspaceKeysOf(*c.store);
    if (!keys)
        return c.fail(keys.error());
    c.out << "created profile " << safetext::escapeControls(c.profile.dir()) << Qt::endl
          << "device " << replicaIdToString(c.store->deviceId()) << Qt::endl
          << "role " << sync::roleName(created.invite.role()) << Qt::endl
          << "workspace " << QString::fromLatin1(keys->workspaceId().toHex()) << Qt::endl
          << "key kept in: " << c.profile.get(store::settings::kKeySource) << Qt::endl;
    return kOk;
}

} // namespace feedback::cli
