// Key epochs (protocol 5) at a real feedback-relay process, spoken to with raw frames: the
// chain comes before every welcome with the device's own envelope; a rotation reaches every
// connection of the workspace, each with the secret sealed to its own key; from then on the relay
// enrols devices, and takes revocations, only under the latest authority, serves only version
// 5, and has cancelled the invites made before. Rotations that come too late, miss a device, shut
// out a device that is not revoked or come from a kiosk are answered or refused, and nothing is
// stored; a damaged epoch row is never served.
#include <QDateTime>
#include <QTemporaryDir>

#include <protocol/EpochStatement.h>
#include <protocol/Revocation.h>
#include <support/RawDatabase.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;

namespace {

// The rotation that shuts `excluded` out: a new secret, `next` its keys (from `current`), the
// statement signed by `current`'s latest authority, the secret sealed to each of `remaining`.
struct Rotation
{
    QByteArray secret = WorkspaceKeys::newSecret();
    WorkspaceKeys next;
    Rotate frame;
};

Rotation rotation(const WorkspaceKeys &current, const QList<QByteArray> &excluded,
                  const QList<const Identity *> &remaining)
{
    Rotation r{WorkspaceKeys::newSecret(), current, {}};
    const quint64 epoch = current.epoch() + 1;
    [[maybe_unused]] const feedback::Status added = r.next.addEpochSecret(epoch, r.secret);
    EpochStatement fields;
    fields.workspace = current.workspaceId();
    fields.epoch = epoch;
    fields.authority = r.next.authority();
    fields.boxKey = r.next.boxPublicKey();
    fields.issuedAtMs = QDateTime::currentMSecsSinceEpoch();
    fields.excluded = excluded;
    r.frame.statement = EpochStatement::issue(current.signingKey(), fields);
    for (const Identity *id : remaining)
        r.frame.keys.append({id->device, epochenvelope::seal(r.secret, id->deviceKeys.publicKey)});
    return r;
}

} // namespace

class TestRelayEpochs : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void epochsComeBeforeWelcomeInVersionFive();
    void rotationReachesEveryDeviceAndChangesWhoMayEnrol();
    void rotationsTooLateIncompleteOrForbidden();
    void damagedEpochRowIsNeverServed();

