// Snapshots and the log's chain (protocol 6) at a real feedback-relay process, spoken to with
// raw frames: who may give a snapshot and how (a full device, parts in order, each signed), what
// storing one changes (a position, the covered origins' floors), who gets an essential one (the
// devices whose catch-up reaches it, and the caught-up ones at once; an older device is told to
// update), and a pull whose chain value is not the log's (diverged). The relay reads none of it.
#include <QTemporaryDir>

#include <protocol/SnapshotSignature.h>
#include <support/RawDatabase.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;
using namespace feedback;

namespace {

// A snapshot of `parts` parts by `maker`, covering `covers`: the relay cannot open the parts, so
// any bytes do; the signatures are real.
QList<SnapshotPart> snapshotBy(const Identity &maker, QList<SnapshotCover> covers,
                               quint64 parts = 2, int partBytes = 300)
{
    std::sort(covers.begin(), covers.end(),
              [](const SnapshotCover &a, const SnapshotCover &b) { return a.origin < b.origin; });
    const QByteArray id = randomBytes(16);
    QList<SnapshotPart> out;
    for (quint64 i = 0; i < parts; ++i) {
        SnapshotPart p{id, i, parts, covers, randomBytes(partBytes), {}};
        p.signature = snapshotsignature::sign(maker.deviceKeys.secretKey, maker.keys.workspaceId(),
                                              maker.device, p);
        out.append(p);
    }
    return out;
}

void sendAll(Peer &p, const QList<SnapshotPart> &parts)
{
    for (const SnapshotPart &part : parts)
        p.send(PutSnapshot{part});
}

} // namespace

class TestRelaySnapshots : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void onlyFullDevicesGiveSignedSnapshotsInOrder();
    void essentialSnapshotHealsFloorsAndReachesEveryone();
    void pullWithAnotherChainIsToldTheLogDiverged();
    void newDeviceStartsFromTheNewestSnapshot();
    void largeSnapshotGoesWholeBeforeTheNextAnswer();
    void compactionDropsWhatASnapshotCovers();
    void welcomeAsksOneDeviceForASnapshot();

private:
    QString url() const { return m_relay->url(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelaySnapshots::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestRelaySnapshots::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

// A kiosk, a bad signature, another device's signature, a part out of order: each refused, and
// the relay keeps serving (a good snapshot after them is stored).
void TestRelaySnapshots::onlyFullDevicesGiveSignedSnapshotsInOrder()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    const Identity kiosk = desk.kiosk();
    const QList<SnapshotCover> covers{{desk.device, 3}};
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(kiosk), p);
        sendAll(p, snapshotBy(kiosk, covers));
        VERIFY_PEER(p.refusedWith(ErrorCode::Forbidden), p);
    }
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(desk), p);
        sendAll(p, snapshotBy(laptop, covers)); // signed by another device's key
        VERIFY_PEER(p.refusedWith(ErrorCode::Forbidden), p);
    }
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(desk), p);
        QList<SnapshotPart> parts = snapshotBy(desk, covers, 3);
        parts.removeAt(1); // part 2 after part 0
        sendAll(p, parts);
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(desk), p);
        QList<SnapshotPart> parts = snapshotBy(desk, covers);
        parts[1].covers = {{desk.device, 4}}; // the second part claims more, re-signed
        parts[1].signature = snapshotsignature::sign(
            desk.deviceKeys.secretKey, desk.keys.workspaceId(), desk.device, parts[1]);
        sendAll(p, parts);
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
    Peer p(url());
    const auto welcome = p.authenticate(desk);
    VERIFY_PEER(welcome && welcome->head == 0 && welcome->storedUpTo == 0, p);
    sendAll(p, snapshotBy(desk, covers));
    const auto stored = p.expect<SnapshotStored>();
    VERIFY_PEER(stored && stored->position == 1, p);
}

