// Admission control against real relay processes (env FEEDBACK_RELAY, FEEDBACKCTL): a relay
// without --open serves only the workspaces its operator admitted (`feedback-relay admit`, read
// at every hello, so while it runs), and those it served before; what a stranger inventing
// workspace keys can still make it store is nothing. Each workspace stores at most its quota and
// holds at most its share of the connections. Before, any made-up key got a relay to store
// 58 MiB in 2.5 s and every connection slot.
#include <QDir>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>

#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>
#include <sys/stat.h>
#include <unistd.h>

using namespace feedback::test;

namespace {

QString hexOf(const Identity &id)
{
    return QString::fromLatin1(id.keys.workspaceId().toHex());
}

} // namespace

class TestRelayAdmission : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void closedRelayServesOnlyAdmittedWorkspaces();
    void strangersStoreNothingOnAClosedRelay();
    void anOpenRelayKeepsServingWhatItServed();
    void aWorkspaceStoresAtMostItsQuota();
    void aWorkspaceHoldsAtMostItsConnections();
    void feedbackctlSaysWhomToAskAndSyncsOnceAdmitted();
    void admitAsRootLeavesTheFilesToTheDirectorysOwner();
    void admitRefusesWhatIsNotAWorkspaceId();

private:
    bool startRelay(bool open, const QStringList &args = {});
    AdmitRun admit(const QStringList &args);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelayAdmission::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
}

void TestRelayAdmission::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
}

bool TestRelayAdmission::startRelay(bool open, const QStringList &args)
{
    // A stopped relay (or the one `admit` made) starts again on its storage: on PostgreSQL
    // another RelayProcess would get a database of its own.
    if (!m_relay || m_relay->isRunning() || !args.isEmpty())
        m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s), args);
    m_relay->setOpen(open);
    return m_relay->start();
}

// `feedback-relay admit` on the relay's storage, run while the relay may be running.
AdmitRun TestRelayAdmission::admit(const QStringList &args)
{
    if (!m_relay)
        m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    return m_relay->admit(args);
}

