// Device trust end to end with real processes only: feedback-relay (env FEEDBACK_RELAY) and
// feedbackctl (env FEEDBACKCTL) devices with their own profiles. Two devices list each other;
// a device revoked while connected live is closed and refused from then on while the others go
// on; profiles and a relay.db written by the previous version (protocol 2) continue after the
// upgrade with nothing lost.
#include <QDir>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSet>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <store/KeyFile.h>
#include <store/Profile.h>
#include <store/Sealer.h>
#include <support/FeedbackCtlRunner.h>
#include <support/FileTree.h>
#include <support/RawDatabase.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>

using namespace Qt::StringLiterals;
using feedback::test::copyFiles;
using feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;
using feedback::test::RawDatabase;
using feedback::test::RelayProcess;

#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

namespace {

const QString kRevokedMessage = u"This device was removed from the workspace"_s;

QJsonObject deviceById(const QJsonArray &devices, const QString &id)
{
    for (const QJsonValue &v : devices)
        if (v[u"id"_s].toString() == id)
            return v.toObject();
    return {};
}

} // namespace

class TestSyncTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void twoDevicesListEachOther();
    void revokeRefusesItselfAndUnknownDevices();
    void deviceRevokedWhileLiveIsClosedAndRefused();
    void protocol2WorkspaceContinuesAfterTheUpgrade();

private:
    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return FeedbackCtlRunner::run(profile(name), m_globalOptions + args);
    }
    FeedbackCtlRun sync(const QString &name) const
    {
        return ctl(name, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"120"_s});
    }
    void startRelay();
    void makeWorkspace(const QStringList &names);
    void syncOk(const QString &name);
    void submit(const QString &name, const QString &order);
    void devices(const QString &name, QJsonArray &out);
    void status(const QString &name, QJsonObject &out);
    void deviceId(const QString &name, QString &out);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    QStringList m_globalOptions; // before the command (the fixture's passphrase file)
};

void TestSyncTrust::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
}

void TestSyncTrust::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_globalOptions.clear();
}

void TestSyncTrust::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestSyncTrust::startRelay()
{
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestSyncTrust::makeWorkspace(const QStringList &names)
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

void TestSyncTrust::syncOk(const QString &name)
{
    const FeedbackCtlRun r = sync(name);
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
}

void TestSyncTrust::submit(const QString &name, const QString &order)
{
    VERIFY_RUN(ctl(
        name, {u"submit"_s, u"--order"_s, order, u"--courier"_s, u"3"_s, u"--rating"_s, u"4"_s}));
}

void TestSyncTrust::devices(const QString &name, QJsonArray &out)
{
    const FeedbackCtlRun r = ctl(name, {u"devices"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8());
    QVERIFY2(doc.isArray(), r.describe().constData());
    out = doc.array();
}

void TestSyncTrust::status(const QString &name, QJsonObject &out)
{
    const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out = QJsonDocument::fromJson(r.out.toUtf8()).object();
    QVERIFY2(out.contains(u"device"_s), r.describe().constData());
}

void TestSyncTrust::deviceId(const QString &name, QString &out)
{
    QJsonObject s;
    CALL(status(name, s));
    out = s[u"device"_s].toString();
}

// Both enrolled devices are listed on both, each knowing which one it is; status names the role.
void TestSyncTrust::twoDevicesListEachOther()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"desk"_s, u"laptop"_s}));
    CALL(submit(u"desk"_s, u"T-1"_s));
    CALL(syncOk(u"desk"_s));
    CALL(syncOk(u"laptop"_s));
    CALL(syncOk(u"desk"_s));
    QString desk, laptop;
    CALL(deviceId(u"desk"_s, desk));
    CALL(deviceId(u"laptop"_s, laptop));
    for (const QString &name : {u"desk"_s, u"laptop"_s}) {
        QJsonArray list;
        CALL(devices(name, list));
        QCOMPARE(list.size(), 2);
        for (const QString &id : {desk, laptop}) {
            const QJsonObject d = deviceById(list, id);
            QCOMPARE(d[u"role"_s].toString(), u"full"_s);
            QCOMPARE(d[u"revoked"_s].toBool(true), false);
            QCOMPARE(d[u"thisDevice"_s].toBool(), (name == u"desk"_s) == (id == desk));
            QCOMPARE(d[u"name"_s].toString(), id == desk ? u"desk"_s : u"laptop"_s);
            QVERIFY(d[u"enrolledAt"_s].toString().endsWith(u'Z'));
            QVERIFY(d[u"lastSeen"_s].isString()); // both connected
        }
        QJsonObject s;
        CALL(status(name, s));
        QCOMPARE(s[u"role"_s].toString(), u"full"_s);
    }
    const FeedbackCtlRun text = ctl(u"desk"_s, {u"status"_s});
    QVERIFY2(text.out.contains(u"\nrole:       full\n"_s), text.describe().constData());
    const FeedbackCtlRun table = ctl(u"desk"_s, {u"devices"_s});
    VERIFY_RUN(table);
    QVERIFY2(table.out.contains(laptop) && table.out.contains(u"this device"_s),
             table.describe().constData());
}

