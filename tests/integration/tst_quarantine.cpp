// Changes nobody can read, end to end: a real feedback-relay (env FEEDBACK_RELAY), feedbackctl
// devices (env FEEDBACKCTL) and a hostile member of the workspace speaking the protocol directly
// with the workspace's own key. One bad unit, or a flood of edits of a record that does not
// exist, is set aside on every device, and every device keeps syncing everything else; doctor
// names what was set aside; a unit damaged only on the way is asked for again and applies.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>

#include <support/ClaimedInvite.h>
#include <support/FeedbackCtlRunner.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

#ifndef Q_MOC_RUN
#include <core/BookCodec.h>
#include <store/FeedbackStore.h>
#include <store/RowSealer.h>
#include <support/HostileUnits.h>
#include <support/RawDatabase.h>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/InviteCode.h>
#include <sync/SyncClient.h>
#endif

using namespace feedback;
using namespace feedback::test;

namespace {

NewFeedback rating(const QString &order, int stars)
{
    NewFeedback f;
    f.orderId = order;
    f.courierId = 31;
    f.rating = stars;
    return f;
}

// A member of the workspace that speaks the protocol itself: its own book and device id.
struct Member
{
    Identity id;
    FeedbackBook book;

    explicit Member(const WorkspaceKeys &keys)
        : id{keys}
        , book(*store::RowSealer::replicaFromBytes(id.device))
    {}
    SealedDelta sealed(const BookDelta &delta, quint64 seq) const
    {
        return {id.device, seq, id.keys.seal(*BookCodec::encodeDelta(delta), id.device, seq), 0};
    }
};

} // namespace

#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

class TestQuarantine : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void hostileUnitsStopNoOtherDevice();
    void unitDamagedOnTheRelayIsAskedForAgainAndApplies();
    void floodOfEditsOfAMissingRecordIsBoundedAndComesBack();

private:
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(m_tmp->filePath(name), args);
    }
    void makeWorkspace(const QStringList &names);
    void syncOk(const QString &name);
    void orders(const QString &name, QStringList &out);
    void quarantined(const QString &name, int &out);
    // The workspace keys, as any member holds them (from an invite code).
    void memberKeys(std::optional<WorkspaceKeys> &out);
    void push(const Identity &id, const QList<SealedDelta> &units);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestQuarantine::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
}

void TestQuarantine::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestQuarantine::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestQuarantine::makeWorkspace(const QStringList &names)
{
    VERIFY_RUN(
        ctl(names.first(), {u"init"_s, u"--name"_s, names.first(), u"--relay"_s, m_relay->url()}));
    const FeedbackCtlRun invite =
        ctl(names.first(),
            {u"invite"_s, u"--uses"_s, QString::number(std::max<qsizetype>(1, names.size() - 1))});
    VERIFY_RUN(invite);
    for (const QString &name : names.mid(1))
        VERIFY_RUN(ctl(name, {u"join"_s, invite.lastLine(), u"--name"_s, name}));
}

