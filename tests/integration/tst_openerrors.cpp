// Honest errors when a profile cannot be opened or written, through real feedbackctl processes
// (env FEEDBACKCTL) and stores opened in this process: an empty or damaged database is called
// damaged (never a new database, never a wrong passphrase), a full disk "full" and a read-only
// one "read-only" (never damaged, which would invite a reset of a healthy profile), and nothing
// is lost or changed on the way. The full and read-only file systems are real: a tmpfs and a
// read-only bind mount in a private mount namespace.
#include "ProfileTestSupport.h"

#include <QDir>
#include <QSqlDatabase>
#include <QSqlQuery>
#include <QTemporaryDir>

#include <support/RawDatabase.h>

using namespace feedback;
using namespace feedback::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kRecords = 6;

NewFeedback sample(const QString &order, const QString &comment = QString())
{
    return NewFeedback{order, 7, 4, comment, {}, false, {}};
}

// Runs `sql` on the connection the open store uses (found by its file): what a full disk or a
// read-only mount would make SQLite answer comes from the store's own connection.
bool onStoreConnection(const QString &databasePath, const QString &sql)
{
    for (const QString &name : QSqlDatabase::connectionNames()) {
        QSqlDatabase db = QSqlDatabase::database(name, false);
        if (db.databaseName() == databasePath)
            return QSqlQuery(db).exec(sql);
    }
    return false;
}

} // namespace

class TestOpenErrors : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "FEEDBACKCTL");
    }
    void init();
    void emptyDatabaseFileIsDamaged();
    void damagedKeyCheckIsNotAWrongPassphrase();
    void damagedPagesAreCalledDamage();
    void fileThatIsNotSqliteIsDamaged();
    void fullDiskWhileOpenSaysFullAndLosesNothing();
    void readOnlyWhileOpenSaysReadOnly();
    void fullDiskThroughFeedbackctl();
    void readOnlyMountThroughFeedbackctl();

private:
    QString database() const { return store::Profile(m_profile).databasePath(); }
    // Every read-only command and a write (submit) on a damaged profile: all exit 1 with a
    // message containing `says` and never "passphrase"; the file is left as it was.
    void expectDamaged(const QString &says);

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
};

void TestOpenErrors::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_profile = m_tmp->filePath(u"profile"_s);
    const FeedbackCtlRun init = ctl(m_profile, {u"init"_s});
    QVERIFY2(init.code == 0, init.describe().constData());
    for (int i = 0; i < kRecords; ++i) // long comments: records on pages of their own
        QVERIFY(ctl(m_profile, {u"submit"_s, u"--order"_s, u"O-%1"_s.arg(i), u"--courier"_s, u"7"_s,
                                u"--rating"_s, u"3"_s, u"--comment"_s, QString(1800, u'c')})
                    .code == 0);
}

void TestOpenErrors::expectDamaged(const QString &says)
{
    const QByteArray before = fileBytes(database());
    for (const QStringList &args :
         {QStringList{u"list"_s}, QStringList{u"status"_s}, QStringList{u"doctor"_s},
          QStringList{u"submit"_s, u"--order"_s, u"X"_s, u"--courier"_s, u"7"_s, u"--rating"_s,
                      u"3"_s}}) {
        const FeedbackCtlRun r = ctl(m_profile, args);
        QVERIFY2(r.code == 1 && r.err.contains(says) && !r.err.contains(u"passphrase"_s),
                 r.describe().constData());
        if (args.first() == u"doctor"_s)
            QVERIFY2(r.out.contains(u"PROBLEM: "_s) && r.out.contains(u"problems found"_s),
                     r.describe().constData());
    }
    QCOMPARE(fileBytes(database()), before);
}

void TestOpenErrors::emptyDatabaseFileIsDamaged()
{
    QVERIFY(writeFile(database(), QByteArray()));
    expectDamaged(u"is damaged: the file is empty (0 bytes)"_s);
}

