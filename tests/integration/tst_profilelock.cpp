// One writer per profile: the profile lock held by real feedbackctl processes (env FEEDBACKCTL)
// and by stores opened in this process, readers beside a writer, lock files left by a killed
// process or brought in from elsewhere, and no record id ever issued from stale memory. The
// two-loop test is randomised: a failure prints its seed, FEEDBACK_TEST_SEED=<n> replays it and
// FEEDBACK_TEST_SEEDS=<n> runs n times the rounds.
#include "ProfileTestSupport.h"

#include <QDir>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QSysInfo>
#include <QTemporaryDir>

#include <random>
#include <support/RawDatabase.h>

using namespace feedback;
using namespace feedback::test;
using namespace Qt::StringLiterals;
using Access = store::FeedbackStore::Options::Access;

namespace {

constexpr int kRounds = 20;
constexpr int kStepsPerRound = 3;

quint64 baseSeed()
{
    bool ok = false;
    const quint64 seed = qEnvironmentVariable("FEEDBACK_TEST_SEED").toULongLong(&ok, 0);
    return ok ? seed : std::random_device()();
}

int roundCount()
{
    bool ok = false;
    const int factor = qEnvironmentVariableIntValue("FEEDBACK_TEST_SEEDS", &ok);
    return kRounds * (ok && factor > 1 ? factor : 1);
}

NewFeedback sample(const QString &order, int rating = 4)
{
    return NewFeedback{order, 7, rating, u"comment of "_s + order, {}, false, {}};
}

QString holderText(const QString &program, qint64 pid)
{
    return u"in use by %1 (PID %2)"_s.arg(program).arg(pid);
}

// Every record of the profile by id, as `list --format json` prints it.
QHash<QString, QJsonObject> recordsOf(const QString &profile)
{
    QHash<QString, QJsonObject> out;
    const FeedbackCtlRun r = ctl(profile, {u"list"_s, u"--format"_s, u"json"_s});
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        out.insert(v[u"id"_s].toString(), v.toObject());
    if (r.code != 0)
        qWarning("%s", r.describe().constData());
    return out;
}

} // namespace

class TestProfileLock : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "FEEDBACKCTL");
    }
    void init();
    void secondWriterIsRefusedNamingTheHolder();
    void readersWorkWhileAWriterHoldsTheLock();
    void readOnlyOpenWritesNothing();
    void noIdIsIssuedFromStaleMemory();
    void lockOfAKilledProcessDoesNotBlock();
    void lockFileFromABackupOrAnotherHostDoesNotBlock();
    void twoSubmitLoopsOnOneProfile();

private:
    QString database() const { return store::Profile(m_profile).databasePath(); }
    bool lockIsHeld() const
    {
        auto lock = store::ProfileLock::tryAcquire(database());
        return !lock && lock.errorKind() == ErrorKind::Busy;
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
    const QString m_self = QFileInfo(QCoreApplication::applicationFilePath()).fileName();
    const qint64 m_pid = QCoreApplication::applicationPid();
};

void TestProfileLock::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_profile = m_tmp->filePath(u"profile"_s);
    const FeedbackCtlRun init = ctl(m_profile, {u"init"_s, u"--name"_s, u"desk"_s});
    QVERIFY2(init.code == 0, init.describe().constData());
}

