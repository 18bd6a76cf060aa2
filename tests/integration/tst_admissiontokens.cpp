// Admission tokens against real relay processes (env FEEDBACK_RELAY, FEEDBACKCTL): on a relay
// without --open, `feedback-relay admit --token` prints a token that gets one new workspace
// admitted when its first device brings it (the X-Feedback-Admission header of the upgrade) and
// authenticates; a hello alone spends nothing, a second workspace gets nothing, an expired token
// admits nobody, and the relay keeps only the token's hash. `feedbackctl init --admission-token`
// carries it to the first sync and forgets it once the relay served the workspace.
#include "ProfileTestSupport.h"

#include <QTemporaryDir>

#include <memory>
#include <store/StoredValue.h>
#include <support/FeedbackCtlRunner.h>
#include <support/RelayPeer.h>
#include <support/RelayProcess.h>
#include <sync/AdmissionTokenKey.h>

using namespace feedback;
using namespace feedback::test;

class TestAdmissionTokens : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void aTokenAdmitsOneWorkspaceAtItsFirstAuth();
    void twoDevicesOfTheNewWorkspaceBringingTheTokenAreBothServed();
    void anExpiredTokenAdmitsNobody();
    void admitRefusesATokenWithOtherArguments();
    void feedbackctlBringsTheTokenToItsFirstSyncAndForgetsIt();

private:
    // A new token from `feedback-relay admit --token` on the relay's storage.
    void mint(QByteArray &token);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestAdmissionTokens::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    m_relay->setOpen(false);
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestAdmissionTokens::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
}

void TestAdmissionTokens::mint(QByteArray &token)
{
    AdmitRun run;
    token = m_relay->mintAdmissionToken(run);
    QVERIFY2(!token.isEmpty(), run.describe().constData());
}

void TestAdmissionTokens::aTokenAdmitsOneWorkspaceAtItsFirstAuth()
{
    QByteArray token;
    CALL(mint(token));
    // Only its hash is stored: nothing in the relay's storage admits a workspace.
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"1"_s);
    const auto db = m_relay->openStorage();
    const QList<QVariantList> rows = db->rows(u"SELECT hash FROM admission_tokens"_s);
    QVERIFY2(rows.size() == 1, db->describe().constData());
    QCOMPARE(rows[0][0].toByteArray().size(), 32);
    QVERIFY(!rows[0][0].toByteArray().contains(token.mid(5, 12)));

    const Identity first = Identity::fresh();
    for (const QByteArray &wrong :
         {QByteArray(), QByteArray("cfa1-short"), QByteArray("cfa1-" + QByteArray(32, 'A'))}) {
        Peer refused(m_relay->url(), wrong);
        QVERIFY(!refused.hello(first));
        VERIFY_PEER(refused.refusedWith(ErrorCode::NotAdmitted), refused);
    }
    // A hello anyone could copy spends nothing: only a good auth does.
    {
        Peer thief(m_relay->url(), token);
        const Identity other = first.sibling();
        VERIFY_PEER(!thief.authenticate(first, &other), thief);
        VERIFY_PEER(thief.refusedWith(ErrorCode::AuthFailed), thief);
    }
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"1"_s);

    {
        Peer device(m_relay->url(), token);
        VERIFY_PEER(device.authenticate(first), device);
        const auto ack = device.push(first.deltas(1, 3));
        VERIFY_PEER(ack && ack->upTo == 3, device);
    }
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
    const AdmitRun listed = m_relay->admit({u"--list"_s});
    QVERIFY2(listed.out.contains(QString::fromLatin1(first.keys.workspaceId().toHex())),
             listed.describe().constData());

    // Spent: another workspace gets nothing from it.
    const Identity second = Identity::fresh();
    Peer late(m_relay->url(), token);
    QVERIFY(!late.hello(second));
    VERIFY_PEER(late.refusedWith(ErrorCode::NotAdmitted), late);
    // The admitted one is served from now on, token or not, and its devices too.
    Peer again(m_relay->url());
    VERIFY_PEER(again.authenticate(first.sibling()), again);
    Peer withSpent(m_relay->url(), token);
    VERIFY_PEER(withSpent.authenticate(first), withSpent);
}

