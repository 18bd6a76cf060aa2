// Restored and cloned profiles, below the processes: renaming dots keeps a book and its deltas
// consistent; renumbering is one transaction; the sync session compares what the relay holds
// under this device's seqs with what it wrote (a fake transport plays the relay) before anything
// counts as acknowledged. tests/integration/tst_restore.cpp runs the same with real processes.
#include <QFile>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <core/DotRenaming.h>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <support/RawDatabase.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;

// twins(a, b) uses QVERIFY: return from the test when it failed.
#define CALL_TWINS(a, b)                                                                           \
    do {                                                                                           \
        twins(a, b);                                                                               \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)

namespace {

const ReplicaId kX{0x11, 0x22};
const ReplicaId kY{0x33, 0x44};
const ReplicaId kFresh{0x55, 0x66};

class FakeTransport : public sync::SyncTransport
{
public:
    QList<Message> sent;
    bool open_ = false;

    void open() override
    {
        open_ = true;
        Q_EMIT opened();
    }
    void close() override
    {
        if (std::exchange(open_, false))
            Q_EMIT closed(QStringLiteral("closed by the session"));
    }
    void send(const QByteArray &frame) override
    {
        sent.append(*decode(frame, 1 << 26, 1 << 16).message);
    }
    void deliver(const Message &m) { Q_EMIT frameReceived(encode(m)); }
    QList<Push> pushes() const
    {
        QList<Push> out;
        for (const Message &m : sent)
            if (const auto *p = std::get_if<Push>(&m))
                out.append(*p);
        return out;
    }
};

NewFeedback sample(int i)
{
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-%1").arg(i);
    f.courierId = 7;
    f.rating = 4;
    f.reasons = {QStringLiteral("late")};
    return f;
}

QSet<QString> orderIds(const store::FeedbackStore &s)
{
    QSet<QString> out;
    for (const FeedbackRecordView &v : s.book().views())
        out.insert(v.orderId);
    return out;
}

bool copyDatabase(const QString &from, const QString &to)
{
    for (const QString &suffix : {QString(), QStringLiteral("-wal"), QStringLiteral("-shm")})
        if (QFile::exists(from + suffix) && !QFile::copy(from + suffix, to + suffix))
            return false;
    return true;
}

} // namespace

class TestIdentityCheck : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    store::SecretKey m_key;
    QByteArray m_secret;
    std::unique_ptr<FakeTransport> m_transport;
    std::unique_ptr<sync::SyncSession> m_session;
    std::unique_ptr<QSignalSpy> m_events;

    QString path(const QString &name) const { return m_dir->filePath(name + u".db"); }
    std::unique_ptr<store::FeedbackStore> open(const QString &name, const QByteArray &home = {})
    {
        store::FeedbackStore::Options options;
        options.home = home;
        auto s = store::FeedbackStore::open(path(name), m_key, options);
        if (!s)
            qWarning("%s", qPrintable(s.error()));
        return s ? std::move(*s) : nullptr;
    }
    sync::WorkspaceKeys keys() const { return *sync::WorkspaceKeys::fromSecret(m_secret); }
    // The relay's unit of `count` pending deltas of `origin` from `seq`, as `writer` wrote them.
    SealedDelta unitOf(store::FeedbackStore &writer, const ReplicaId &origin, quint64 seq,
                       quint64 count, quint64 position) const
    {
        QList<QByteArray> deltas;
        for (quint64 s = seq; s < seq + count; ++s)
            deltas.append(**writer.pendingDelta(origin, s));
        const QByteArray o = store::RowSealer::replicaBytes(origin);
        return SealedDelta{o, seq, keys().sealGroup(deltas, o, seq), position, count};
    }
    void connectSession(store::FeedbackStore &s, quint64 head, quint64 stored)
    {
        m_transport = std::make_unique<FakeTransport>();
        m_session = std::make_unique<sync::SyncSession>(s, keys(), m_transport.get());
        m_events = std::make_unique<QSignalSpy>(m_session.get(), &sync::SyncSession::event);
        m_session->start();
        m_transport->deliver(Challenge{AuthProof::newChallenge()});
        m_transport->deliver(Welcome{head, stored, 1024, 1024 * 1024});
    }
    QList<QJsonObject> events(const QString &kind) const
    {
        QList<QJsonObject> out;
        for (const QList<QVariant> &e : *m_events)
            if (sync::syncEventName(e.at(0).value<sync::SyncEvent>()) == kind)
                out.append(e.at(1).toJsonObject());
        return out;
    }
    // Two stores with one device id and one history: a disk image on two kiosks, or a backup
    // restored in place (same home, so the copied-profile check cannot tell).
    void twins(std::unique_ptr<store::FeedbackStore> &a, std::unique_ptr<store::FeedbackStore> &b)
    {
        a = open(QStringLiteral("a"));
        QVERIFY(a);
        a.reset();
        QVERIFY(copyDatabase(path(QStringLiteral("a")), path(QStringLiteral("b"))));
        a = open(QStringLiteral("a"));
        b = open(QStringLiteral("b"));
        QVERIFY(a && b);
        QCOMPARE(a->deviceId(), b->deviceId());
    }

