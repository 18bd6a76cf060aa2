#include "FeedbackCtl.h"

#include "CliContext.h"
#include "CommandParser.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <core/Validation.h>
#include <cstdio>
#include <sync/Enrolment.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::cli {

namespace {

struct Command
{
    const char *name;
    const char *summary;
    int (*run)(CliContext &);
};

const Command kCommands[] = {
    {"submit", "submit one record; prints its id after the durable commit", runSubmit},
    {"list", "every record on this device (--format table|json|csv)", runList},
    {"show", "one record (--format text|json)", runShow},
    {"edit", "change a record: rating, comment, reasons, consent, status, assignee, note, retract",
     runEdit},
    {"status", "device id, record count, pending (unsynced) count", runStatus},
    {"import-legacy", "import the old app's offline queue (JSON), idempotently", runImportLegacy},
    {"export", "export every record (--format csv|json [--output FILE])", runExport},
    {"doctor", "key access, schema, integrity, counts; non-zero on problems", runDoctor},
    {"purge", "drop acknowledged records older than --days N (kiosk retention)", runPurge},
    {"invite", "print an invite code for another device of this workspace", runInvite},
    {"sync", "push everything pending, pull until caught up (--timeout S)", runSync},
    {"watch", "stay connected, one JSON line per sync event", runWatch},
};

// Commands that only read: they open the store read-only, take no profile lock and write
// nothing, so they work while another program (the app, a running import) writes.
bool readsOnly(const QString &command)
{
    for (const char *name : {"list", "show", "export", "status", "doctor", "invite"})
        if (command == QLatin1String(name))
            return true;
    return false;
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: feedbackctl [--profile DIR] [--passphrase-file FILE] COMMAND [options]\n\n"
        "Courier Feedback headless client.\n\nCommands:\n"
        "  init            create this device's profile and workspace (--name NAME, --relay URL)\n"
        "  join CODE       create this device's profile in the workspace of an invite code\n");
    for (const Command &c : kCommands)
        text += QStringLiteral("  %1 %2\n")
                    .arg(QLatin1String(c.name), -15)
                    .arg(QLatin1String(c.summary));
    text += QStringLiteral(
        "\nGlobal options:\n"
        "  --profile DIR            the profile (default: $FEEDBACK_PROFILE, else the user's data "
        "directory)\n"
        "  --passphrase-file FILE   passphrase protecting the database key (or "
        "$FEEDBACK_PASSPHRASE)\n"
        "  -h, --help               this help; COMMAND --help for a command's options\n"
        "  -v, --version            the version\n\n"
        "Exit codes: 0 success, 1 failure, 2 invalid input.\n"
        "Environment: FEEDBACK_KEYCHAIN=off never uses the OS keychain.\n"
        "  FEEDBACK_LOCK_WAIT_MS=N: how long a command that writes waits for another program\n"
        "  to close the profile (default 5000); list, show, export, status, doctor and invite\n"
        "  only read and never wait.\n");
    return text;
}

void declareProfileOptions(CommandParser &p)
{
    p.value(QStringLiteral("name"), QStringLiteral("This device's name (shown to the workspace)."),
            QStringLiteral("NAME"));
    p.value(QStringLiteral("relay"), QStringLiteral("Relay URL (ws:// or wss://)."),
            QStringLiteral("URL"));
}

// What a person typed cannot be undone by Qt's decoding: name the argument, never echo it.
QString undecodableArgument(const QList<QByteArray> &raw, qsizetype i)
{
    const QByteArray &arg = raw.at(i);
    const qsizetype equals = arg.indexOf('=');
    if (arg.startsWith("--") && equals > 0 && safetext::isUtf8(arg.left(equals)))
        return QStringLiteral("the value of %1").arg(QString::fromUtf8(arg.left(equals)));
    if (i > 1 && raw.at(i - 1).startsWith('-') && safetext::isUtf8(raw.at(i - 1)))
        return QStringLiteral("argument %1 (after %2)")
            .arg(i)
            .arg(safetext::escapeControls(QString::fromUtf8(raw.at(i - 1))));
    return QStringLiteral("argument %1").arg(i);
}

} // namespace

FeedbackCtl::FeedbackCtl(QObject *parent)
    : QObject(parent)
    , m_out(stdout)
    , m_err(stderr)
{}

void FeedbackCtl::finish(int code)
{
    m_out.flush();
    m_err.flush();
    QCoreApplication::exit(code);
}

