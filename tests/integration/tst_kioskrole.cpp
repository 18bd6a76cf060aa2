// The kiosk role end to end with real processes (feedback-relay, feedbackctl) and real profiles:
// a kiosk enrolled by `invite --role kiosk` submits, full devices read its feedback, and it
// reads nothing of theirs; no key in a kiosk's profile opens a full device's unit (every key it
// holds, decrypted with its own passphrase, tried against units captured from the relay).
#include "ProfileTestSupport.h"

#include <QFileInfo>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QSettings>
#include <QTemporaryDir>
#include <QtEndian>

#include <memory>
#include <protocol/DeviceKeys.h>
#include <sodium.h>
#include <store/KeyFile.h>
#include <store/Sealer.h>
#include <support/ClaimedInvite.h>
#include <support/RawDatabase.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>
#include <sync/ClientSetup.h>
#include <sync/InviteCode.h>
#include <sync/SyncClient.h>
#include <sync/WorkspaceKeys.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using feedback::test::FeedbackCtlRun;
using feedback::test::RawDatabase;
using feedback::test::RelayProcess;

#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

namespace {

struct CapturedUnit
{
    protocol::SealedDelta unit;
    QByteArray workspace;
};

// The associated data a full device's unit is sealed with (WorkspaceKeys, PROTOCOL.md).
QByteArray associatedData(const QByteArray &workspace, const protocol::SealedDelta &unit)
{
    QByteArray ad = "courier-feedback/delta/1" + workspace + unit.origin;
    const auto append = [&ad](quint64 n) {
        ad.resize(ad.size() + 8);
        qToBigEndian(n, ad.data() + ad.size() - 8);
    };
    append(unit.seq);
    if (unit.count != 1)
        append(unit.count);
    return ad;
}

// Does `candidate`, taken as any key a device could use, open `captured`? As the workspace
// secret (every key is derived from it), as the delta key itself, and as the box secret key.
bool opens(const QByteArray &candidate, const CapturedUnit &captured, const QByteArray &boxPublic)
{
    if (const auto keys = sync::WorkspaceKeys::fromSecret(candidate);
        keys && keys->open(captured.unit))
        return true;
    const store::SecretKey key = store::SecretKey::fromBytes(candidate);
    if (store::Sealer::open(key, captured.unit.sealed,
                            associatedData(captured.workspace, captured.unit)))
        return true;
    const QByteArray &sealed = captured.unit.sealed;
    if (candidate.size() != crypto_box_SECRETKEYBYTES || sealed.size() < 4 + crypto_box_SEALBYTES)
        return false;
    QByteArray plain(sealed.size() - 4 - crypto_box_SEALBYTES, Qt::Uninitialized);
    return crypto_box_seal_open(
               reinterpret_cast<unsigned char *>(plain.data()),
               reinterpret_cast<const unsigned char *>(sealed.constData()) + 4, sealed.size() - 4,
               reinterpret_cast<const unsigned char *>(boxPublic.constData()),
               reinterpret_cast<const unsigned char *>(candidate.constData())) == 0;
}

} // namespace

class TestKioskRole : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void kioskSubmitsAndReadsNothing();
    void noKioskKeyOpensAFullDevicesUnit();
    void tamperedKioskCodeCreatesNothing();
    void onlyAFullDeviceSendsBeforeItsSaveIsOnDisk();

private:
    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return test::ctl(profile(name), args);
    }
    void syncOk(const QString &name);
    void submit(const QString &name, const QString &order);
    void orders(const QString &name, QSet<QString> &out);
    // A desk (full) and a kiosk of its workspace, each with one record, synced.
    void deskAndKiosk();
    void capture(const QString &device, CapturedUnit &out);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestKioskRole::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    QVERIFY(sodium_init() >= 0);
}

void TestKioskRole::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestKioskRole::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestKioskRole::syncOk(const QString &name)
{
    const FeedbackCtlRun r =
        ctl(name, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"120"_s});
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
}

