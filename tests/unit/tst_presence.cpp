// Presence on the device (PROTOCOL.md, "Presence"): the sealed note and what opens it, the
// board of who is on which record with an injected clock (no waiting), and the session that
// sends and receives notes, with a fake transport; a session that meets a relay of protocol 6
// speaks 6 to it, without presence.
#include "FakeTransport.h"

#include <QCborArray>
#include <QCborValue>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <limits>
#include <protocol/AuthProof.h>
#include <store/RowSealer.h>
#include <sync/PresenceBoard.h>
#include <sync/SyncSession.h>

using namespace feedback;
using namespace feedback::protocol;
using namespace Qt::StringLiterals;
using feedback::test::FakeTransport;
using sync::PresenceBoard;
using sync::PresenceNote;
using sync::WorkspaceKeys;

namespace {

RecordId record(int n)
{
    return *recordIdFromString(u"0123456789abcdef0123456789abcdef-%1"_s.arg(n));
}

QByteArray device(char c)
{
    return QByteArray(16, c);
}

} // namespace

class TestPresence : public QObject
{
    Q_OBJECT

    qint64 m_now = 1'800'000'000'000;
    QList<PresenceNote> m_told;

    std::unique_ptr<PresenceBoard> board()
    {
        m_told.clear();
        return std::make_unique<PresenceBoard>(
            [this](const PresenceNote &note) {
                m_told.append(note);
                return true;
            },
            [this] { return m_now; });
    }
    PresenceNote on(int n, const QString &name, bool editing = false) const
    {
        return PresenceNote{name, record(n), editing, m_now};
    }

    // A session on a store of its own, with a fake relay.
    struct Device
    {
        QTemporaryDir dir;
        std::unique_ptr<store::FeedbackStore> store;
        FakeTransport transport;
        std::unique_ptr<sync::SyncSession> session;
        explicit Device(const WorkspaceKeys &keys)
        {
            store = std::move(*store::FeedbackStore::open(dir.filePath(u"s.db"_s),
                                                          store::SecretKey::random(), {}));
            session = std::make_unique<sync::SyncSession>(*store, keys, &transport);
        }
        // Hello, challenge, welcome, caught up: live.
        void goLive()
        {
            transport.deliver(Challenge{AuthProof::newChallenge()});
            transport.deliver(Welcome{0, 0});
            transport.deliver(CaughtUp{0});
        }
        QList<Presence> notesSent() const { return transport.sentOf<Presence>(); }
    };

private Q_SLOTS:
    void presenceFramesDecodeWithinTheirBounds()
    {
        const Presence toRelay{{}, QByteArray(protocol::limits::kMaxPresenceBytes, 'x')};
        const Presence fromRelay{device('a'), QByteArray(10, 'y')};
        const Presence gone{device('a'), {}};
        for (const Presence &p : {toRelay, fromRelay, gone}) {
            const DecodeResult r = decode(encode(p));
            QVERIFY2(r.message, qPrintable(r.error));
            QCOMPARE(std::get<Presence>(*r.message), p);
        }
        QCOMPARE(firstVersionOf(Presence{}), 7);
        const auto raw = [](int version, const QByteArray &from, const QByteArray &sealed) {
            return decode(QCborValue(QCborArray{version, 23, from, sealed}).toCbor());
        };
        QVERIFY(raw(7, QByteArray(16, 'a'), "x").message);
        QVERIFY(!raw(7, QByteArray(15, 'a'), "x").message); // an id is 16 bytes or none
        const DecodeResult large =
            raw(7, {}, QByteArray(protocol::limits::kMaxPresenceBytes + 1, 'x'));
        QVERIFY(!large.message);
        QVERIFY(!raw(6, {}, "x").message); // protocol 6 has no presence
        QVERIFY(!decode(QCborValue(QCborArray{7, 23, QByteArray()}).toCbor()).message);
    }

