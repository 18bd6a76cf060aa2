#include "RelayAdmitCommand.h"

#include "RelayCommandLine.h"
#include "RelayStorage.h"

#include <QCommandLineParser>
#include <QDateTime>
#include <QFile>
#include <QRegularExpression>

#include <cstdio>
#include <protocol/AdmissionToken.h>
#include <sys/stat.h>
#include <unistd.h>

namespace feedback::relay {

namespace {

void say(FILE *to, const QString &line)
{
    std::fprintf(to, "%s\n", qPrintable(line));
}

int fail(const QString &why, int code)
{
    for (const QString &line : why.split(QLatin1Char('\n')))
        say(stderr, QStringLiteral("feedback-relay admit: ") + line);
    return code;
}

// A workspace id as `feedbackctl status` prints it: 64 hexadecimal digits.
std::optional<QByteArray> parseWorkspace(const QString &text)
{
    static const QRegularExpression kHex(QStringLiteral("^[0-9a-fA-F]{64}$"));
    if (!kHex.match(text).hasMatch())
        return std::nullopt;
    return QByteArray::fromHex(text.toLatin1());
}

// Run as root on the data directory of a relay that runs as another user (the unit's dynamic
// user): the files SQLite created here (relay.db of a relay not started yet, its log) would be
// root's and the relay could not open them. They get the directory's owner.
void keepOwnership(const QString &dataDir)
{
    struct stat dir = {};
    if (::geteuid() != 0 || ::stat(QFile::encodeName(dataDir).constData(), &dir) != 0)
        return;
    for (const char *name : {"relay.db", "relay.db-wal", "relay.db-shm"}) {
        const QByteArray path = QFile::encodeName(dataDir + QLatin1Char('/') + QLatin1String(name));
        struct stat file = {};
        if (::stat(path.constData(), &file) == 0 && file.st_uid != dir.st_uid &&
            ::chown(path.constData(), dir.st_uid, dir.st_gid) != 0)
            say(stderr, QStringLiteral("feedback-relay admit: cannot give %1 to the directory's "
                                       "owner")
                            .arg(QFile::decodeName(path)));
    }
}

int list(RelayStorage &storage)
{
    const Result<QList<AdmittedWorkspace>> admitted = storage.admitted();
    if (!admitted)
        return fail(admitted.error(), 1);
    for (const AdmittedWorkspace &w : *admitted)
        say(stdout,
            QStringLiteral("%1  admitted %2  stores %3 MiB")
                .arg(QString::fromLatin1(w.workspace.toHex()),
                     QDateTime::fromMSecsSinceEpoch(w.admittedAtMs, Qt::UTC).toString(Qt::ISODate),
                     QString::number(static_cast<double>(w.storedBytes) / (1024.0 * 1024.0), 'f',
                                     1)));
    if (admitted->isEmpty())
        say(stdout, QStringLiteral("no workspace is admitted"));
    return 0;
}

// One admission token, good for `validMs`: printed alone on standard output (for scripts), what
// to do with it on standard error.
int issueToken(RelayStorage &storage, qint64 validMs)
{
    const QString token = protocol::admissiontoken::mint();
    const qint64 now = QDateTime::currentMSecsSinceEpoch();
    if (const Status added =
            storage.addAdmissionToken(protocol::admissiontoken::hashOf(token), now + validMs, now);
        !added)
        return fail(added.error(), 1);
    say(stdout, token);
    say(stderr,
        QStringLiteral("An admission token for one new workspace, valid until %1. Give it "
                       "to the workspace's first device: feedbackctl init --relay URL "
                       "--admission-token TOKEN (or the app's first start).")
            .arg(QDateTime::fromMSecsSinceEpoch(now + validMs, Qt::UTC).toString(Qt::ISODate)));
    return 0;
}

} // namespace

int RelayAdmitCommand::run(const QStringList &arguments)
{
    QCommandLineParser parser;
    parser.setApplicationDescription(
        QStringLiteral("Admits workspaces to the relay (without --open it serves no others)."));
    const QCommandLineOption data(QStringLiteral("data"), QStringLiteral("Data directory."),
                                  QStringLiteral("DIR"), QStringLiteral("relay-data"));
    const QCommandLineOption remove(QStringLiteral("remove"),
                                    QStringLiteral("No longer serve them (what they stored "
                                                   "stays)."));
    const QCommandLineOption listAll(QStringLiteral("list"),
                                     QStringLiteral("Show the admitted workspaces."));
    const QCommandLineOption database(QStringLiteral("database"),
                                      QStringLiteral("The relays' PostgreSQL database instead of "
                                                     "--data (as feedback-relay --database)."),
                                      QStringLiteral("URL"));
    const QCommandLineOption password(QStringLiteral("database-password-file"),
                                      QStringLiteral("The database password's file."),
                                      QStringLiteral("FILE"));
    const QCommandLineOption token(QStringLiteral("token"),
                                   QStringLiteral("Print an admission token instead: the first "
                                                  "device of a new workspace that brings it gets "
                                                  "that workspace admitted (once)."));
    const QCommandLineOption valid(QStringLiteral("valid"),
                                   QStringLiteral("How long the token is good for (default 7d)."),
                                   QStringLiteral("DURATION"), QStringLiteral("7d"));
    parser.addHelpOption();
    parser.addOptions({data, remove, listAll, database, password, token, valid});
    parser.addPositionalArgument(QStringLiteral("WORKSPACE-ID"),
                                 QStringLiteral("64 hexadecimal digits, as `feedbackctl status` "
                                                "shows it."),
                                 QStringLiteral("WORKSPACE-ID..."));
    QStringList args = arguments;
    args.removeAt(1); // "admit"
    if (!parser.parse(args))
        return fail(parser.errorText(), 2);
    if (parser.isSet(QStringLiteral("help"))) {
        std::fputs(qPrintable(parser.helpText()), stdout);
        return 0;
    }
    const QStringList ids = parser.positionalArguments();
    const bool tokens = parser.isSet(token);
    const std::optional<qint64> validMs = parseDuration(parser.value(valid));
    if (tokens && (!ids.isEmpty() || parser.isSet(listAll) || parser.isSet(remove)))
        return fail(QStringLiteral("--token takes no workspace ids, --list or --remove"), 2);
    if (!tokens && parser.isSet(valid))
        return fail(QStringLiteral("--valid goes with --token"), 2);
    if (tokens && (!validMs || *validMs <= 0))
        return fail(QStringLiteral("--valid must be a duration such as 12h or 30d"), 2);
    if (!tokens && parser.isSet(listAll) != ids.isEmpty())
        return fail(QStringLiteral("give workspace ids, --list, or --token"), 2);
    QList<QByteArray> workspaces;
    QStringList wrong;
    for (const QString &id : ids) {
        if (const auto parsed = parseWorkspace(id))
            workspaces.append(*parsed);
        else
            wrong.append(QStringLiteral("not a workspace id (64 hexadecimal digits): %1").arg(id));
    }
    if (!wrong.isEmpty())
        return fail(wrong.join(QLatin1Char('\n')), 2);
    const auto act = [&](RelayStorage &storage) {
        return tokens ? issueToken(storage, *validMs)
                      : change(storage, workspaces, parser.isSet(remove), parser.isSet(listAll));
    };
    if (parser.isSet(database)) {
        RelayStorage storage;
        const Result<sql::PostgresTarget> target = sql::PostgresTarget::parse(
            parser.value(database), parser.value(password), QStringLiteral("--database"));
        if (!target)
            return fail(target.error(), 2);
        if (const Status opened = storage.openPostgres(*target); !opened)
            return fail(QStringLiteral("cannot open the database: ") + opened.error(), 1);
        return act(storage);
    }
    int code = 0;
    {
        // Closed before the ownership is given: closing may still create or remove files.
        RelayStorage storage;
        if (const Status opened = storage.open(parser.value(data)); !opened)
            return fail(QStringLiteral("cannot open the data directory: ") + opened.error(), 1);
        code = act(storage);
    }
    keepOwnership(parser.value(data));
    return code;
}

int RelayAdmitCommand::change(RelayStorage &storage, const QList<QByteArray> &workspaces,
                              bool remove, bool listAll)
{
    if (listAll)
        return list(storage);
    for (const QByteArray &workspace : std::as_const(workspaces)) {
        const QString id = QString::fromLatin1(workspace.toHex());
        const Result<bool> changed =
            remove ? storage.dismiss(workspace)
                   : storage.admit(workspace, QDateTime::currentMSecsSinceEpoch());
        if (!changed)
            return fail(changed.error(), 1);
        if (remove)
            say(stdout, (*changed ? QStringLiteral("removed %1")
                                  : QStringLiteral("%1 was not "
                                                   "admitted"))
                            .arg(id));
        else
            say(stdout, (*changed ? QStringLiteral("admitted %1")
                                  : QStringLiteral("%1 was admitted already"))
                            .arg(id));
    }
    return 0;
}

} // namespace feedback::relay
