// What the GUI tests share: dialogs answered from a script, and real temporary profiles (real
// SQLite, passphrase-protected keys, no keychain) opened as app sessions.
#pragma once

#include "../support/Patience.h"

#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>
#include <QTimer>

#include <app/AppSession.h>
#include <app/DialogService.h>
#include <store/ProfileOpener.h>
#include <sync/Enrolment.h>
#include <sync/InviteCode.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::test {

// Answers questions in order; with no scripted answer, says no / cancels. Answers arrive
// from the event loop, as a person's would.
class ScriptedDialogs : public app::DialogService
{
public:
    QList<bool> confirmAnswers;
    QList<std::optional<QString>> textAnswers;
    QString saveFile;
    QString suggestedFile; // what the app proposed in the last save dialog
    QStringList asked;     // titles, in order
    QStringList informed;

    // The answer goes nowhere once the asking widget is gone, as with a real dialog.
    static QObject *context(QWidget *parent)
    {
        return parent ? static_cast<QObject *>(parent) : QCoreApplication::instance();
    }

    void confirm(QWidget *parent, const QString &title, const QString &, const QString &,
                 std::function<void(bool)> done) override
    {
        asked.append(title);
        const bool answer = confirmAnswers.isEmpty() ? false : confirmAnswers.takeFirst();
        QTimer::singleShot(0, context(parent), [done, answer] { done(answer); });
    }
    void askText(QWidget *parent, const QString &title, const QString &, bool,
                 std::function<void(std::optional<QString>)> done) override
    {
        asked.append(title);
        const std::optional<QString> answer =
            textAnswers.isEmpty() ? std::nullopt : textAnswers.takeFirst();
        QTimer::singleShot(0, context(parent), [done, answer] { done(answer); });
    }
    void inform(QWidget *, const QString &title, const QString &text) override
    {
        asked.append(title);
        informed.append(text);
    }
    void chooseSaveFile(QWidget *parent, const QString &title, const QString &suggested,
                        const QString &, std::function<void(QString)> done) override
    {
        asked.append(title);
        suggestedFile = suggested;
        const QString file = saveFile;
        QTimer::singleShot(0, context(parent), [done, file] { done(file); });
    }
};

// Creates (or opens) the profile in `dir` with the test passphrase and makes it a device of
// the workspace `secret` (a new workspace when empty).
inline std::unique_ptr<store::FeedbackStore>
openProfile(const QString &dir, const QString &relayUrl = QString(),
            QByteArray secret = QByteArray(), HybridLogicalClock clock = HybridLogicalClock())
{
    store::Profile profile(dir);
    const bool existing = profile.isInitialised();
    store::ProfileOpener opener;
    store::ProfileOpener::Request request{
        profile, QByteArrayLiteral("gui tests passphrase"), false, {}};
    request.storeOptions.home = profile.home();
    request.storeOptions.clock = clock;
    std::unique_ptr<store::FeedbackStore> result;
    QString error;
    bool done = false;
    auto finished = [&](Result<std::unique_ptr<store::FeedbackStore>> s) {
        done = true;
        if (s)
            result = std::move(*s);
        else
            error = s.error();
    };
    if (existing)
        opener.open(request, finished);
    else
        opener.create(request, finished);
    if (!QTest::qWaitFor([&] { return done; }, feedback::test::kPatienceMs))
        error = QStringLiteral("timed out");
    if (!result) {
        qWarning("cannot open the test profile: %s", qPrintable(error));
        return nullptr;
    }
    if (!existing) {
        if (secret.isEmpty())
            secret = sync::WorkspaceKeys::newSecret();
        if (Status s = sync::enrol(profile, *result, {relayUrl, secret}, QStringLiteral("test"));
            !s) {
            qWarning("cannot enrol the test profile: %s", qPrintable(s.error()));
            return nullptr;
        }
    }
    return result;
}

inline std::unique_ptr<app::AppSession> openSession(const QString &dir,
                                                    const QString &relayUrl = QString(),
                                                    const QByteArray &secret = QByteArray(),
                                                    HybridLogicalClock clock = HybridLogicalClock())
{
    auto store = openProfile(dir, relayUrl, secret, clock);
    if (!store)
        return nullptr;
    return std::make_unique<app::AppSession>(store::Profile(dir), std::move(store));
}

inline QString inviteOf(app::AppSession &session)
{
    return sync::InviteCode::encode(
        {session.relayUrl(), session.store().secret(QStringLiteral("workspace")).value()});
}

} // namespace feedback::test
