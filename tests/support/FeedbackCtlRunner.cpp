#include "FeedbackCtlRunner.h"

namespace feedback::test {

namespace {
constexpr int kStopTimeoutMs = kPatienceMs;
} // namespace

QString FeedbackCtlRun::lastLine() const
{
    const QStringList lines = out.split(QLatin1Char('\n'), Qt::SkipEmptyParts);
    return lines.isEmpty() ? QString() : lines.last().trimmed();
}

QByteArray FeedbackCtlRun::describe() const
{
    const QString process =
        pid != 0 ? QStringLiteral("feedbackctl (PID %1)").arg(pid) : QStringLiteral("feedbackctl");
    return QStringLiteral("%1 %2 -> exit %3\nstdout: %4\nstderr: %5")
        .arg(process, args.join(QLatin1Char(' ')))
        .arg(code)
        .arg(out.left(2000), err.left(4000))
        .toUtf8();
}

const QString FeedbackCtlRunner::kPassphrase = QStringLiteral("sync tests passphrase");

QProcessEnvironment FeedbackCtlRunner::environment(const QString &passphrase, int lockWaitMs)
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FEEDBACK_PROFILE"));
    env.remove(QStringLiteral("FEEDBACK_SYNC"));
    env.remove(QStringLiteral("FEEDBACK_P2P"));
    env.remove(QStringLiteral("FEEDBACK_PASSPHRASE"));
    env.remove(QStringLiteral("FEEDBACK_LOCK_WAIT_MS"));
    if (!passphrase.isEmpty())
        env.insert(QStringLiteral("FEEDBACK_PASSPHRASE"), passphrase);
    env.insert(QStringLiteral("FEEDBACK_KEYCHAIN"), QStringLiteral("off"));
    env.insert(QStringLiteral("FEEDBACK_KDF"), QStringLiteral("interactive"));
    if (lockWaitMs >= 0)
        env.insert(QStringLiteral("FEEDBACK_LOCK_WAIT_MS"), QString::number(lockWaitMs));
    return env;
}

std::unique_ptr<QProcess> FeedbackCtlRunner::start(const QString &profile, const QStringList &args,
                                                   const QProcessEnvironment &env)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(env);
    p->start(qEnvironmentVariable("FEEDBACKCTL"),
             QStringList{QStringLiteral("--profile"), profile} + args);
    p->closeWriteChannel(); // a join without a code reads standard input: let it see the end
    return p;
}

qint64 FeedbackCtlRunner::start(QProcess &p, const QString &profile, const QStringList &args,
                                const QProcessEnvironment &env)
{
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("FEEDBACKCTL"),
            QStringList{QStringLiteral("--profile"), profile} + args);
    p.closeWriteChannel();
    return p.waitForStarted(kStopTimeoutMs) ? p.processId() : 0;
}

FeedbackCtlRun FeedbackCtlRunner::finish(QProcess &p, const QStringList &args, int timeoutMs,
                                         qint64 pid)
{
    FeedbackCtlRun r;
    r.args = args;
    r.pid = pid;
    // waitForFinished() is false for a process that already ended (and whose end the event
    // loop already saw): that is not a timeout.
    if (p.state() != QProcess::NotRunning && !p.waitForFinished(timeoutMs)) {
        p.kill();
        p.waitForFinished(kStopTimeoutMs);
        r.err = QStringLiteral("(did not finish within %1 ms) ").arg(timeoutMs);
    } else if (p.exitStatus() == QProcess::NormalExit) {
        r.code = p.exitCode();
    }
    r.out = QString::fromUtf8(p.readAllStandardOutput());
    r.err += QString::fromUtf8(p.readAllStandardError());
    return r;
}

FeedbackCtlRun FeedbackCtlRunner::run(const QString &profile, const QStringList &args,
                                      int timeoutMs)
{
    return run(environment(), profile, args, timeoutMs);
}

FeedbackCtlRun FeedbackCtlRunner::run(const QProcessEnvironment &env, const QString &profile,
                                      const QStringList &args, int timeoutMs)
{
    const auto p = start(profile, args, env);
    return finish(*p, args, timeoutMs);
}

FeedbackCtlRun FeedbackCtlRunner::runWithInput(const QString &profile, const QStringList &args,
                                               const QByteArray &input,
                                               const QProcessEnvironment &env)
{
    QProcess p;
    p.setProcessEnvironment(env);
    p.start(qEnvironmentVariable("FEEDBACKCTL"),
            QStringList{QStringLiteral("--profile"), profile} + args);
    p.write(input);
    p.closeWriteChannel();
    return finish(p, args);
}

} // namespace feedback::test