// Both pass hello while the token is unspent; the first auth spends it on their workspace, so
// the second is served too (its workspace is admitted), not refused for a spent token.
void TestAdmissionTokens::twoDevicesOfTheNewWorkspaceBringingTheTokenAreBothServed()
{
    QByteArray token;
    CALL(mint(token));
    const Identity desk = Identity::fresh();
    const Identity laptop = desk.sibling();
    Peer first(m_relay->url(), token), second(m_relay->url(), token);
    VERIFY_PEER(first.hello(desk), first);
    VERIFY_PEER(second.hello(laptop), second);
    VERIFY_PEER(first.answer(desk), first);
    VERIFY_PEER(second.answer(laptop), second);
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
}

void TestAdmissionTokens::anExpiredTokenAdmitsNobody()
{
    QByteArray token;
    CALL(mint(token));
    // A week later, as far as the relay's clock can tell.
    {
        const auto db = m_relay->openStorage();
        QVERIFY2(db->exec(u"UPDATE admission_tokens SET expires_at = 1"_s),
                 db->describe().constData());
    }
    Peer refused(m_relay->url(), token);
    QVERIFY(!refused.hello(Identity::fresh()));
    VERIFY_PEER(refused.refusedWith(ErrorCode::NotAdmitted), refused);
    // The next token takes the expired one away.
    QByteArray next;
    CALL(mint(next));
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"1"_s);
    Peer device(m_relay->url(), next);
    VERIFY_PEER(device.authenticate(Identity::fresh()), device);
}

void TestAdmissionTokens::admitRefusesATokenWithOtherArguments()
{
    const QString id(64, u'a');
    for (const QStringList &args : {QStringList{u"--token"_s, id},
                                    {u"--token"_s, u"--list"_s},
                                    {u"--token"_s, u"--valid"_s, u"soon"_s},
                                    {u"--token"_s, u"--valid"_s, u"0"_s},
                                    {u"--valid"_s, u"1d"_s, id}}) {
        const AdmitRun run = m_relay->admit(args);
        QVERIFY2(run.code == 2 && run.out.isEmpty(), run.describe().constData());
    }
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
}

void TestAdmissionTokens::feedbackctlBringsTheTokenToItsFirstSyncAndForgetsIt()
{
    const QString profile = m_tmp->filePath(u"desk"_s);
    const QStringList init{u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()};
    const FeedbackCtlRun malformed =
        ctl(profile, init + QStringList{u"--admission-token"_s, u"cfa1-x"_s});
    QVERIFY2(malformed.code == 2 && malformed.err.contains(u"--admission-token"_s),
             malformed.describe().constData());
    QByteArray token;
    CALL(mint(token));
    const FeedbackCtlRun created =
        ctl(profile, init + QStringList{u"--admission-token"_s, QString::fromLatin1(token)});
    QVERIFY2(created.ok(), created.describe().constData());
    QVERIFY(ctl(profile, {u"submit"_s, u"--order"_s, u"A-1"_s, u"--courier"_s, u"7"_s,
                          u"--rating"_s, u"5"_s})
                .ok());
    const FeedbackCtlRun synced = ctl(profile, {u"sync"_s, u"--timeout"_s, u"60"_s});
    QVERIFY2(synced.ok(), synced.describe().constData());
    QCOMPARE(m_relay->storageValue(u"SELECT COUNT(*) FROM admission_tokens"_s), u"0"_s);
    // Spent, so forgotten: the store no longer holds it.
    const auto opened = openHere(profile);
    QVERIFY2(opened, qPrintable(opened.error()));
    QVERIFY(store::stored(**opened, sync::kAdmissionToken).isEmpty());
}

QTEST_GUILESS_MAIN(TestAdmissionTokens)
#include "tst_admissiontokens.moc"