void TestProfileLock::secondWriterIsRefusedNamingTheHolder()
{
    auto writer = openHere(m_profile);
    QVERIFY2(writer, qPrintable(writer.error()));
    QVERIFY((*writer)->submit(sample(u"HERE-1"_s)));

    const auto second = openHere(m_profile, Access::ReadWrite, nullptr, 100);
    QVERIFY(!second);
    QCOMPARE(second.errorKind(), ErrorKind::Busy);
    QVERIFY2(second.error().contains(holderText(m_self, m_pid)), qPrintable(second.error()));

    const FeedbackCtlRun refused =
        ctl(m_profile,
            {u"submit"_s, u"--order"_s, u"CTL-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"3"_s},
            ctlEnvironment(300));
    QVERIFY2(refused.code == 1 && refused.out.isEmpty() &&
                 refused.err.contains(holderText(m_self, m_pid)) &&
                 refused.err.contains(u"Waited 0.3 s"_s),
             refused.describe().constData());

    // A writer that may wait long enough gets the profile once this one closes it.
    QProcess waiting;
    const QStringList args{u"submit"_s, u"--order"_s,  u"CTL-2"_s, u"--courier"_s,
                           u"7"_s,      u"--rating"_s, u"5"_s};
    const qint64 waitingPid =
        FeedbackCtlRunner::start(waiting, m_profile, args, ctlEnvironment(120000));
    QVERIFY(waitingPid);
    QVERIFY((*writer)->submit(sample(u"HERE-2"_s)));
    writer->reset();
    const FeedbackCtlRun waited =
        FeedbackCtlRunner::finish(waiting, args, FeedbackCtlRunner::kRunTimeoutMs, waitingPid);
    QVERIFY2(waited.code == 0, waited.describe().constData());

    const auto records = recordsOf(m_profile);
    QCOMPARE(records.size(), qsizetype{3});
    QCOMPARE(records.value(waited.out.trimmed())[u"orderId"_s].toString(), u"CTL-2"_s);
    for (const QJsonObject &r : records)
        QVERIFY(r[u"orderId"_s].toString() != u"CTL-1"_s);
}

void TestProfileLock::readersWorkWhileAWriterHoldsTheLock()
{
    auto writer = openHere(m_profile);
    QVERIFY2(writer, qPrintable(writer.error()));
    const auto first = (*writer)->submit(sample(u"W-1"_s));
    QVERIFY(first && (*writer)->submit(sample(u"W-2"_s)));

    auto reader = openHere(m_profile, Access::ReadOnly);
    QVERIFY2(reader, qPrintable(reader.error()));
    QCOMPARE((*reader)->book().size(), std::size_t{2});
    const auto write = (*reader)->submit(sample(u"R-1"_s));
    QVERIFY(!write);
    QCOMPARE(write.errorKind(), ErrorKind::ReadOnly);
    QCOMPARE((*reader)->setValue(u"x"_s, "y").errorKind(), ErrorKind::ReadOnly);

    const QProcessEnvironment noWait = ctlEnvironment(0);
    const QString id = recordIdToString(*first);
    for (const QStringList &args :
         {QStringList{u"list"_s}, QStringList{u"show"_s, id}, QStringList{u"status"_s},
          QStringList{u"export"_s, u"--format"_s, u"csv"_s}, QStringList{u"doctor"_s}}) {
        const FeedbackCtlRun r = ctl(m_profile, args, noWait);
        QVERIFY2(r.code == 0 && r.err.isEmpty(), r.describe().constData());
    }
    QVERIFY((*writer)->submit(sample(u"W-3"_s))); // readers see what commits meanwhile
    QCOMPARE(recordsOf(m_profile).size(), qsizetype{3});
    QVERIFY(lockIsHeld());
}

void TestProfileLock::readOnlyOpenWritesNothing()
{
    QVERIFY(openHere(m_profile).value()->submit(sample(u"W-1"_s)));
    // A copy elsewhere is a copied profile: a writer gives it a new device id, a reader not.
    const QString copy = m_tmp->filePath(u"copy"_s);
    QVERIFY(QDir().mkpath(copy));
    for (const QString &name : QDir(m_profile).entryList(QDir::Files))
        QVERIFY(QFile::copy(m_profile + u'/' + name, copy + u'/' + name));
    const QString db = store::Profile(copy).databasePath();
    const QByteArray before = fileBytes(db);
    ReplicaId original;
    {
        auto reader = openHere(copy, Access::ReadOnly);
        QVERIFY2(reader, qPrintable(reader.error()));
        QVERIFY((*reader)->identityNote().contains(u"next time"_s));
        original = (*reader)->deviceId();
    }
    QCOMPARE(fileBytes(db), before);
    QCOMPARE(QFileInfo(db + u"-wal"_s).size(), qint64{0});

    // An older schema: a reader cannot migrate it and says so; feedbackctl then opens it for
    // writing once, which migrates, and reads.
    {
        RawDatabase raw(db);
        QVERIFY2(raw.exec(u"DROP TABLE imports"_s) && raw.exec(u"DROP TABLE deferred"_s) &&
                     raw.exec(u"DROP TABLE quarantine"_s) && raw.exec(u"PRAGMA user_version = 1"_s),
                 raw.describe().constData());
    }
    const QByteArray old = fileBytes(db);
    const auto refused = openHere(copy, Access::ReadOnly);
    QVERIFY(!refused);
    QCOMPARE(refused.errorKind(), ErrorKind::NeedsUpgrade);
    QCOMPARE(fileBytes(db), old);
    const FeedbackCtlRun list = ctl(copy, {u"list"_s});
    QVERIFY2(list.code == 0 && list.out.contains(u"W-1"_s) && list.err.contains(u"upgrading"_s),
             list.describe().constData());
    auto writer = openHere(copy);
    QVERIFY2(writer, qPrintable(writer.error()));
    QVERIFY((*writer)->deviceId() != original);
}

// Two stores on one file with the lock deliberately shared (as a lock that does not work on
// some file system would be): each write checks the stored context, so a store whose memory
// is behind refuses rather than issuing an id that the other already gave out.
void TestProfileLock::noIdIsIssuedFromStaleMemory()
{
    auto lock = store::ProfileLock::tryAcquire(database());
    QVERIFY2(lock, qPrintable(lock.error()));
    const std::shared_ptr<store::ProfileLock> shared = std::move(*lock);
    auto a = openHere(m_profile, Access::ReadWrite, shared);
    auto b = openHere(m_profile, Access::ReadWrite, shared);
    QVERIFY(a && b);
    QHash<QString, QString> issued; // record id -> order
    auto submit = [&issued](store::FeedbackStore &s, const QString &order) {
        const auto id = s.submit(sample(order));
        if (id) {
            const QString text = recordIdToString(*id);
            if (issued.contains(text))
                qWarning("id issued twice: %s", qPrintable(text));
            else
                issued.insert(text, order);
        }
        return id.ok() ? QString() : id.error();
    };
    QCOMPARE(submit(**a, u"A-1"_s), QString());
    const quint64 sequence = (*b)->book().sequence();
    const QString stale = submit(**b, u"B-1"_s);
    QVERIFY2(stale.contains(u"Another program wrote"_s), qPrintable(stale));
    QCOMPARE((*b)->book().sequence(), sequence);
    QVERIFY(!submit(**b, u"B-2"_s).isEmpty()); // stays refused: its memory is still behind
    QCOMPARE(submit(**a, u"A-2"_s), QString());
    // An import that is refused reads the file again: that store is current from then on.
    QVERIFY(!(*b)->importItems({store::ImportItem{"legacy-1", sample(u"B-3"_s)}}));
    QCOMPARE(submit(**b, u"B-4"_s), QString());
    QVERIFY(!submit(**a, u"A-3"_s).isEmpty());
    a->reset();
    b->reset();

    QCOMPARE(issued.size(), qsizetype{3});
    const auto records = recordsOf(m_profile);
    QCOMPARE(records.size(), qsizetype{3});
    for (auto it = issued.cbegin(); it != issued.cend(); ++it)
        QCOMPARE(records.value(it.key())[u"orderId"_s].toString(), it.value());
    const FeedbackCtlRun doctor = ctl(m_profile, {u"doctor"_s});
    QVERIFY2(doctor.code == 0, doctor.describe().constData());
}

void TestProfileLock::lockOfAKilledProcessDoesNotBlock()
{
    // `watch` keeps the profile open for writing (retrying a relay that is not there).
    QProcess holder;
    const QStringList watch{u"watch"_s, u"--relay"_s, u"ws://127.0.0.1:9"_s};
    const qint64 holderPid = FeedbackCtlRunner::start(holder, m_profile, watch, ctlEnvironment());
    QVERIFY(holderPid);
    QTRY_VERIFY_WITH_TIMEOUT(lockIsHeld(), feedback::test::kPatienceMs);
    const auto named = store::ProfileLock::holder(database());
    QVERIFY(named);
    QCOMPARE(named->pid, holderPid);
    QCOMPARE(named->program, u"feedbackctl"_s);
    const QStringList submit{u"submit"_s, u"--order"_s,  u"K-1"_s, u"--courier"_s,
                             u"7"_s,      u"--rating"_s, u"2"_s};
    const FeedbackCtlRun refused = ctl(m_profile, submit, ctlEnvironment(0));
    QVERIFY2(refused.code == 1 && refused.err.contains(holderText(u"feedbackctl"_s, holderPid)),
             refused.describe().constData());

    holder.kill(); // SIGKILL: no chance to empty or remove its lock file
    QVERIFY(holder.waitForFinished());
    QCOMPARE(store::ProfileLock::holder(database())->pid, named->pid); // the file still says so
    const FeedbackCtlRun after = ctl(m_profile, submit, ctlEnvironment(0));
    QVERIFY2(after.code == 0, after.describe().constData());
}

void TestProfileLock::lockFileFromABackupOrAnotherHostDoesNotBlock()
{
    const QString lockFile = store::ProfileLock::pathFor(database());
    // Restored from a backup it names a PID that is alive now (this process), on this host;
    // copied from another machine it names that machine.
    const QByteArray restored = QByteArray::number(m_pid) +
                                QByteArrayLiteral("\ncourier-feedback\n") +
                                QSysInfo::machineHostName().toUtf8();
    for (const QByteArray &text :
         {restored, QByteArrayLiteral("4242\nfeedbackctl\nkiosk-7.example\n")}) {
        QVERIFY(writeFile(lockFile, text));
        const FeedbackCtlRun r = ctl(
            m_profile,
            {u"submit"_s, u"--order"_s, u"B-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"2"_s},
            ctlEnvironment(0));
        QVERIFY2(r.code == 0, r.describe().constData());
    }
    // A whole profile copied while a program held it: the copy's lock file is just a file.
    auto writer = openHere(m_profile);
    QVERIFY2(writer, qPrintable(writer.error()));
    const QString copy = m_tmp->filePath(u"copy"_s);
    QVERIFY(QDir().mkpath(copy));
    for (const QString &name : QDir(m_profile).entryList(QDir::Files | QDir::Hidden))
        QVERIFY(QFile::copy(m_profile + u'/' + name, copy + u'/' + name));
    QVERIFY(store::ProfileLock::holder(store::Profile(copy).databasePath()));
    QVERIFY(openHere(copy));
    QVERIFY(lockIsHeld()); // the original is still held by its writer
}

// Two loops of `feedbackctl submit` on one profile, each step starting both at once. Every id
// printed is a record with its own content; a writer that did not get the profile in time
// exits 1 naming the other.
void TestProfileLock::twoSubmitLoopsOnOneProfile()
{
    const quint64 seed = baseSeed();
    const int rounds = roundCount();
    qInfo("FEEDBACK_TEST_SEED=%llu, %d rounds", static_cast<unsigned long long>(seed), rounds);
    std::mt19937_64 rng(seed);
    struct Printed
    {
        QString order;
        int rating;
    };
    QHash<QString, Printed> printed;
    int refusals = 0;
    const QByteArray rerun = "rerun with FEEDBACK_TEST_SEED=" + QByteArray::number(seed);
    for (int round = 0; round < rounds; ++round) {
        const auto where = [&](const QByteArray &what) -> QByteArray {
            return what + "\nround " + QByteArray::number(round) + ": " + rerun;
        };
        // A third of the rounds may not wait at all: the loser of a race then exits 1.
        const QProcessEnvironment env = ctlEnvironment(rng() % 3 == 0 ? 0 : -1);
        for (int step = 0; step < kStepsPerRound; ++step) {
            QProcess loops[2];
            QStringList args[2];
            qint64 pids[2] = {0, 0};
            const bool bFirst = rng() % 2 == 0;
            for (int i : {bFirst ? 1 : 0, bFirst ? 0 : 1}) {
                const int rating = static_cast<int>(1 + rng() % 5);
                args[i] = {u"submit"_s,
                           u"--order"_s,
                           u"R%1-%2%3"_s.arg(round).arg(QChar(u'A' + i)).arg(step),
                           u"--courier"_s,
                           u"7"_s,
                           u"--rating"_s,
                           QString::number(rating)};
                pids[i] = FeedbackCtlRunner::start(loops[i], m_profile, args[i], env);
            }
            FeedbackCtlRun runs[2] = {
                FeedbackCtlRunner::finish(loops[0], args[0], FeedbackCtlRunner::kRunTimeoutMs,
                                          pids[0]),
                FeedbackCtlRunner::finish(loops[1], args[1], FeedbackCtlRunner::kRunTimeoutMs,
                                          pids[1])};
            for (int i : {0, 1}) {
                const FeedbackCtlRun &r = runs[i];
                if (r.code == 1) {
                    ++refusals;
                    QVERIFY2(r.out.isEmpty() &&
                                 r.err.contains(holderText(u"feedbackctl"_s, runs[1 - i].pid)),
                             where(r.describe()).constData());
                    continue;
                }
                QVERIFY2(r.code == 0, where(r.describe()).constData());
                const QString id = r.out.trimmed();
                QVERIFY2(!printed.contains(id),
                         where("printed twice: " + r.describe()).constData());
                printed.insert(id, {r.args.at(2), r.args.at(6).toInt()});
            }
        }
    }
    const auto records = recordsOf(m_profile);
    QCOMPARE(records.size(), printed.size());
    for (auto it = printed.cbegin(); it != printed.cend(); ++it) {
        const QJsonObject record = records.value(it.key());
        QVERIFY2(record[u"orderId"_s].toString() == it->order &&
                     record[u"rating"_s].toInt() == it->rating,
                 QByteArray(it.key().toUtf8() + " holds " + QJsonDocument(record).toJson() + rerun)
                     .constData());
    }
    qInfo("%lld records, %d runs refused", static_cast<long long>(printed.size()), refusals);
    const FeedbackCtlRun doctor = ctl(m_profile, {u"doctor"_s});
    QVERIFY2(doctor.code == 0, QByteArray(doctor.describe() + rerun).constData());
}

QTEST_GUILESS_MAIN(TestProfileLock)
#include "tst_profilelock.moc"
