// Presence through a real feedback-relay process (env FEEDBACK_RELAY), spoken frame by frame:
// a note reaches the workspace's other live full devices of protocol 7 under the sender's
// authenticated id, and nobody else; the relay stores none of it, drops notes over a device's
// rate without refusing it, and says a device is gone when its connection ends.
#include "RelayTestSupport.h"

using namespace feedback::test;

class TestRelayPresence : public QObject, public RelayFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { startRelay(); }
    void init() { beforeEach(); }
    void cleanup() { afterEach(); }
    void noteReachesOnlyTheOtherLiveFullDevicesOfTheWorkspace();
    void notesOverTheRateAreDroppedNotRefused();
    void aDeviceThatLeavesIsSaidToBeGone();
    void malformedNotesAreRefused();

private:
    // Authenticated in `version` and caught up (live).
    static bool live(Peer &p, const Identity &id, int version = kProtocolVersion)
    {
        p.speak(version);
        return p.authenticate(id) && p.pullAll(0);
    }
};

void TestRelayPresence::noteReachesOnlyTheOtherLiveFullDevicesOfTheWorkspace()
{
    const Identity a = Identity::fresh();
    const Identity b = a.sibling();
    Peer sender(url()), reader(url()), older(url()), notLive(url()), kiosk(url()), stranger(url());
    VERIFY_PEER(live(sender, a), sender);
    VERIFY_PEER(live(reader, b), reader);
    VERIFY_PEER(live(older, a.sibling(), 6), older); // protocol 6 has no presence
    VERIFY_PEER(notLive.authenticate(a.sibling()), notLive);
    VERIFY_PEER(kiosk.authenticate(a.kiosk()), kiosk);
    VERIFY_PEER(live(stranger, Identity::fresh()), stranger);

    const QByteArray sealed = randomBytes(200); // the relay cannot read it, nor does it try
    // Whatever `from` the device writes, the relay names the device it authenticated.
    sender.send(Presence{b.device, sealed});
    const auto note = reader.expect<Presence>();
    VERIFY_PEER(note && note->from == a.device && note->sealed == sealed, reader);
    // A kiosk's note goes nowhere either.
    kiosk.send(Presence{{}, randomBytes(100)});
    VERIFY_PEER(kiosk.quiet(), kiosk);
    VERIFY_PEER(reader.quiet(), reader);
    VERIFY_PEER(sender.quiet(), sender);
    VERIFY_PEER(older.quiet(), older);
    VERIFY_PEER(notLive.quiet(), notLive);
    VERIFY_PEER(stranger.quiet(), stranger);
    // Nothing was stored: the log is as empty as before, for a device that catches up now.
    Peer fresh(url());
    const auto welcome = fresh.authenticate(a.sibling());
    VERIFY_PEER(welcome && welcome->head == 0, fresh);
    QList<Deltas> frames;
    VERIFY_PEER(fresh.pullAll(0, &frames) && frames.isEmpty(), fresh);
}

void TestRelayPresence::notesOverTheRateAreDroppedNotRefused()
{
    const Identity a = Identity::fresh();
    Peer sender(url()), reader(url());
    VERIFY_PEER(live(sender, a), sender);
    VERIFY_PEER(live(reader, a.sibling()), reader);
    // Far more than the bucket refills however slowly the relay reads them (30 s of refill),
    // and within the relay's 200 frames a second.
    constexpr int kSent = 120;
    for (int i = 0; i < kSent; ++i)
        sender.send(Presence{{}, QByteArray(1, char(i))});
    // The sender is still served: its push after the notes is acknowledged.
    VERIFY_PEER(sender.push({a.delta(1)}), sender);
    // Frames to one device keep their order: the notes that passed come before the push's live
    // delta.
    QList<int> heard;
    bool delta = false;
    while (!delta) {
        const auto m = reader.next();
        VERIFY_PEER(m, reader);
        if (const auto *note = std::get_if<Presence>(&*m))
            heard.append(static_cast<unsigned char>(note->sealed.at(0)));
        delta = std::holds_alternative<Deltas>(*m);
    }
    // A burst of eight passes, then what the bucket refilled meanwhile (on a slow machine, a few
    // later ones), in order; the rest is dropped.
    QVERIFY2(heard.size() >= 8 && heard.size() < kSent, qPrintable(QString::number(heard.size())));
    for (int i = 0; i < 8; ++i)
        QCOMPARE(heard.at(i), i);
    for (int i = 8; i < heard.size(); ++i)
        QVERIFY(heard.at(i) > heard.at(i - 1));
}

void TestRelayPresence::aDeviceThatLeavesIsSaidToBeGone()
{
    const Identity a = Identity::fresh();
    Peer reader(url());
    VERIFY_PEER(live(reader, a.sibling()), reader);
    {
        Peer quiet(url());
        VERIFY_PEER(live(quiet, a.sibling()), quiet);
        Peer sender(url());
        VERIFY_PEER(live(sender, a), sender);
        sender.send(Presence{{}, randomBytes(64)});
        VERIFY_PEER(reader.expect<Presence>(), reader);
        sender.close();
        // A device that never said where it is leaves without a word.
        quiet.close();
    }
    const auto gone = reader.expect<Presence>();
    VERIFY_PEER(gone && gone->from == a.device && gone->sealed.isEmpty(), reader);
    VERIFY_PEER(reader.quiet(), reader);
}

void TestRelayPresence::malformedNotesAreRefused()
{
    const Identity a = Identity::fresh();
    // Over the size limit: a bad frame.
    {
        Peer p(url());
        VERIFY_PEER(live(p, a), p);
        p.sendRaw(QCborValue(QCborArray{kProtocolVersion, 23, QByteArray(),
                                        QByteArray(limits::kMaxPresenceBytes + 1, 'x')})
                      .toCbor());
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
    // `have` is between nearby devices only.
    {
        Peer p(url());
        VERIFY_PEER(live(p, a), p);
        p.send(Have{{}});
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
    // A presence frame in protocol 6, which has no such message.
    {
        Peer p(url());
        VERIFY_PEER(live(p, a.sibling(), 6), p);
        p.sendRaw(QCborValue(QCborArray{6, 23, QByteArray(), randomBytes(10)}).toCbor());
        VERIFY_PEER(p.refusedWith(ErrorCode::BadFrame), p);
    }
    // Before auth: not yet.
    {
        Peer p(url());
        QVERIFY(p.waitOpen());
        p.send(Hello(a.helloMessage()));
        VERIFY_PEER(p.expect<Challenge>(), p);
        p.send(Presence{{}, randomBytes(10)});
        VERIFY_PEER(p.refusedWith(ErrorCode::NotAuthenticated), p);
    }
}

QTEST_GUILESS_MAIN(TestRelayPresence)
#include "tst_relaypresence.moc"