    void noteOpensOnlyAsTheDeviceThatSealedIt()
    {
        const WorkspaceKeys keys = *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
        const PresenceNote note = on(7, u"Amira"_s, true);
        const QByteArray sealed = note.seal(keys, device('a'));
        QVERIFY(!sealed.isEmpty());
        QVERIFY(sealed.size() <= protocol::limits::kMaxPresenceBytes);
        QVERIFY(!sealed.contains("Amira")); // sealed, not merely encoded
        QCOMPARE(PresenceNote::open(keys, device('a'), sealed), note);
        // Forwarded under another device's id (a relay lying, a replay): it does not open.
        QVERIFY(!PresenceNote::open(keys, device('b'), sealed));
        const WorkspaceKeys other = *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
        QVERIFY(!PresenceNote::open(other, device('a'), sealed));
        QVERIFY(!PresenceNote::open(keys, device('a'), sealed.left(sealed.size() - 1)));
        QVERIFY(!PresenceNote::open(keys, device('a'), QByteArray(100, 'x')));
        // On no record: the note says so.
        const PresenceNote nowhere{u"Amira"_s, std::nullopt, false, m_now};
        QCOMPARE(PresenceNote::open(keys, device('a'), nowhere.seal(keys, device('a'))), nowhere);
        // A name the text rules refuse arrives as no name.
        const PresenceNote badName{u"A\u0007B"_s, record(1), false, m_now};
        QCOMPARE(PresenceNote::open(keys, device('a'), badName.seal(keys, device('a')))->name,
                 QString());
        // The longest name in a script of many bytes still fits a note.
        const PresenceNote longest{QString(100, QChar(0x4E2D)), record(1), false, m_now};
        QVERIFY(longest.seal(keys, device('a')).size() <= protocol::limits::kMaxPresenceBytes);
        // A kiosk holds no key to seal with.
        const auto kiosk = WorkspaceKeys::forKiosk(keys.workspaceId(), keys.boxPublicKey());
        QVERIFY(kiosk.ok());
        QVERIFY(note.seal(*kiosk, device('k')).isEmpty());
    }

    void boardListsWhoIsOnARecordAndForgetsThemInTime()
    {
        auto b = board();
        QSignalSpy changed(b.get(), &PresenceBoard::changed);
        b->receive(device('a'), on(1, u"Yusuf"_s));
        b->receive(device('b'), on(1, u"Amira"_s, true));
        const QList<PresenceBoard::Viewer> both{{device('b'), u"Amira"_s, true},
                                                {device('a'), u"Yusuf"_s, false}};
        QCOMPARE(b->viewersOf(record(1)), both);
        QCOMPARE(changed.size(), 2);
        // The same note again (the refresh) changes nothing anyone sees.
        m_now += 4000;
        b->receive(device('a'), on(1, u"Yusuf"_s));
        QCOMPARE(changed.size(), 2);
        // Yusuf moves on: both records change.
        b->receive(device('a'), on(2, u"Yusuf"_s));
        QCOMPARE(changed.size(), 3);
        QCOMPARE(changed.last().at(0).value<QList<RecordId>>(),
                 (QList<RecordId>{record(1), record(2)}));
        QCOMPARE(b->viewersOf(record(1)).size(), 1);
        // Amira's last note is 4 s old, Yusuf's new: at 10 s after Amira's, she is forgotten.
        m_now += PresenceBoard::kTtlMs - 4000;
        b->expire();
        QCOMPARE(b->viewersOf(record(1)).size(), 1);
        m_now += 1;
        b->expire();
        QVERIFY(b->viewersOf(record(1)).isEmpty());
        QCOMPARE(b->viewersOf(record(2)).size(), 1);
        // Leaving a record (a note on none) and a connection that ended: at once.
        b->receive(device('a'), PresenceNote{u"Yusuf"_s, std::nullopt, false, m_now});
        QVERIFY(b->viewersOf(record(2)).isEmpty());
        b->receive(device('c'), on(3, u"Lea"_s));
        b->receive(device('c'), std::nullopt);
        QVERIFY(b->viewersOf(record(3)).isEmpty());
        // This device's own connection ended: nobody's place can be refreshed any more.
        b->receive(device('d'), on(4, u"Jo"_s));
        b->clear();
        QVERIFY(b->viewersOf(record(4)).isEmpty());
    }

