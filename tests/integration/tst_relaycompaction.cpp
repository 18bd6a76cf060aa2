// Snapshots and compaction end to end: a real feedback-relay process (env FEEDBACK_RELAY) with
// --keep-history 0, devices as in-process sync clients on real profiles. 1,000 records edited 10
// times each, then a snapshot: the relay drops the history it covers and its disk comes within
// 1.5 times that of a log holding one version of each record; a new device starts from the
// snapshot and ends with exactly the writer's records; the writer pushes on after the compaction.
#include <QDir>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <store/FeedbackStore.h>
#include <support/RawDatabase.h>
#include <support/RelayProcess.h>
#include <support/SyncDevice.h>
#include <support/TestCall.h>
#include <support/Workload.h>
#include <sync/SyncClient.h>

using namespace feedback;
using namespace feedback::test;
using namespace Qt::StringLiterals;

namespace {

using Device = SyncDevice;

qint64 directoryBytes(const QString &dir)
{
    qint64 total = 0;
    for (const QFileInfo &f : QDir(dir).entryInfoList(QDir::Files))
        total += f.size();
    return total;
}

// `list` without what differs between devices (whether a record is synced here).
QList<FeedbackRecordView> viewsOf(const store::FeedbackStore &s)
{
    return s.book().views();
}

constexpr int kWaitMs = 120000;

} // namespace

class TestRelayCompaction : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void historyGoesAndANewDeviceStartsFromTheSnapshot();

private:
    // 1,000 records imported on `d` and acknowledged.
    void writeRecords(Device &d, testsupport::Workload &w, QList<RecordId> &ids);
    void pushAll(Device &d);
};

void TestRelayCompaction::writeRecords(Device &d, testsupport::Workload &w, QList<RecordId> &ids)
{
    QList<store::ImportItem> items;
    for (int i = 0; i < 1000; ++i)
        items.append({QByteArray::number(i), w.next()});
    QVERIFY(d.store->importItems(items).ok());
    for (const FeedbackRecordView &v : d.store->book().views())
        ids.append(v.id);
    CALL(pushAll(d));
}

void TestRelayCompaction::pushAll(Device &d)
{
    d.client->session().pushPending();
    QTRY_VERIFY_WITH_TIMEOUT(d.store->pendingCount() == 0 && d.upToDate(), kWaitMs);
}

void TestRelayCompaction::historyGoesAndANewDeviceStartsFromTheSnapshot()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const QStringList fast{u"--max-frames-per-second"_s, u"100000"_s};
    // The measure: a log holding one version of each of 1,000 records.
    RelayProcess plain(tmp.filePath(u"plain"_s), fast);
    QVERIFY2(plain.start(), plain.describe().constData());
    {
        auto once =
            makeSyncDevice(tmp.filePath(u"once"_s), sync::WorkspaceKeys::newSecret(), plain.url());
        QVERIFY(once);
        once->client->start();
        QTRY_VERIFY_WITH_TIMEOUT(once->upToDate(), kWaitMs);
        testsupport::Workload w;
        QList<RecordId> ids;
        CALL(writeRecords(*once, w, ids));
        once->client->stop();
    }
    QVERIFY(plain.terminate());
    const qint64 oneVersion = directoryBytes(plain.dataDir());

    RelayProcess relay(tmp.filePath(u"relay"_s), fast + QStringList{u"--keep-history"_s, u"0"_s});
    QVERIFY2(relay.start(), relay.describe().constData());
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    auto writer = makeSyncDevice(tmp.filePath(u"writer"_s), secret, relay.url());
    QVERIFY(writer);
    writer->client->start();
    QTRY_VERIFY_WITH_TIMEOUT(writer->upToDate(), kWaitMs);
    testsupport::Workload w;
    QList<RecordId> ids;
    CALL(writeRecords(*writer, w, ids));
    for (int round = 0; round < 10; ++round) {
        QList<std::pair<RecordId, FeedbackEdit>> edits;
        for (qsizetype i = 0; i < ids.size(); ++i) {
            FeedbackEdit e;
            e.rating = 1 + static_cast<int>((i + round) % 5);
            e.comment = u"edit %1 of %2"_s.arg(round).arg(i);
            edits.append({ids[i], e});
        }
        const Result<int> edited = writer->store->editMany(edits);
        QVERIFY2(edited.ok() && *edited == 1000, qPrintable(edited.error()));
        CALL(pushAll(*writer));
    }
    QSignalSpy events(&writer->client->session(), &sync::SyncSession::event);
    writer->client->session().requestSnapshot();
    QTRY_VERIFY_WITH_TIMEOUT(std::any_of(events.cbegin(), events.cend(),
                                         [](const QList<QVariant> &e) {
                                             return e.at(0).value<sync::SyncEvent>() ==
                                                    sync::SyncEvent::SnapshotUploaded;
                                         }),
                             kWaitMs);
    QTRY_VERIFY_WITH_TIMEOUT(writer->upToDate(), kWaitMs);
    QCOMPARE(relay.storageValue(u"SELECT COUNT(*) FROM deltas"_s), u"0"_s); // all of it covered
    QCOMPARE(relay.storageValue(u"SELECT COUNT(*) FROM snapshots"_s), u"1"_s);

    // A new device: the snapshot, nothing before it; exactly the writer's records.
    auto fresh = makeSyncDevice(tmp.filePath(u"fresh"_s), secret, relay.url());
    QVERIFY(fresh);
    QSignalSpy freshEvents(&fresh->client->session(), &sync::SyncSession::event);
    fresh->client->start();
    QTRY_VERIFY_WITH_TIMEOUT(fresh->upToDate(), kWaitMs);
    QCOMPARE(fresh->store->book().size(), std::size_t{1000});
    QVERIFY(viewsOf(*fresh->store) == viewsOf(*writer->store));
    QVERIFY(std::any_of(freshEvents.cbegin(), freshEvents.cend(), [](const QList<QVariant> &e) {
        return e.at(0).value<sync::SyncEvent>() == sync::SyncEvent::SnapshotApplied;
    }));

    // The writer pushes on after the compaction; the new device gets it live.
    FeedbackEdit last;
    last.comment = u"after the compaction"_s;
    QVERIFY(writer->store->edit(ids.first(), last).ok());
    CALL(pushAll(*writer));
    QTRY_COMPARE_WITH_TIMEOUT(fresh->store->book().view(ids.first())->comment,
                              u"after the compaction"_s, kWaitMs);
    writer->client->stop();
    fresh->client->stop();
    QVERIFY(relay.terminate());
    const qint64 compacted = directoryBytes(relay.dataDir());
    QVERIFY2(compacted <= oneVersion * 3 / 2,
             qPrintable(u"%1 bytes after compaction, %2 for one version"_s.arg(compacted).arg(
                 oneVersion)));
}

QTEST_GUILESS_MAIN(TestRelayCompaction)
#include "tst_relaycompaction.moc"