// Revoking oneself, an unknown id or something that is no id: exit 2, nothing pending.
void TestSyncTrust::revokeRefusesItselfAndUnknownDevices()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"desk"_s}));
    CALL(syncOk(u"desk"_s));
    QString desk;
    CALL(deviceId(u"desk"_s, desk));
    const FeedbackCtlRun self = ctl(u"desk"_s, {u"revoke"_s, desk});
    QVERIFY2(self.code == 2 && self.err.contains(u"cannot revoke itself"_s),
             self.describe().constData());
    const FeedbackCtlRun unknown = ctl(u"desk"_s, {u"revoke"_s, QString(32, u'a')});
    QVERIFY2(unknown.code == 2 && unknown.err.contains(u"No device"_s),
             unknown.describe().constData());
    const FeedbackCtlRun garbage = ctl(u"desk"_s, {u"revoke"_s, u"laptop"_s});
    QVERIFY2(garbage.code == 2 && garbage.err.contains(u"not a device id"_s),
             garbage.describe().constData());
    CALL(syncOk(u"desk"_s));
}

// The laptop stays connected (`watch`) while the desk revokes it: the relay closes it with
// `revoked`, its next sync exits 1 saying so, and the desk and a third device go on syncing.
void TestSyncTrust::deviceRevokedWhileLiveIsClosedAndRefused()
{
    CALL(startRelay());
    CALL(makeWorkspace({u"desk"_s, u"laptop"_s, u"phone"_s}));
    for (const QString &name : {u"laptop"_s, u"phone"_s, u"desk"_s})
        CALL(syncOk(name));
    QString laptop;
    CALL(deviceId(u"laptop"_s, laptop));

    const auto watch =
        FeedbackCtlRunner::start(profile(u"laptop"_s), {u"watch"_s, u"--relay"_s, m_relay->url()});
    QString seen;
    const auto watched = [&watch, &seen](const QString &text) {
        seen += QString::fromUtf8(watch->readAllStandardOutput());
        return seen.contains(text);
    };
    QTRY_VERIFY2(watched(u"\"event\":\"caught-up\""_s), qPrintable(seen));

    const FeedbackCtlRun revoke = ctl(u"desk"_s, {u"revoke"_s, laptop});
    VERIFY_RUN(revoke);
    CALL(syncOk(u"desk"_s)); // carries the revocation to the relay
    QTRY_VERIFY2(watched(u"\"problem\":\"revoked\""_s), qPrintable(seen));
    QVERIFY2(seen.contains(kRevokedMessage), qPrintable(seen));
    QTRY_VERIFY2(watched(u"\"event\":\"disconnected\""_s), qPrintable(seen));
    watch->kill(); // it stays up (a watch never exits) but no longer connects
    watch->waitForFinished(feedback::test::kPatienceMs);

    const FeedbackCtlRun refused = sync(u"laptop"_s);
    QVERIFY2(refused.code == 1 && refused.err.contains(kRevokedMessage),
             refused.describe().constData());

    CALL(submit(u"desk"_s, u"AFTER-1"_s));
    CALL(syncOk(u"desk"_s));
    CALL(syncOk(u"phone"_s));
    const FeedbackCtlRun list = ctl(u"phone"_s, {u"list"_s, u"--format"_s, u"json"_s});
    QVERIFY2(list.out.contains(u"AFTER-1"_s), list.describe().constData());
    QJsonArray onDesk;
    CALL(devices(u"desk"_s, onDesk));
    QCOMPARE(deviceById(onDesk, laptop)[u"revoked"_s].toBool(), true);
    QJsonArray onPhone;
    CALL(devices(u"phone"_s, onPhone));
    QCOMPARE(deviceById(onPhone, laptop)[u"revoked"_s].toBool(), true);
    QCOMPARE(onPhone.size(), 3);
}