private:
    QString url() const { return m_relay->url(); }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelayEpochs::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestRelayEpochs::cleanup()
{
    if (QTest::currentTestFailed())
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestRelayEpochs::epochsComeBeforeWelcomeInVersionFive()
{
    const Identity desk = Identity::fresh();
    Peer five(url());
    VERIFY_PEER(five.authenticate(desk), five);
    QCOMPARE(five.arrivals(),
             (QList<std::size_t>{Message(Challenge{}).index(), Message(Epochs{}).index(),
                                 Message(Welcome{}).index(), Message(Devices{}).index()}));
    VERIFY_PEER(five.lastEpochs() && five.lastEpochs()->entries.isEmpty(), five);
    // Version 4 knows no epochs: it hears none, as before.
    Peer four(url());
    four.speak(4);
    VERIFY_PEER(four.authenticate(desk.sibling()), four);
    QCOMPARE(four.pendingEpochs(), 0);
    QVERIFY(!four.arrivals().contains(Message(Epochs{}).index()));
}

void TestRelayEpochs::rotationReachesEveryDeviceAndChangesWhoMayEnrol()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    const Identity office = desk.sibling();
    const Identity kiosk = desk.kiosk();
    Peer pd(url()), pl(url()), po(url()), pk(url()), older(url());
    older.speak(4); // a device not updated yet: served until the keys change
    VERIFY_PEER(older.authenticate(desk.kiosk()), older); // a kiosk: no envelope is due it
    VERIFY_PEER(pd.authenticate(desk), pd);
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(po.authenticate(office), po);
    VERIFY_PEER(pk.authenticate(kiosk), pk);
    // An invite held before the rotation: its envelope holds the old keys.
    const QByteArray inviteId = randomBytes(32);
    pd.send(Invite{inviteId,
                   static_cast<quint64>(QDateTime::currentMSecsSinceEpoch()) + 3600000,
                   1,
                   {randomBytes(100)},
                   {}});
    VERIFY_PEER(pd.expect<Invited>(), pd);

    pd.send(Revoke{
        Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), laptop.device, 1)});
    VERIFY_PEER(pl.refusedWith(ErrorCode::Revoked), pl);
    const Rotation r = rotation(desk.keys, {laptop.device}, {&desk, &office});
    pd.send(r.frame);
    // Each full device opens the secret with its own key; the kiosk gets the statement alone.
    for (auto [peer, id] : {std::pair{&pd, &desk}, std::pair{&po, &office}}) {
        const auto epochs = peer->nextEpochs();
        VERIFY_PEER(epochs && epochs->entries.size() == 1, *peer);
        QCOMPARE(epochs->entries.first().statement, r.frame.statement);
        QCOMPARE(epochenvelope::open(epochs->entries.first().envelope, id->deviceKeys.secretKey),
                 r.secret);
    }
    VERIFY_PEER(older.refusedWith(ErrorCode::UpdateRequired), older);
    const auto kioskEpochs = pk.nextEpochs();
    VERIFY_PEER(kioskEpochs && kioskEpochs->entries.size() == 1 &&
                    kioskEpochs->entries.first().envelope.isEmpty(),
                pk);

    // Version 4 is no longer served here; the laptop stays out.
    Peer four(url());
    four.speak(4);
    VERIFY_PEER(four.hello(desk) == false && four.refusedWith(ErrorCode::UpdateRequired), four);
    Peer back(url());
    VERIFY_PEER(back.waitOpen(), back);
    back.send(laptop.helloMessage());
    VERIFY_PEER(back.refusedWith(ErrorCode::Revoked), back);

    // A new device certified by the old authority (which the laptop holds) is refused; by the
    // new one it is enrolled, and comes back to its own chain.
    Peer forged(url());
    VERIFY_PEER(forged.waitOpen(), forged);
    forged.send(Identity{desk.keys}.helloMessage());
    VERIFY_PEER(forged.refusedWith(ErrorCode::Forbidden), forged);
    const Identity newcomer{r.next};
    Peer pn(url());
    VERIFY_PEER(pn.authenticate(newcomer), pn);
    const auto newcomerEpochs = pn.lastEpochs();
    VERIFY_PEER(newcomerEpochs && newcomerEpochs->entries.size() == 1 &&
                    newcomerEpochs->entries.first().envelope.isEmpty(),
                pn);
    // The desk comes back with the certificate it was enrolled with, and its envelope.
    Peer again(url());
    VERIFY_PEER(again.authenticate(desk), again);
    const auto deskAgain = again.lastEpochs();
    VERIFY_PEER(deskAgain && deskAgain->entries.size() == 1, again);
    QCOMPARE(epochenvelope::open(deskAgain->entries.first().envelope, desk.deviceKeys.secretKey),
             r.secret);

    // Revocations only from the latest authority.
    again.send(Revoke{
        Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), newcomer.device, 2)});
    VERIFY_PEER(again.refusedWith(ErrorCode::Forbidden), again);
    po.send(Revoke{
        Revocation::issue(r.next.signingKey(), desk.keys.workspaceId(), newcomer.device, 3)});
    VERIFY_PEER(pn.refusedWith(ErrorCode::Revoked), pn);

    // The invite made before was cancelled with the rotation.
    Peer claimer(url());
    VERIFY_PEER(claimer.waitOpen(), claimer);
    claimer.send(Claim{inviteId});
    VERIFY_PEER(claimer.refusedWith(ErrorCode::Revoked), claimer);
}

