#include "FeedbackCtl.h"

#include "CliContext.h"
#include "CommandParser.h"

#include <QCommandLineParser>
#include <QCoreApplication>

#include <core/Validation.h>
#include <cstdio>
#include <sync/InviteClaim.h>

namespace feedback::cli {

namespace {

// How a command gets its profile: created (init, join), opened for writing (waiting for the
// profile lock), or opened read-only (no lock, nothing written: it works while another program
// such as the app or a running import writes).
enum class Opening
{
    Create,
    Write,
    Read
};

struct Command
{
    const char *name;
    const char *operands; // after the name in the usage
    const char *summary;
    int (*run)(CliContext &);
    Opening opening;
};

const Command kCommands[] = {
    {"init", "",
     "create this device's profile and workspace (--name NAME, --relay URL, --insecure)", runInit,
     Opening::Create},
    {"join", "[CODE|-]",
     "create this device's profile in the workspace of an invite code (from standard input "
     "with - or when not given, or --code-file PATH)",
     runJoin, Opening::Create},
    {"submit", "", "submit one record; prints its id after the durable commit", runSubmit,
     Opening::Write},
    {"list", "", "every record on this device (--format table|json|csv)", runList, Opening::Read},
    {"show", "", "one record (--format text|json)", runShow, Opening::Read},
    {"history", "", "every change of one record: when, who, field, from, to (--format text|json)",
     runHistory, Opening::Read},
    {"edit", "",
     "change a record: rating, comment, reasons, consent, status, assignee, note, retract, "
     "erase contact details",
     runEdit, Opening::Write},
    {"erase", "ID",
     "erase a customer's personal data for good on every device (--field comment|all)", runErase,
     Opening::Write},
    {"status", "", "device id, record count, pending (unsynced) count", runStatus, Opening::Read},
    {"import-legacy", "", "import the old app's offline queue (JSON), idempotently",
     runImportLegacy, Opening::Write},
    {"export", "", "export every record (--format csv|json [--output FILE])", runExport,
     Opening::Read},
    {"doctor", "", "key access, schema, integrity, counts; non-zero on problems", runDoctor,
     Opening::Read},
    {"purge", "", "drop acknowledged records older than --days N (kiosk retention)", runPurge,
     Opening::Write},
    {"invite", "",
     "register an invite with the relay and print its code (--expires, --uses; --list, --cancel)",
     runInvite, Opening::Write},
    {"sync", "", "push everything pending, pull until caught up (--timeout S)", runSync,
     Opening::Write},
    {"snapshot", "",
     "sync, then give the relay a snapshot of this device's state (a new device starts from it)",
     runSnapshot, Opening::Write},
    {"watch", "", "stay connected, one JSON line per sync event", runWatch, Opening::Write},
    {"mirror", "",
     "write every record into the PostgreSQL table feedback (--postgres URL; --follow keeps it "
     "current)",
     runMirror, Opening::Write},
    {"devices", "", "the workspace's devices as the relay last listed them (--format table|json)",
     runDevices, Opening::Read},
    {"revoke", "DEVICE-ID", "remove a device from the workspace (sent at the next sync)", runRevoke,
     Opening::Write},
};

const Command *commandNamed(const QString &name)
{
    for (const Command &c : kCommands)
        if (name == QLatin1String(c.name))
            return &c;
    return nullptr;
}

QString usage()
{
    QString text = QStringLiteral(
        "Usage: feedbackctl [--profile DIR] [--passphrase-file FILE] COMMAND [options]\n\n"
        "Courier Feedback headless client.\n\nCommands:\n");
    for (const Command &c : kCommands) {
        QString synopsis = QLatin1String(c.name);
        if (*c.operands != '\0')
            synopsis += QLatin1Char(' ') + QLatin1String(c.operands);
        text += QStringLiteral("  %1 %2\n").arg(synopsis, -15).arg(QLatin1String(c.summary));
    }
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
        "  to close the profile (default 5000); list, show, export, status, doctor and devices\n"
        "  only read and never wait.\n");
    return text;
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
    const std::optional<Invocation> invocation = parseGlobalOptions(arguments);
    if (!invocation)
        return;
    const Command *command = commandNamed(invocation->command);
    if (!command) {
        m_err << "feedbackctl: unknown command " << safetext::quoted(invocation->command)
              << " (see feedbackctl --help)" << Qt::endl;
        return finish(kInvalidInput);
    }
    // The command's arguments first, without a profile: --help needs none, and invalid input
    // exits 2 before anything is opened or created.
    if (const int checked =
            runCommand(invocation->command, invocation->args, invocation->profile, nullptr);
        checked != kArgumentsOk)
        return finish(checked);
    const bool creating = command->opening == Opening::Create;
    const auto passphrase = passphraseFor(*invocation, creating);
    if (!passphrase)
        return;
    const store::ProfileOpener::Request request = store::ProfileOpener::requestFor(
        invocation->profile, *passphrase,
        command->opening == Opening::Read ? store::FeedbackStore::Options::Access::ReadOnly
                                          : store::FeedbackStore::Options::Access::ReadWrite);
    if (creating)
        return create(invocation->command, invocation->args, request);
    m_opener.open(request, [this, invocation, request](auto opened) {
        onOpened(invocation->command, invocation->args, request, std::move(opened));
    });
}

std::optional<FeedbackCtl::Invocation> FeedbackCtl::parseGlobalOptions(const QStringList &arguments)
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
        finish(kInvalidInput);
        return std::nullopt;
    }
    for (const QCommandLineOption &option : {profileOption, passphraseOption}) {
        if (parser.values(option).size() > 1) {
            m_err << "feedbackctl: --" << option.names().constFirst()
                  << " was given more than once; give it once." << Qt::endl;
            finish(kInvalidInput);
            return std::nullopt;
        }
    }
    if (parser.isSet(versionOption)) {
        m_out << "feedbackctl " << FEEDBACK_VERSION << Qt::endl;
        finish(kOk);
        return std::nullopt;
    }
    const QStringList positional = parser.positionalArguments();
    if (parser.isSet(helpOption) || positional.isEmpty()) {
        (positional.isEmpty() && !parser.isSet(helpOption) ? m_err : m_out) << usage();
        finish(parser.isSet(helpOption) ? kOk : kInvalidInput);
        return std::nullopt;
    }
    return Invocation{positional.first(), positional.mid(1),
                      store::Profile::resolve(parser.value(profileOption)),
                      parser.value(passphraseOption), parser.isSet(passphraseOption)};
}