    void notesFromAClockFarOffAreDropped()
    {
        auto b = board();
        PresenceNote old = on(1, u"Yusuf"_s);
        old.sentAtMs = m_now - PresenceBoard::kMaxSkewMs - 1; // kept and played back later
        b->receive(device('a'), old);
        QVERIFY(b->viewersOf(record(1)).isEmpty());
        PresenceNote ahead = on(1, u"Yusuf"_s);
        ahead.sentAtMs = m_now + PresenceBoard::kMaxSkewMs + 1;
        b->receive(device('a'), ahead);
        QVERIFY(b->viewersOf(record(1)).isEmpty());
        for (const qint64 hostile :
             {std::numeric_limits<qint64>::min(), std::numeric_limits<qint64>::max()}) {
            PresenceNote odd = on(1, u"Yusuf"_s);
            odd.sentAtMs = hostile;
            b->receive(device('a'), odd);
            QVERIFY(b->viewersOf(record(1)).isEmpty());
        }
        // A note that is a little late still counts; a newer one from a clock far off takes the
        // device's place away.
        PresenceNote late = on(1, u"Yusuf"_s);
        late.sentAtMs = m_now - 20000;
        b->receive(device('a'), late);
        QCOMPARE(b->viewersOf(record(1)).size(), 1);
        b->receive(device('a'), ahead);
        QVERIFY(b->viewersOf(record(1)).isEmpty());
    }

    // A desk may hear another both through the relay and directly: the end of one path forgets
    // only what that path told, and a copy that arrives late changes nothing.
    void boardKeepsWhatTheOtherPathTold()
    {
        using Path = PresenceBoard::Path;
        auto b = board();
        b->receive(device('a'), on(1, u"Yusuf"_s), Path::Relay);
        m_now += 1000;
        b->receive(device('a'), on(2, u"Yusuf"_s), Path::Nearby);
        // The relay's copy of the first note, late: Yusuf is still on record 2.
        PresenceNote first = on(1, u"Yusuf"_s);
        first.sentAtMs = m_now - 1000;
        b->receive(device('a'), first, Path::Relay);
        QCOMPARE(b->viewersOf(record(2)).size(), 1);
        QVERIFY(b->viewersOf(record(1)).isEmpty());
        // The relay says Yusuf's connection to it ended, or this desk's did: he is still near.
        b->receive(device('a'), std::nullopt, Path::Relay);
        b->clear(Path::Relay);
        QCOMPARE(b->viewersOf(record(2)).size(), 1);
        b->clear(Path::Nearby);
        QVERIFY(b->viewersOf(record(2)).isEmpty());
    }

    void boardTellsThisDevicesPlaceWhenItChanges()
    {
        auto b = board();
        b->setName(u"Amira"_s);
        b->setHere(std::nullopt); // on no record from the start: nothing to tell
        QVERIFY(m_told.isEmpty());
        b->setHere(record(5));
        QCOMPARE(m_told.size(), 1);
        QCOMPARE(m_told.last(), (PresenceNote{u"Amira"_s, record(5), false, m_now}));
        b->setHere(record(5)); // the same place
        QCOMPARE(m_told.size(), 1);
        b->setHere(record(5), true); // writing a note now
        QCOMPARE(m_told.size(), 2);
        QVERIFY(m_told.last().editing);
        b->announce(); // a connection came up
        QCOMPARE(m_told.size(), 3);
        b->leave();
        QCOMPARE(m_told.size(), 4);
        QVERIFY(!m_told.last().record);
        b->leave();
        QCOMPARE(m_told.size(), 4);
    }

