// The store's quarantine against real SQLite files: deltas over the deferred bound of their
// origin are set aside instead of failing the device, survive a reopen sealed, come back when
// their origin's queue has room again, and doctor lists what is set aside by where it came from,
// never by its content.
#include <QDirIterator>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <store/FeedbackStore.h>
#include <store/RowSealer.h>

using namespace feedback;
using namespace feedback::store;
using namespace Qt::StringLiterals;

namespace {

const QString kSecretText = u"SECRET-COMMENT-7f3a"_s;

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = u"ORD-%1"_s.arg(i);
    f.courierId = 9;
    f.rating = 3;
    return f;
}

// Every byte under `dir` (the database, its WAL and shared memory).
QByteArray everyByteUnder(const QString &dir)
{
    QByteArray all;
    QDirIterator it(dir, QDir::Files | QDir::Hidden);
    while (it.hasNext()) {
        QFile f(it.next());
        if (f.open(QIODevice::ReadOnly))
            all += f.readAll();
    }
    return all;
}

} // namespace

class TestStoreQuarantine : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    SecretKey m_key = SecretKey::random();

    QString path() const { return m_dir->filePath(u"feedback.db"_s); }
    std::unique_ptr<FeedbackStore> open(std::size_t bound)
    {
        FeedbackStore::Options options;
        options.maxDeferredPerOrigin = bound;
        auto store = FeedbackStore::open(path(), m_key, std::move(options));
        if (!store)
            qWarning().noquote() << store.error();
        return store ? std::move(*store) : nullptr;
    }

private Q_SLOTS:
    void init()
    {
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }

    void deltasOverTheBoundAreSetAsideAndComeBack()
    {
        auto store = open(3);
        QVERIFY(store);
        // A writes a record this device does not receive yet; B edits it five times.
        FeedbackBook a(ReplicaId{0xA, 1});
        FeedbackBook b(ReplicaId{0xB, 2});
        const BookDelta created = *a.create(sample(1));
        const RecordId id = *created.minted.begin();
        b.apply(created);
        QList<BookDelta> edits;
        QList<quint64> positions;
        FeedbackEdit edit;
        for (int i = 1; i <= 5; ++i) {
            edit.rating = i;
            edit.comment = kSecretText;
            edits.append(*b.edit(id, edit));
            positions.append(10 + quint64(i));
        }
        const auto applied = store->applyRemote({edits, positions, {}, std::nullopt, std::nullopt});
        QVERIFY2(applied, qPrintable(applied.error()));
        QCOMPARE(*applied, 3); // deferred; the other two set aside instead of failing
        QCOMPARE(store->book().deferredCount(), std::size_t{3});
        QCOMPARE(store->quarantinedCount(), 2);
        // Other devices' changes go on as ever.
        FeedbackBook c(ReplicaId{0xC, 3});
        QCOMPARE(*store->applyRemote({*c.create(sample(2))}), 1);
        QCOMPARE(store->book().size(), std::size_t{1});

        // Durable, sealed, and listed by where they came from.
        store.reset();
        store = open(3);
        QVERIFY(store);
        QCOMPARE(store->quarantinedCount(), 2);
        QCOMPARE(store->book().deferredCount(), std::size_t{3});
        const auto aside = store->quarantined();
        QCOMPARE(aside->size(), 2);
        QCOMPARE(aside->at(0).kind, QuarantinedChange::Kind::OverLimit);
        QCOMPARE(aside->at(0).origin, RowSealer::replicaBytes(b.replica()));
        QCOMPARE(aside->at(0).firstSeq, quint64{4});
        QCOMPARE(aside->at(0).position, quint64{14});
        QCOMPARE(aside->at(1).firstSeq, quint64{5});
        QVERIFY(!everyByteUnder(m_dir->path()).contains(kSecretText.toUtf8()));
        const DoctorReport report = store->doctor();
        QVERIFY(!report.ok);
        const QString text = report.lines.join(u'\n');
        QVERIFY2(text.contains(u"quarantined: position 14, origin %1, seq 4: over the limit"_s.arg(
                     QString::fromLatin1(RowSealer::replicaBytes(b.replica()).toHex()))),
                 qPrintable(text));
        QVERIFY(!text.contains(kSecretText));

        // The creation arrives: the queue drains, the set-aside edits come back, nothing lost.
        QVERIFY(store->applyRemote({created}));
        QCOMPARE(store->book().deferredCount(), std::size_t{0});
        QCOMPARE(store->quarantinedCount(), 0);
        QCOMPARE(store->book().view(id)->rating, 5);
        QVERIFY(store->doctor().ok);
        store.reset();
        store = open(3);
        QCOMPARE(store->quarantinedCount(), 0);
        QCOMPARE(store->book().view(id)->rating, 5);
    }

    void unreadableUnitsAreListedByDoctorAndReleasedWhenTheirChangesArrive()
    {
        auto store = open(FeedbackBook::kMaxDeferredPerOrigin);
        QVERIFY(store);
        FeedbackBook other(ReplicaId{0xD, 4});
        const QByteArray origin = RowSealer::replicaBytes(other.replica());
        FeedbackStore::RemoteBatch batch;
        batch.unreadable.append({0, QuarantinedChange::Kind::Unreadable, 42, origin, 1, 2,
                                 u"a delta group is damaged (64 bytes declared)"_s, false,
                                 QByteArrayLiteral("sealed bytes as received")});
        batch.position = FeedbackStore::Position{u"sync/cursor"_s, "42"};
        QVERIFY(store->applyRemote(batch));
        QCOMPARE(*store->value(u"sync/cursor"_s), QByteArray("42"));
        const DoctorReport report = store->doctor();
        QVERIFY(!report.ok);
        QVERIFY2(
            report.lines.join(u'\n').contains(
                u"quarantined: position 42, origin %1, seqs 1..2: a delta group is damaged"_s.arg(
                    QString::fromLatin1(origin.toHex()))),
            qPrintable(report.lines.join(u'\n')));
        // Its two changes arrive intact (from a relay that holds a good copy): released.
        QVERIFY(store->applyRemote({*other.create(sample(1))}));
        QCOMPARE(store->quarantinedCount(), 1);
        QVERIFY(store->applyRemote({*other.create(sample(2))}));
        QCOMPARE(store->quarantinedCount(), 0);
        QVERIFY(store->doctor().ok);
    }
};

QTEST_GUILESS_MAIN(TestStoreQuarantine)
#include "tst_storequarantine.moc"