void TestKioskRole::submit(const QString &name, const QString &order)
{
    VERIFY_RUN(ctl(name, {u"submit"_s, u"--order"_s, order, u"--courier"_s, u"3"_s, u"--rating"_s,
                          u"4"_s, u"--comment"_s, u"comment of "_s + order}));
}

void TestKioskRole::orders(const QString &name, QSet<QString> &out)
{
    const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out.clear();
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        out.insert(v[u"orderId"_s].toString());
}

void TestKioskRole::deskAndKiosk()
{
    VERIFY_RUN(ctl(u"desk"_s, {u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()}));
    CALL(submit(u"desk"_s, u"D-1"_s));
    CALL(syncOk(u"desk"_s));
    const FeedbackCtlRun invite =
        ctl(u"desk"_s, {u"invite"_s, u"--role"_s, u"kiosk"_s, u"--name"_s, u"Lobby kiosk"_s});
    VERIFY_RUN(invite);
    const FeedbackCtlRun joined = ctl(u"kiosk"_s, {u"join"_s, invite.lastLine()});
    VERIFY_RUN(joined);
    QVERIFY2(joined.out.contains(u"role kiosk"_s), joined.describe().constData());
    CALL(submit(u"kiosk"_s, u"K-1"_s));
    CALL(syncOk(u"kiosk"_s));
}