// A relay that lost a device's units (restored): the device's snapshot covers them. It takes a
// position, raises the floors (the welcome's storedUpTo, pushes below the floor acknowledged
// without being stored), reaches a caught-up device at once and a device catching up in its
// place of the log, with the chain value; a version-5 device catching up across it is told to
// update.
void TestRelaySnapshots::essentialSnapshotHealsFloorsAndReachesEveryone()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    Peer pl(url());
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(pl.push(laptop.deltas(1, 2)), pl);
    VERIFY_PEER(pl.pullAll(0), pl); // caught up: live from here on
    Peer pd(url());
    VERIFY_PEER(pd.authenticate(desk), pd);
    // The desk holds seqs 1..5 of its own and the laptop's 1..2; the relay holds none of the
    // desk's. Its pending 4..5 are in the snapshot too.
    const QList<SnapshotPart> parts = snapshotBy(desk, {{desk.device, 5}, {laptop.device, 2}});
    sendAll(pd, parts);
    const auto stored = pd.expect<SnapshotStored>();
    VERIFY_PEER(stored && stored->id == parts.first().id && stored->position == 3, pd);
    // The caught-up laptop gets it at once, part by part, then the position confirmed.
    for (const SnapshotPart &part : parts) {
        const auto data = pl.expect<SnapshotData>();
        VERIFY_PEER(data && data->position == 3 && data->maker == desk.device &&
                        data->part == part && data->chain.size() == (part.part == 1 ? 16 : 0),
                    pl);
    }
    const auto confirmed = pl.expect<CaughtUp>();
    VERIFY_PEER(confirmed && confirmed->cursor == 3 && confirmed->chain.size() == 16, pl);
    // Covered seqs count as stored: a retry of 4..5 is acknowledged (and not stored), 6 follows.
    const auto covered = pd.push(desk.deltas(4, 5));
    VERIFY_PEER(covered && covered->upTo == 5, pd);
    const auto next = pd.push(desk.deltas(6, 6));
    VERIFY_PEER(next && next->upTo == 6, pd);
    Peer again(url());
    const auto welcome = again.authenticate(desk);
    VERIFY_PEER(welcome && welcome->storedUpTo == 6 && welcome->head == 4, again);
    // A device that read position 1 before: position 2, the snapshot in its place, the rest.
    Peer behind(url());
    VERIFY_PEER(behind.authenticate(desk.sibling()), behind);
    behind.send(Pull{1});
    const auto first = behind.expect<Deltas>();
    VERIFY_PEER(first && first->deltas.size() == 1 && first->deltas.first().position == 2 &&
                    first->more && first->chain.size() == 16,
                behind);
    behind.send(Pull{2, first->chain});
    for (quint64 i = 0; i < 2; ++i) {
        const auto data = behind.expect<SnapshotData>();
        VERIFY_PEER(data && data->position == 3 && data->part.part == i, behind);
        if (i == 1)
            behind.send(Pull{3, data->chain});
    }
    const auto rest = behind.expect<Deltas>();
    VERIFY_PEER(rest && rest->deltas.size() == 1 && rest->deltas.first().position == 4, behind);
    VERIFY_PEER(behind.expect<CaughtUp>(), behind);
    // A new device starts from it: it covers the laptop's units before it.
    Peer fresh(url());
    VERIFY_PEER(fresh.authenticate(desk.sibling()), fresh);
    fresh.send(Pull{0});
    VERIFY_PEER(fresh.expect<SnapshotData>() && fresh.expect<SnapshotData>(), fresh);
    fresh.send(Pull{3});
    const auto tail = fresh.expect<Deltas>();
    VERIFY_PEER(tail && tail->deltas.size() == 1 && tail->deltas.first().position == 4, fresh);
    // A device of version 5 cannot read it: told to update when its catch-up reaches it.
    Peer older(url());
    older.speak(5);
    VERIFY_PEER(older.authenticate(desk.sibling()), older);
    older.send(Pull{2});
    VERIFY_PEER(older.refusedWith(ErrorCode::UpdateRequired), older);
}

// The relay restored from a backup gave a position the device had read to another unit: the
// chain value there differs, and the pull is answered `diverged`; a cursor past the head too.
// The right value, an empty one (not known), and position 0 are served as always.
void TestRelaySnapshots::pullWithAnotherChainIsToldTheLogDiverged()
{
    const Identity desk = Identity::fresh();
    Peer p(url());
    VERIFY_PEER(p.authenticate(desk), p);
    VERIFY_PEER(p.push(desk.deltas(1, 3)), p);
    QList<Deltas> frames;
    const auto caughtUp = p.pullAll(0, &frames);
    VERIFY_PEER(caughtUp && caughtUp->cursor == 3 && caughtUp->chain.size() == 16, p);
    QCOMPARE(frames.last().chain, caughtUp->chain);
    p.send(Pull{3, caughtUp->chain});
    VERIFY_PEER(p.expect<CaughtUp>(), p);
    p.send(Pull{3, QByteArray()});
    VERIFY_PEER(p.expect<CaughtUp>(), p);
    QByteArray other = caughtUp->chain;
    other[0] = char(other[0] ^ 1);
    p.send(Pull{3, other});
    const auto diverged = p.expect<Diverged>();
    VERIFY_PEER(diverged && diverged->head == 3, p);
    p.send(Pull{9, caughtUp->chain}); // nothing there
    VERIFY_PEER(p.expect<Diverged>(), p);
    // Every position has its own value.
    p.send(Pull{2, caughtUp->chain});
    VERIFY_PEER(p.expect<Diverged>(), p);
    VERIFY_PEER(p.pullAll(0), p);
}

