// feedbackctl commands that create the profile: init (a new workspace) and join (an invite
// code's). They run before any store exists: checkArguments first, then what the new profile
// gets (newProfileOf, before anything is created), then enrolNewProfile with the created store.
#include "CliContext.h"
#include "CommandParser.h"

#include <QFile>

#include <core/Validation.h>
#include <protocol/AdmissionToken.h>
#include <store/StoredValue.h>
#include <sync/AdmissionTokenKey.h>
#include <sync/DeviceCredentials.h>
#include <sync/Enrolment.h>
#include <sync/RelayPin.h>
#include <unistd.h>

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
    p.value(QStringLiteral("relay"),
            QStringLiteral("Relay URL (ws:// or wss://). Again for further relays of the same "
                           "database, tried in turn when the one before does not answer."),
            QStringLiteral("URL"), CommandParser::Repeatable);
    insecureOption(p);
    if (!join) {
        p.value(QStringLiteral("admission-token"),
                QStringLiteral("The relay operator's admission token (feedback-relay admit "
                               "--token), for a relay that serves only the workspaces it "
                               "admitted: the first sync gets this workspace admitted."),
                QStringLiteral("TOKEN"));
        return;
    }
    p.value(QStringLiteral("code-file"), QStringLiteral("Read the invite code from FILE."),
            QStringLiteral("FILE"));
    p.value(QStringLiteral("ca-file"),
            QStringLiteral("PEM certificates of a private CA, to claim the invite from a wss:// "
                           "relay."),
            QStringLiteral("FILE"));
    p.positionalHelp(QStringLiteral("CODE"),
                     QStringLiteral("The invite code; - (or none, when standard input is not a "
                                    "terminal) reads it from standard input. A code on the "
                                    "command line shows in the process list and shell history."),
                     true);
}

// Far above any invite code; a larger input is not one.
constexpr qint64 kMaxCodeBytes = 64 * 1024;

// Where join's code comes from: the argument, --code-file or standard input. Checked before
// anything is read.
std::optional<QString> codeSourceProblem(const CommandParser &p)
{
    const bool fromFile = p.isSet(QStringLiteral("code-file"));
    if (fromFile && !p.positional().isEmpty())
        return QStringLiteral("give the invite code either as CODE or with --code-file, not both.");
    if (!fromFile && p.positional().isEmpty() && isatty(STDIN_FILENO))
        return QStringLiteral("CODE is missing: pass it, - to read it from standard input, or "
                              "--code-file FILE.");
    return std::nullopt;
}

Result<QString> readCode(QFile &file, const QString &what)
{
    const QByteArray bytes = file.read(kMaxCodeBytes + 1);
    if (bytes.size() > kMaxCodeBytes)
        return Result<QString>::failure(
            QStringLiteral("%1 is larger than an invite code can be.").arg(what));
    const QString code = QString::fromUtf8(bytes).trimmed();
    if (code.isEmpty())
        return Result<QString>::failure(
            QStringLiteral("%1 holds no invite code (it is empty).").arg(what));
    return code;
}