void TestQuarantine::syncOk(const QString &name)
{
    const FeedbackCtlRun r = ctl(name, {u"sync"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
}

void TestQuarantine::orders(const QString &name, QStringList &out)
{
    const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out.clear();
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        out.append(v[u"orderId"_s].toString() + u':' + QString::number(v[u"rating"_s].toInt()));
    out.sort();
}

void TestQuarantine::quarantined(const QString &name, int &out)
{
    const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    const QJsonObject status = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY2(status.contains(u"quarantined"_s), r.describe().constData());
    out = status[u"quarantined"_s].toInt();
}

void TestQuarantine::memberKeys(std::optional<WorkspaceKeys> &out)
{
    const FeedbackCtlRun invite = ctl(u"A"_s, {u"invite"_s});
    VERIFY_RUN(invite);
    const auto decoded = test::claimedInvite(invite.lastLine());
    QVERIFY2(decoded, qPrintable(decoded.error()));
    out = *WorkspaceKeys::fromSecret(decoded->secret);
}

void TestQuarantine::push(const Identity &id, const QList<SealedDelta> &units)
{
    Peer peer(m_relay->url());
    VERIFY_PEER(peer.authenticate(id), peer);
    QList<SealedDelta> signedUnits;
    for (const SealedDelta &unit : units)
        signedUnits.append(id.sign(unit));
    const auto ack = peer.push(signedUnits);
    VERIFY_PEER(ack && ack->upTo == units.last().lastSeq(), peer);
}

// A member pushes, among good records, one unit that opens but does not decode and one group
// whose body is no group; then it edits a record of the unreadable unit. The others push after
// it. Every device receives every other record, sets the two units aside (asking the relay for
// the needed one again, once), names them in doctor, and syncs on without a loop.
void TestQuarantine::hostileUnitsStopNoOtherDevice()
{
    CALL(makeWorkspace({u"A"_s, u"B"_s, u"C"_s}));
    std::optional<WorkspaceKeys> keys;
    CALL(memberKeys(keys));
    VERIFY_RUN(ctl(u"A"_s, {u"submit"_s, u"--order"_s, u"A-1"_s, u"--courier"_s, u"1"_s,
                            u"--rating"_s, u"5"_s}));
    CALL(syncOk(u"A"_s));

    Member hostile(*keys);
    const QByteArray origin = hostile.id.device;
    QList<BookDelta> created;
    for (int i = 1; i <= 5; ++i)
        created.append(*hostile.book.create(rating(u"H-%1"_s.arg(i), 4)));
    FeedbackEdit edit;
    edit.rating = 1;
    const BookDelta editOfTwo = *hostile.book.edit(RecordId{hostile.book.replica(), 2}, edit);
    CALL(push(hostile.id, {hostile.sealed(created[0], 1),
                           {origin, 2, testsupport::undecodableDelta(*keys, origin, 2), 0},
                           {origin, 3, testsupport::badGroupBody(*keys, origin, 3, 2), 0, 2},
                           hostile.sealed(created[4], 5),
                           hostile.sealed(editOfTwo, 6)}));
    VERIFY_RUN(ctl(u"B"_s, {u"submit"_s, u"--order"_s, u"B-1"_s, u"--courier"_s, u"2"_s,
                            u"--rating"_s, u"3"_s}));
    CALL(syncOk(u"B"_s));

    const QStringList expected{u"A-1:5"_s, u"B-1:3"_s, u"H-1:4"_s, u"H-5:4"_s};
    for (const QString &device : {u"A"_s, u"C"_s, u"B"_s}) {
        CALL(syncOk(device));
        QStringList got;
        CALL(orders(device, got));
        QCOMPARE(got, expected);
        int aside = 0;
        CALL(quarantined(device, aside));
        QCOMPARE(aside, 2);
        const FeedbackCtlRun doctor = ctl(device, {u"doctor"_s});
        QVERIFY2(doctor.code == 1, doctor.describe().constData());
        const QString hex = QString::fromLatin1(origin.toHex());
        // The unreadable unit (an edit waited for it: asked for again, once) and the group.
        QVERIFY2(
            doctor.out.contains(u"quarantined: position "_s) &&
                doctor.out.contains(u"origin %1, seq 2: asked the relay again: a delta does "
                                    "not decode"_s.arg(hex)) &&
                doctor.out.contains(u"origin %1, seqs 3..4: a delta group is damaged"_s.arg(hex)),
            doctor.describe().constData());
        QVERIFY2(!doctor.out.contains(u"H-2"_s), doctor.describe().constData());
        // No loop: the next sync is up to date at once and asks for nothing again.
        CALL(syncOk(device));
    }
    QVERIFY(m_relay->isRunning());
}

// The relay's copy of a unit is damaged when a device first reads it (a bad disk read), then
// good again. When the writer's next change needs it, the device asks for it again and it
// applies: nothing is left aside.
void TestQuarantine::unitDamagedOnTheRelayIsAskedForAgainAndApplies()
{
    CALL(makeWorkspace({u"A"_s, u"B"_s}));
    CALL(syncOk(u"B"_s));
    std::optional<WorkspaceKeys> keys;
    CALL(memberKeys(keys));
    Member writer(*keys);
    const SealedDelta creation = writer.sealed(*writer.book.create(rating(u"W-1"_s, 4)), 1);
    CALL(push(writer.id, {creation}));

    auto relayDb = m_relay->openStorage();
    QVERIFY2(relayDb->isOpen(), relayDb->describe().constData());
    const auto setSealed = [&relayDb, &writer](const QByteArray &sealed) {
        return relayDb->exec(u"UPDATE deltas SET sealed = ? WHERE seq = 1 AND origin = (SELECT "
                             "id FROM origins WHERE key = ?)"_s,
                             {sealed, writer.id.device}) &&
               relayDb->changes() == 1;
    };
    QVERIFY(setSealed(testsupport::tampered(creation.sealed)));
    CALL(syncOk(u"B"_s));
    int aside = 0;
    CALL(quarantined(u"B"_s, aside));
    QCOMPARE(aside, 1);
    QVERIFY(setSealed(creation.sealed));
    relayDb.reset();

    FeedbackEdit edit;
    edit.rating = 2;
    CALL(push(writer.id,
              {writer.sealed(*writer.book.edit(RecordId{writer.book.replica(), 1}, edit), 2)}));
    CALL(syncOk(u"B"_s));
    QStringList got;
    CALL(orders(u"B"_s, got));
    QCOMPARE(got, QStringList{u"W-1:2"_s});
    CALL(quarantined(u"B"_s, aside));
    QCOMPARE(aside, 0);
    const FeedbackCtlRun doctor = ctl(u"B"_s, {u"doctor"_s});
    QVERIFY2(doctor.ok(), doctor.describe().constData());
}

// One member edits a record nobody has, many times (the record's creation by another member was
// never pushed). A device whose deferred queue holds 4 per origin sets the rest aside and keeps
// syncing everyone else, live; when the creation finally arrives, every edit applies.
void TestQuarantine::floodOfEditsOfAMissingRecordIsBoundedAndComesBack()
{
    const QByteArray secret = sync::WorkspaceKeys::newSecret();
    const Identity workspace{*sync::WorkspaceKeys::fromSecret(secret)};
    store::FeedbackStore::Options bounded;
    bounded.maxDeferredPerOrigin = 4;
    auto opened = store::FeedbackStore::open(m_tmp->filePath(u"device.db"_s),
                                             store::SecretKey::random(), std::move(bounded));
    QVERIFY2(opened, qPrintable(opened.error()));
    std::unique_ptr<store::FeedbackStore> device = std::move(*opened);
    const store::Profile profile(m_tmp->filePath(u"device"_s));
    QVERIFY(sync::enrol(profile, *device, {m_relay->url(), secret}, u"device"_s));
    sync::ClientSetup setup = sync::ClientSetup::of(profile, *device);
    QCOMPARE(setup.refusal(), sync::ClientSetup::Refusal::None);
    const std::unique_ptr<sync::SyncClient> owned(setup.create(*device, nullptr));
    sync::SyncClient &client = *owned;

    Member creator(workspace.keys);
    Member flood(workspace.keys);
    Member other(workspace.keys);
    const BookDelta creation = *creator.book.create(rating(u"LATE-1"_s, 3));
    const RecordId missing = *creation.minted.begin();
    flood.book.apply(creation);
    QList<QByteArray> edits;
    FeedbackEdit edit;
    for (int i = 1; i <= 30; ++i) {
        edit.rating = i % 5 + 1;
        edits.append(*BookCodec::encodeDelta(*flood.book.edit(missing, edit)));
    }
    const int lastRating = edit.rating.value();
    CALL(push(flood.id,
              {{flood.id.device, 1, workspace.keys.sealGroup(edits, flood.id.device, 1), 0, 30}}));
    CALL(push(other.id, {other.sealed(*other.book.create(rating(u"O-1"_s, 5)), 1)}));

    client.start();
    QTRY_COMPARE_WITH_TIMEOUT(client.session().state(), sync::SyncState::UpToDate, kWaitMs);
    QCOMPARE(device->book().size(), std::size_t{1}); // the other member's record
    QCOMPARE(device->book().deferredCount(), std::size_t{4});
    QCOMPARE(device->quarantinedCount(), 26);
    // Live changes of every member go on arriving, the flooding one's included.
    CALL(push(other.id, {other.sealed(*other.book.create(rating(u"O-2"_s, 5)), 2)}));
    CALL(push(flood.id, {flood.sealed(*flood.book.create(rating(u"F-1"_s, 2)), 31)}));
    QTRY_COMPARE_WITH_TIMEOUT(device->book().size(), std::size_t{3}, kWaitMs);
    QCOMPARE(client.session().state(), sync::SyncState::UpToDate);

    CALL(push(creator.id, {creator.sealed(creation, 1)}));
    QTRY_COMPARE_WITH_TIMEOUT(device->book().size(), std::size_t{4}, kWaitMs);
    QCOMPARE(device->book().view(missing)->rating, lastRating);
    QCOMPARE(device->book().deferredCount(), std::size_t{0});
    QCOMPARE(device->quarantinedCount(), 0);
    client.stop();
}

QTEST_GUILESS_MAIN(TestQuarantine)
#include "tst_quarantine.moc"
