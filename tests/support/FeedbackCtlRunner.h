// feedbackctl runs (env FEEDBACKCTL) on a profile, for the tests that drive the command line:
// started, waited for (bounded: a hung run is killed and reported), their exit code and output
// collected. Nothing here uses QTest, so the tests decide what a failure means.
#pragma once

#include "Patience.h"

#include <QByteArray>
#include <QProcess>
#include <QProcessEnvironment>
#include <QString>
#include <QStringList>

#include <memory>

namespace feedback::test {

struct FeedbackCtlRun
{
    QStringList args;
    int code = -1;  // -1: crashed, killed or timed out
    qint64 pid = 0; // set by the runners that need it (profile lock tests), else 0
    QString out;
    QString err;

    bool ok() const { return code == 0; }
    QString lastLine() const; // last non-empty stdout line, trimmed
    QByteArray describe() const;
};

// feedbackctl with a profile, a passphrase in the environment, keychain off, fast KDF.
class FeedbackCtlRunner
{
public:
    static QProcessEnvironment environment();
    static FeedbackCtlRun run(const QString &profile, const QStringList &args,
                              int timeoutMs = 3 * kPatienceMs);
    // Started, not waited for; finish() collects it (killing it after `timeoutMs`).
    static std::unique_ptr<QProcess> start(const QString &profile, const QStringList &args);
    static FeedbackCtlRun finish(QProcess &process, const QStringList &args,
                                 int timeoutMs = 3 * kPatienceMs);
};

} // namespace feedback::test