void TestOpenErrors::damagedKeyCheckIsNotAWrongPassphrase()
{
    {
        RawDatabase raw(database());
        // Bits flipped inside the sealed key check; SQLite's own structure stays intact.
        QVERIFY2(raw.exec(u"UPDATE meta SET value = substr(value, 1, 30) || x'00ff00ff' || "
                          "substr(value, 35) WHERE key = 'key_check'"_s) &&
                     raw.changes() == 1,
                 raw.describe().constData());
    }
    expectDamaged(u"the key opens its records, but its key check is damaged"_s);
    const auto here = openHere(m_profile);
    QVERIFY(!here);
    QCOMPARE(here.errorKind(), ErrorKind::Damaged);

    // The wrong key is still called that, and a wrong passphrase too.
    const auto wrong = store::FeedbackStore::open(database(), store::SecretKey::random(), {});
    QVERIFY(!wrong);
    QCOMPARE(wrong.errorKind(), ErrorKind::WrongKey);
    QProcessEnvironment env = ctlEnvironment();
    env.insert(u"FEEDBACK_PASSPHRASE"_s, u"not the passphrase"_s);
    const FeedbackCtlRun r = ctl(m_profile, {u"list"_s}, env);
    QVERIFY2(r.code == 1 && r.err.contains(u"Wrong passphrase"_s), r.describe().constData());
}

void TestOpenErrors::damagedPagesAreCalledDamage()
{
    QByteArray bytes = fileBytes(database());
    QVERIFY(bytes.size() > 8 * 4096);
    // Everything after the first page (the schema) overwritten: the settings, the records.
    for (qsizetype i = 4096; i < bytes.size(); ++i)
        bytes[i] = '\xA5';
    QVERIFY(writeFile(database(), bytes));
    expectDamaged(u"is damaged"_s);
}

void TestOpenErrors::fileThatIsNotSqliteIsDamaged()
{
    QByteArray bytes = fileBytes(database());
    bytes.replace(0, 16, "not a database!!");
    QVERIFY(writeFile(database(), bytes));
    expectDamaged(u"is damaged or not a Courier Feedback database"_s);
}

void TestOpenErrors::fullDiskWhileOpenSaysFullAndLosesNothing()
{
    auto store = openHere(m_profile);
    QVERIFY2(store, qPrintable(store.error()));
    store::FeedbackStore &s = **store;
    // SQLite's page limit gives the SQLITE_FULL a full disk gives, from the same place.
    QVERIFY(onStoreConnection(database(), u"PRAGMA max_page_count = 1"_s)); // = current size
    Result<RecordId> full = RecordId{};
    for (int i = 0; i < 100 && full; ++i) // until the next record needs a new page
        full = s.submit(sample(u"FULL-%1"_s.arg(i), QString(1500, u'x')));
    QVERIFY(!full);
    QCOMPARE(full.errorKind(), ErrorKind::DiskFull);
    QVERIFY2(full.error().contains(u"is full"_s) && full.error().contains(u"free some space"_s) &&
                 !full.error().contains(u"damaged"_s),
             qPrintable(full.error()));
    const auto views = s.book().views(); // memory as before the refused submit
    const quint64 sequence = s.book().sequence();
    QVERIFY(onStoreConnection(database(), u"PRAGMA max_page_count = 1073741823"_s));
    const auto next = s.submit(sample(u"AFTER"_s));
    QVERIFY2(next, qPrintable(next.error()));
    QCOMPARE(next->counter, sequence + 1); // the refused one took no id
    store.value().reset();
    const auto reread = openHere(m_profile, store::FeedbackStore::Options::Access::ReadOnly);
    QVERIFY2(reread, qPrintable(reread.error()));
    QCOMPARE((*reread)->book().size(), static_cast<std::size_t>(views.size()) + 1);
}

void TestOpenErrors::readOnlyWhileOpenSaysReadOnly()
{
    auto store = openHere(m_profile);
    QVERIFY2(store, qPrintable(store.error()));
    store::FeedbackStore &s = **store;
    const auto views = s.book().views();
    QVERIFY(onStoreConnection(database(), u"PRAGMA query_only = 1"_s)); // SQLITE_READONLY
    const auto refused = s.submit(sample(u"RO"_s));
    QVERIFY(!refused);
    QCOMPARE(refused.errorKind(), ErrorKind::ReadOnly);
    QVERIFY2(refused.error().contains(u"cannot be written"_s) &&
                 !refused.error().contains(u"damaged"_s),
             qPrintable(refused.error()));
    QCOMPARE(s.book().views(), views);
    QVERIFY(onStoreConnection(database(), u"PRAGMA query_only = 0"_s));
    QVERIFY(s.submit(sample(u"RW"_s)));
}

