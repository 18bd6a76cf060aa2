// FeedbackStore against real SQLite files in a temporary directory: everything survives a
// reopen, migrations, no plaintext on disk, damage and wrong keys, the outbox, remote deltas,
// retention, copied profiles and the all-or-nothing local commit.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QRandomGenerator>
#include <QSqlDatabase>
#include <QStringEncoder>
#include <QTemporaryDir>
#include <QTest>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <store/FeedbackStore.h>
#include <store/RowSealer.h>
#include <store/Schema.h>
#include <support/RawSqlite.h>
#include <support/Workload.h>
#endif

using namespace feedback;
using namespace feedback::store;
using feedback::test::RawSqlite;
using feedback::testsupport::Workload;

namespace {
const QByteArray kHomeA = QByteArrayLiteral("machine-a:/home/a/.local/share/courier/profile");
const QByteArray kHomeB = QByteArrayLiteral("machine-b:/srv/copied/profile");
constexpr qint64 kDayMs = 24 * 3600 * 1000;

SecretKey fixedKey()
{
    return SecretKey::fromBytes(QByteArray(32, 'k'));
}

FeedbackStore::Options options(const QByteArray &home = kHomeA,
                               HybridLogicalClock clock = HybridLogicalClock())
{
    FeedbackStore::Options o;
    o.home = home;
    o.clock = std::move(clock);
    return o;
}

std::unique_ptr<FeedbackStore> openStore(const QString &path, FeedbackStore::Options o = options(),
                                         const SecretKey &key = fixedKey())
{
    auto store = FeedbackStore::open(path, key, std::move(o));
    if (!store) {
        qWarning().noquote() << "open failed:" << store.error();
        return nullptr;
    }
    return std::move(*store);
}

// Closes the store (destroys it) and opens `path` again.
bool reopen(std::unique_ptr<FeedbackStore> &store, const QString &path,
            FeedbackStore::Options o = options())
{
    store.reset();
    store = openStore(path, std::move(o));
    return store != nullptr;
}

QList<RecordId> submitSome(FeedbackStore &store, Workload &work, int n)
{
    QList<RecordId> ids;
    for (int i = 0; i < n; ++i) {
        const auto id = store.submit(work.next());
        if (!id)
            qWarning().noquote() << "submit failed:" << id.error();
        else
            ids.append(*id);
    }
    return ids;
}

QByteArray readAll(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeAll(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly | QIODevice::Truncate) && f.write(bytes) == bytes.size();
}

// "file: encoding needle" for every needle found in a file of `dir`.
QStringList plaintextLeaks(const QString &dir, const QStringList &needles)
{
    QStringList found;
    for (const QFileInfo &file : QDir(dir).entryInfoList(QDir::Files | QDir::Hidden)) {
        const QByteArray bytes = readAll(file.absoluteFilePath());
        for (const QString &needle : needles) {
            QStringEncoder toUtf16le(QStringEncoder::Utf16LE);
            const QByteArray utf16le = toUtf16le.encode(needle);
            if (bytes.contains(needle.toUtf8()))
                found.append(file.fileName() + QStringLiteral(": UTF-8 ") + needle);
            if (bytes.contains(utf16le))
                found.append(file.fileName() + QStringLiteral(": UTF-16LE ") + needle);
        }
    }
    return found;
}

bool anyLineContains(const QStringList &lines, const QString &a, const QString &b = QString())
{
    return std::any_of(lines.begin(), lines.end(),
                       [&](const QString &l) { return l.contains(a) && l.contains(b); });
}

FeedbackEdit ratingEdit(int rating)
{
    FeedbackEdit e;
    e.rating = rating;
    return e;
}

QString hexOf(const QVariant &rowKey)
{
    return QString::fromLatin1(rowKey.toByteArray().toHex());
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    QTemporaryDir m_dir;
    int m_serial = 0;
    QString freshPath() // a database path in a directory of its own
    {
        const QString sub = m_dir.filePath(QStringLiteral("t%1").arg(++m_serial));
        QDir().mkpath(sub);
        return sub + QStringLiteral("/feedback.db");
    }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_dir.isValid()); }

    void reopenKeepsEverything()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        Workload work(7);
        const QList<RecordId> ids = submitSome(*store, work, 6);
        QCOMPARE(ids.size(), qsizetype{6});
        QList<FeedbackEdit> edits(9); // every kind of edit
        edits[0].rating = 2;
        edits[1].comment = QStringLiteral("Edited comment");
        edits[2].reasons = QStringList{QStringLiteral("late"), QStringLiteral("fast")};
        edits[3].publishConsent = true;
        edits[4].needsFollowUp = true;
        edits[5].followUp = FollowUpStatus::InProgress;
        edits[6].assignee = QStringLiteral("Dispatcher Kim");
        edits[7].noteAuthor = QStringLiteral("Kim");
        edits[7].noteText = QStringLiteral("Called the customer back");
        edits[8].retract = true;
        for (int i = 0; i < edits.size(); ++i) {
            const Status s = store->edit(ids[i % 4], edits[i]);
            QVERIFY2(s.ok(), qPrintable(s.error()));
        }
        QVERIFY(store->acknowledge(store->deviceId(), 6).ok()); // the creations only
        const QList<FeedbackRecordView> views = store->book().views();
        const ReplicaId device = store->deviceId();
        QCOMPARE(store->book().sequence(), quint64{15});
        QCOMPARE(store->pendingCount(), qsizetype{4});
        QVERIFY(store->doctor().ok);

        QVERIFY(reopen(store, path));
        QVERIFY(store->problems().isEmpty() && store->identityNote().isEmpty());
        QCOMPARE(store->book().views(), views);
        QCOMPARE(store->deviceId(), device);
        QCOMPARE(store->book().sequence(), quint64{15});
        QCOMPARE(store->pendingCount(), qsizetype{4});
        for (int i = 0; i < ids.size(); ++i)
            QCOMPARE(store->isSynced(ids[i]), i >= 4);
        QCOMPARE(*store->submit(work.next()), (RecordId{device, 16}));
    }

    // A valid SQLite file with no tables (an init that stopped before its first commit). A
    // 0-byte file is refused instead (tst_profilelock).
    void migratesEmptyDatabase()
    {
        const QString path = freshPath();
        {
            RawSqlite raw(path);
            QVERIFY(raw.exec(QStringLiteral("CREATE TABLE t (x)")));
            QVERIFY(raw.exec(QStringLiteral("DROP TABLE t")));
        }
        QVERIFY(QFileInfo(path).size() > 0);
        auto store = openStore(path);
        QVERIFY(store);
        QVERIFY(store->submit(Workload(1).next()).ok());
        store.reset();
        RawSqlite raw(path);
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
            RawSqlite raw(path);
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
        RawSqlite raw(path);
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
            RawSqlite raw(path);
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
        RawSqlite raw(path);
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
            RawSqlite raw(path);
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

    void noPlaintextOnDisk()
    {
        const QString path = freshPath();
        const QStringList canaries = {
            QStringLiteral("ORD-ZQXJ7731"),       QStringLiteral("Plaintext canary comment ZXQW"),
            QStringLiteral("Edited canary QWZX"), QStringLiteral("Canary Assignee QJXZ"),
            QStringLiteral("Canary Author WQZX"), QStringLiteral("Canary note text XJQZ"),
            QStringLiteral("ORD-REMOTE-KQZV"),    QStringLiteral("Deferred canary JZQX")};
        auto store = openStore(path);
        QVERIFY(store);
        NewFeedback f = Workload(11).next();
        f.orderId = canaries[0];
        f.comment = canaries[1];
        FeedbackEdit e;
        e.comment = canaries[2];
        e.assignee = canaries[3];
        e.noteAuthor = canaries[4];
        e.noteText = canaries[5];
        QVERIFY(store->edit(*store->submit(f), e).ok());
        FeedbackBook remote(Workload(12).replicaId());
        f.orderId = canaries[6];
        QCOMPARE(*store->applyRemote({*remote.create(f)}), 1);
        e = FeedbackEdit();
        e.comment = canaries[7];
        const auto edited = remote.edit(*remote.create(Workload(13).next())->minted.begin(), e);
        QCOMPARE(*store->applyRemote({*edited}), 1); // kept aside, in the deferred table
        QCOMPARE(store->book().deferredCount(), std::size_t{1});
        QVERIFY(QFile::exists(path + QStringLiteral("-wal")));
        QVERIFY(QFile::exists(path + QStringLiteral("-shm")));
        QStringList leaks = plaintextLeaks(QFileInfo(path).path(), canaries);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
        store.reset();
        leaks = plaintextLeaks(QFileInfo(path).path(), canaries);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));

        // Courier ids and ratings cannot be grepped for: show that no row is plain CBOR.
        RawSqlite raw(path);
        const auto records = raw.rows(QStringLiteral("SELECT id, state FROM records"));
        QCOMPARE(records.size(), qsizetype{2});
        for (const QVariantList &row : records) {
            const auto rowId = RowSealer::idFromBytes(row.value(0).toByteArray());
            const QByteArray blob = row.value(1).toByteArray();
            QVERIFY(rowId);
            QVERIFY(!BookCodec::decodeRecord(*rowId, blob).ok());
            QVERIFY(!BookCodec::decodeRecord(*rowId, blob.mid(24)).ok()); // past the nonce
        }
        const auto deltas = raw.rows(QStringLiteral("SELECT delta FROM outbox UNION ALL "
                                                    "SELECT delta FROM deferred"));
        QCOMPARE(deltas.size(), qsizetype{3});
        for (const QVariantList &row : deltas)
            QVERIFY(!BookCodec::decodeDelta(row.value(0).toByteArray()).ok());
    }

    void tamperedRowsAreNamed()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        Workload work(21);
        QCOMPARE(submitSome(*store, work, 5).size(), qsizetype{5});
        const QList<FeedbackRecordView> views = store->book().views();
        store.reset();
        QList<QVariantList> rows;
        const QString update = QStringLiteral("UPDATE records SET state = ? WHERE id = ?");
        {
            RawSqlite raw(path);
            rows = raw.rows(QStringLiteral("SELECT id, state FROM records ORDER BY id"));
            QCOMPARE(rows.size(), qsizetype{5});
            QByteArray flipped = rows[0][1].toByteArray();
            flipped[40] = static_cast<char>(flipped[40] ^ 0x01);
            QVERIFY(raw.exec(update, {flipped, rows[0][0]}));
        }
        const QString tampered = hexOf(rows[0][0]);
        QVERIFY(reopen(store, path));
        QCOMPARE(store->problems().size(), qsizetype{1});
        QVERIFY2(store->problems()[0].contains(tampered), qPrintable(store->problems()[0]));
        QCOMPARE(store->book().size(), std::size_t{4});
        for (const FeedbackRecordView &v : views)
            if (hexOf(RowSealer::idBytes(v.id)) != tampered)
                QCOMPARE(store->book().view(v.id), std::optional(v));
        DoctorReport report = store->doctor();
        QVERIFY(!report.ok);
        QVERIFY2(anyLineContains(report.lines, QStringLiteral("PROBLEM"), tampered),
                 qPrintable(report.lines.join(u'\n')));
        store.reset();

        { // two intact sealed rows swapped: each is sealed for its own row key
            RawSqlite raw(path);
            QVERIFY(raw.exec(update, {rows[2][1], rows[1][0]}));
            QVERIFY(raw.exec(update, {rows[1][1], rows[2][0]}));
        }
        QVERIFY(reopen(store, path));
        QCOMPARE(store->problems().size(), qsizetype{3});
        QCOMPARE(store->book().size(), std::size_t{2});
        report = store->doctor();
        QVERIFY(!report.ok);
        for (int i : {1, 2}) {
            QVERIFY(anyLineContains(store->problems(), hexOf(rows[i][0])));
            QVERIFY(anyLineContains(report.lines, QStringLiteral("PROBLEM"), hexOf(rows[i][0])));
        }
    }

    void wrongKeyAndDamagedFiles()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        Workload work(31);
        QCOMPARE(submitSome(*store, work, 80).size(), qsizetype{80});
        const ReplicaId device = store->deviceId();
        store.reset();

        const auto wrong = FeedbackStore::open(path, SecretKey::random(), options());
        QVERIFY(!wrong.ok());
        QVERIFY2(wrong.error().contains(QStringLiteral("key does not open")),
                 qPrintable(wrong.error()));
        QVERIFY(reopen(store, path)); // the wrong key changed nothing
        QCOMPARE(store->book().size(), std::size_t{80});
        store.reset();

        const QByteArray bytes = readAll(path);
        QVERIFY(bytes.size() > 4 * 4096);
        QVERIFY(writeAll(path, bytes.left(bytes.size() / 2)));
        const auto truncated = FeedbackStore::open(path, fixedKey(), options());
        if (truncated.ok()) { // then it must say so, and must not have started afresh
            QVERIFY((*truncated)->doctor().ok == false);
            QVERIFY(!(*truncated)->problems().isEmpty());
            QCOMPARE((*truncated)->deviceId(), device);
        } else {
            QVERIFY2(truncated.error().contains(path), qPrintable(truncated.error()));
        }

        const QString junk = QFileInfo(path).path() + QStringLiteral("/junk.db");
        QByteArray random(64 * 1024, Qt::Uninitialized);
        QRandomGenerator::global()->fillRange(reinterpret_cast<quint32 *>(random.data()),
                                              random.size() / 4);
        QVERIFY(writeAll(junk, random));
        const auto notDb = FeedbackStore::open(junk, fixedKey(), options());
        QVERIFY(!notDb.ok());
        QVERIFY2(
            notDb.error().contains(QStringLiteral("damaged or not a Courier Feedback database")),
            qPrintable(notDb.error()));
        QVERIFY(readAll(junk) == random);
    }

    void outboxAndAcknowledgement()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        const ReplicaId me = store->deviceId();
        Workload work(41);
        const RecordId r = *store->submit(work.next()); // seq 1
        const RecordId s = *store->submit(work.next()); // seq 2
        QVERIFY(store->edit(r, ratingEdit(1)).ok());    // seq 3
        const RecordId t = *store->submit(work.next()); // seq 4
        const QList<RecordId> touched = {r, s, r, t};
        const auto outbox = store->pendingOutbox();
        QVERIFY(outbox.ok());
        QCOMPARE(outbox->size(), qsizetype{4});
        for (int i = 0; i < 4; ++i) {
            const OutboxEntry &entry = outbox->at(i);
            QCOMPARE(entry.origin, me);
            QCOMPARE(entry.seq, static_cast<quint64>(i + 1));
            QCOMPARE(entry.record, touched[i]);
            const auto delta = BookCodec::decodeDelta(entry.delta);
            QVERIFY2(delta.ok(), qPrintable(delta.error()));
            QVERIFY(delta->minted.contains(crdt::Dot{me, entry.seq}));
        }
        QCOMPARE(store->pendingOutbox(2)->size(), qsizetype{2});
        QCOMPARE(store->pendingCount(), qsizetype{3});
        QVERIFY(store->acknowledge(Workload(42).replicaId(), 10).ok()); // someone else's
        QCOMPARE(store->pendingCount(), qsizetype{3});
        QVERIFY(store->acknowledge(me, 2).ok());
        QCOMPARE(store->pendingCount(), qsizetype{2});
        QVERIFY(!store->isSynced(r)); // its edit (seq 3) is still pending
        QVERIFY(store->isSynced(s));
        QVERIFY(!store->isSynced(t));
        QCOMPARE(store->pendingOutbox()->first().seq, quint64{3});
        QVERIFY(reopen(store, path));
        QCOMPARE(store->pendingCount(), qsizetype{2});
        QVERIFY(!store->isSynced(r) && store->isSynced(s) && !store->isSynced(t));
        QVERIFY(store->acknowledge(me, 3).ok());
        QVERIFY(store->isSynced(r) && !store->isSynced(t));
        QVERIFY(store->acknowledge(me, 4).ok());
        QCOMPARE(store->pendingCount(), qsizetype{0});
        QVERIFY(store->pendingOutbox()->isEmpty());
    }

    void applyRemoteDeltas()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        FeedbackBook remote(Workload(51).replicaId());
        Workload work(52);
        QList<BookDelta> deltas;
        for (int i = 0; i < 3; ++i)
            deltas.append(*remote.create(work.next()));
        deltas.append(*remote.edit(*deltas[0].minted.begin(), ratingEdit(5)));
        QCOMPARE(*store->applyRemote(deltas), 4);
        QCOMPARE(store->book().views(), remote.views());
        QCOMPARE(*store->applyRemote(deltas), 0);
        QCOMPARE(store->book().views(), remote.views());
        QCOMPARE(store->book().sequence(), quint64{0});
        QCOMPARE(store->pendingCount(), qsizetype{0}); // remote deltas are not ours to send

        // Edits that arrive before their creation: one drained after a reopen, one without.
        const BookDelta createLate = *remote.create(work.next());
        const RecordId late = *createLate.minted.begin();
        const BookDelta editLate = *remote.edit(late, ratingEdit(1));
        const BookDelta createNow = *remote.create(work.next());
        const BookDelta editNow = *remote.edit(*createNow.minted.begin(), ratingEdit(2));
        QCOMPARE(*store->applyRemote({editLate}), 1);
        QCOMPARE(store->book().deferredCount(), std::size_t{1});
        QVERIFY(!store->book().view(late));
        QCOMPARE(*store->applyRemote({editNow, createNow}), 2);
        QCOMPARE(store->book().deferredCount(), std::size_t{1});
        QVERIFY(reopen(store, path));
        QVERIFY(store->problems().isEmpty());
        QCOMPARE(store->book().deferredCount(), std::size_t{1});
        QVERIFY(!store->book().view(late));
        QCOMPARE(*store->applyRemote({createLate}), 1);
        QCOMPARE(store->book().deferredCount(), std::size_t{0});
        QCOMPARE(store->book().views(), remote.views());
        QVERIFY(reopen(store, path));
        QCOMPARE(store->book().deferredCount(), std::size_t{0});
        QCOMPARE(store->book().views(), remote.views());
        QCOMPARE(*store->applyRemote({editLate, createLate}), 0);
    }

    void retentionDropsOnlyAcknowledged()
    {
        const QString path = freshPath();
        const qint64 now = qint64{1'750'000'000'000};
        qint64 wall = now - 40 * kDayMs;
        const auto clocked = [&wall] {
            return options(kHomeA, HybridLogicalClock([&wall] { return wall; }));
        };
        auto store = openStore(path, clocked());
        QVERIFY(store);
        Workload work(61);
        const RecordId oldAcked = *store->submit(work.next());   // seq 1
        const RecordId oldPending = *store->submit(work.next()); // seq 2
        wall = now - kDayMs;
        const RecordId recent = *store->submit(work.next());  // seq 3
        QVERIFY(store->edit(oldPending, ratingEdit(3)).ok()); // seq 4
        QVERIFY(store->acknowledge(store->deviceId(), 3).ok());
        QVERIFY(store->isSynced(oldAcked) && store->isSynced(recent));
        QVERIFY(!store->isSynced(oldPending));
        QVERIFY(!store->purgeAcknowledged(-1, now).ok());
        QCOMPARE(*store->purgeAcknowledged(30, now), 1);
        QVERIFY(!store->book().view(oldAcked));
        QVERIFY(store->book().view(oldPending) && store->book().view(recent));
        QCOMPARE(*store->purgeAcknowledged(30, now), 0);
        const auto views = store->book().views();

        QVERIFY(reopen(store, path, clocked()));
        QVERIFY(store->problems().isEmpty());
        QCOMPARE(store->book().views(), views);
        QCOMPARE(store->book().sequence(), quint64{4});
        QCOMPARE(*store->purgeAcknowledged(30, now), 0);
        QCOMPARE(*store->submit(work.next()), (RecordId{store->deviceId(), 5}));
    }

    void copiedProfileGetsNewDevice()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        Workload work(71);
        QCOMPARE(submitSome(*store, work, 3).size(), qsizetype{3});
        const ReplicaId original = store->deviceId();
        const auto views = store->book().views();
        store.reset();
        QVERIFY(!QFile::exists(path + QStringLiteral("-wal"))); // checkpointed on close
        const QString copy = freshPath();
        QVERIFY(QFile::copy(path, copy));

        QVERIFY(reopen(store, copy, options(kHomeB)));
        QVERIFY(!store->identityNote().isEmpty());
        QVERIFY(store->deviceId() != original);
        QCOMPARE(store->book().views(), views);
        QVERIFY(anyLineContains(store->doctor().lines, QStringLiteral("note:")));
        const ReplicaId fresh = store->deviceId();
        QCOMPARE(*store->submit(work.next()), (RecordId{fresh, 1}));
        QVERIFY(reopen(store, copy, options(kHomeB)));
        QVERIFY(store->identityNote().isEmpty());
        QCOMPARE(store->deviceId(), fresh);
        QCOMPARE(store->book().sequence(), quint64{1});

        QVERIFY(reopen(store, path));
        QVERIFY(store->identityNote().isEmpty());
        QCOMPARE(store->deviceId(), original);
        QCOMPARE(store->book().views(), views);
    }

    // Failures injected with triggers from a second connection, at each step of a commit.
    void failedCommitLeavesMemoryUnchanged()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        RawSqlite raw(path);
        Workload work(81);
        const RecordId id = *store->submit(work.next());
        // Replaces the injected triggers by one per event (none when `events` is empty).
        auto trigger = [&raw](QStringList events, const char *when = "1") {
            bool ok = raw.exec(QStringLiteral("DROP TRIGGER IF EXISTS fail0")) &&
                      raw.exec(QStringLiteral("DROP TRIGGER IF EXISTS fail1"));
            for (int i = 0; i < events.size(); ++i)
                ok = ok && raw.exec(QStringLiteral("CREATE TRIGGER fail%1 %2 FOR EACH ROW WHEN %3 "
                                                   "BEGIN SELECT RAISE(ABORT, 'injected failure'); "
                                                   "END")
                                        .arg(QString::number(i), events[i], QLatin1String(when)));
            return ok;
        };
        // The pending outbox as the store serves it (from memory once it knows it all) and as
        // the file holds it: the same seqs, whatever failed in between.
        auto outboxAgrees = [&] {
            QList<quint64> file;
            for (const QVariantList &row :
                 raw.rows(QStringLiteral("SELECT seq FROM outbox ORDER BY origin, seq")))
                file.append(row.value(0).toULongLong());
            QList<quint64> served;
            const auto pending = store->pendingOutbox();
            for (const OutboxEntry &e : *pending)
                served.append(e.seq);
            return served == file;
        };
        auto unchanged = [&](const QList<FeedbackRecordView> &expected, quint64 seq,
                             qsizetype pending) {
            return store->book().views() == expected && store->book().sequence() == seq &&
                   store->pendingCount() == pending && outboxAgrees();
        };
        const auto views = store->book().views();
        for (const char *when : {"BEFORE INSERT ON records", "BEFORE INSERT ON outbox"}) {
            QVERIFY(trigger({QLatin1String(when)}));
            const auto failed = store->submit(work.next());
            QVERIFY(!failed.ok());
            QVERIFY2(failed.error().contains(QStringLiteral("injected failure")),
                     qPrintable(failed.error()));
            QVERIFY(unchanged(views, 1, 1));
        }
        QVERIFY(trigger({QStringLiteral("BEFORE INSERT ON meta")}, "NEW.key = 'context'"));
        QVERIFY(!store->submit(work.next()).ok());
        QVERIFY(unchanged(views, 1, 1));
        QVERIFY(!store->edit(id, ratingEdit(1)).ok());
        QVERIFY(unchanged(views, 1, 1));
        QVERIFY(store->acknowledge(store->deviceId(), 1).ok());
        QVERIFY(!store->edit(id, ratingEdit(1)).ok());
        QVERIFY(unchanged(views, 1, 0));
        QVERIFY(store->isSynced(id));

        // Acknowledging may mark or delete outbox rows: fail both.
        QVERIFY(trigger({QStringLiteral("BEFORE UPDATE ON outbox"),
                         QStringLiteral("BEFORE DELETE ON outbox")}));
        QVERIFY(store->edit(id, ratingEdit(2)).ok()); // seq 2, no gap after the failures
        const auto edited = store->book().views();
        QVERIFY(!store->acknowledge(store->deviceId(), 2).ok());
        QVERIFY(unchanged(edited, 2, 1));
        QVERIFY(!store->isSynced(id));

        FeedbackBook remote(Workload(82).replicaId());
        const BookDelta delta = *remote.create(work.next());
        QVERIFY(trigger({QStringLiteral("BEFORE INSERT ON records")}));
        QVERIFY(!store->applyRemote({delta}).ok());
        QVERIFY(unchanged(edited, 2, 1));

        QVERIFY(trigger({}));
        QVERIFY(store->acknowledge(store->deviceId(), 2).ok());
        QVERIFY(trigger({QStringLiteral("BEFORE DELETE ON records")}));
        QVERIFY(!store->purgeAcknowledged(0, QDateTime::currentMSecsSinceEpoch() + kDayMs).ok());
        QCOMPARE(store->book().views(), edited);

        QVERIFY(trigger({}));
        QVERIFY(store->edit(id, ratingEdit(3)).ok()); // seq 3, then a failing import after it
        QVERIFY(outboxAgrees());
        QVERIFY(trigger({QStringLiteral("BEFORE INSERT ON imports")}));
        QVERIFY(!store->importItems({{"a", work.next()}, {"b", work.next()}}).ok());
        QVERIFY(outboxAgrees());
        QVERIFY(trigger({}));
        QVERIFY(store->importItems({{"a", work.next()}, {"b", work.next()}}).ok());
        QVERIFY(outboxAgrees());
        QCOMPARE(store->pendingOutbox()->size(), 3);
        QVERIFY(store->acknowledge(store->deviceId(), 5).ok());
        QVERIFY(outboxAgrees());
        QCOMPARE(*store->applyRemote({delta}), 1); // the failed apply did not mark it known
        const auto finalViews = store->book().views();
        QVERIFY(reopen(store, path));
        QCOMPARE(store->book().views(), finalViews);
        QCOMPARE(store->book().sequence(), quint64{5});
        QCOMPARE(store->pendingCount(), qsizetype{0});
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
