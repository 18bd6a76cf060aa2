// FeedbackStore against real SQLite files in a temporary directory: everything survives a
// reopen, the outbox, remote deltas, retention, copied profiles and the all-or-nothing local
// commit. Migrations: tst_storemigration; the files at rest: tst_storeatrest.
#include "StoreTestSupport.h"

#include <QDateTime>
#include <QSqlDatabase>
#include <QSqlQuery>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <support/RawDatabase.h>
#endif

using namespace feedback;
using namespace feedback::store;
using namespace feedback::test;
using feedback::testsupport::Workload;

namespace {
const QByteArray kHomeB = QByteArrayLiteral("machine-b:/srv/copied/profile");
constexpr qint64 kDayMs = 24 * 3600 * 1000;

FeedbackEdit ratingEdit(int rating)
{
    FeedbackEdit e;
    e.rating = rating;
    return e;
}
} // namespace

class TestStore : public QObject
{
    Q_OBJECT

private:
    static constexpr int kFullSync = 2;
    // The store connection's PRAGMA synchronous (the level is per connection); -1: unknown.
    static int synchronousLevel()
    {
        const QStringList names =
            QSqlDatabase::connectionNames().filter(QStringLiteral("feedback-store"));
        if (names.size() != 1)
            return -1;
        QSqlQuery q(QSqlDatabase::database(names.first(), false));
        return q.exec(QStringLiteral("PRAGMA synchronous")) && q.next() ? q.value(0).toInt() : -1;
    }
    test::FreshPaths m_paths;
    QString freshPath() { return m_paths.next(); }

private Q_SLOTS:
    void initTestCase() { QVERIFY(m_paths.isValid()); }

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
        RawDatabase raw(path);
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

    // What a device writes itself is on disk when the call returns (synchronous = FULL): after
    // the open, and after a batch from the relay or an acknowledgement switched it to NORMAL for
    // their own commit. Read on the store's own connection: the level is per connection.
    void everyLocalCommitIsDurable()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        const auto level = synchronousLevel;
        constexpr int kFull = kFullSync;
        QCOMPARE(level(), kFull);
        Workload work(61);
        QVERIFY(store->submit(work.next()).ok());
        QCOMPARE(level(), kFull);
        FeedbackBook remote(Workload(62).replicaId());
        QCOMPARE(*store->applyRemote({*remote.create(work.next())}), 1);
        QCOMPARE(level(), kFull);
        QVERIFY(store->acknowledge(store->deviceId(), 1).ok());
        QCOMPARE(level(), kFull);
    }

    // With a commit listener (sync sends a change while the disk flushes it) the listener runs
    // once per local change, when the change is committed: another connection to the file sees
    // its outbox row already. The call still returns only after the flush, the level is FULL
    // again for the next commits, and a change that is refused never reaches the listener.
    void commitListenerRunsOnceCommitted()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        RawDatabase other(path);
        QVERIFY2(other.isOpen(), other.describe());
        QList<int> rowsSeen;
        store->setCommitListener([&] {
            rowsSeen.append(other.value(QStringLiteral("SELECT count(*) FROM outbox")).toInt());
        });
        Workload work(63);
        const auto id = store->submit(work.next());
        QVERIFY(id.ok());
        QCOMPARE(rowsSeen, QList<int>{1});
        FeedbackEdit edit;
        edit.rating = 2;
        QVERIFY(store->edit(*id, edit).ok());
        QCOMPARE(rowsSeen, (QList<int>{1, 2}));
        NewFeedback bad = work.next();
        bad.rating = 9;
        QVERIFY(!store->submit(bad).ok()); // refused by the book, before any commit
        QCOMPARE(rowsSeen.size(), 2);
        // A commit that fails: never reported to the listener, memory rolled back.
        QVERIFY2(other.exec(QStringLiteral("CREATE TRIGGER refuse BEFORE INSERT ON outbox BEGIN "
                                           "SELECT RAISE(ABORT, 'refused by the test'); END")),
                 other.describe());
        const std::size_t before = store->book().size();
        QVERIFY(!store->submit(work.next()).ok());
        QCOMPARE(rowsSeen.size(), 2);
        QCOMPARE(store->book().size(), before);
        QCOMPARE(synchronousLevel(), kFullSync);
        QVERIFY2(other.exec(QStringLiteral("DROP TRIGGER refuse")), other.describe());
        QCOMPARE(synchronousLevel(), kFullSync);
        store->setCommitListener({});
        const auto views = store->book().views();
        QVERIFY(reopen(store, path));
        QCOMPARE(store->book().views(), views);
        QCOMPARE(store->pendingOutbox()->size(), 2); // the submit and the edit
    }

    // A flush that fails after the commit (here: the log is not where it was) is reported: the
    // change may not have been sent, and the disk did not confirm it. The record stays saved.
    void aFailedFlushAfterTheCommitIsReported()
    {
        const QString path = freshPath();
        auto store = openStore(path);
        QVERIFY(store);
        int sent = 0;
        store->setCommitListener([&] { ++sent; });
        Workload work(64);
        QVERIFY(store->submit(work.next()).ok());
        const QString log = QFileInfo(path).canonicalFilePath() + QStringLiteral("-wal");
        QVERIFY(QFile::rename(log, log + QStringLiteral(".away"))); // SQLite keeps writing it
        const auto failed = store->submit(work.next());
        QVERIFY(!failed.ok());
        QVERIFY2(failed.error().contains(QLatin1String("did not confirm")),
                 qPrintable(failed.error()));
        QCOMPARE(sent, 2);
        QCOMPARE(store->book().size(), std::size_t(2)); // committed: kept in memory
        QVERIFY(QFile::rename(log + QStringLiteral(".away"), log));
        store->setCommitListener({});
        QVERIFY(reopen(store, path));
        QCOMPARE(store->book().size(), std::size_t(2)); // and on disk
        QCOMPARE(store->pendingOutbox()->size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestStore)
#include "tst_store.moc"