void FeedbackCtl::start(const QList<QByteArray> &rawArguments)
{
    // Qt would decode bad bytes to U+FFFD and the damage would be stored as if typed.
    QStringList arguments;
    for (qsizetype i = 0; i < rawArguments.size(); ++i) {
        if (i > 0 && !safetext::isUtf8(rawArguments.at(i))) {
            m_err << "feedbackctl: " << undecodableArgument(rawArguments, i)
                  << " is not valid UTF-8 text." << Qt::endl;
            return finish(kInvalidInput);
        }
        arguments.append(QString::fromUtf8(rawArguments.at(i)));
    }
    start(arguments);
}

void FeedbackCtl::start(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setOptionsAfterPositionalArgumentsMode(QCommandLineParser::ParseAsPositionalArguments);
    const QCommandLineOption profileOption(QStringLiteral("profile"), QString(),
                                           QStringLiteral("DIR"));
    const QCommandLineOption passphraseOption(QStringLiteral("passphrase-file"), QString(),
                                              QStringLiteral("FILE"));
    const QCommandLineOption helpOption(QStringList{QStringLiteral("h"), QStringLiteral("help")});
    const QCommandLineOption versionOption(
        QStringList{QStringLiteral("v"), QStringLiteral("version")});
    parser.addOptions({profileOption, passphraseOption, helpOption, versionOption});
    if (!parser.parse(arguments)) {
        m_err << "feedbackctl: " << safetext::escapeControls(parser.errorText())
              << " (see feedbackctl --help)" << Qt::endl;
        return finish(kInvalidInput);
    }
    for (const QCommandLineOption &option : {profileOption, passphraseOption}) {
        if (parser.values(option).size() > 1) {
            m_err << "feedbackctl: --" << option.names().constFirst()
                  << " was given more than once; give it once." << Qt::endl;
            return finish(kInvalidInput);
        }
    }
    if (parser.isSet(versionOption)) {
        m_out << "feedbackctl " << FEEDBACK_VERSION << Qt::endl;
        return finish(kOk);
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(helpOption) || positional.isEmpty()) {
        (positional.isEmpty() && !parser.isSet(helpOption) ? m_err : m_out) << usage();
        return finish(parser.isSet(helpOption) ? kOk : kInvalidInput);
    }
    const QString command = positional.first();
    const QStringList args = positional.mid(1);
    const store::Profile profile = store::Profile::resolve(parser.value(profileOption));

    const bool known =
        command == QLatin1String("init") || command == QLatin1String("join") ||
        std::any_of(std::begin(kCommands), std::end(kCommands),
                    [&](const Command &c) { return command == QLatin1String(c.name); });
    if (!known) {
        m_err << "feedbackctl: unknown command " << safetext::quoted(command)
              << " (see feedbackctl --help)" << Qt::endl;
        return finish(kInvalidInput);
    }
    // The command's arguments first, without a profile: --help needs none, and invalid input
    // exits 2 before anything is opened or created.
    if (const int checked = runCommand(command, args, profile, nullptr); checked != kArgumentsOk)
        return finish(checked);
    const bool creating = command == QLatin1String("init") || command == QLatin1String("join");
    const auto passphrase = store::ProfileOpener::passphraseFrom(parser.value(passphraseOption));
    if (!passphrase) {
        m_err << "feedbackctl: " << safetext::escapeControls(passphrase.error()) << Qt::endl;
        return finish(kInvalidInput);
    }
    // The app takes the passphrase as typed text (UTF-8): a new profile gets no passphrase it
    // could never enter. An existing one still opens with whatever bytes it was made with.
    if (creating && !safetext::isUtf8(*passphrase)) {
        m_err << "feedbackctl: the passphrase ("
              << (parser.isSet(passphraseOption) ? "--passphrase-file" : "FEEDBACK_PASSPHRASE")
              << ") is not valid UTF-8 text." << Qt::endl;
        return finish(kInvalidInput);
    }
    store::ProfileOpener::Request request{
        profile, *passphrase, store::ProfileOpener::keychainAllowed(), {}};
    request.storeOptions.home = profile.home();
    if (readsOnly(command))
        request.storeOptions.access = store::FeedbackStore::Options::Access::ReadOnly;
    auto opened = [this, command, args, request](Result<std::unique_ptr<store::FeedbackStore>> s) {
        onOpened(command, args, request, std::move(s));
    };
    if (creating) {
        const bool join = command == QLatin1String("join");
        CommandParser p(command, QString());
        declareProfileOptions(p);
        if (join)
            p.positionalHelp(QStringLiteral("CODE"), QString());
        CliContext c{nullptr, profile, args, m_out, m_err, {}};
        if (!p.parse(c))
            return finish(p.exitCode());
        sync::Invite invite{p.get(QStringLiteral("relay")), sync::WorkspaceKeys::newSecret()};
        if (join) {
            auto decoded = sync::InviteCode::decode(p.positional().first());
            if (!decoded) {
                m_err << "feedbackctl: " << safetext::escapeControls(decoded.error()) << Qt::endl;
                return finish(kInvalidInput);
            }
            invite = *decoded;
            if (p.isSet(QStringLiteral("relay")))
                invite.relayUrl = p.get(QStringLiteral("relay"));
            if (const auto problem = relayUrlProblem(
                    invite.relayUrl, QStringLiteral("The invite code's relay URL"))) {
                m_err << "feedbackctl: " << *problem << Qt::endl;
                return finish(kInvalidInput);
            }
        }
        const QString name = p.get(QStringLiteral("name"));
        m_opener.create(request, [this, opened, profile, name, invite](auto s) {
            if (!s)
                return opened(std::move(s));
            if (Status saved = sync::enrol(profile, **s, invite, name); !saved) {
                m_err << "feedbackctl: " << saved.error() << Qt::endl;
                return finish(kFailure);
            }
            const auto keys = sync::WorkspaceKeys::fromSecret(invite.secret);
            m_out << "created profile " << safetext::escapeControls(profile.dir()) << Qt::endl
                  << "device " << replicaIdToString((*s)->deviceId()) << Qt::endl
                  << "workspace " << QString::fromLatin1(keys->workspaceId().toHex()) << Qt::endl
                  << "key kept in: " << profile.setting(QStringLiteral("profile/keySource"))
                  << Qt::endl;
            m_store = std::move(*s);
            return finish(kOk);
        });
        return;
    }
    m_opener.open(request, opened);
}

