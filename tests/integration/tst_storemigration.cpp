// FeedbackStore's schema migrations against real SQLite files: an empty database, the v1 and
// v3 layouts written row by row as the releases of their time wrote them, and a newer schema
// refused untouched.
#include "StoreTestSupport.h"

#include <QSqlDatabase>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <store/RowSealer.h>
#include <store/Schema.h>
#include <support/RawDatabase.h>
#endif

using namespace feedback;
using namespace feedback::store;
using namespace feedback::test;
using feedback::testsupport::Workload;

class TestStoreMigration : public QObject
{
    Q_OBJECT

private:
    test::FreshPaths m_paths;
    QString freshPath() { return m_paths.next(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_paths.isValid()); }

    // A valid SQLite file with no tables (an init that stopped before its first commit). A
    // 0-byte file is refused instead (tst_profilelock).
    void migratesEmptyDatabase()
    {
        const QString path = freshPath();
        {
            RawDatabase raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (x)")));
            QVERIFY(raw.exec(QStringLiteral("DROP TABLE t")));
        }
        QVERIFY(QFileInfo(path).size() > 0);
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->submit(Workload(1).next()).ok());
        store.reset();
        RawDatabase raw(path);
        QCOMPARE(raw.userVersion(), Schema::currentVersion());
        QVERIFY(raw.exec(QStringLiteral("SELECT count(*) FROM imports, deferred")));
        QCOMPARE(raw.rows(QStringLiteral("PRAGMA journal_mode")).value(0).value(0).toString(),
                 QStringLiteral("wal"));
    }

    // A v1 database written row by row as FeedbackStore writes it (initialiseOrCheck,
    // commitLocal), then opened by the current program.
    void migratesFromSchemaV1()
    {
        const QString path = freshPath();
        const RowSealer sealer(fixedKey());
        const ReplicaId device = Workload(3).replicaId();
        FeedbackBook book(device);
        const auto delta = book.create(Workload(4).next());
        const RecordId id = *delta->minted.begin();
        const auto encoded = BookCodec::encodeDelta(*delta);
        QVERIFY(encoded.ok());
        {
            RawDatabase raw(path);
            QVERIFY(Schema::migrate(raw.db(), 1).ok());
            QCOMPARE(raw.userVersion(), 1);
            const QString meta = QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)");
            const QByteArray keyCheck = sealer.sealMeta(
                QStringLiteral("key_check"), QByteArrayLiteral("courier-feedback key check"));
            QVERIFY(raw.exec(meta, {QStringLiteral("key_check"), keyCheck}));
            QVERIFY(raw.exec(meta, {QStringLiteral("device"), RowSealer::replicaBytes(device)}));
            QVERIFY(raw.exec(meta, {QStringLiteral("home"),
                                    sealer.keyedHash(QByteArrayLiteral("home/") + kHomeA)}));
            QVERIFY(raw.exec(meta, {QStringLiteral("context"),
                                    BookCodec::encodeContext(book.state().context())}));
            QVERIFY(
                raw.exec(QStringLiteral("INSERT INTO records (id, state) VALUES (?, ?)"),
                         {RowSealer::idBytes(id), sealer.sealRecord(id, *book.state().find(id))}));
            QVERIFY(raw.exec(
                QStringLiteral("INSERT INTO outbox (origin, seq, record, delta) "
                               "VALUES (?, ?, ?, ?)"),
                {RowSealer::replicaBytes(device), 1, RowSealer::idBytes(id),
                 sealer.sealDelta(QByteArrayLiteral("outbox"), RowSealer::idBytes(id), *encoded)}));
        }
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY2(store->problems().isEmpty(), qPrintable(store->problems().join(u'\n')));
        QVERIFY(store->identityNote().isEmpty());
        QCOMPARE(store->deviceId(), device);
        QCOMPARE(store->book().views(), book.views());
        QCOMPARE(store->pendingCount(), qsizetype{1});
        QCOMPARE(store->pendingOutbox()->value(0).delta, *encoded);
        QCOMPARE(*store->submit(Workload(5).next()), (RecordId{device, 2}));
        QVERIFY(store->doctor().ok);
        store.reset();
        RawDatabase raw(path);
        QCOMPARE(raw.userVersion(), Schema::currentVersion());
    }

    // A v3 database (the last layout with the outbox's acked flag, as releases before this
    // one wrote it): the rows that release left marked acknowledged are gone after the upgrade,
    // the pending ones are kept, and the flag's column and index are dropped.
    void migratesFromSchemaV3DroppingAckedRows()
    {
        const QString path = freshPath();
        const RowSealer sealer(fixedKey());
        const ReplicaId device = Workload(6).replicaId();
        FeedbackBook book(device);
        Workload work(7);
        QList<RecordId> ids;
        QList<QByteArray> encoded;
        for (int i = 0; i < 2; ++i) {
            const auto delta = book.create(work.next());
            QVERIFY(delta.ok());
            ids.append(*delta->minted.begin());
            encoded.append(*BookCodec::encodeDelta(*delta));
        }
        {
            RawDatabase raw(path);
            QVERIFY(Schema::migrate(raw.db(), 3).ok());
            QCOMPARE(raw.userVersion(), 3);
            const QString meta = QStringLiteral("INSERT INTO meta (key, value) VALUES (?, ?)");
            QVERIFY(
                raw.exec(meta, {QStringLiteral("key_check"),
                                sealer.sealMeta(QStringLiteral("key_check"),
                                                QByteArrayLiteral("courier-feedback key check"))}));
            QVERIFY(raw.exec(meta, {QStringLiteral("device"), RowSealer::replicaBytes(device)}));
            QVERIFY(raw.exec(meta, {QStringLiteral("home"),
                                    sealer.keyedHash(QByteArrayLiteral("home/") + kHomeA)}));
            QVERIFY(raw.exec(meta, {QStringLiteral("context"),
                                    BookCodec::encodeContext(book.state().context())}));
            for (int i = 0; i < 2; ++i) {
                const QByteArray id = RowSealer::idBytes(ids[i]);
                QVERIFY(raw.exec(QStringLiteral("INSERT INTO records (id, state) VALUES (?, ?)"),
                                 {id, sealer.sealRecord(ids[i], *book.state().find(ids[i]))}));
                // seq 1 was acknowledged and only marked (acked = 1); seq 2 is pending.
                QVERIFY2(raw.exec(QStringLiteral("INSERT INTO outbox (origin, seq, record, delta, "
                                                 "acked) VALUES (?, ?, ?, ?, ?)"),
                                  {RowSealer::replicaBytes(device), i + 1, id,
                                   sealer.sealDelta(QByteArrayLiteral("outbox"), id, encoded[i]),
                                   i == 0 ? 1 : 0}),
                         raw.describe().constData());
            }
        }
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY2(store->problems().isEmpty(), qPrintable(store->problems().join(u'\n')));
        QCOMPARE(store->book().views(), book.views());
        QCOMPARE(store->pendingCount(), qsizetype{1});
        QCOMPARE(store->pendingOutbox()->value(0).seq, quint64{2});
        QCOMPARE(store->pendingOutbox()->value(0).delta, encoded[1]);
        QVERIFY(store->isSynced(ids[0]));
        QVERIFY(!store->isSynced(ids[1]));
        QCOMPARE(*store->submit(work.next()), (RecordId{device, 3}));
        QVERIFY(store->doctor().ok);
        store.reset();
        RawDatabase raw(path);
        QCOMPARE(raw.userVersion(), Schema::currentVersion());
        QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM pragma_table_info('outbox') "
                                          "WHERE name = 'acked'"))
                     .toInt(),
                 0);
        QCOMPARE(raw.value(QStringLiteral("SELECT COUNT(*) FROM outbox")).toInt(), 2);
    }

    // Refused and untouched, whatever the journal mode it was left in (a `sqlite3 .dump` or a
    // backup tool gives a rollback-journal file): switching it to WAL rewrites the header.
    void refusesNewerSchema_data()
    {
        QTest::addColumn<bool>("wal");
        QTest::newRow("rollback journal") << false;
        QTest::newRow("WAL") << true;
    }
    void refusesNewerSchema()
    {
        QFETCH(bool, wal);
        const QString path = freshPath();
        {
            RawDatabase raw(path);
            QVERIFY(!wal || raw.exec(QStringLiteral("PRAGMA journal_mode = WAL")));
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE future (x BLOB)")));
            QVERIFY(raw.exec(QStringLiteral("PRAGMA user_version = 99")));
        }
        const QByteArray before = readAll(path);
        const auto store = FeedbackStore::open(path, fixedKey(), options());
        QVERIFY(!store.ok());
        QVERIFY2(store.error().contains(QStringLiteral("newer")), qPrintable(store.error()));
        const QByteArray after = readAll(path);
        QStringList changed; // the offsets of changed bytes, for the failure message
        for (qsizetype i = 0; i < std::min(before.size(), after.size()); ++i)
            if (before[i] != after[i])
                changed.append(QString::number(i));
        QVERIFY2(after == before, qPrintable(QStringLiteral("refused, yet changed: size %1 -> %2, "
                                                            "bytes at %3")
                                                 .arg(before.size())
                                                 .arg(after.size())
                                                 .arg(changed.join(u','))));
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal")));
    }
};

QTEST_GUILESS_MAIN(TestStoreMigration)
#include "tst_storemigration.moc"
