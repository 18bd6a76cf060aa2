// The SQL layer the store and the relay share (src/common/sql), on real SQLite files in a
// temporary directory: a transaction rolls back unless committed, the migration runner brings
// every older version to the latest one step by step, refuses a newer file untouched, and a
// step that fails leaves the file at the version before it. Errors keep SQLite's kind.
#include <QFile>
#include <QSqlQuery>
#include <QTemporaryDir>
#include <QTest>

#include <common/sql/SqlConnection.h>
#include <common/sql/SqlError.h>
#include <common/sql/SqlMigrations.h>
#include <common/sql/SqlTransaction.h>

using namespace feedback;
using namespace feedback::sql;
using namespace Qt::StringLiterals;

Q_LOGGING_CATEGORY(lcTestSql, "feedback.test.sql")

namespace {

// Three steps; `applied` records which ran. Step 3 fails after its first statement when
// `breakThree` is set, so that what it did must be rolled back.
struct Steps
{
    QList<int> applied;
    bool breakThree = false;

    SqlMigrations migrations()
    {
        auto step = [this](int version, QStringList statements) {
            SqlMigration m =
                SqlMigration::statements(version, u"step %1"_s.arg(version), std::move(statements));
            auto apply = m.apply;
            m.apply = [this, version, apply](QSqlDatabase &db) {
                applied.append(version);
                return apply(db);
            };
            return m;
        };
        QStringList three{u"CREATE TABLE three (x INTEGER)"_s, u"INSERT INTO three VALUES (3)"_s};
        if (breakThree)
            three.append(u"INSERT INTO no_such_table VALUES (1)"_s);
        return SqlMigrations(
            {step(1, {u"CREATE TABLE one (x INTEGER)"_s}),
             step(2,
                  {u"ALTER TABLE one ADD COLUMN y INTEGER"_s, u"CREATE TABLE two (x INTEGER)"_s}),
             step(3, three)},
            [](int found, int known) {
                return u"newer: schema %1, knows %2"_s.arg(found).arg(known);
            },
            lcTestSql);
    }
};

} // namespace

