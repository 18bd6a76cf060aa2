// What every feedbackctl command gets: the opened store, the profile, its arguments and the
// two output streams. Commands return the process exit code.
#pragma once

#include <QStringList>
#include <QTextStream>

#include <functional>
#include <store/FeedbackStore.h>
#include <store/Profile.h>

namespace feedback::cli {

// kLater: the command goes on in the event loop and calls CliContext::finish itself.
enum ExitCode
{
    kLater = -1,
    kOk = 0,
    kFailure = 1,
    kInvalidInput = 2
};

struct CliContext
{
    store::FeedbackStore *store; // null only while answering --help
    const store::Profile &profile;
    QStringList args; // the command's own arguments, after the command name
    QTextStream &out;
    QTextStream &err;
    std::function<void(int)> finish; // for commands that return kLater

    int fail(const QString &message, int code = kFailure)
    {
        err << "feedbackctl: " << message << Qt::endl;
        return code;
    }
};

int runSubmit(CliContext &c);
int runEdit(CliContext &c);
int runList(CliContext &c);
int runShow(CliContext &c);
int runExport(CliContext &c);
int runStatus(CliContext &c);
int runImportLegacy(CliContext &c);
int runDoctor(CliContext &c);
int runPurge(CliContext &c);
int runInvite(CliContext &c);
int runSync(CliContext &c);
int runWatch(CliContext &c);

} // namespace feedback::cli