// A snapshot that covers what the relay holds (not essential): a device pulling from 0 gets the
// units before it that it does not cover, then it, then the units after it; a device with a
// cursor reads the log as always (no compaction yet).
void TestRelaySnapshots::newDeviceStartsFromTheNewestSnapshot()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    Peer pl(url()), pd(url());
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(pd.authenticate(desk), pd);
    VERIFY_PEER(pd.push(desk.deltas(1, 3)), pd);   // positions 1..3
    VERIFY_PEER(pl.push(laptop.deltas(1, 2)), pl); // 4, 5
    // The desk had not seen the laptop's second unit when it made its snapshot.
    const QList<SnapshotPart> parts = snapshotBy(desk, {{desk.device, 3}, {laptop.device, 1}});
    sendAll(pd, parts);
    const auto stored = pd.expect<SnapshotStored>();
    VERIFY_PEER(stored && stored->position == 6, pd);
    VERIFY_PEER(pd.push(desk.deltas(4, 4)), pd); // 7

    Peer fresh(url());
    VERIFY_PEER(fresh.authenticate(desk.sibling()), fresh);
    fresh.send(Pull{0});
    const auto before = fresh.expect<Deltas>();
    VERIFY_PEER(before && before->deltas.size() == 1 && before->deltas.first().position == 5 &&
                    before->more,
                fresh);
    fresh.send(Pull{5, before->chain});
    QByteArray chain;
    for (quint64 i = 0; i < 2; ++i) {
        const auto data = fresh.expect<SnapshotData>();
        VERIFY_PEER(data && data->position == 6 && data->part == parts[qsizetype(i)], fresh);
        chain = data->chain;
    }
    fresh.send(Pull{6, chain});
    const auto after = fresh.expect<Deltas>();
    VERIFY_PEER(after && after->deltas.size() == 1 && after->deltas.first().position == 7, fresh);
    VERIFY_PEER(fresh.expect<CaughtUp>(), fresh);
    // A device with a cursor reads on as always: all the units there are.
    QList<Deltas> frames;
    VERIFY_PEER(fresh.pullAll(2, &frames), fresh);
    qsizetype units = 0;
    for (const Deltas &d : frames)
        units += d.deltas.size();
    QCOMPARE(units, 4); // 3, 4, 5 and 7
}

// A snapshot larger than the relay queues for one device at once (1 MiB) goes out as the
// socket drains; a pull that came meanwhile is answered after its last part, never between two.
void TestRelaySnapshots::largeSnapshotGoesWholeBeforeTheNextAnswer()
{
    const Identity desk = Identity::fresh();
    Peer pd(url());
    VERIFY_PEER(pd.authenticate(desk), pd);
    VERIFY_PEER(pd.push(desk.deltas(1, 2)), pd); // positions 1, 2
    const QList<SnapshotPart> parts = snapshotBy(desk, {{desk.device, 2}}, 12, 150 * 1024);
    sendAll(pd, parts);
    const auto stored = pd.expect<SnapshotStored>();
    VERIFY_PEER(stored && stored->position == 3, pd);
    Peer fresh(url());
    VERIFY_PEER(fresh.authenticate(desk.sibling()), fresh);
    fresh.send(Pull{0});
    fresh.send(Pull{0}); // the same catch-up again: the whole snapshot a second time
    for (int round = 0; round < 2; ++round)
        for (qsizetype i = 0; i < parts.size(); ++i) {
            const auto data = fresh.expect<SnapshotData>();
            VERIFY_PEER(data && data->position == 3 && data->part == parts[i], fresh);
        }
}