// The kiosk's unit reaches the desk; the desk's records never reach the kiosk, before or after,
// and the kiosk keeps its own only until the relay holds them; the kiosk edits and invites
// nothing; both are listed with their roles.
void TestKioskRole::kioskSubmitsAndReadsNothing()
{
    CALL(deskAndKiosk());
    CALL(syncOk(u"desk"_s));
    QSet<QString> seen;
    CALL(orders(u"desk"_s, seen));
    QCOMPARE(seen, (QSet<QString>{u"D-1"_s, u"K-1"_s}));
    const FeedbackCtlRun shown = ctl(u"desk"_s, {u"list"_s, u"--format"_s, u"json"_s});
    QVERIFY2(shown.out.contains(u"comment of K-1"_s), shown.describe().constData());

    CALL(submit(u"desk"_s, u"D-2"_s));
    CALL(syncOk(u"desk"_s));
    CALL(submit(u"kiosk"_s, u"K-2"_s));
    CALL(orders(u"kiosk"_s, seen));
    QCOMPARE(seen, QSet<QString>{u"K-2"_s}); // its own until sent, nothing of the desk's
    CALL(syncOk(u"kiosk"_s));
    CALL(orders(u"kiosk"_s, seen));
    QCOMPARE(seen, QSet<QString>{}); // sent: a stolen kiosk holds none of it
    CALL(syncOk(u"desk"_s));
    CALL(orders(u"desk"_s, seen));
    QCOMPARE(seen, (QSet<QString>{u"D-1"_s, u"D-2"_s, u"K-1"_s, u"K-2"_s}));

    const FeedbackCtlRun status = ctl(u"kiosk"_s, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(status);
    const QJsonObject s = QJsonDocument::fromJson(status.out.toUtf8()).object();
    QCOMPARE(s[u"role"_s].toString(), u"kiosk"_s);
    QCOMPARE(s[u"pending"_s].toInt(-1), 0);

    const QString record = u"%1-1"_s.arg(s[u"device"_s].toString());
    const FeedbackCtlRun edit = ctl(u"kiosk"_s, {u"edit"_s, record, u"--rating"_s, u"1"_s});
    QVERIFY2(edit.code == 1 && edit.err.contains(u"A kiosk submits new feedback only"_s),
             edit.describe().constData());
    const FeedbackCtlRun invite = ctl(u"kiosk"_s, {u"invite"_s});
    QVERIFY2(invite.code == 1 && invite.err.contains(u"A kiosk cannot invite"_s),
             invite.describe().constData());
    const FeedbackCtlRun kioskInvite = ctl(u"kiosk"_s, {u"invite"_s, u"--role"_s, u"kiosk"_s});
    QVERIFY2(kioskInvite.code == 1 && kioskInvite.err.contains(u"A kiosk cannot invite"_s),
             kioskInvite.describe().constData());

    const FeedbackCtlRun list = ctl(u"desk"_s, {u"devices"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(list);
    QMap<QString, QString> roles;
    for (const QJsonValue &d : QJsonDocument::fromJson(list.out.toUtf8()).array())
        roles.insert(d[u"name"_s].toString(), d[u"role"_s].toString());
    QCOMPARE(roles,
             (QMap<QString, QString>{{u"desk"_s, u"full"_s}, {u"Lobby kiosk"_s, u"kiosk"_s}}));
    const FeedbackCtlRun badRole = ctl(u"desk"_s, {u"invite"_s, u"--role"_s, u"admin"_s});
    QVERIFY2(badRole.code == 2 && badRole.err.contains(u"--role must be full or kiosk"_s),
             badRole.describe().constData());
}

void TestKioskRole::capture(const QString &device, CapturedUnit &out)
{
    const auto relay = m_relay->openStorage();
    QVERIFY2(relay->isOpen(), relay->describe().constData());
    const auto rows = relay->rows(
        u"SELECT w.key, o.key, d.seq, d.count, d.sealed FROM deltas d JOIN origins o ON "
        "o.id = d.origin JOIN workspaces w ON w.id = o.ws WHERE o.key = ? ORDER BY d.seq LIMIT 1"_s,
        {QByteArray::fromHex(device.toLatin1())});
    QVERIFY2(rows.size() == 1, relay->describe().constData());
    out.workspace = rows[0][0].toByteArray();
    out.unit = {rows[0][1].toByteArray(), rows[0][2].toULongLong(), rows[0][4].toByteArray(), 0,
                rows[0][3].toULongLong()};
}

// Everything the kiosk's profile holds, decrypted with its own passphrase: every stored value
// and secret, the database key, the settings file. No 32-byte window of any of it opens the
// desk's unit, nor the kiosk's own once sealed; the desk's workspace secret opens both (the
// check can tell).
void TestKioskRole::noKioskKeyOpensAFullDevicesUnit()
{
    CALL(deskAndKiosk());
    const auto statusOf = [this](const QString &name) {
        const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
        return QJsonDocument::fromJson(r.out.toUtf8()).object()[u"device"_s].toString();
    };
    CapturedUnit deskUnit, kioskUnit;
    CALL(capture(statusOf(u"desk"_s), deskUnit));
    CALL(capture(statusOf(u"kiosk"_s), kioskUnit));
    QVERIFY(kioskUnit.unit.sealed.startsWith("CFK1"));

    QList<QByteArray> held;
    {
        const auto kiosk = test::openHere(profile(u"kiosk"_s));
        QVERIFY2(kiosk, qPrintable(kiosk.error()));
        RawDatabase db(profile(u"kiosk"_s) + u"/feedback.db"_s);
        for (const QVariantList &row : db.rows(u"SELECT key, value FROM meta"_s)) {
            const QString name = row[0].toString();
            held.append(row[1].toByteArray());
            if (name.startsWith(u"secret/"_s))
                held.append((*kiosk)->secret(name.mid(7)).value_or(QByteArray()));
            if (name.startsWith(u"value/"_s))
                held.append((*kiosk)->value(name.mid(6)).value_or(QByteArray()));
        }
        QVERIFY(!(*kiosk)->secret(u"workspace"_s)); // no workspace secret at all
        QVERIFY((*kiosk)->secret(u"device/key/"_s + statusOf(u"kiosk"_s)).has_value());
    }
    const auto databaseKey =
        store::KeyFile::read(profile(u"kiosk"_s) + u"/database.key"_s, test::kPassphrase.toUtf8());
    QVERIFY2(databaseKey, qPrintable(databaseKey.error()));
    held.append(
        QByteArray(reinterpret_cast<const char *>(databaseKey->data()), store::SecretKey::kSize));
    held.append(test::fileBytes(profile(u"kiosk"_s) + u"/profile.ini"_s));
    held.append(test::fileBytes(profile(u"kiosk"_s) + u"/database.key"_s));

    const auto workspace = test::openHere(profile(u"desk"_s));
    QVERIFY2(workspace, qPrintable(workspace.error()));
    const QByteArray deskSecret = (*workspace)->secret(u"workspace"_s).value_or(QByteArray());
    const auto deskKeys = sync::WorkspaceKeys::fromSecret(deskSecret);
    QVERIFY(deskKeys);
    const QByteArray boxPublic = deskKeys->boxPublicKey();
    QVERIFY(opens(deskSecret, deskUnit, boxPublic));
    QVERIFY(opens(deskSecret, kioskUnit, boxPublic));

    int tried = 0;
    for (const QByteArray &bytes : std::as_const(held)) {
        for (qsizetype at = 0; at + 32 <= bytes.size(); ++at, ++tried) {
            const QByteArray window = bytes.mid(at, 32);
            QVERIFY2(!opens(window, deskUnit, boxPublic) && !opens(window, kioskUnit, boxPublic),
                     qPrintable(u"bytes %1 of a kiosk value open a unit"_s.arg(at)));
        }
    }
    QVERIFY(tried > 100); // keys, certificate, device list, settings: all were tried
}

// A kiosk code whose key is not the one its certificate names (the checksum fixed up, as anyone
// can): join refuses it as damaged, exit 2, and no profile appears.
void TestKioskRole::tamperedKioskCodeCreatesNothing()
{
    VERIFY_RUN(ctl(u"desk"_s, {u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()}));
    const FeedbackCtlRun invite = ctl(u"desk"_s, {u"invite"_s, u"--role"_s, u"kiosk"_s});
    VERIFY_RUN(invite);
    auto decoded = test::claimedInvite(invite.lastLine());
    QVERIFY2(decoded && decoded->kiosk, qPrintable(decoded.error()));
    decoded->kiosk->deviceSecretKey = protocol::DeviceKeyPair::generate().secretKey;
    const FeedbackCtlRun joined = ctl(u"thief"_s, {u"join"_s, sync::InviteCode::encode(*decoded)});
    QVERIFY2(joined.code == 2 && joined.err.contains(u"damaged"_s), joined.describe().constData());
    QVERIFY(!QFileInfo::exists(profile(u"thief"_s)));
}

// A full device sends a save from its store's commit listener while the disk flushes it
// (SyncClient, FeedbackStore::setCommitListener): the push is on its way when submit returns. A
// kiosk does not: its certificate names its identity, and a change the relay has but its disk
// lost would need a new invite. Its save goes out only when the client pushes afterwards.
void TestKioskRole::onlyAFullDeviceSendsBeforeItsSaveIsOnDisk()
{
    CALL(deskAndKiosk());
    for (const QString &name : {u"desk"_s, u"kiosk"_s}) {
        const bool full = name == u"desk"_s;
        const auto opened = test::openHere(profile(name));
        QVERIFY2(opened, qPrintable(opened.error()));
        store::FeedbackStore &device = **opened;
        sync::ClientSetup setup = sync::ClientSetup::of(store::Profile(profile(name)), device);
        QCOMPARE(setup.refusal(), sync::ClientSetup::Refusal::None);
        const std::unique_ptr<sync::SyncClient> client(setup.create(device, nullptr));
        client->start();
        QTRY_VERIFY_WITH_TIMEOUT(client->session().state() == sync::SyncState::UpToDate, 60000);
        NewFeedback rating;
        rating.orderId = u"LISTENER-"_s + name;
        rating.courierId = 3;
        rating.rating = 5;
        QVERIFY(device.submit(rating));
        // Nothing ran the event loop since the save: only the commit listener could have sent.
        QCOMPARE(client->session().pushInFlight(), full);
        QCOMPARE(device.pendingCount(), 1);
        if (!full)
            client->session().pushPending();
        QTRY_COMPARE_WITH_TIMEOUT(device.pendingCount(), 0, 60000); // acknowledged
        client->stop();
    }
}

QTEST_GUILESS_MAIN(TestKioskRole)
#include "tst_kioskrole.moc"