void TestOpenErrors::fullDiskThroughFeedbackctl()
{
    const QString disk = m_tmp->filePath(u"disk"_s);
    const QString out = m_tmp->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(disk) && QDir().mkpath(out));
    const QStringList unshare = mountNamespace(disk);
    if (unshare.isEmpty())
        QSKIP("no private mount namespace here (unshare -m as root, or unshare -rm): a full "
              "file system cannot be made");
    const QString p = disk + u"/p"_s;
    const QString script =
        u"mount -t tmpfs -o size=4m tmpfs '%1' && cp -a '%2' '%3' || exit 9\n"
        "dd if=/dev/zero of='%1/fill' bs=4k 2>/dev/null\n"_s.arg(disk, m_profile, p) +
        scriptLine(
            u"submit"_s, p,
            {u"submit"_s, u"--order"_s, u"F-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"3"_s}) +
        scriptLine(u"list"_s, p, {u"list"_s}) + scriptLine(u"doctor"_s, p, {u"doctor"_s}) +
        u"rm '%1/fill'\n"_s.arg(disk) +
        scriptLine(
            u"again"_s, p,
            {u"submit"_s, u"--order"_s, u"F-2"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"3"_s}) +
        scriptLine(u"after"_s, p, {u"list"_s});
    QProcessEnvironment env = ctlEnvironment(0);
    env.insert(u"OUT"_s, out);
    const FeedbackCtlRun shell = inMountNamespace(unshare, script, env);
    QVERIFY2(shell.code == 0, shell.describe().constData());
    const FeedbackCtlRun full = scriptRun(out, u"submit"_s);
    QVERIFY2(full.code == 1 && full.err.contains(u"is full"_s) && !full.err.contains(u"damaged"_s),
             full.describe().constData());
    const FeedbackCtlRun list = scriptRun(out, u"list"_s); // readers need no space
    QVERIFY2(list.code == 0 && list.out.count(u"O-"_s) == kRecords, list.describe().constData());
    const FeedbackCtlRun doctor = scriptRun(out, u"doctor"_s);
    QVERIFY2(doctor.code == 0 && doctor.out.contains(u"records: %1 readable of %1"_s.arg(kRecords)),
             doctor.describe().constData());
    QCOMPARE(scriptRun(out, u"again"_s).code, 0);
    const FeedbackCtlRun after = scriptRun(out, u"after"_s);
    QVERIFY2(after.out.contains(u"F-2"_s) && !after.out.contains(u"F-1"_s),
             after.describe().constData());
}

void TestOpenErrors::readOnlyMountThroughFeedbackctl()
{
    const QString out = m_tmp->filePath(u"out"_s);
    QVERIFY(QDir().mkpath(out));
    const QStringList unshare = mountNamespace(m_tmp->filePath(u"out"_s));
    if (unshare.isEmpty())
        QSKIP("no private mount namespace here (unshare -m as root, or unshare -rm): a read-only "
              "mount cannot be made");
    const QString script =
        u"mount --bind '%1' '%1' && mount -o remount,bind,ro '%1' || exit 9\n"_s.arg(m_profile) +
        scriptLine(
            u"submit"_s, m_profile,
            {u"submit"_s, u"--order"_s, u"RO-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"3"_s}) +
        scriptLine(u"list"_s, m_profile, {u"list"_s}) +
        scriptLine(u"status"_s, m_profile, {u"status"_s}) +
        scriptLine(u"doctor"_s, m_profile, {u"doctor"_s});
    QProcessEnvironment env = ctlEnvironment(0);
    env.insert(u"OUT"_s, out);
    const FeedbackCtlRun shell = inMountNamespace(unshare, script, env);
    QVERIFY2(shell.code == 0, shell.describe().constData());
    const FeedbackCtlRun refused = scriptRun(out, u"submit"_s);
    QVERIFY2(refused.code == 1 && refused.err.contains(u"cannot be written"_s) &&
                 !refused.err.contains(u"damaged"_s),
             refused.describe().constData());
    for (const QString &reader : {u"list"_s, u"status"_s, u"doctor"_s}) {
        const FeedbackCtlRun r = scriptRun(out, reader);
        QVERIFY2(r.code == 0, r.describe().constData());
    }
    QVERIFY(scriptRun(out, u"list"_s).out.contains(u"O-%1"_s.arg(kRecords - 1)));
}

QTEST_GUILESS_MAIN(TestOpenErrors)
#include "tst_openerrors.moc"
