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

// feedbackctl with a profile, a passphrase in the environment, keychain off, fast KDF. The one
// way the tests start feedbackctl: a test that needs another passphrase, a lock wait or the PID
// passes them here rather than keeping a QProcess wrapper of its own. Standard input is closed
// (empty) unless the run gives `input` (join reads a code there).
class FeedbackCtlRunner
{
public:
    static constexpr int kRunTimeoutMs = 3 * kPatienceMs;
    static const QString kPassphrase; // the passphrase of environment() by default

    // FEEDBACK_PASSPHRASE=`passphrase` (none when empty), FEEDBACK_KEYCHAIN=off,
    // FEEDBACK_KDF=interactive; nothing inherited that picks another profile, turns sync off or
    // nearby-device sync on, or changes the lock wait. `lockWaitMs` >= 0 sets
    // FEEDBACK_LOCK_WAIT_MS.
    static QProcessEnvironment environment(const QString &passphrase = kPassphrase,
                                           int lockWaitMs = -1);
    static FeedbackCtlRun run(const QString &profile, const QStringList &args,
                              int timeoutMs = kRunTimeoutMs);
    static FeedbackCtlRun run(const QProcessEnvironment &env, const QString &profile,
                              const QStringList &args, int timeoutMs = kRunTimeoutMs);
    // With `input` written to its standard input, then closed.
    static FeedbackCtlRun runWithInput(const QString &profile, const QStringList &args,
                                       const QByteArray &input,
                                       const QProcessEnvironment &env = environment());
    // Started, not waited for; finish() collects it (killing it after `timeoutMs`).
    static std::unique_ptr<QProcess> start(const QString &profile, const QStringList &args,
                                           const QProcessEnvironment &env = environment());
    // Starts `process` (the caller's) and waits until it runs: its PID, 0 when it did not start.
    static qint64 start(QProcess &process, const QString &profile, const QStringList &args,
                        const QProcessEnvironment &env);
    // `pid`: the run's PID from start(), kept in the result (the process may be gone by now).
    static FeedbackCtlRun finish(QProcess &process, const QStringList &args,
                                 int timeoutMs = kRunTimeoutMs, qint64 pid = 0);
};

} // namespace feedback::test
