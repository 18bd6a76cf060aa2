// Protocol 3's trust rules at a real feedback-relay process (env FEEDBACK_RELAY), spoken to with
// raw frames: certificates admit a device or are refused with their own code while the relay
// goes on serving others; no member can push under another device's origin; kiosks write only
// their own units and read nothing; a revocation closes the revoked device at once and for
// good; every device hears the device list after welcome and when it changes.
#include <QTemporaryDir>

#include <protocol/Revocation.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;

class TestRelayTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void validCertificateIsAdmittedAndListed();
    void badCertificatesAreRefusedWithTheirCode();
    void memberCannotPushUnderAnotherOrigin();
    void kioskWritesOnlyItsOwnUnitsAndReadsNothing();
    void revokeClosesTheDeviceAtOnceAndForGood();
    void revokeOnlyFromAFullDeviceWithAValidRevocation();

private:
    QString url() const { return m_relay->url(); }
    // The keeper, a connection opened before the test, can still push and is acknowledged.
    void keeperIsServed();

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    std::optional<Identity> m_keeperId;
    std::unique_ptr<Peer> m_keeper;
    quint64 m_keeperSeq = 0;
};

void TestRelayTrust::initTestCase()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestRelayTrust::init()
{
    m_keeperId = Identity::fresh();
    m_keeperSeq = 0;
    m_keeper = std::make_unique<Peer>(url());
    VERIFY_PEER(m_keeper->authenticate(*m_keeperId), *m_keeper);
}

void TestRelayTrust::cleanup()
{
    if (!QTest::currentTestFailed())
        keeperIsServed();
    if (QTest::currentTestFailed())
        qWarning("%s", m_relay->describe().constData());
    m_keeper.reset();
}

void TestRelayTrust::keeperIsServed()
{
    QVERIFY2(m_relay->isRunning(), m_relay->describe().constData());
    const auto ack = m_keeper->push({m_keeperId->delta(++m_keeperSeq)});
    VERIFY_PEER(ack && ack->upTo == m_keeperSeq, *m_keeper);
}

void TestRelayTrust::validCertificateIsAdmittedAndListed()
{
    const Identity a = Identity::fresh();
    Peer pa(url());
    VERIFY_PEER(pa.authenticate(a), pa);
    // The key epochs (none), welcome, then at once the list: this device alone, seen now, not
    // revoked.
    QCOMPARE(pa.arrivals(),
             (QList<std::size_t>{Message(Challenge{}).index(), Message(Epochs{}).index(),
                                 Message(Welcome{}).index(), Message(Devices{}).index()}));
    const Devices &mine = *pa.lastDevices();
    QCOMPARE(mine.entries.size(), 1);
    QCOMPARE(mine.entries.first().certificate, a.certificate());
    QVERIFY(mine.entries.first().lastSeenMs > 0);
    QVERIFY(mine.entries.first().revocation.isEmpty());
    // A second device enrols: both are listed to it, and the first hears of it.
    const Identity b = a.sibling();
    Peer pb(url());
    VERIFY_PEER(pb.authenticate(b), pb);
    QCOMPARE(pb.lastDevices()->entries.size(), 2);
    const auto update = pa.nextDevices();
    VERIFY_PEER(update && update->entries.size() == 2, pa);
    QCOMPARE(update->entries.at(1).certificate, b.certificate());
    // A device of another workspace hears nothing of them.
    VERIFY_PEER(m_keeper->pendingDevices() == 0, *m_keeper);
    // Coming back is no enrolment: nobody else is told again.
    Peer again(url());
    VERIFY_PEER(again.authenticate(b), again);
    VERIFY_PEER(pa.quiet() && pa.pendingDevices() == 0, pa);
    // Both can push their own signed units.
    VERIFY_PEER(pa.push({a.delta(1)}), pa);
    VERIFY_PEER(pb.push({b.delta(1)}), pb);
}