std::optional<QByteArray> FeedbackCtl::passphraseFor(const Invocation &invocation, bool creating)
{
    const auto passphrase = store::ProfileOpener::passphraseFrom(invocation.passphraseFile);
    if (!passphrase) {
        m_err << "feedbackctl: " << safetext::escapeControls(passphrase.error()) << Qt::endl;
        finish(kInvalidInput);
        return std::nullopt;
    }
    // The app takes the passphrase as typed text (UTF-8): a new profile gets no passphrase it
    // could never enter. An existing one still opens with whatever bytes it was made with.
    if (creating && !safetext::isUtf8(*passphrase)) {
        m_err << "feedbackctl: the passphrase ("
              << (invocation.passphraseFileGiven ? "--passphrase-file" : "FEEDBACK_PASSPHRASE")
              << ") is not valid UTF-8 text." << Qt::endl;
        finish(kInvalidInput);
        return std::nullopt;
    }
    return *passphrase;
}

void FeedbackCtl::create(const QString &command, const QStringList &args,
                         const store::ProfileOpener::Request &request)
{
    CliContext c{nullptr, request.profile, args, m_out, m_err, {}};
    int refused = kFailure;
    const std::optional<NewProfile> created = newProfileOf(c, command, refused);
    if (!created)
        return finish(refused);
    if (created->invite.ticket)
        return claimThenCreate(command, args, request, *created);
    createProfile(command, args, request, *created);
}

void FeedbackCtl::claimThenCreate(const QString &command, const QStringList &args,
                                  const store::ProfileOpener::Request &request, NewProfile created)
{
    // The relay decides whether the invite still counts before anything exists on disk. A claim
    // uses the invite up: what would refuse the profile anyway is checked first.
    if (request.profile.isInitialised()) {
        m_err << "feedbackctl: " << safetext::escapeControls(request.profile.dir())
              << " already holds a profile; nothing was changed (the invite was not used)."
              << Qt::endl;
        return finish(kFailure);
    }
    if (!request.useKeychain && request.passphrase.isEmpty()) {
        m_err << "feedbackctl: Cannot protect the database key: the OS keychain is turned off "
                 "(FEEDBACK_KEYCHAIN=off). Set FEEDBACK_PASSPHRASE or pass --passphrase-file "
                 "FILE; nothing was created (the invite was not used)."
              << Qt::endl;
        return finish(kFailure);
    }
    auto *claim = new sync::InviteClaim(*created.invite.ticket, created.caFile, nullptr, this);
    claim->start(kClaimTimeoutMs, [this, claim, command, args, request,
                                   created](const Result<sync::Invite> &invite) mutable {
        claim->deleteLater();
        if (!invite) {
            m_err << "feedbackctl: "
                  << safetext::escapeControls(invite.error(), safetext::LineBreaks::Keep)
                  << Qt::endl;
            return finish(kFailure);
        }
        created.invite = *invite;
        createProfile(command, args, request, created);
    });
}

void FeedbackCtl::createProfile(const QString &command, const QStringList &args,
                                const store::ProfileOpener::Request &request,
                                const NewProfile &created)
{
    m_opener.create(request, [this, command, args, request, created](auto s) {
        if (!s)
            return onOpened(command, args, request, std::move(s));
        m_store = std::move(*s);
        CliContext context{m_store.get(), request.profile, args, m_out, m_err, {}};
        finish(enrolNewProfile(context, created));
    });
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
    if (const Command *c = commandNamed(command))
        return c->run(context);
    return kInvalidInput; // start() accepts known commands only
}

} // namespace feedback::cli