void FeedbackCtl::onOpened(const QString &command, const QStringList &args,
                           store::ProfileOpener::Request request,
                           Result<std::unique_ptr<store::FeedbackStore>> s)
{
    using Access = store::FeedbackStore::Options::Access;
    if (!s && s.errorKind() == ErrorKind::NeedsUpgrade &&
        request.storeOptions.access == Access::ReadOnly) {
        // Only a writer migrates: this once, open for writing (waiting for the lock if needed).
        m_err << "feedbackctl: upgrading the database of "
              << safetext::escapeControls(request.profile.dir()) << " before reading it"
              << Qt::endl;
        request.storeOptions.access = Access::ReadWrite;
        m_opener.open(request, [this, command, args, request](auto reopened) {
            onOpened(command, args, request, std::move(reopened));
        });
        return;
    }
    if (!s) {
        const QString error = safetext::escapeControls(s.error(), safetext::LineBreaks::Keep);
        m_err << "feedbackctl: " << error << Qt::endl;
        if (command == QLatin1String("doctor"))
            m_out << "PROBLEM: " << error << Qt::endl << "doctor: problems found" << Qt::endl;
        return finish(kFailure);
    }
    m_store = std::move(*s);
    if (const int code = runCommand(command, args, request.profile, m_store.get()); code != kLater)
        finish(code);
}

int FeedbackCtl::runCommand(const QString &command, const QStringList &args,
                            const store::Profile &profile, store::FeedbackStore *store)
{
    CliContext context{store, profile, args, m_out, m_err, [this](int code) {
                           finish(code);
                       }};
    context.checkOnly = store == nullptr;
    if (command == QLatin1String("init") || command == QLatin1String("join")) {
        const bool join = command == QLatin1String("join");
        CommandParser p(command, join ? QStringLiteral("Create this device's profile in the "
                                                       "workspace of an invite CODE.")
                                      : QStringLiteral("Create this device's profile and a new "
                                                       "workspace."));
        declareProfileOptions(p);
        if (join)
            p.positionalHelp(QStringLiteral("CODE"), QStringLiteral("The invite code."));
        if (p.parse(context) || p.exitCode() != kArgumentsOk)
            return p.exitCode();
        const QString name = p.get(QStringLiteral("name"));
        if (characterCount(name) > limits::kNameMaxChars || !isPrintable(name))
            return context.fail(
                QStringLiteral("--name must be printable and at most %1 characters.")
                    .arg(limits::kNameMaxChars),
                kInvalidInput);
        if (const auto problem =
                relayUrlProblem(p.get(QStringLiteral("relay")), QStringLiteral("--relay")))
            return context.fail(*problem, kInvalidInput);
        return kArgumentsOk;
    }
    for (const Command &c : kCommands)
        if (command == QLatin1String(c.name))
            return c.run(context);
    return kInvalidInput; // start() accepts known commands only
}

} // namespace feedback::cli