void TestRelayTrust::badCertificatesAreRefusedWithTheirCode()
{
    const Identity enrolled = Identity::fresh();
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(enrolled), p);
    }
    const Identity other = Identity::fresh();
    struct Case
    {
        const char *name;
        Hello hello;
        ErrorCode code;
    };
    QList<Case> cases;
    {
        const Identity id = enrolled.sibling();
        Hello h = id.helloMessage();
        h.certificate[h.certificate.size() / 2] ^= 0x01; // one bit flipped
        cases.append({"tampered", h, ErrorCode::AuthFailed});
    }
    {
        // A certificate of another workspace, offered for this one.
        const Identity foreign{other.keys, enrolled.sibling().device};
        Hello h = enrolled.sibling().helloMessage();
        h.device = foreign.device;
        h.certificate = foreign.certificate();
        cases.append({"another workspace", h, ErrorCode::AuthFailed});
    }
    {
        Hello h = enrolled.kiosk().helloMessage();
        h.role = Role::Full;
        cases.append({"kiosk claiming full", h, ErrorCode::Forbidden});
    }
    {
        Identity id = enrolled.sibling();
        id.expiresAtMs = 1000;
        cases.append({"expired", id.helloMessage(), ErrorCode::Expired});
    }
    {
        // The enrolled device id with another key, however well signed.
        Identity id = enrolled;
        id.deviceKeys = DeviceKeyPair::generate();
        cases.append({"another key for an enrolled id", id.helloMessage(), ErrorCode::Forbidden});
    }
    {
        Hello h = enrolled.sibling().helloMessage();
        h.device = randomBytes(16);
        cases.append({"another device's certificate", h, ErrorCode::Forbidden});
    }
    for (const Case &c : cases) {
        Peer p(url());
        QVERIFY(p.waitOpen());
        p.send(c.hello);
        QVERIFY2(p.refusedWith(c.code),
                 QByteArray(QByteArray(c.name) + ": " + p.log()).constData());
        CALL(keeperIsServed());
    }
    // The enrolled device itself still gets in with its own key.
    Peer p(url());
    VERIFY_PEER(p.authenticate(enrolled), p);
    // Its certificate proves nothing without its key: auth by another key fails.
    Peer stolen(url());
    const Identity thief = enrolled.sibling();
    VERIFY_PEER(!stolen.authenticate(enrolled, &thief), stolen);
    VERIFY_PEER(stolen.refusedWith(ErrorCode::AuthFailed), stolen);
}

void TestRelayTrust::memberCannotPushUnderAnotherOrigin()
{
    const Identity victim = Identity::fresh();
    const Identity member = victim.sibling();
    Peer pv(url());
    VERIFY_PEER(pv.authenticate(victim), pv);
    VERIFY_PEER(pv.push({victim.delta(1)}), pv);
    // A valid unit under the victim's origin at its next seq, signed with the member's key.
    Peer pm(url());
    VERIFY_PEER(pm.authenticate(member), pm);
    const SealedDelta forged = member.sign({victim.device, 2, randomBytes(50), 0});
    pm.send(Push{{forged}});
    VERIFY_PEER(pm.refusedWith(ErrorCode::Forbidden), pm);
    // Nor under an origin the relay has never seen.
    Peer unknown(url());
    VERIFY_PEER(unknown.authenticate(member), unknown);
    unknown.send(Push{{member.sign({randomBytes(16), 1, randomBytes(50), 0})}});
    VERIFY_PEER(unknown.refusedWith(ErrorCode::Forbidden), unknown);
    // Nor one forged unit deep in a batch of the victim's own (the relay checks a batch on
    // several threads): the whole push is refused.
    QList<SealedDelta> batch;
    for (quint64 seq = 2; seq < 102; ++seq)
        batch.append(victim.delta(seq));
    batch[77] = member.sign({victim.device, 79, randomBytes(50), 0});
    Peer mixed(url());
    VERIFY_PEER(mixed.authenticate(member), mixed);
    mixed.send(Push{batch});
    const auto refusal = mixed.expect<Error>();
    VERIFY_PEER(refusal && refusal->code == ErrorCode::Forbidden, mixed);
    QVERIFY2(refusal->text.startsWith(u"unit 79 of device"_s), qPrintable(refusal->text));
    // Nothing was stored: the victim goes on at seq 2 and its log holds only its own units.
    const SealedDelta next = victim.delta(2);
    const auto ack = pv.push({next});
    VERIFY_PEER(ack && ack->upTo == 2, pv);
    Peer reader(url());
    const auto welcome = reader.authenticate(victim.sibling());
    VERIFY_PEER(welcome && welcome->head == 2, reader);
    QList<Deltas> frames;
    VERIFY_PEER(reader.pullAll(0, &frames), reader);
    QCOMPARE(frames.size(), 1);
    QCOMPARE(frames.first().deltas.size(), 2);
    QCOMPARE(frames.first().deltas.at(1).sealed, next.sealed);
    // Signatures are stored and served as pushed.
    QCOMPARE(frames.first().deltas.at(1).signature, next.signature);
}

void TestRelayTrust::kioskWritesOnlyItsOwnUnitsAndReadsNothing()
{
    const Identity full = Identity::fresh();
    const Identity kiosk = full.kiosk();
    Peer pf(url());
    VERIFY_PEER(pf.authenticate(full), pf);
    VERIFY_PEER(pf.pullAll(0), pf);
    Peer pk(url());
    VERIFY_PEER(pk.authenticate(kiosk), pk);
    VERIFY_PEER(pf.nextDevices(), pf); // the kiosk enrolled
    // Its own units: stored, and the full device sees them live.
    const auto ack = pk.push(kiosk.deltas(1, 2));
    VERIFY_PEER(ack && ack->upTo == 2, pk);
    VERIFY_PEER(pf.expect<Deltas>() && pf.expect<CaughtUp>(), pf);
    // A full device's units reach it neither live nor confirmed.
    VERIFY_PEER(pf.push({full.delta(1)}) && pf.expect<CaughtUp>(), pf);
    VERIFY_PEER(pk.quiet(), pk);
    // A unit of another origin, validly signed by that origin: forbidden, not stored.
    pk.send(Push{{full.delta(2)}});
    VERIFY_PEER(pk.refusedWith(ErrorCode::Forbidden), pk);
    Peer pull(url());
    VERIFY_PEER(pull.authenticate(kiosk), pull);
    QCOMPARE(pull.lastDevices()->entries.size(), 2);
    pull.send(Pull{0});
    VERIFY_PEER(pull.refusedWith(ErrorCode::Forbidden), pull);
    const auto again = pf.push({full.delta(2)});
    VERIFY_PEER(again && again->upTo == 2, pf);
}

