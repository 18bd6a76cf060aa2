// The app and feedbackctl (env FEEDBACKCTL) on one profile: while the app has it open,
// feedbackctl waits for it or exits 1 naming the app, and reads beside it; a profile another
// program holds makes the app say which one, before asking anything else, and open nothing.
#include "GuiTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>

#include <app/AppController.h>
#include <support/FeedbackCtlRunner.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {

const QString kPassphrase = u"gui tests passphrase"_s; // the one test::openProfile uses

using test::FeedbackCtlRun;
using test::FeedbackCtlRunner;

QProcessEnvironment ctlEnvironment(int lockWaitMs)
{
    return FeedbackCtlRunner::environment(kPassphrase, lockWaitMs);
}

FeedbackCtlRun ctl(const QString &profile, const QStringList &args, int lockWaitMs = 0)
{
    return FeedbackCtlRunner::run(ctlEnvironment(lockWaitMs), profile, args);
}

QStringList submitArgs(const QString &order)
{
    return {u"submit"_s, u"--order"_s, order, u"--courier"_s, u"4"_s, u"--rating"_s, u"2"_s};
}

// Answers the passphrase at once; holds the answer to a confirmation until the test gives it.
class HeldDialogs : public test::ScriptedDialogs
{
public:
    QString confirmText;
    std::function<void(bool)> pending;
    void confirm(QWidget *, const QString &title, const QString &text, const QString &,
                 std::function<void(bool)> done) override
    {
        asked.append(title);
        confirmText = text;
        pending = std::move(done);
    }
    void answer(bool yes) { std::exchange(pending, nullptr)(yes); }
};

} // namespace

class TestAppInUse : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "FEEDBACKCTL");
    }
    void init()
    {
        QVERIFY(m_dir.isValid());
        m_profile = m_dir.filePath(u"p%1"_s.arg(++m_serial));
        QVERIFY(test::openProfile(m_profile));
    }
    void cleanup()
    {
        qunsetenv("FEEDBACK_PASSPHRASE");
        qunsetenv("FEEDBACK_LOCK_WAIT_MS");
    }

    void appSaysWhoHoldsTheProfileAndOpensNothing()
    {
        QProcess holder; // `watch` keeps the profile open for writing, retrying an absent relay
        FeedbackCtlRunner::start(holder, m_profile,
                                 {u"watch"_s, u"--relay"_s, u"ws://127.0.0.1:9"_s},
                                 ctlEnvironment(0));
        QVERIFY(holder.waitForStarted());
        const qint64 pid = holder.processId();
        const QString database = store::Profile(m_profile).databasePath();
        QTRY_VERIFY_WITH_TIMEOUT(!store::ProfileLock::tryAcquire(database),
                                 feedback::test::kPatienceMs);

        qputenv("FEEDBACK_LOCK_WAIT_MS", "200");
        HeldDialogs dialogs;
        dialogs.textAnswers = {kPassphrase};
        app::AppController controller({m_profile, app::AppMode::Dispatcher, {}, {}}, dialogs);
        QSignalSpy ready(&controller, &app::AppController::ready);
        QSignalSpy failed(&controller, &app::AppController::failed);
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(dialogs.pending, feedback::test::kPatienceMs);
        QCOMPARE(dialogs.asked, QStringList{u"Profile in use"_s}); // before the passphrase
        QVERIFY2(dialogs.confirmText.contains(u"feedbackctl"_s) &&
                     dialogs.confirmText.contains(QString::number(pid)),
                 qPrintable(dialogs.confirmText));
        QVERIFY(!controller.session() && !controller.window());
        dialogs.answer(false);
        QCOMPARE(failed.count(), 1);
        QVERIFY(failed.first().first().toString().contains(u"feedbackctl (PID %1)"_s.arg(pid)));

        // Asked again; the other program ends before the answer: now it opens.
        controller.start();
        QTRY_VERIFY_WITH_TIMEOUT(dialogs.pending, feedback::test::kPatienceMs);
        holder.terminate();
        QVERIFY(holder.waitForFinished());
        dialogs.answer(true);
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
        QCOMPARE(dialogs.asked.last(), u"Open Courier Feedback"_s); // the passphrase, then
        QVERIFY(controller.session());
    }

    void appAndFeedbackctlShareOneProfile()
    {
        qputenv("FEEDBACK_PASSPHRASE", kPassphrase.toUtf8());
        test::ScriptedDialogs dialogs;
        auto controller = std::make_unique<app::AppController>(
            app::AppOptions{m_profile, app::AppMode::Dispatcher, {}, {}}, dialogs);
        QSignalSpy ready(controller.get(), &app::AppController::ready);
        controller->start();
        QTRY_COMPARE_WITH_TIMEOUT(ready.count(), 1, feedback::test::kPatienceMs);
        QHash<QString, QString> saved; // id -> order
        auto submitInApp = [&](const QString &order) {
            const auto id = controller->session()->submit({order, 4, 5, QString(), {}, false, {}});
            if (id)
                saved.insert(recordIdToString(*id), order);
            return id.ok();
        };
        QVERIFY(submitInApp(u"APP-1"_s));

        const QString self = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
        const FeedbackCtlRun refused = ctl(m_profile, submitArgs(u"CTL-1"_s));
        QVERIFY2(refused.code == 1 && refused.out.isEmpty() &&
                     refused.err.contains(u"in use by %1 (PID %2)"_s.arg(self).arg(
                         QCoreApplication::applicationPid())),
                 refused.describe().constData());
        const FeedbackCtlRun list = ctl(m_profile, {u"list"_s});
        QVERIFY2(list.code == 0 && list.out.contains(u"APP-1"_s), list.describe().constData());

        QProcess waiting; // waits for the app to close the profile
        FeedbackCtlRunner::start(waiting, m_profile, submitArgs(u"CTL-2"_s),
                                 ctlEnvironment(120000));
        QVERIFY(waiting.waitForStarted());
        for (const QString &order : {u"APP-2"_s, u"APP-3"_s})
            QVERIFY(submitInApp(order));
        QCOMPARE(waiting.state(), QProcess::Running); // it cannot get the profile yet
        controller.reset();
        const FeedbackCtlRun waited = FeedbackCtlRunner::finish(waiting, submitArgs(u"CTL-2"_s));
        QVERIFY2(waited.code == 0, waited.describe().constData());
        saved.insert(waited.out.trimmed(), u"CTL-2"_s);

        QHash<QString, QString> stored;
        const FeedbackCtlRun json = ctl(m_profile, {u"list"_s, u"--format"_s, u"json"_s});
        for (const QJsonValue &v : QJsonDocument::fromJson(json.out.toUtf8()).array())
            stored.insert(v[u"id"_s].toString(), v[u"orderId"_s].toString());
        QCOMPARE(stored, saved); // every id reported, each with its own content, nothing else
        const FeedbackCtlRun doctor = ctl(m_profile, {u"doctor"_s});
        QVERIFY2(doctor.code == 0, doctor.describe().constData());
    }

private:
    QTemporaryDir m_dir;
    QString m_profile;
    int m_serial = 0;
};

QTEST_MAIN(TestAppInUse)
#include "tst_appinuse.moc"