    void sessionSendsNotesWhenLiveAndHearsTheOthers()
    {
        const WorkspaceKeys keys = *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
        Device d(keys);
        QSignalSpy arrived(d.session.get(), &sync::SyncSession::presenceArrived);
        QSignalSpy lost(d.session.get(), &sync::SyncSession::presenceLost);
        const PresenceNote note = on(3, u"Amira"_s);
        QVERIFY(!d.session->sendPresence(note)); // not connected
        d.session->start();
        QCOMPARE(d.transport.sentOf<Hello>().first().protocol, kProtocolVersion);
        QVERIFY(!d.session->sendPresence(note)); // not welcomed yet
        d.goLive();
        QCOMPARE(d.session->state(), sync::SyncState::UpToDate);
        QVERIFY(d.session->sendPresence(note));
        QCOMPARE(d.notesSent().size(), 1);
        const Presence sent = d.notesSent().first();
        QVERIFY(sent.from.isEmpty()); // the relay names the sender
        QCOMPARE(PresenceNote::open(keys, store::RowSealer::replicaBytes(d.store->deviceId()),
                                    sent.sealed),
                 note);

        // Another device's note, as the relay forwards it.
        const QByteArray other = device('o');
        d.transport.deliver(Presence{other, on(3, u"Yusuf"_s).seal(keys, other)});
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(arrived.first().at(0).toByteArray(), other);
        QCOMPARE(arrived.first().at(1).value<std::optional<PresenceNote>>()->name, u"Yusuf"_s);
        // One sealed for another device, one of another workspace, and this device's own: dropped,
        // and the session goes on.
        d.transport.deliver(Presence{device('x'), on(3, u"Yusuf"_s).seal(keys, other)});
        const WorkspaceKeys stranger = *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
        d.transport.deliver(Presence{other, on(3, u"Eve"_s).seal(stranger, other)});
        const QByteArray self = store::RowSealer::replicaBytes(d.store->deviceId());
        d.transport.deliver(Presence{self, on(3, u"Me"_s).seal(keys, self)});
        QCOMPARE(arrived.size(), 1);
        QCOMPARE(d.session->state(), sync::SyncState::UpToDate);
        // The relay says the other device is gone.
        d.transport.deliver(Presence{other, {}});
        QCOMPARE(arrived.size(), 2);
        QVERIFY(!arrived.last().at(1).value<std::optional<PresenceNote>>());
        // This session's connection ends: what the others said is stale.
        d.session->stop();
        QCOMPARE(lost.size(), 1);
        QVERIFY(!d.session->sendPresence(note));
    }

    // A relay of the previous release answers a hello of protocol 7 with unsupported-version: the
    // device speaks 6 to it from then on and syncs, without presence. A relay that refuses 6 too
    // is an error as before.
    void sessionSpeaksProtocolSixToARelayNotYetUpdated()
    {
        const WorkspaceKeys keys = *WorkspaceKeys::fromSecret(WorkspaceKeys::newSecret());
        Device d(keys);
        d.session->start();
        const auto refuse = [&d](int version) {
            d.transport.deliver(Error{ErrorCode::UnsupportedVersion,
                                      u"this relay speaks protocol 3 to %1"_s.arg(version)});
        };
        refuse(6);
        QTRY_COMPARE(d.transport.sentOf<Hello>().size(), 2);
        QCOMPARE(d.transport.sentOf<Hello>().last().protocol, 6);
        QCOMPARE(d.session->protocolVersion(), 6);
        d.goLive();
        QCOMPARE(d.session->state(), sync::SyncState::UpToDate);
        QVERIFY(!d.session->sendPresence(on(1, u"Amira"_s)));
        QVERIFY(d.notesSent().isEmpty());
        // The next fresh attempt tries 7 again: the relay may have been updated meanwhile.
        d.session->stop();
        d.session->start();
        QCOMPARE(d.transport.sentOf<Hello>().size(), 3);
        QCOMPARE(d.transport.sentOf<Hello>().last().protocol, kProtocolVersion);

        Device e(keys);
        e.session->start();
        e.transport.deliver(Error{ErrorCode::UnsupportedVersion, u"speaks 3 to 5"_s});
        QTRY_COMPARE(e.transport.sentOf<Hello>().size(), 2);
        e.transport.deliver(Error{ErrorCode::UnsupportedVersion, u"speaks 3 to 5"_s});
        QCOMPARE(e.session->state(), sync::SyncState::Error);
        QCOMPARE(e.transport.sentOf<Hello>().size(), 2);
    }
};

QTEST_GUILESS_MAIN(TestPresence)
#include "tst_presence.moc"
