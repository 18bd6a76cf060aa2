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

QProcessEnvironment FeedbackCtlRunner::environment()
{
    QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
    env.remove(QStringLiteral("FEEDBACK_PROFILE"));
    env.remove(QStringLiteral("FEEDBACK_SYNC"));
    env.insert(QStringLiteral("FEEDBACK_PASSPHRASE"), QStringLiteral("sync tests passphrase"));
    env.insert(QStringLiteral("FEEDBACK_KEYCHAIN"), QStringLiteral("off"));
    env.insert(QStringLiteral("FEEDBACK_KDF"), QStringLiteral("interactive"));
    return env;
}

std::unique_ptr<QProcess> FeedbackCtlRunner::start(const QString &profile, const QStringList &args)
{
    auto p = std::make_unique<QProcess>();
    p->setProcessEnvironment(environment());
    p->start(qEnvironmentVariable("FEEDBACKCTL"),
             QStringList{QStringLiteral("--profile"), profile} + args);
    return p;
}

FeedbackCtlRun FeedbackCtlRunner::finish(QProcess &p, const QStringList &args, int timeoutMs)
{
    FeedbackCtlRun r;
    r.args = args;
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
    const auto p = start(profile, args);
    return finish(*p, args, timeoutMs);
}

} // namespace feedback::test
