// feedbackctl: the headless client for scripts, import/export and benchmarks. Parses the global
// options, opens (or creates) the profile asynchronously, runs one command and exits.
#pragma once

#include "CliContext.h"

#include <QObject>
#include <QStringList>
#include <QTextStream>

#include <optional>
#include <store/ProfileOpener.h>

namespace feedback::cli {

class FeedbackCtl : public QObject
{
    Q_OBJECT
public:
    explicit FeedbackCtl(QObject *parent = nullptr);

    // Starts the command; QCoreApplication::exit(code) is called when it is done. The raw
    // form takes argv's bytes as they came and refuses any that are not UTF-8 (exit 2).
    void start(const QList<QByteArray> &rawArguments);
    void start(const QStringList &arguments);

private:
    // The global options and the command, as given.
    struct Invocation
    {
        QString command;
        QStringList args;
        store::Profile profile;
        QString passphraseFile;
        bool passphraseFileGiven = false;
    };

    void finish(int code);
    // Null when it answered (--help, --version) or refused the arguments: finish was called.
    std::optional<Invocation> parseGlobalOptions(const QStringList &arguments);
    std::optional<QByteArray> passphraseFor(const Invocation &invocation, bool creating);
    // init and join: a new profile, then its enrolment in the workspace.
    void create(const QString &command, const QStringList &args,
                const store::ProfileOpener::Request &request);
    // join with a code of the second format: the relay hands out the invite first.
    static constexpr int kClaimTimeoutMs = 60000;
    void claimThenCreate(const QString &command, const QStringList &args,
                         const store::ProfileOpener::Request &request, NewProfile created);
    void createProfile(const QString &command, const QStringList &args,
                       const store::ProfileOpener::Request &request, const NewProfile &created);
    void onOpened(const QString &command, const QStringList &args,
                  store::ProfileOpener::Request request,
                  Result<std::unique_ptr<store::FeedbackStore>> opened);
    // With a null store only checks the arguments (kArgumentsOk when they pass, or answers
    // --help); otherwise runs the command. Returns the exit code, or kLater.
    int runCommand(const QString &command, const QStringList &args, const store::Profile &profile,
                   store::FeedbackStore *store);

    QTextStream m_out;
    QTextStream m_err;
    store::ProfileOpener m_opener;
    std::unique_ptr<store::FeedbackStore> m_store;
};

} // namespace feedback::cli