// A closed relay refuses a workspace at hello until it is admitted, serves it at once after
// `admit` (no restart), stops after `admit --remove` and keeps what it stored for a later admit.
void TestRelayAdmission::closedRelayServesOnlyAdmittedWorkspaces()
{
    QVERIFY2(startRelay(false), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    {
        Peer refused(m_relay->url());
        QVERIFY(!refused.hello(id));
        VERIFY_PEER(refused.refusedWith(ErrorCode::NotAdmitted), refused);
    }
    const AdmitRun added = admit({hexOf(id)});
    QVERIFY2(added.code == 0 && added.out.contains(u"admitted "_s + hexOf(id)), added.describe());
    Peer device(m_relay->url());
    VERIFY_PEER(device.authenticate(id), device);
    const auto ack = device.push(id.deltas(1, 5));
    VERIFY_PEER(ack && ack->upTo == 5, device);
    // Another made-up workspace is still refused.
    Peer stranger(m_relay->url());
    QVERIFY(!stranger.hello(Identity::fresh()));
    VERIFY_PEER(stranger.refusedWith(ErrorCode::NotAdmitted), stranger);

    const AdmitRun listed = admit({u"--list"_s});
    QCOMPARE(listed.code, 0);
    QCOMPARE(listed.out.count(
                 QRegularExpression(u"^[0-9a-f]{64} "_s, QRegularExpression::MultilineOption)),
             1);
    QVERIFY2(listed.out.startsWith(hexOf(id)), listed.describe());

    const AdmitRun removed = admit({u"--remove"_s, hexOf(id)});
    QVERIFY2(removed.code == 0 && removed.out.contains(u"removed"_s), removed.describe());
    Peer afterRemoval(m_relay->url());
    QVERIFY(!afterRemoval.hello(id.sibling()));
    VERIFY_PEER(afterRemoval.refusedWith(ErrorCode::NotAdmitted), afterRemoval);
    QVERIFY(m_relay->restart());
    Peer afterRestart(m_relay->url());
    QVERIFY(!afterRestart.hello(id));
    VERIFY_PEER(afterRestart.refusedWith(ErrorCode::NotAdmitted), afterRestart);
    // Admitted again: nothing it stored was lost.
    QCOMPARE(admit({hexOf(id)}).code, 0);
    Peer again(m_relay->url());
    const auto welcome = again.authenticate(id.sibling());
    VERIFY_PEER(welcome && welcome->head == 5, again);
}

// The hostile client of the limits tests, inventing a workspace per connection: every hello is
// refused, and the relay stores no workspace, device or unit of theirs; the admitted workspace is
// served throughout.
void TestRelayAdmission::strangersStoreNothingOnAClosedRelay()
{
    QVERIFY2(startRelay(false), m_relay->describe().constData());
    const Identity member = Identity::fresh();
    QCOMPARE(admit({hexOf(member)}).code, 0);
    Peer device(m_relay->url());
    VERIFY_PEER(device.authenticate(member), device);
    for (int i = 0; i < 40; ++i) {
        const Identity invented = Identity::fresh();
        Peer stranger(m_relay->url());
        QVERIFY(stranger.waitOpen());
        // Hello and a push straight after, without waiting for a challenge.
        stranger.send(invented.helloMessage());
        stranger.send(Push{invented.deltas(1, 8, 4096)});
        VERIFY_PEER(stranger.refusedWith(ErrorCode::NotAdmitted), stranger);
        const auto ack = device.push(member.deltas(quint64(i) + 1, quint64(i) + 1));
        VERIFY_PEER(ack && ack->upTo == quint64(i) + 1, device);
    }
    QVERIFY(m_relay->terminate());
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM workspaces"_s).toInt(), 1);
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM devices"_s).toInt(), 1);
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM deltas"_s).toInt(), 40);
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admitted"_s).toInt(), 1);
}

// An --open relay admits each workspace at its first auth: started without --open later, it
// still serves them, and only them.
void TestRelayAdmission::anOpenRelayKeepsServingWhatItServed()
{
    QVERIFY2(startRelay(true), m_relay->describe().constData());
    const Identity id = Identity::fresh();
    {
        Peer device(m_relay->url());
        VERIFY_PEER(device.authenticate(id), device);
        VERIFY_PEER(device.push(id.deltas(1, 3)), device);
    }
    QVERIFY(m_relay->terminate());
    QVERIFY2(startRelay(false), m_relay->describe().constData());
    Peer device(m_relay->url());
    const auto welcome = device.authenticate(id);
    VERIFY_PEER(welcome && welcome->head == 3, device);
    Peer stranger(m_relay->url());
    QVERIFY(!stranger.hello(Identity::fresh()));
    VERIFY_PEER(stranger.refusedWith(ErrorCode::NotAdmitted), stranger);
}

// A quota of 1 MiB: pushes are acknowledged until the next would pass it, that one is refused
// with over-quota and nothing of it is stored; another workspace is not affected; after a restart
// (the count measured again from disk) the workspace is still full.
void TestRelayAdmission::aWorkspaceStoresAtMostItsQuota()
{
    QVERIFY2(startRelay(true, {u"--workspace-quota-mb"_s, u"1"_s}),
             m_relay->describe().constData());
    const Identity id = Identity::fresh();
    constexpr qsizetype kUnitBytes = 16 * 1024;
    quint64 acked = 0;
    {
        Peer writer(m_relay->url());
        VERIFY_PEER(writer.authenticate(id), writer);
        // 8 units (128 KiB) a push: the ninth would pass 1 MiB.
        for (int push = 0; push < 20; ++push) {
            writer.send(Push{id.deltas(acked + 1, acked + 8, kUnitBytes)});
            const auto ack = writer.expect<Ack>();
            if (!ack)
                break;
            acked = ack->upTo;
        }
        VERIFY_PEER(writer.refusedWith(ErrorCode::OverQuota), writer);
    }
    QCOMPARE(acked, quint64(64)); // 8 pushes of 128 KiB make exactly 1 MiB
    Peer reader(m_relay->url());
    const auto welcome = reader.authenticate(id.sibling());
    VERIFY_PEER(welcome && welcome->head == acked, reader);
    reader.close();

    const Identity other = Identity::fresh();
    Peer neighbour(m_relay->url());
    VERIFY_PEER(neighbour.authenticate(other), neighbour);
    VERIFY_PEER(neighbour.push(other.deltas(1, 8, kUnitBytes)), neighbour);
    neighbour.close();

    QVERIFY(m_relay->restart());
    Peer writer(m_relay->url());
    VERIFY_PEER(writer.authenticate(id), writer);
    writer.send(Push{id.deltas(acked + 1, acked + 8, kUnitBytes)});
    VERIFY_PEER(writer.refusedWith(ErrorCode::OverQuota), writer);
}

// Three connections per workspace: the fourth device of it is told `busy` at auth, a device of
// another workspace is served, and once one of the three leaves the fourth gets in.
void TestRelayAdmission::aWorkspaceHoldsAtMostItsConnections()
{
    QVERIFY2(startRelay(true, {u"--max-connections-per-workspace"_s, u"3"_s}),
             m_relay->describe().constData());
    const Identity first = Identity::fresh();
    std::vector<std::unique_ptr<Peer>> held;
    for (int i = 0; i < 3; ++i) {
        held.push_back(std::make_unique<Peer>(m_relay->url()));
        VERIFY_PEER(held.back()->authenticate(i == 0 ? first : first.sibling()), *held.back());
    }
    const Identity fourth = first.sibling();
    {
        Peer refused(m_relay->url());
        QVERIFY(!refused.authenticate(fourth));
        VERIFY_PEER(refused.refusedWith(ErrorCode::Busy), refused);
    }
    Peer elsewhere(m_relay->url());
    VERIFY_PEER(elsewhere.authenticate(Identity::fresh()), elsewhere);
    held.front()->close();
    QVERIFY(held.front()->waitClosed());
    // The relay hears of the close in its own time: the fourth tries until it is let in.
    QTRY_VERIFY_WITH_TIMEOUT(Peer(m_relay->url()).authenticate(fourth).has_value(), kWaitMs);
}

// feedbackctl against a closed relay: the sync fails saying what to ask the operator (with the
// workspace's id, as `status` shows it); once admitted, the same profile syncs what it kept.
void TestRelayAdmission::feedbackctlSaysWhomToAskAndSyncsOnceAdmitted()
{
    QVERIFY2(startRelay(false), m_relay->describe().constData());
    const QString profile = m_tmp->filePath(u"desk"_s);
    const auto ctl = [&profile](const QStringList &args) {
        return FeedbackCtlRunner::run(profile, args);
    };
    QVERIFY(ctl({u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()}).ok());
    const FeedbackCtlRun submit =
        ctl({u"submit"_s, u"--order"_s, u"A-1"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"5"_s});
    QVERIFY2(submit.ok(), submit.describe().constData());
    const FeedbackCtlRun status = ctl({u"status"_s});
    const QRegularExpressionMatch id =
        QRegularExpression(u"workspace: +([0-9a-f]{64})"_s).match(status.out);
    QVERIFY2(id.hasMatch(), status.describe().constData());

    const FeedbackCtlRun refused = ctl({u"sync"_s, u"--timeout"_s, u"30"_s});
    QVERIFY(!refused.ok());
    QVERIFY2(refused.err.contains(u"not-admitted"_s) &&
                 refused.err.contains(u"feedback-relay admit "_s + id.captured(1)),
             refused.describe().constData());
    QCOMPARE(admit({id.captured(1)}).code, 0);
    const FeedbackCtlRun synced = ctl({u"sync"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(synced.ok(), synced.describe().constData());
    const FeedbackCtlRun after = ctl({u"status"_s});
    QVERIFY2(QRegularExpression(u"pending: +0\\n"_s).match(after.out).hasMatch(),
             after.describe().constData());
}

// Root admitting on the data directory of a relay that runs as another user (the unit's
// dynamic user): relay.db, created by this run, belongs to the directory's owner, not to root.
void TestRelayAdmission::admitAsRootLeavesTheFilesToTheDirectorysOwner()
{
    if (::geteuid() != 0)
        QSKIP("needs root");
    if (RelayProcess::onPostgres())
        QSKIP("relay.db's owner: SQLite only");
    const QString dir = m_tmp->filePath(u"relay-data"_s);
    QVERIFY(QDir().mkpath(dir));
    constexpr uid_t kNobody = 65534;
    QCOMPARE(::chown(QFile::encodeName(dir).constData(), kNobody, kNobody), 0);
    const AdmitRun added = admit({QString(64, u'b')});
    QVERIFY2(added.code == 0, added.describe());
    struct stat db = {};
    QCOMPARE(::stat(QFile::encodeName(dir + u"/relay.db"_s).constData(), &db), 0);
    QCOMPARE(db.st_uid, kNobody);
}

void TestRelayAdmission::admitRefusesWhatIsNotAWorkspaceId()
{
    const QString good = QString(64, u'a');
    const AdmitRun wrong = admit({good, u"not-an-id"_s});
    QCOMPARE(wrong.code, 2);
    QVERIFY2(wrong.err.contains(u"not a workspace id"_s), wrong.describe());
    // Nothing of the run was kept, the good id neither.
    const AdmitRun listed = admit({u"--list"_s});
    QVERIFY2(listed.code == 0 && !listed.out.contains(good), listed.describe());
    QCOMPARE(admit({}).code, 2);
    QCOMPARE(admit({u"--list"_s, good}).code, 2);
}

QTEST_GUILESS_MAIN(TestRelayAdmission)
#include "tst_relayadmission.moc"
