// A relay.db written by the protocol-2 release (tests/data/protocol2, with the desk profile of
// the same workspace for its key) opened by this relay: migrated in place, its units kept at
// their positions and served with an empty signature (written before the upgrade); the
// workspace's devices enrol on their first protocol-3 connection and sign what they push next;
// the workspace stays served by a relay that admits only the workspaces its operator named.
#include <QDir>
#include <QFile>
#include <QTemporaryDir>

#include <store/ProfileOpener.h>
#include <support/FileTree.h>
#include <support/RawDatabase.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>
#include <sync/Enrolment.h>

using namespace feedback::test;
using namespace feedback;

namespace {

const QString kFixture = QStringLiteral(QT_TESTCASE_SOURCEDIR "/../data/protocol2");

// The workspace keys held by the fixture's desk profile (passphrase of the fixture).
Result<WorkspaceKeys> fixtureWorkspace(const QString &profileDir)
{
    const store::Profile profile(profileDir);
    store::ProfileOpener opener;
    store::ProfileOpener::Request request{profile, "fixture-passphrase"_ba, false, {}};
    request.storeOptions.home = profile.home();
    std::optional<Result<std::unique_ptr<store::FeedbackStore>>> opened;
    opener.open(request, [&opened](auto r) { opened.emplace(std::move(r)); });
    if (!QTest::qWaitFor([&opened] { return opened.has_value(); }, 60000))
        return Result<WorkspaceKeys>::failure(u"opening the desk profile did not finish"_s);
    if (!*opened)
        return Result<WorkspaceKeys>::failure(*opened);
    return sync::workspaceKeysOf(***opened);
}

} // namespace

class TestRelayUpgrade : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void protocolTwoRelayDbIsServed()
    {
        QTemporaryDir tmp;
        QVERIFY(tmp.isValid());
        const QString data = tmp.filePath(u"relay-data"_s);
        QVERIFY(QDir().mkpath(data));
        QVERIFY(QFile::copy(kFixture + u"/relay.db"_s, data + u"/relay.db"_s));
        QVERIFY(copyFiles(kFixture + u"/desk"_s, tmp.filePath(u"desk"_s)));
        const Result<WorkspaceKeys> keys = fixtureWorkspace(tmp.filePath(u"desk"_s));
        QVERIFY2(keys.ok(), qPrintable(keys.error()));
        {
            RawDatabase raw(data + u"/relay.db"_s);
            QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), 3);
        }

        RelayProcess relay(data);
        relay.setOpen(false); // a workspace it served before stays admitted
        QVERIFY2(relay.start(), relay.describe().constData());
        // The desk, enrolled now with a certificate of the workspace (what its first sync after
        // the upgrade does), reads the whole old log: two units, no signatures.
        const Identity desk{*keys, QByteArray::fromHex("b9c5fdea3d682c77a67936ec4b029b75")};
        Peer p(relay.url());
        const auto welcome = p.authenticate(desk);
        VERIFY_PEER(welcome && welcome->head == 2 && welcome->storedUpTo == 3, p);
        QCOMPARE(p.lastDevices()->entries.size(), 1);
        QList<Deltas> frames;
        VERIFY_PEER(p.pullAll(0, &frames), p);
        QCOMPARE(frames.size(), 1);
        const QList<SealedDelta> old = frames.first().deltas;
        QCOMPARE(old.size(), 2);
        quint64 deltas = 0;
        for (qsizetype i = 0; i < old.size(); ++i) {
            QCOMPARE(old[i].position, quint64(i + 1));
            QVERIFY(old[i].signature.isEmpty());
            // Still the units the old release sealed: they open with the workspace key.
            const auto opened = keys->open(old[i]);
            QVERIFY2(opened.ok(), qPrintable(opened.error()));
            deltas += old[i].count;
        }
        QCOMPARE(deltas, 5u); // desk 3, laptop 2
        // The desk pushes its pending record, signed; the relay stores it after the old ones.
        const SealedDelta next =
            desk.sign({desk.device, 4, keys->seal("pending record"_ba, desk.device, 4), 0});
        const auto ack = p.push({next});
        VERIFY_PEER(ack && ack->upTo == 4 && p.expect<CaughtUp>(), p);
        // A retry of an old unit, now signed, is the same unit: acknowledged, nothing new.
        for (const SealedDelta &unit : old)
            if (unit.origin == desk.device) {
                SealedDelta again = desk.sign(unit);
                again.position = 0;
                const auto retry = p.push({again});
                VERIFY_PEER(retry && retry->upTo == 4, p);
            }
        p.close();
        QVERIFY(relay.terminate());
        RawDatabase raw(data + u"/relay.db"_s);
        // And on to admission, and admission tokens.
        QCOMPARE(raw.value(u"PRAGMA user_version"_s).toInt(), 9);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM admitted"_s).toInt(), 1);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM admission_tokens"_s).toInt(), 0);
        // The old units have no chain value (never checked); the new one has.
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas WHERE chain IS NULL"_s).toInt(), 2);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas WHERE length(chain) = 16"_s).toInt(), 1);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas WHERE signature IS NULL"_s).toInt(), 2);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM deltas WHERE signature IS NOT NULL"_s).toInt(),
                 1);
        QCOMPARE(raw.value(u"SELECT COUNT(*) FROM devices"_s).toInt(), 1);
    }
};

QTEST_GUILESS_MAIN(TestRelayUpgrade)
#include "tst_relayupgrade.moc"
