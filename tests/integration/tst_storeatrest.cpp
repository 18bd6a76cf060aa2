// FeedbackStore's files at rest, against real SQLite files: no plaintext on disk, tampered rows
// named, a wrong key or a damaged file refused with a clear error and left as it was.
#include "StoreTestSupport.h"

#include <QRandomGenerator>
#include <QStringEncoder>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <store/RowSealer.h>
#include <support/RawDatabase.h>
#endif

using namespace feedback;
using namespace feedback::store;
using namespace feedback::test;
using feedback::testsupport::Workload;

namespace {
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

QString hexOf(const QVariant &rowKey)
{
    return QString::fromLatin1(rowKey.toByteArray().toHex());
}
} // namespace

class TestStoreAtRest : public QObject
{
    Q_OBJECT

private:
    test::FreshPaths m_paths;
    QString freshPath() { return m_paths.next(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_paths.isValid()); }

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
        RawDatabase raw(path);
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
            RawDatabase raw(path);
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
            RawDatabase raw(path);
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

    // The store reads its rows a chunk at a time (8,192 rows): every chunk's records are loaded
    // and a damaged row in any of them is named, the first row of a later chunk and the last
    // row of all included.
    void damagedRowsInEveryChunkAreNamed()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        Workload work(47);
        constexpr int kRecords = 20000;
        for (int from = 0; from < kRecords; from += 10000) {
            QList<ImportItem> items;
            for (int i = from; i < from + 10000; ++i)
                items.append({QByteArray::number(i), work.next()});
            QVERIFY(store->importItems(items).ok());
        }
        const QList<FeedbackRecordView> views = store->book().views();
        QCOMPARE(views.size(), qsizetype{kRecords});
        store.reset();
        QStringList tampered;
        {
            RawDatabase raw(path);
            const QList<QVariantList> rows =
                raw.rows(QStringLiteral("SELECT id, state FROM records ORDER BY id"));
            QCOMPARE(rows.size(), qsizetype{kRecords});
            for (const qsizetype i : {qsizetype{0}, qsizetype{8192}, rows.size() - 1}) {
                QByteArray flipped = rows[i][1].toByteArray();
                flipped[40] = static_cast<char>(flipped[40] ^ 0x01);
                QVERIFY(raw.exec(QStringLiteral("UPDATE records SET state = ? WHERE id = ?"),
                                 {flipped, rows[i][0]}));
                tampered.append(hexOf(rows[i][0]));
            }
        }
        QVERIFY(reopen(store, path));
        QCOMPARE(store->problems().size(), qsizetype{3});
        for (const QString &row : std::as_const(tampered))
            QVERIFY2(anyLineContains(store->problems(), row), qPrintable(row));
        QCOMPARE(store->book().size(), std::size_t{kRecords - 3});
        for (const FeedbackRecordView &v : views)
            if (!tampered.contains(hexOf(RowSealer::idBytes(v.id))))
                QCOMPARE(store->book().view(v.id), std::optional(v));
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
};

QTEST_GUILESS_MAIN(TestStoreAtRest)
#include "tst_storeatrest.moc"
