// What tst_profilelock and tst_openerrors share: real feedbackctl runs (env FEEDBACKCTL) on one
// profile with the test passphrase, the same profile opened in this process through
// ProfileOpener, and shell scripts run in a private mount namespace (a read-only bind mount or a
// small tmpfs, as root with `unshare -m`, else as the mapped root of a user namespace).
#pragma once

#include <QFile>
#include <QProcess>
#include <QTest>

#include <support/FeedbackCtlRunner.h>

#ifndef Q_MOC_RUN
#include <store/ProfileOpener.h>
#endif
#include <optional>

namespace feedback::test {

inline const QString kPassphrase = QStringLiteral("profile lock test passphrase");

// The test passphrase; lockWaitMs < 0: the program's default wait.
inline QProcessEnvironment ctlEnvironment(int lockWaitMs = -1)
{
    return FeedbackCtlRunner::environment(kPassphrase, lockWaitMs);
}

inline FeedbackCtlRun ctl(const QString &profile, const QStringList &args,
                          const QProcessEnvironment &env = ctlEnvironment())
{
    return FeedbackCtlRunner::run(env, profile, args);
}

// The profile in `dir`, opened here as a program would (lock first, then key), waiting for the
// lock at most `lockWaitMs`.
inline Result<std::unique_ptr<store::FeedbackStore>> openHere(
    const QString &dir,
    store::FeedbackStore::Options::Access access = store::FeedbackStore::Options::Access::ReadWrite,
    std::shared_ptr<store::ProfileLock> lock = nullptr, int lockWaitMs = 0)
{
    using R = Result<std::unique_ptr<store::FeedbackStore>>;
    const store::Profile profile(dir);
    store::ProfileOpener opener;
    store::ProfileOpener::Request request =
        store::ProfileOpener::requestFor(profile, kPassphrase.toUtf8(), access);
    // Never the keychain of whoever runs the tests, whatever FEEDBACK_KEYCHAIN says.
    request.useKeychain = false;
    request.storeOptions.lock = std::move(lock);
    request.lockWaitMs = lockWaitMs;
    std::optional<R> result;
    opener.open(request, [&result](R opened) { result.emplace(std::move(opened)); });
    if (!QTest::qWaitFor([&result] { return result.has_value(); }, 60000))
        return R::failure(QStringLiteral("opening %1 did not finish").arg(dir));
    return std::move(*result);
}

inline QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// The command that gives a script a private mount namespace (tried by mounting a tmpfs over
// `probeDir` in one), or empty when this machine has none: then the caller skips, saying so.
inline QStringList mountNamespace(const QString &probeDir)
{
    const QString probe = QStringLiteral("mount -t tmpfs none '%1'").arg(probeDir);
    for (const char *flags : {"-m", "-rm"}) {
        const QStringList unshare{QStringLiteral("unshare"), QString::fromLatin1(flags),
                                  QStringLiteral("--propagation"), QStringLiteral("private")};
        QProcess p;
        p.start(unshare.first(),
                unshare.mid(1) + QStringList{QStringLiteral("sh"), QStringLiteral("-c"), probe});
        if (p.waitForFinished(10000) && p.exitStatus() == QProcess::NormalExit && p.exitCode() == 0)
            return unshare;
    }
    return {};
}

// Runs the shell `script` in a private mount namespace; CTL names feedbackctl in it. Mounts made
// there vanish with it.
inline FeedbackCtlRun inMountNamespace(const QStringList &unshare, const QString &script,
                                       const QProcessEnvironment &env = ctlEnvironment())
{
    QProcessEnvironment withCtl = env;
    withCtl.insert(QStringLiteral("CTL"), qEnvironmentVariable("FEEDBACKCTL"));
    QProcess p;
    p.setProcessEnvironment(withCtl);
    p.start(unshare.first(),
            unshare.mid(1) + QStringList{QStringLiteral("sh"), QStringLiteral("-c"), script});
    const qint64 pid = p.waitForStarted(kPatienceMs) ? p.processId() : 0;
    return FeedbackCtlRunner::finish(p, {script}, FeedbackCtlRunner::kRunTimeoutMs, pid);
}

// The shell words for one feedbackctl run whose exit code, stdout and stderr go to
// OUT/<name>.code|out|err, for scripts whose results are read back with scriptRun().
inline QString scriptLine(const QString &name, const QString &profile, const QStringList &args)
{
    QString line = QStringLiteral("\"$CTL\" --profile '%1'").arg(profile);
    for (const QString &arg : args)
        line += QStringLiteral(" '%1'").arg(
            QString(arg).replace(QLatin1Char('\''), QStringLiteral("'\\''")));
    return line + QStringLiteral(" >\"$OUT/%1.out\" 2>\"$OUT/%1.err\"; echo $? >\"$OUT/%1.code\"\n")
                      .arg(name);
}

inline FeedbackCtlRun scriptRun(const QString &outDir, const QString &name)
{
    FeedbackCtlRun r;
    r.args = {name};
    bool ok = false;
    r.code =
        QString::fromUtf8(fileBytes(outDir + QLatin1Char('/') + name + QStringLiteral(".code")))
            .trimmed()
            .toInt(&ok);
    if (!ok)
        r.code = -1;
    r.out = QString::fromUtf8(fileBytes(outDir + QLatin1Char('/') + name + QStringLiteral(".out")));
    r.err = QString::fromUtf8(fileBytes(outDir + QLatin1Char('/') + name + QStringLiteral(".err")));
    return r;
}

} // namespace feedback::test