// tests/data/protocol2: a relay.db and two profiles written by the previous release (protocol
// 2), each with one record still pending. On a new relay over the copied relay.db, both sync
// with this feedbackctl: the same 7 records on both, nothing pending, both listed as full under
// the ids they had.
void TestSyncTrust::protocol2WorkspaceContinuesAfterTheUpgrade()
{
    if (RelayProcess::onPostgres())
        QSKIP("a relay.db of protocol 2: no relay of protocol 2 stored in PostgreSQL");
    const QString fixture = QStringLiteral(FEEDBACK_SOURCE_DIR "/tests/data/protocol2");
    QVERIFY(copyFiles(fixture + u"/relay"_s, m_tmp->filePath(u"relay-data"_s)));
    const QByteArray passphrase = "fixture-passphrase";
    const QString passphraseFile = m_tmp->filePath(u"passphrase"_s);
    {
        QFile f(passphraseFile);
        QVERIFY(f.open(QIODevice::WriteOnly) && f.write(passphrase) == passphrase.size());
    }
    m_globalOptions = {u"--passphrase-file"_s, passphraseFile};
    for (const QString &name : {u"desk"_s, u"laptop"_s}) {
        QVERIFY(copyFiles(fixture + u'/' + name, profile(name)));
        // An upgrade happens where the profile lives. Copied here, the profile would take a new
        // device id (a copy must never reuse seqs): the test moves its home here, as if it had
        // been written in this directory on this machine.
        const auto key =
            feedback::store::KeyFile::read(profile(name) + u"/database.key"_s, passphrase);
        QVERIFY2(key.ok(), qPrintable(key.error()));
        const QByteArray home = feedback::store::Sealer::keyedHash(
            *key, "home/" + feedback::store::Profile::resolve(profile(name)).home());
        QVERIFY(RawDatabase::execOn(profile(name) + u"/feedback.db"_s,
                                    u"UPDATE meta SET value = ? WHERE key = 'home'"_s, {home}));
    }
    CALL(startRelay());
    for (const QString &name : {u"desk"_s, u"laptop"_s, u"desk"_s})
        CALL(syncOk(name));

    const QSet<QString> expected{u"D-1001"_s, u"D-1002"_s, u"D-1003"_s, u"D-1004"_s,
                                 u"L-2001"_s, u"L-2002"_s, u"L-2003"_s};
    const QMap<QString, QString> ids{{u"desk"_s, u"b9c5fdea3d682c77a67936ec4b029b75"_s},
                                     {u"laptop"_s, u"d0acc5fc60a23c0848e80390e8cb8e76"_s}};
    for (const QString &name : {u"desk"_s, u"laptop"_s}) {
        const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
        VERIFY_RUN(r);
        QSet<QString> orders;
        for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
            orders.insert(v[u"orderId"_s].toString());
        QCOMPARE(orders, expected);
        QJsonObject s;
        CALL(status(name, s));
        QCOMPARE(s[u"pending"_s].toInt(-1), 0);
        QCOMPARE(s[u"device"_s].toString(), ids.value(name));
        QCOMPARE(s[u"role"_s].toString(), u"full"_s);
        QJsonArray list;
        CALL(devices(name, list));
        QCOMPARE(list.size(), 2);
        for (const QString &id : ids) {
            const QJsonObject d = deviceById(list, id);
            QCOMPARE(d[u"role"_s].toString(), u"full"_s);
            QCOMPARE(d[u"revoked"_s].toBool(true), false);
            QCOMPARE(d[u"thisDevice"_s].toBool(), id == ids.value(name));
        }
    }
}

QTEST_GUILESS_MAIN(TestSyncTrust)
#include "tst_synctrust.moc"