void TestRelayTrust::revokeClosesTheDeviceAtOnceAndForGood()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    const Identity other = desk.sibling();
    Peer pl(url());
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(pl.pullAll(0), pl);
    Peer po(url());
    VERIFY_PEER(po.authenticate(other), po);
    VERIFY_PEER(po.pullAll(0), po);
    Peer pd(url());
    VERIFY_PEER(pd.authenticate(desk), pd);
    VERIFY_PEER(pd.pullAll(0), pd);
    for (Peer *p : {&pl, &po})
        while (p->pendingDevices() > 0)
            (void)p->nextDevices(); // the enrolments so far
    const QByteArray revocation =
        Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), laptop.device, 4242);
    pd.send(Revoke{revocation});
    // The laptop's live connection is closed at once, saying why.
    VERIFY_PEER(pl.refusedWith(ErrorCode::Revoked), pl);
    // Everyone hears the new list, with the revocation beside the laptop's certificate.
    for (Peer *p : {&pd, &po}) {
        const auto list = p->nextDevices();
        VERIFY_PEER(list && list->entries.size() == 3, *p);
        qsizetype revoked = 0;
        for (const DeviceEntry &e : list->entries)
            if (!e.revocation.isEmpty()) {
                ++revoked;
                QCOMPARE(e.certificate, laptop.certificate());
                QCOMPARE(e.revocation, revocation);
            }
        QCOMPARE(revoked, 1);
    }
    // The laptop is refused from then on, also after a restart of the relay.
    Peer back(url());
    QVERIFY(back.waitOpen());
    back.send(laptop.helloMessage());
    VERIFY_PEER(back.refusedWith(ErrorCode::Revoked), back);
    // The others keep syncing: a push of one reaches the other live.
    VERIFY_PEER(pd.push({desk.delta(1)}), pd);
    VERIFY_PEER(po.expect<Deltas>() && po.expect<CaughtUp>(), po);
    // Sending it again stores nothing new; the sender alone hears the list again.
    pd.send(Revoke{revocation});
    VERIFY_PEER(pd.nextDevices(), pd);
    VERIFY_PEER(po.quiet() && po.pendingDevices() == 0, po);
    m_keeper.reset();
    QVERIFY2(m_relay->restart(), m_relay->describe().constData());
    Peer afterRestart(url());
    QVERIFY(afterRestart.waitOpen());
    afterRestart.send(laptop.helloMessage());
    VERIFY_PEER(afterRestart.refusedWith(ErrorCode::Revoked), afterRestart);
    CALL(init()); // a keeper on the restarted relay
}

void TestRelayTrust::revokeOnlyFromAFullDeviceWithAValidRevocation()
{
    const Identity desk = Identity::fresh();
    const Identity kiosk = desk.kiosk();
    const Identity target = desk.sibling();
    Peer pt(url());
    VERIFY_PEER(pt.authenticate(target), pt);
    const QByteArray valid =
        Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), target.device, 1);
    Peer pk(url());
    VERIFY_PEER(pk.authenticate(kiosk), pk);
    pk.send(Revoke{valid}); // a kiosk never revokes, even with a valid revocation
    VERIFY_PEER(pk.refusedWith(ErrorCode::Forbidden), pk);
    const Identity stranger = Identity::fresh();
    QByteArray tampered = valid;
    tampered[tampered.size() - 3] ^= 0x01;
    const QList<QByteArray> invalid = {
        tampered,
        // Signed by another workspace, or naming another workspace.
        Revocation::issue(stranger.keys.signingKey(), stranger.keys.workspaceId(), target.device,
                          1),
        Revocation::issue(desk.keys.signingKey(), stranger.keys.workspaceId(), target.device, 1),
    };
    for (const QByteArray &bytes : invalid) {
        Peer pd(url());
        VERIFY_PEER(pd.authenticate(desk), pd);
        pd.send(Revoke{bytes});
        VERIFY_PEER(pd.refusedWith(ErrorCode::Forbidden), pd);
    }
    // None of them revoked the target.
    VERIFY_PEER(pt.quiet() && !pt.isClosed(), pt);
    VERIFY_PEER(pt.push({target.delta(1)}), pt);
}

QTEST_GUILESS_MAIN(TestRelayTrust)
#include "tst_relaytrust.moc"