class TestSql : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
        m_connection = std::make_unique<SqlConnection>(u"tst-sql"_s);
        QVERIFY2(m_connection->open(path()).ok(), "open");
    }
    void cleanup() { m_connection.reset(); }

    void transactionRollsBackOnScopeExit()
    {
        QVERIFY(exec(u"CREATE TABLE t (x INTEGER)"_s));
        {
            auto transaction = SqlTransaction::begin(*m_connection);
            QVERIFY2(transaction.ok(), qPrintable(transaction.error()));
            QVERIFY(exec(u"INSERT INTO t VALUES (1)"_s));
            QCOMPARE(count(u"t"_s), 1);
        } // no commit: an early return or a failed step
        QCOMPARE(count(u"t"_s), 0);
        // And the connection is free for the next transaction.
        auto next = SqlTransaction::begin(*m_connection, SqlTransaction::Lock::Immediate);
        QVERIFY2(next.ok(), qPrintable(next.error()));
    }

    void committedTransactionStays()
    {
        QVERIFY(exec(u"CREATE TABLE t (x INTEGER)"_s));
        {
            auto transaction = SqlTransaction::begin(*m_connection);
            QVERIFY(transaction.ok());
            QVERIFY(exec(u"INSERT INTO t VALUES (1)"_s));
            QVERIFY(transaction->commit().ok());
            QVERIFY(!transaction->isOpen());
        }
        QCOMPARE(count(u"t"_s), 1);
        // Seen by another connection to the same file: it is on disk, not in this one's cache.
        SqlConnection other(u"tst-sql"_s);
        QVERIFY(other.open(path()).ok());
        QSqlQuery q(other.db());
        QVERIFY(q.exec(u"SELECT count(*) FROM t"_s) && q.next());
        QCOMPARE(q.value(0).toInt(), 1);
    }

    void transactionThatCannotStartSaysWhy()
    {
        // A second writer does not wait here: the first one holds the write lock.
        SqlConnection other(u"tst-sql"_s);
        QVERIFY(other.open(path()).ok());
        QVERIFY(other.exec({u"PRAGMA busy_timeout = 0"_s}, u"no waiting"_s).ok());
        QVERIFY(exec(u"CREATE TABLE t (x INTEGER)"_s));
        auto first = SqlTransaction::begin(*m_connection, SqlTransaction::Lock::Immediate);
        QVERIFY(first.ok());
        auto second = SqlTransaction::begin(other, SqlTransaction::Lock::Immediate);
        QVERIFY(!second.ok());
        QVERIFY2(second.error().contains(u"Cannot start a transaction"_s),
                 qPrintable(second.error()));
    }

    void migratesFromEachVersion_data()
    {
        QTest::addColumn<int>("from");
        for (int v = 0; v <= 3; ++v)
            QTest::addRow("from %d", v) << v;
    }
    void migratesFromEachVersion()
    {
        QFETCH(int, from);
        Steps prepare;
        QVERIFY(prepare.migrations().migrate(*m_connection, from).ok());
        QCOMPARE(version(), from);
        Steps steps;
        const Status migrated = steps.migrations().migrate(*m_connection);
        QVERIFY2(migrated.ok(), qPrintable(migrated.error()));
        QCOMPARE(version(), 3);
        QList<int> expected;
        for (int v = from + 1; v <= 3; ++v)
            expected.append(v);
        QCOMPARE(steps.applied, expected); // each pending step once, in order, none again
        QVERIFY(exec(u"SELECT x, y FROM one"_s));
        QCOMPARE(count(u"three"_s), 1);
    }

    void newerVersionIsRefusedUntouched()
    {
        QVERIFY(exec(u"PRAGMA user_version = 4"_s));
        Steps steps;
        const Status migrated = steps.migrations().migrate(*m_connection);
        QVERIFY(!migrated.ok());
        QCOMPARE(migrated.errorKind(), ErrorKind::UpdateRequired);
        QCOMPARE(migrated.error(), u"newer: schema 4, knows 3"_s);
        QVERIFY(steps.applied.isEmpty());
        QCOMPARE(version(), 4);
        QCOMPARE(count(u"sqlite_master"_s), 0);
    }

    void failedStepLeavesThePreviousVersion_data()
    {
        QTest::addColumn<int>("from");
        QTest::addRow("from 1") << 1;
        QTest::addRow("from 2") << 2;
    }
    void failedStepLeavesThePreviousVersion()
    {
        QFETCH(int, from);
        Steps prepare;
        QVERIFY(prepare.migrations().migrate(*m_connection, from).ok());
        Steps broken;
        broken.breakThree = true;
        const Status migrated = broken.migrations().migrate(*m_connection);
        QVERIFY(!migrated.ok());
        QVERIFY2(migrated.error().startsWith(u"Migration to schema 3 failed: "_s),
                 qPrintable(migrated.error()));
        // Steps before the failing one committed; the failing one left nothing behind.
        QCOMPARE(version(), 2);
        QVERIFY(exec(u"SELECT x FROM two"_s));
        QCOMPARE(tableCount(u"three"_s), 0);
        // The next run (a fixed program) goes on from there.
        Steps fixed;
        QVERIFY(fixed.migrations().migrate(*m_connection).ok());
        QCOMPARE(fixed.applied, QList<int>{3});
        QCOMPARE(version(), 3);
    }

    void errorsKeepSqlitesKind()
    {
        m_connection.reset();
        const QString notADatabase = m_dir->filePath(u"garbage.db"_s);
        QFile file(notADatabase);
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(QByteArray(4096, 'x'));
        file.close();
        SqlConnection connection(u"tst-sql"_s);
        QVERIFY(connection.open(notADatabase).ok()); // SQLite reads nothing at open
        QSqlQuery q(connection.db());
        QVERIFY(!q.exec(u"SELECT count(*) FROM sqlite_master"_s));
        const Status status = failure(q, u"reading"_s);
        QCOMPARE(status.errorKind(), ErrorKind::Damaged);
        QVERIFY2(status.error().startsWith(u"reading: "_s), qPrintable(status.error()));
        const Result<int> v = SqlMigrations::version(connection.db());
        QVERIFY(!v.ok());
        QCOMPARE(v.errorKind(), ErrorKind::Damaged);
    }

    void connectionsHaveNamesOfTheirOwn()
    {
        SqlConnection a(u"same"_s), b(u"same"_s);
        QVERIFY(a.name() != b.name());
        QVERIFY(a.open(path()).ok() && b.open(path()).ok());
        QVERIFY(a.db().isOpen() && b.db().isOpen());
    }

private:
    QString path() const { return m_dir->filePath(u"test.db"_s); }
    bool exec(const QString &sql)
    {
        QSqlQuery q(m_connection->db());
        if (q.exec(sql))
            return true;
        qWarning("%s: %s", qPrintable(sql), qPrintable(failure(q).error()));
        return false;
    }
    int count(const QString &table)
    {
        QSqlQuery q(m_connection->db());
        return q.exec(u"SELECT count(*) FROM "_s + table) && q.next() ? q.value(0).toInt() : -1;
    }
    int tableCount(const QString &name)
    {
        QSqlQuery q(m_connection->db());
        q.prepare(u"SELECT count(*) FROM sqlite_master WHERE name = ?"_s);
        q.addBindValue(name);
        return q.exec() && q.next() ? q.value(0).toInt() : -1;
    }
    int version()
    {
        const auto v = SqlMigrations::version(m_connection->db());
        return v ? *v : -1;
    }

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<SqlConnection> m_connection;
};

QTEST_GUILESS_MAIN(TestSql)
#include "tst_sql.moc"