// --keep-history 0: the units a snapshot covers go at once (the rest stay), the floors keep what
// counts as stored, a device whose cursor is before the compaction starts from the snapshot, and
// one of version 5 there is told to update.
void TestRelaySnapshots::compactionDropsWhatASnapshotCovers()
{
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"compacting"_s),
                                             QStringList{u"--keep-history"_s, u"0"_s});
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    Peer pl(url()), pd(url());
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(pd.authenticate(desk), pd);
    const QList<SealedDelta> deskUnits = desk.deltas(1, 10);
    VERIFY_PEER(pd.push(deskUnits), pd);           // 1..10
    VERIFY_PEER(pl.push(laptop.deltas(1, 2)), pl); // 11, 12
    sendAll(pd, snapshotBy(desk, {{desk.device, 10}, {laptop.device, 1}}));
    VERIFY_PEER(pd.expect<SnapshotStored>(), pd);                              // 13
    VERIFY_PEER(pd.push(desk.deltas(11, 11)), pd);                             // 14
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM deltas"_s), u"2"_s); // 12 and 14
    QCOMPARE(m_relay->storageValue(u"SELECT compacted_before FROM workspaces"_s), u"13"_s);
    // What it covers still counts as stored: the welcome says so, a retry is acknowledged.
    Peer again(url());
    const auto welcome = again.authenticate(desk);
    VERIFY_PEER(welcome && welcome->storedUpTo == 11 && welcome->head == 14, again);
    const auto retried = again.push({deskUnits.first()});
    VERIFY_PEER(retried && retried->upTo == 11, again);
    // A cursor before the compaction: the uncovered unit, the snapshot, the rest.
    again.send(Pull{3});
    const auto uncovered = again.expect<Deltas>();
    VERIFY_PEER(uncovered && uncovered->deltas.size() == 1 &&
                    uncovered->deltas.first().position == 12,
                again);
    again.send(Pull{12, uncovered->chain});
    const auto first = again.expect<SnapshotData>();
    const auto second = again.expect<SnapshotData>();
    VERIFY_PEER(first && second && second->position == 13, again);
    again.send(Pull{13, second->chain});
    const auto rest = again.expect<Deltas>();
    VERIFY_PEER(rest && rest->deltas.size() == 1 && rest->deltas.first().position == 14, again);
    // Version 5 cannot start from a snapshot: told to update, not served a log with holes.
    Peer older(url());
    older.speak(5);
    VERIFY_PEER(older.authenticate(desk.sibling()), older);
    older.send(Pull{0});
    VERIFY_PEER(older.refusedWith(ErrorCode::UpdateRequired), older);
    // The file gave the pages back (incremental vacuum): no free pages are left.
    pd.close();
    pl.close();
    again.close();
    QVERIFY(m_relay->terminate());
    if (RelayProcess::onPostgres())
        return; // PostgreSQL's autovacuum gives pages back on its own schedule
    RawDatabase raw(m_relay->dataDir() + u"/relay.db"_s);
    QCOMPARE(raw.value(u"PRAGMA auto_vacuum"_s).toInt(), 2);
    QCOMPARE(raw.value(u"PRAGMA freelist_count"_s).toInt(), 0);
}

// --snapshot-every 3 (units): once three units came after the last snapshot, the next full device
// of version 6 is asked in its welcome; the next one is not (one at a time), nor a kiosk; once
// a snapshot came, nobody is until the log grows again.
void TestRelaySnapshots::welcomeAsksOneDeviceForASnapshot()
{
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"asking"_s),
                                             QStringList{u"--snapshot-every"_s, u"3"_s});
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    const Identity desk = Identity::fresh();
    Peer pd(url());
    const auto empty = pd.authenticate(desk);
    VERIFY_PEER(empty && !empty->snapshotWanted, pd); // an empty log needs none
    VERIFY_PEER(pd.push(desk.deltas(1, 3)), pd);
    Peer kiosk(url());
    const auto k = kiosk.authenticate(desk.kiosk());
    VERIFY_PEER(k && !k->snapshotWanted, kiosk);
    Peer asked(url());
    const auto yes = asked.authenticate(desk.sibling());
    VERIFY_PEER(yes && yes->snapshotWanted, asked);
    Peer next(url());
    const auto no = next.authenticate(desk.sibling());
    VERIFY_PEER(no && !no->snapshotWanted, next); // one device at a time
    const Identity maker = desk.sibling();
    Peer pm(url());
    VERIFY_PEER(pm.authenticate(maker), pm);
    sendAll(pm, snapshotBy(maker, {{desk.device, 3}}));
    VERIFY_PEER(pm.expect<SnapshotStored>(), pm);
    Peer after(url());
    const auto none = after.authenticate(desk.sibling());
    VERIFY_PEER(none && !none->snapshotWanted, after); // nothing new since
    // A version-5 device's welcome has no such field: it reads as before.
    VERIFY_PEER(pd.push(desk.deltas(4, 7)), pd);
    Peer five(url());
    five.speak(5);
    const auto old = five.authenticate(desk.sibling());
    VERIFY_PEER(old && !old->snapshotWanted, five);
    Peer six(url());
    const auto wanted = six.authenticate(desk.sibling());
    VERIFY_PEER(wanted && wanted->snapshotWanted, six);
}

QTEST_GUILESS_MAIN(TestRelaySnapshots)
#include "tst_relaysnapshots.moc"
