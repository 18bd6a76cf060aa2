// What every feedbackctl command gets: the opened store, the profile, its arguments and the
// two output streams. Commands return the process exit code.
#pragma once

#include <QStringList>
#include <QTextStream>

#include <core/SafeText.h>
#include <functional>
#include <store/FeedbackStore.h>
#include <store/Profile.h>
#include <sync/InviteCode.h>

namespace feedback::sync {
class SyncClient;
}

namespace feedback::cli {

// kLater: the command goes on in the event loop and calls CliContext::finish itself.
// kArgumentsOk: the arguments passed their checks (CliContext::checkOnly); run it for real.
enum ExitCode
{
    kArgumentsOk = -2,
    kLater = -1,
    kOk = 0,
    kFailure = 1,
    kInvalidInput = 2
};

struct CliContext
{
    store::FeedbackStore *store; // null while only the arguments are checked
    const store::Profile &profile;
    QStringList args; // the command's own arguments, after the command name
    QTextStream &out;
    QTextStream &err;
    std::function<void(int)> finish; // for commands that return kLater
    // Parse and check the arguments (answering --help), then stop with kArgumentsOk: done
    // before the profile is opened, so that invalid input touches nothing.
    bool checkOnly = false;

    // Messages often repeat input (an argument, a file's content): no control character in it
    // reaches the terminal raw.
    int fail(const QString &message, int code = kFailure)
    {
        err << "feedbackctl: " << safetext::escapeControls(message, safetext::LineBreaks::Keep)
            << Qt::endl;
        return code;
    }
};

// init and join only check their arguments here: they create the profile (FeedbackCtl) with
// what newProfileOf read, then enrolNewProfile makes it a device of the workspace.
int runInit(CliContext &c);
int runJoin(CliContext &c);
struct NewProfile
{
    sync::Invite invite; // a new workspace's, or the invite code's
    QString name;
    bool insecure = false; // --insecure: plain ws:// to another machine allowed, and remembered
    QString caFile;        // join --ca-file: to claim a code of the second format
    QByteArray relayPin;   // the relay key a code of the second format carries, to pin
    QStringList fallbackRelays; // --relay given more than once: the others, tried in turn
    QString admissionToken;     // init --admission-token: for a relay that admits by token
};
// Null with `code` set (and the error printed) when the code or its relay URL is invalid.
std::optional<NewProfile> newProfileOf(CliContext &c, const QString &command, int &code);
int enrolNewProfile(CliContext &c, const NewProfile &created);

int runSubmit(CliContext &c);
int runEdit(CliContext &c);
int runErase(CliContext &c);
int runList(CliContext &c);
int runShow(CliContext &c);
int runHistory(CliContext &c);
int runExport(CliContext &c);
int runStatus(CliContext &c);
int runImportLegacy(CliContext &c);
int runDoctor(CliContext &c);
int runPurge(CliContext &c);
int runInvite(CliContext &c);
int runSync(CliContext &c);
int runSnapshot(CliContext &c);
int runWatch(CliContext &c);
int runMirror(CliContext &c);
int runDevices(CliContext &c);
int runRevoke(CliContext &c);

class CommandParser;
// --relay, --ca-file and --insecure, for the commands that connect.
void relayOptions(CommandParser &p);
// The client of the commands that connect: relay URL and CA file, checks. Null with `code` set
// when it cannot start: 2 for a missing or malformed URL, 1 otherwise.
sync::SyncClient *makeClient(CliContext &c, CommandParser &p, bool reconnect, int &code);

// Why `url` cannot be a relay URL (naming it as `what`), or nothing; empty means "no relay yet".
std::optional<QString> relayUrlProblem(const QString &url, const QString &what);
// Plain ws:// to a relay off this machine without --insecure (sync::RelayUrl::check).
std::optional<QString> insecureRelayProblem(const QString &url, bool allowInsecure);
class CommandParser;
void insecureOption(CommandParser &p);

} // namespace feedback::cli