private Q_SLOTS:
    void init()
    {
        m_session.reset();
        m_transport.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        m_key = store::SecretKey::random();
        m_secret = sync::WorkspaceKeys::newSecret();
    }

    // X made r1 (seq 1, which the relay holds), then r2, edits of r1 and r2 and of Y's record.
    // Renamed after seq 1, X's state equals what a replica builds from the state at seq 1 and
    // the renamed deltas; the renamed deltas are what a fresh replica F would have written; and
    // X's twin's different seq 2, joined later, is a record of its own, not a duplicate.
    void renamedStateAndDeltasAgree()
    {
        FeedbackBook y(kY);
        const BookDelta fromY = *y.create(sample(9));
        FeedbackBook x(kX);
        QCOMPARE(x.apply(fromY), FeedbackBook::ApplyOutcome::Applied);
        const RecordId r1 = *x.create(sample(1))->minted.begin();
        const BookMap atRestorePoint = x.state();
        QList<BookDelta> after;
        after.append(*x.create(sample(2)));
        const RecordId r2 = *after.last().minted.begin();
        FeedbackEdit e1;
        e1.rating = 2;
        e1.reasons = QStringList{QStringLiteral("rude")};
        e1.noteAuthor = QStringLiteral("ann");
        e1.noteText = QStringLiteral("called");
        after.append(*x.edit(r1, e1));
        FeedbackEdit e2;
        e2.retract = true;
        e2.assignee = QStringLiteral("bob");
        e2.followUp = FollowUpStatus::InProgress;
        after.append(*x.edit(r2, e2));
        FeedbackEdit e3;
        e3.comment = QStringLiteral("x");
        after.append(*x.edit(*fromY.minted.begin(), e3));

        const DotRenaming rename(kX, 1, kFresh);
        const BookMap renamed = rename.state(x.state());
        FeedbackBook rebuilt(kY);
        rebuilt.join(atRestorePoint);
        for (const BookDelta &d : after)
            QCOMPARE(rebuilt.apply(rename.delta(d)), FeedbackBook::ApplyOutcome::Applied);
        QVERIFY(rebuilt.state() == renamed);
        QCOMPARE(renamed.context().maxCounter(kX), quint64{1});
        QCOMPARE(renamed.context().maxCounter(kFresh), quint64{4});
        QVERIFY(renamed.find(r1) && !renamed.find(r2) && renamed.find(RecordId{kFresh, 1}));
        bool stale = false;
        for (const auto &[id, record] : renamed.entries())
            record.forEachDot([&](const crdt::Dot &d) { stale = stale || rename.renames(d); });
        QVERIFY(!stale);
        // Each renamed delta mints the dot its new seq names, and survives the codec.
        for (qsizetype i = 0; i < after.size(); ++i) {
            const BookDelta d = rename.delta(after.at(i));
            QCOMPARE(*d.minted.begin(), (crdt::Dot{kFresh, static_cast<quint64>(i + 1)}));
            QVERIFY(*BookCodec::decodeDelta(*BookCodec::encodeDelta(d)) == d);
        }
        // The twin's own seq 2 (another record) now joins as what it is.
        FeedbackBook twin(kX);
        twin.join(atRestorePoint);
        const BookDelta other = *twin.create(sample(3));
        FeedbackBook after2(kFresh);
        after2.restoreState(renamed);
        QCOMPARE(after2.apply(other), FeedbackBook::ApplyOutcome::Applied);
        QCOMPARE(after2.size(), std::size_t{4});
        QCOMPARE(after2.view(RecordId{kX, 2})->orderId, QStringLiteral("ORD-3"));
        QCOMPARE(after2.view(RecordId{kFresh, 1})->orderId, QStringLiteral("ORD-2"));
    }

    // A failure inside the renumbering (here the last write, the note, refused by a trigger in
    // the real file) leaves the old identity whole, on disk and in memory; the retry succeeds,
    // and the profile reopens clean under the new id.
    void renumberingIsOneTransaction()
    {
        auto s = open(QStringLiteral("p"));
        QVERIFY(s);
        const ReplicaId old = s->deviceId();
        QList<store::ImportItem> items{{"i1", sample(1)}, {"i2", sample(2)}, {"i3", sample(3)}};
        QCOMPARE(s->importItems(items)->imported, 3);
        QVERIFY(s->acknowledge(old, 1));
        const BookMap before = s->book().state();
        const auto pendingBefore = *s->pendingOutbox();
        QVERIFY(test::RawDatabase::execOn(
            path(QStringLiteral("p")),
            QStringLiteral("CREATE TRIGGER inject BEFORE INSERT ON meta WHEN NEW.key = "
                           "'value/identity/note' BEGIN SELECT RAISE(ABORT, 'injected'); END")));
        const auto failed = s->renumberAfter(old, 1, QStringLiteral("a test"));
        QVERIFY(!failed);
        QVERIFY2(failed.error().contains(QStringLiteral("injected")), qPrintable(failed.error()));
        QCOMPARE(s->deviceId(), old);
        QVERIFY(s->book().state() == before);
        QCOMPARE(s->pendingOutbox()->size(), pendingBefore.size());
        QVERIFY(s->identityNote().isEmpty());
        s.reset();
        s = open(QStringLiteral("p"));
        QCOMPARE(s->deviceId(), old);
        QVERIFY(s->book().state() == before);
        QVERIFY(s->problems().isEmpty());
        QVERIFY(test::RawDatabase::execOn(path(QStringLiteral("p")),
                                          QStringLiteral("DROP TRIGGER inject")));

        const auto done = s->renumberAfter(old, 1, QStringLiteral("a test"));
        QVERIFY2(done, qPrintable(done.error()));
        QCOMPARE(done->changes, 2);
        QCOMPARE(done->records, 2);
        const ReplicaId fresh = s->deviceId();
        QVERIFY(fresh != old && done->to == fresh);
        QVERIFY(s->book().state() == DotRenaming(old, 1, fresh).state(before));
        // The same store goes on writing (the app does not reopen): the renumbering's context
        // is the one it checks its next write against.
        const auto next = s->submit(sample(5));
        QVERIFY2(next, qPrintable(next.error()));
        QCOMPARE(next->replica, fresh);
        s.reset();
        s = open(QStringLiteral("p"));
        QCOMPARE(s->deviceId(), fresh);
        QVERIFY2(s->problems().isEmpty(), qPrintable(s->problems().join(u'\n')));
        QCOMPARE(orderIds(*s), (QSet<QString>{u"ORD-1"_s, u"ORD-2"_s, u"ORD-3"_s, u"ORD-5"_s}));
        QVERIFY(s->book().view(RecordId{old, 1}) && s->book().view(RecordId{fresh, 2}));
        QVERIFY(s->identityNote().contains(replicaIdToString(fresh)));
        const auto pending = *s->pendingOutbox();
        QCOMPARE(pending.size(), 3);
        QCOMPARE(pending.at(0).origin, fresh);
        QCOMPARE(pending.at(0).seq, quint64{1});
        QCOMPARE(pending.at(1).record, (RecordId{fresh, 2}));
        QCOMPARE(s->book().sequence(), quint64{3});
        // The import ledger follows the new ids: importing the same items adds nothing.
        QCOMPARE(s->importItems(items)->duplicates, 3);
        QCOMPARE(s->submit(sample(4))->counter, quint64{4});
    }

    // Pushed before a crash, the ack lost: the relay's copy opens to the very bytes pending
    // here, so they are acknowledged, and only what the relay lacks is pushed (after the
    // comparison, never before).
    void ownUnitsTheRelayHoldsCountWhenEqual()
    {
        auto s = open(QStringLiteral("a"));
        for (int i = 1; i <= 3; ++i)
            QVERIFY(s->submit(sample(i)));
        const SealedDelta held = unitOf(*s, s->deviceId(), 1, 2, 1);
        connectSession(*s, 1, 2);
        QVERIFY(m_transport->pushes().isEmpty());
        m_transport->deliver(Deltas{{held}, false, false});
        QCOMPARE(s->pendingCount(), 1);
        QCOMPARE(m_transport->pushes().size(), 1);
        QCOMPARE(m_transport->pushes().first().deltas.first().seq, quint64{3});
        QVERIFY(events(u"identity"_s).isEmpty());
        QCOMPARE(s->book().size(), std::size_t{3});
    }

    // The device's own pushes of this session come back in its catch-up (it pushes while it
    // catches up): acknowledged by the relay's ack, they are simply its own.
    void ownPushesComingBackInTheCatchUpAreNoSurprise()
    {
        auto s = open(QStringLiteral("a"));
        QVERIFY(s->submit(sample(1)));
        QVERIFY(s->submit(sample(2)));
        const ReplicaId self = s->deviceId();
        connectSession(*s, 0, 0);
        QCOMPARE(m_transport->pushes().size(), 1);
        SealedDelta stored = m_transport->pushes().first().deltas.first();
        stored.position = 1;
        m_transport->deliver(Ack{store::RowSealer::replicaBytes(self), 2});
        QVERIFY(s->submit(sample(3))); // pending again while the catch-up goes on
        m_transport->deliver(Deltas{{stored}, false, false});
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(s->deviceId(), self);
        QVERIFY(events(u"identity"_s).isEmpty());
        QCOMPARE(m_session->state(), sync::SyncState::Syncing); // pushing seq 3
        QCOMPARE(m_transport->pushes().last().deltas.first().seq, quint64{3});
    }

    // Two copies of one profile both wrote seq 1. The relay holds the other copy's: this one
    // continues under a new id, its record renumbered and pushed, the other copy's record
    // taken as another device's. Both records exist, each under its own id.
    void otherContentUnderOwnSeqRenumbers()
    {
        std::unique_ptr<store::FeedbackStore> a, b;
        CALL_TWINS(a, b);
        const ReplicaId shared = a->deviceId();
        QVERIFY(b->submit(sample(100)));
        const SealedDelta theirs = unitOf(*b, shared, 1, 1, 1);
        QVERIFY(a->submit(sample(1)));
        connectSession(*a, 1, 1);
        QVERIFY(m_transport->pushes().isEmpty()); // not acknowledged on the relay's word
        m_transport->deliver(Deltas{{theirs}, false, false});
        const ReplicaId fresh = a->deviceId();
        QVERIFY(fresh != shared);
        QCOMPARE(orderIds(*a), (QSet<QString>{u"ORD-1"_s, u"ORD-100"_s}));
        QCOMPARE(a->book().view(RecordId{shared, 1})->orderId, u"ORD-100"_s);
        QCOMPARE(a->book().view(RecordId{fresh, 1})->orderId, u"ORD-1"_s);
        const QList<QJsonObject> identity = events(u"identity"_s);
        QCOMPARE(identity.size(), 1);
        QCOMPARE(identity.first()[u"to"].toString(), replicaIdToString(fresh));
        QVERIFY(!identity.first()[u"note"].toString().contains(u"ORD-"_s));
        const QList<Push> pushes = m_transport->pushes();
        QCOMPARE(pushes.size(), 1);
        QCOMPARE(pushes.first().deltas.first().origin, store::RowSealer::replicaBytes(fresh));
        m_transport->deliver(Ack{store::RowSealer::replicaBytes(fresh), 1});
        m_transport->deliver(CaughtUp{1});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(a->pendingCount(), 0);
        m_session.reset();
        a.reset();
        a = open(QStringLiteral("a"));
        QCOMPARE(a->deviceId(), fresh);
        QCOMPARE(orderIds(*a), (QSet<QString>{u"ORD-1"_s, u"ORD-100"_s}));
        QVERIFY(a->problems().isEmpty());
    }

    // Restored with nothing new: the relay knows seqs this profile never wrote. It continues
    // under a new id at once (nothing to compare), so its next record cannot take one of them.
    void relayHoldingMoreThanWrittenContinuesUnderANewId()
    {
        auto s = open(QStringLiteral("a"));
        QVERIFY(s->submit(sample(1)));
        QVERIFY(s->acknowledge(s->deviceId(), 1));
        const ReplicaId old = s->deviceId();
        connectSession(*s, 2, 3);
        QVERIFY(s->deviceId() != old);
        QCOMPARE(m_session->state(), sync::SyncState::Syncing);
        QCOMPARE(events(u"identity"_s).size(), 1);
        QCOMPARE(events(u"identity"_s).first()[u"changes"].toInt(), 0);
        QVERIFY(s->book().view(RecordId{old, 1}));
        QCOMPARE(s->submit(sample(2))->replica, s->deviceId());
    }

    // The relay claims seqs the catch-up never shows (not expected; a relay that lost a unit
    // it still counts): nothing can be compared, so the pending record is renumbered and sent
    // rather than taken as sent.
    void claimedSeqsTheCatchUpNeverShowsAreRenumbered()
    {
        auto s = open(QStringLiteral("a"));
        QVERIFY(s->submit(sample(1)));
        const ReplicaId old = s->deviceId();
        connectSession(*s, 0, 1);
        QVERIFY(m_transport->pushes().isEmpty());
        m_transport->deliver(CaughtUp{0});
        QVERIFY(s->deviceId() != old);
        QCOMPARE(m_transport->pushes().size(), 1);
        QCOMPARE(m_transport->pushes().first().deltas.first().origin,
                 store::RowSealer::replicaBytes(s->deviceId()));
        QVERIFY(events(u"identity"_s).first()[u"note"].toString().contains(u"did not show"_s));
    }

    // While live, the relay forwards seq 1 of this device's id from the other copy: nothing of
    // it is applied, and the session reconnects to compare in the next catch-up.
    void liveUnitUnderOwnIdReconnectsWithoutApplying()
    {
        std::unique_ptr<store::FeedbackStore> a, b;
        CALL_TWINS(a, b);
        QVERIFY(b->submit(sample(100)));
        connectSession(*a, 0, 0);
        m_transport->deliver(CaughtUp{0});
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        m_transport->deliver(Deltas{{unitOf(*b, b->deviceId(), 1, 1, 1)}, false, true});
        QCOMPARE(m_session->state(), sync::SyncState::Error);
        QVERIFY2(m_session->lastError().contains(u"reconnecting"_s),
                 qPrintable(m_session->lastError()));
        QCOMPARE(a->book().size(), std::size_t{0});
        QCOMPARE(a->book().sequence(), quint64{0});
    }

    // A profile copied with two pending deltas continues as a new device; the original pushed
    // those two already. The copy sees them in the catch-up, equal to its own: acknowledged,
    // never pushed again (which the relay would refuse as a conflicting duplicate for good).
    void oldIdentitysDeltasOnTheRelayAreNotPushedAgain()
    {
        ReplicaId old;
        {
            auto original = open(QStringLiteral("a"), "machine-a|/p");
            old = original->deviceId();
            QVERIFY(original->submit(sample(1)));
            QVERIFY(original->submit(sample(2)));
        }
        auto copy = open(QStringLiteral("a"), "machine-b|/p");
        QVERIFY(copy->deviceId() != old);
        QVERIFY(copy->submit(sample(3)));
        const SealedDelta pushedByOriginal = unitOf(*copy, old, 1, 2, 1);
        const QByteArray oldBytes = store::RowSealer::replicaBytes(old);
        connectSession(*copy, 1, 0);
        m_transport->deliver(Deltas{{pushedByOriginal}, false, false});
        m_transport->deliver(CaughtUp{1});
        for (qsizetype acked = 0; acked < m_transport->pushes().size(); ++acked) {
            const Push p = m_transport->pushes().at(acked);
            m_transport->deliver(Ack{p.deltas.first().origin, p.deltas.last().lastSeq()});
        }
        const QList<Push> pushes = m_transport->pushes();
        QCOMPARE(pushes.size(), 1);
        QVERIFY(pushes.first().deltas.first().origin != oldBytes);
        QCOMPARE(copy->pendingCount(), 0);
        QCOMPARE(m_session->state(), sync::SyncState::UpToDate);
        QCOMPARE(copy->book().size(), std::size_t{3});
    }
};

QTEST_GUILESS_MAIN(TestIdentityCheck)
#include "tst_identitycheck.moc"