void TestRelayEpochs::rotationsTooLateIncompleteOrForbidden()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    const Identity office = desk.sibling();
    const Identity kiosk = desk.kiosk();
    Peer pd(url()), pl(url()), po(url());
    VERIFY_PEER(pd.authenticate(desk), pd);
    VERIFY_PEER(pl.authenticate(laptop), pl);
    VERIFY_PEER(po.authenticate(office), po);
    {
        Peer pk(url());
        VERIFY_PEER(pk.authenticate(kiosk), pk);
        pk.send(rotation(desk.keys, {}, {&desk, &laptop, &office}).frame);
        VERIFY_PEER(pk.refusedWith(ErrorCode::Forbidden), pk);
    }
    // The laptop is not revoked: it may not be shut out.
    {
        Peer p(url());
        VERIFY_PEER(p.authenticate(office), p);
        p.send(rotation(desk.keys, {laptop.device}, {&desk, &office}).frame);
        VERIFY_PEER(p.refusedWith(ErrorCode::Forbidden), p);
    }
    pd.send(Revoke{
        Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), laptop.device, 1)});
    VERIFY_PEER(pl.refusedWith(ErrorCode::Revoked), pl);
    VERIFY_PEER(pd.nextDevices() && po.nextDevices(), pd);

    // The office gets no envelope: the desk hears the list and the chain (still empty), nothing
    // is stored, and the connection stays.
    pd.send(rotation(desk.keys, {laptop.device}, {&desk}).frame);
    VERIFY_PEER(pd.nextDevices(), pd);
    const auto unchanged = pd.nextEpochs();
    VERIFY_PEER(unchanged && unchanged->entries.isEmpty(), pd);
    VERIFY_PEER(po.quiet() && po.pendingEpochs() == 0, po);

    // The office rotates first; the desk's rotation of the same epoch comes too late.
    const Rotation first = rotation(desk.keys, {laptop.device}, {&desk, &office});
    po.send(first.frame);
    VERIFY_PEER(po.nextEpochs(), po);
    VERIFY_PEER(pd.nextEpochs(), pd);
    pd.send(rotation(desk.keys, {laptop.device}, {&desk, &office}).frame);
    const auto late = pd.nextEpochs();
    VERIFY_PEER(late && late->entries.size() == 1 &&
                    late->entries.first().statement == first.frame.statement,
                pd);
    VERIFY_PEER(pd.nextDevices(), pd);
    VERIFY_PEER(pd.push({desk.delta(1)}), pd);
    // A next epoch signed by the old authority (the laptop's) is forbidden.
    const Identity laptopHeld{desk.keys};
    Rotation forged = rotation(first.next, {}, {&desk, &office});
    EpochStatement fields = *EpochStatement::verify(forged.frame.statement, desk.keys.workspaceId(),
                                                    first.next.authority());
    forged.frame.statement = EpochStatement::issue(laptopHeld.keys.signingKey(), fields);
    pd.send(forged.frame);
    VERIFY_PEER(pd.refusedWith(ErrorCode::Forbidden), pd);
}

void TestRelayEpochs::damagedEpochRowIsNeverServed()
{
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    {
        Peer pd(url()), pl(url());
        VERIFY_PEER(pd.authenticate(desk), pd);
        VERIFY_PEER(pl.authenticate(laptop), pl);
        pd.send(Revoke{
            Revocation::issue(desk.keys.signingKey(), desk.keys.workspaceId(), laptop.device, 1)});
        VERIFY_PEER(pl.refusedWith(ErrorCode::Revoked), pl);
        pd.send(rotation(desk.keys, {laptop.device}, {&desk}).frame);
        VERIFY_PEER(pd.nextEpochs(), pd);
    }
    m_relay->kill();
    {
        const auto db = m_relay->openStorage();
        QVERIFY2(db->exec(u"UPDATE epochs SET statement = ?"_s, {randomBytes(200)}),
                 db->describe().constData());
    }
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    Peer pd(url());
    VERIFY_PEER(pd.hello(desk) == false && pd.refusedWith(ErrorCode::Internal), pd);
    // Other workspaces are served.
    Peer other(url());
    VERIFY_PEER(other.authenticate(Identity::fresh()), other);
}

QTEST_GUILESS_MAIN(TestRelayEpochs)
#include "tst_relayepochs.moc"