Result<QString> inviteCodeOf(const CommandParser &p)
{
    if (p.isSet(QStringLiteral("code-file"))) {
        const QString path = p.get(QStringLiteral("code-file"));
        QFile file(path);
        if (!file.open(QIODevice::ReadOnly))
            return Result<QString>::failure(QStringLiteral("cannot read --code-file %1: %2")
                                                .arg(safetext::quoted(path), file.errorString()));
        return readCode(file, QStringLiteral("--code-file %1").arg(safetext::quoted(path)));
    }
    if (!p.positional().isEmpty() && p.positional().first() != QLatin1String("-"))
        return p.positional().first();
    QFile in;
    if (!in.open(stdin, QIODevice::ReadOnly))
        return Result<QString>::failure(QStringLiteral("cannot read standard input."));
    auto code = readCode(in, QStringLiteral("standard input"));
    // No CODE and nothing piped in: most likely the code was simply forgotten.
    if (!code && p.positional().isEmpty())
        return Result<QString>::failure(
            QStringLiteral("CODE is missing: pass it, - to read it from standard input, or "
                           "--code-file FILE (%1)")
                .arg(code.error()));
    return code;
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
    for (const QString &relay : p.all(QStringLiteral("relay"))) {
        if (const auto problem = relayUrlProblem(relay, QStringLiteral("--relay")))
            return c.fail(*problem, kInvalidInput);
        if (const auto problem = insecureRelayProblem(relay, p.isSet(QStringLiteral("insecure"))))
            return c.fail(*problem, kInvalidInput);
    }
    if (!join && p.isSet(QStringLiteral("admission-token")) &&
        !protocol::admissiontoken::looksValid(p.get(QStringLiteral("admission-token"))))
        return c.fail(QStringLiteral("--admission-token is not one: it is cfa1- and 32 letters, "
                                     "digits, - or _, as feedback-relay admit --token prints it."),
                      kInvalidInput);
    if (join)
        if (const auto problem = codeSourceProblem(p))
            return c.fail(*problem + QStringLiteral(" (see feedbackctl join --help)"),
                          kInvalidInput);
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
        {p.all(QStringLiteral("relay")).value(0), sync::WorkspaceKeys::newSecret(), std::nullopt},
        p.get(QStringLiteral("name")),
        p.isSet(QStringLiteral("insecure")),
        QString(),
        QByteArray(),
        p.all(QStringLiteral("relay")).mid(1),
        QString()};
    if (!join) {
        created.admissionToken = p.get(QStringLiteral("admission-token"));
        return created;
    }
    const Result<QString> text = inviteCodeOf(p);
    if (!text) {
        code = c.fail(text.error(), kInvalidInput);
        return std::nullopt;
    }
    auto decoded = sync::InviteCode::decode(*text);
    if (!decoded) {
        c.err << "feedbackctl: " << safetext::escapeControls(decoded.error()) << Qt::endl;
        code = kInvalidInput;
        return std::nullopt;
    }
    created.invite = *decoded;
    created.caFile = p.get(QStringLiteral("ca-file"));
    if (p.isSet(QStringLiteral("relay")))
        created.invite.relayUrl = p.all(QStringLiteral("relay")).first();
    if (created.invite.ticket) {
        created.invite.ticket->relayUrl = created.invite.relayUrl;
        created.relayPin = created.invite.ticket->relayPin;
        // The inviting device's further relays go with the code, unless this command names
        // its own relays.
        if (p.isSet(QStringLiteral("relay")))
            created.invite.ticket->fallbackRelays.clear();
        for (const QString &relay : std::as_const(created.invite.ticket->fallbackRelays))
            if (const auto problem =
                    relayUrlProblem(relay, QStringLiteral("A further relay of the invite code"))) {
                c.err << "feedbackctl: " << *problem << Qt::endl;
                code = kInvalidInput;
                return std::nullopt;
            }
    }
    if (const auto problem = relayUrlProblem(created.invite.relayUrl,
                                             QStringLiteral("The invite code's relay URL"))) {
        c.err << "feedbackctl: " << *problem << Qt::endl;
        code = kInvalidInput;
        return std::nullopt;
    }
    if (const auto problem = insecureRelayProblem(created.invite.relayUrl, created.insecure)) {
        code = c.fail(*problem, kInvalidInput);
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
    // The relay's key, as the inviting device pinned it: only that relay is spoken to.
    if (!created.relayPin.isEmpty() && sync::RelayPin::relayOf(QUrl(created.invite.relayUrl)) !=
                                           QString()) // wss:// only: ws:// has no key to pin
        if (Status pinned =
                sync::RelayPin::save(c.profile, QUrl(created.invite.relayUrl), created.relayPin);
            !pinned) {
            c.err << "feedbackctl: " << pinned.error() << Qt::endl;
            return kFailure;
        }
    if (!created.fallbackRelays.isEmpty())
        if (Status kept = c.profile.set(store::settings::kRelayFallbacks,
                                        created.fallbackRelays.join(QLatin1Char(' ')));
            !kept) {
            c.err << "feedbackctl: " << kept.error() << Qt::endl;
            return kFailure;
        }
    if (!created.admissionToken.isEmpty())
        if (Status kept = store::setStored(*c.store, sync::kAdmissionToken,
                                           created.admissionToken.toLatin1());
            !kept) {
            c.err << "feedbackctl: " << kept.error() << Qt::endl;
            return kFailure;
        }
    // Remembered, so that a later sync to the same ws:// relay is not refused.
    if (created.insecure)
        if (Status kept = c.profile.set(store::settings::kInsecure, true); !kept) {
            c.err << "feedbackctl: " << kept.error() << Qt::endl;
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
