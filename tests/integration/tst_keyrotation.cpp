// Revoking a full device rotates the workspace's keys, end to end with real processes
// (feedback-relay, feedbackctl) and real profiles: once the revoking desk has synced, what the
// desk and the kiosk write is sealed with the new epoch, and no key the revoked laptop's
// profile holds (every stored value and secret, decrypted with its own passphrase) opens it;
// a device that joins afterwards reads every epoch; an invite made before the rotation is
// cancelled by it.
#include "ProfileTestSupport.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QtEndian>

#include <memory>
#include <optional>
#include <sodium.h>
#include <store/KeyFile.h>
#include <store/Sealer.h>
#include <support/RawDatabase.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>
#include <sync/Enrolment.h>
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

// What a secret of either kind derives (PROTOCOL.md, "Sealing after a key rotation"): the delta
// key (id 1) and the box secret key (seed id 3).
QList<QByteArray> derivedKeys(const QByteArray &secret, const char *context)
{
    if (secret.size() != crypto_kdf_KEYBYTES)
        return {};
    const auto *master = reinterpret_cast<const unsigned char *>(secret.constData());
    QByteArray delta(32, Qt::Uninitialized);
    crypto_kdf_derive_from_key(reinterpret_cast<unsigned char *>(delta.data()), 32, 1, context,
                               master);
    unsigned char seed[crypto_box_SEEDBYTES];
    crypto_kdf_derive_from_key(seed, sizeof seed, 3, context, master);
    unsigned char boxPublic[crypto_box_PUBLICKEYBYTES];
    QByteArray boxSecret(crypto_box_SECRETKEYBYTES, Qt::Uninitialized);
    crypto_box_seed_keypair(boxPublic, reinterpret_cast<unsigned char *>(boxSecret.data()), seed);
    return {delta, boxSecret};
}

// Does `key`, as a delta key or a box secret key, open `unit` (after its 8-byte epoch prefix)?
bool opensAsKey(const QByteArray &key, const protocol::SealedDelta &unit,
                const QByteArray &workspace, const QByteArray &boxPublic)
{
    QByteArray ad = "courier-feedback/delta/1" + workspace + unit.origin;
    ad.resize(ad.size() + 8);
    qToBigEndian(unit.seq, ad.data() + ad.size() - 8);
    const QByteArray sealed = unit.sealed.mid(8);
    if (store::Sealer::open(store::SecretKey::fromBytes(key), sealed, ad))
        return true;
    if (key.size() != crypto_box_SECRETKEYBYTES || sealed.size() < crypto_box_SEALBYTES + 1)
        return false;
    QByteArray plain(sealed.size() - crypto_box_SEALBYTES, Qt::Uninitialized);
    return crypto_box_seal_open(reinterpret_cast<unsigned char *>(plain.data()),
                                reinterpret_cast<const unsigned char *>(sealed.constData()),
                                sealed.size(),
                                reinterpret_cast<const unsigned char *>(boxPublic.constData()),
                                reinterpret_cast<const unsigned char *>(key.constData())) == 0;
}

// Does `candidate`, taken as any key a device could use, open `unit` of epoch 1 on? As a delta
// key or box secret key itself, and as the workspace secret or an epoch secret (which derive
// them).
bool opens(const QByteArray &candidate, const protocol::SealedDelta &unit,
           const QByteArray &workspace, const QByteArray &boxPublic)
{
    QList<QByteArray> keys{candidate};
    keys += derivedKeys(candidate, "cfwkspce");
    keys += derivedKeys(candidate, "cfepoch1");
    for (const QByteArray &key : std::as_const(keys))
        if (opensAsKey(key, unit, workspace, boxPublic))
            return true;
    return false;
}

} // namespace

class TestKeyRotation : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void cleanup();
    void revokingAFullDeviceRotatesTheKeys();
    void anOfflineFullDeviceGetsTheNewKeys();

private:
    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args) const
    {
        return test::ctl(profile(name), args);
    }
    void syncOk(const QString &name);
    void submit(const QString &name, const QString &order);
    void orders(const QString &name, QSet<QString> &out);
    void status(const QString &name, QJsonObject &out);
    void join(const QString &inviter, const QString &name, const QStringList &inviteArgs);
    void lastUnit(const QString &device, protocol::SealedDelta &out);
    // Every value and secret of `name`'s store, decrypted, and its database key.
    void heldBytes(const QString &name, QList<QByteArray> &out);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestKeyRotation::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    QVERIFY(sodium_init() >= 0);
}

void TestKeyRotation::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestKeyRotation::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
    m_tmp.reset();
}

void TestKeyRotation::syncOk(const QString &name)
{
    const FeedbackCtlRun r =
        ctl(name, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"120"_s});
    QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
}

void TestKeyRotation::submit(const QString &name, const QString &order)
{
    VERIFY_RUN(ctl(name, {u"submit"_s, u"--order"_s, order, u"--courier"_s, u"3"_s, u"--rating"_s,
                          u"4"_s, u"--comment"_s, u"comment of "_s + order}));
}

void TestKeyRotation::orders(const QString &name, QSet<QString> &out)
{
    const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out.clear();
    for (const QJsonValue &v : QJsonDocument::fromJson(r.out.toUtf8()).array())
        out.insert(v[u"orderId"_s].toString());
}

void TestKeyRotation::status(const QString &name, QJsonObject &out)
{
    const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
    VERIFY_RUN(r);
    out = QJsonDocument::fromJson(r.out.toUtf8()).object();
}

void TestKeyRotation::join(const QString &inviter, const QString &name,
                           const QStringList &inviteArgs)
{
    const FeedbackCtlRun invite = ctl(inviter, QStringList{u"invite"_s} + inviteArgs);
    VERIFY_RUN(invite);
    VERIFY_RUN(ctl(name, {u"join"_s, invite.lastLine(), u"--name"_s, name}));
}

void TestKeyRotation::lastUnit(const QString &device, protocol::SealedDelta &out)
{
    const auto relay = m_relay->openStorage();
    QVERIFY2(relay->isOpen(), relay->describe().constData());
    const auto rows = relay->rows(
        u"SELECT o.key, d.seq, d.count, d.sealed FROM deltas d JOIN origins o ON o.id = d.origin "
        "WHERE o.key = ? ORDER BY d.seq DESC LIMIT 1"_s,
        {QByteArray::fromHex(device.toLatin1())});
    QVERIFY2(rows.size() == 1, relay->describe().constData());
    out = {rows[0][0].toByteArray(), rows[0][1].toULongLong(), rows[0][3].toByteArray(), 0,
           rows[0][2].toULongLong()};
}

void TestKeyRotation::heldBytes(const QString &name, QList<QByteArray> &out)
{
    const auto opened = test::openHere(profile(name));
    QVERIFY2(opened, qPrintable(opened.error()));
    RawDatabase db(profile(name) + u"/feedback.db"_s);
    for (const QVariantList &row : db.rows(u"SELECT key, value FROM meta"_s)) {
        const QString key = row[0].toString();
        out.append(row[1].toByteArray());
        if (key.startsWith(u"secret/"_s))
            out.append((*opened)->secret(key.mid(7)).value_or(QByteArray()));
        if (key.startsWith(u"value/"_s))
            out.append((*opened)->value(key.mid(6)).value_or(QByteArray()));
    }
    const auto databaseKey =
        store::KeyFile::read(profile(name) + u"/database.key"_s, test::kPassphrase.toUtf8());
    QVERIFY2(databaseKey, qPrintable(databaseKey.error()));
    out.append(
        QByteArray(reinterpret_cast<const char *>(databaseKey->data()), store::SecretKey::kSize));
}

// The desk revokes the laptop and syncs: the keys move to epoch 1. Units the desk and the kiosk
// write afterwards carry the new epoch; the desk and a device that joins later open them (and
// every older one), while nothing of the laptop's profile does. The laptop is refused; an
// invite made before the rotation is cancelled by it.
void TestKeyRotation::revokingAFullDeviceRotatesTheKeys()
{
    VERIFY_RUN(ctl(u"desk"_s, {u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()}));
    CALL(submit(u"desk"_s, u"D-1"_s));
    CALL(syncOk(u"desk"_s));
    CALL(join(u"desk"_s, u"laptop"_s, {}));
    CALL(syncOk(u"laptop"_s));
    CALL(join(u"desk"_s, u"kiosk"_s, {u"--role"_s, u"kiosk"_s}));
    CALL(submit(u"kiosk"_s, u"K-1"_s));
    CALL(syncOk(u"kiosk"_s));
    const FeedbackCtlRun early = ctl(u"desk"_s, {u"invite"_s});
    VERIFY_RUN(early);

    QJsonObject desk, laptop, kiosk;
    CALL(status(u"desk"_s, desk));
    CALL(status(u"laptop"_s, laptop));
    CALL(status(u"kiosk"_s, kiosk));
    QCOMPARE(desk[u"keyEpoch"_s].toInt(-1), 0);
    VERIFY_RUN(ctl(u"desk"_s, {u"revoke"_s, laptop[u"device"_s].toString()}));
    CALL(syncOk(u"desk"_s));
    CALL(status(u"desk"_s, desk));
    QCOMPARE(desk[u"keyEpoch"_s].toInt(-1), 1);

    CALL(submit(u"desk"_s, u"D-2"_s));
    CALL(syncOk(u"desk"_s));
    CALL(submit(u"kiosk"_s, u"K-2"_s));
    CALL(syncOk(u"kiosk"_s));
    CALL(status(u"kiosk"_s, kiosk));
    QCOMPARE(kiosk[u"keyEpoch"_s].toInt(-1), 1);

    protocol::SealedDelta deskUnit, kioskUnit;
    CALL(lastUnit(desk[u"device"_s].toString(), deskUnit));
    CALL(lastUnit(kiosk[u"device"_s].toString(), kioskUnit));
    QVERIFY(deskUnit.sealed.startsWith("CFE1"));
    QVERIFY(kioskUnit.sealed.startsWith("CFK2"));

    // The desk's keys open both; the laptop's keys, and every 32 bytes its profile holds,
    // open neither (the check itself can tell: the desk's epoch secret opens them).
    std::optional<sync::WorkspaceKeys> deskKeys;
    {
        const auto deskStore = test::openHere(profile(u"desk"_s)); // closed again: it locks
        QVERIFY2(deskStore, qPrintable(deskStore.error()));
        const auto kept = sync::workspaceKeysOf(**deskStore);
        QVERIFY2(kept, qPrintable(kept.error()));
        deskKeys = *kept;
    }
    QVERIFY(deskKeys->open(deskUnit) && deskKeys->open(kioskUnit));
    const QByteArray workspace = deskKeys->workspaceId();
    const QByteArray boxPublic = deskKeys->boxPublicKey();
    QCOMPARE(deskKeys->epochSecrets().size(), 1);
    QVERIFY(opens(deskKeys->epochSecrets().first().second, deskUnit, workspace, boxPublic));
    {
        const auto laptopStore = test::openHere(profile(u"laptop"_s));
        QVERIFY2(laptopStore, qPrintable(laptopStore.error()));
        const auto laptopKeys = sync::workspaceKeysOf(**laptopStore);
        QVERIFY2(laptopKeys, qPrintable(laptopKeys.error()));
        QCOMPARE(laptopKeys->epoch(), quint64(0));
        QVERIFY(!laptopKeys->open(deskUnit) && !laptopKeys->open(kioskUnit));
    }
    QList<QByteArray> held;
    CALL(heldBytes(u"laptop"_s, held));
    int tried = 0;
    for (const QByteArray &bytes : std::as_const(held))
        for (qsizetype at = 0; at + 32 <= bytes.size(); ++at, ++tried) {
            const QByteArray window = bytes.mid(at, 32);
            QVERIFY2(!opens(window, deskUnit, workspace, boxPublic) &&
                         !opens(window, kioskUnit, workspace, boxPublic),
                     qPrintable(u"bytes %1 of a laptop value open a unit"_s.arg(at)));
        }
    QVERIFY(tried > 100);

    const FeedbackCtlRun refused =
        ctl(u"laptop"_s, {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, u"60"_s});
    QVERIFY2(refused.code == 1 && refused.err.contains(u"removed from the workspace"_s),
             refused.describe().constData());

    // Joined after the rotation: reads the records of both epochs, and writes in the new one.
    CALL(join(u"desk"_s, u"office"_s, {}));
    CALL(syncOk(u"office"_s));
    QSet<QString> seen;
    CALL(orders(u"office"_s, seen));
    QCOMPARE(seen, (QSet<QString>{u"D-1"_s, u"D-2"_s, u"K-1"_s, u"K-2"_s}));
    QJsonObject office;
    CALL(status(u"office"_s, office));
    QCOMPARE(office[u"keyEpoch"_s].toInt(-1), 1);
    CALL(submit(u"office"_s, u"O-1"_s));
    CALL(syncOk(u"office"_s));
    CALL(syncOk(u"desk"_s));
    CALL(orders(u"desk"_s, seen));
    QCOMPARE(seen, (QSet<QString>{u"D-1"_s, u"D-2"_s, u"K-1"_s, u"K-2"_s, u"O-1"_s}));

    // A kiosk invited after the rotation: certified by the new authority, sealing to the new box
    // key, read by the full devices.
    CALL(join(u"desk"_s, u"kiosk2"_s, {u"--role"_s, u"kiosk"_s}));
    QJsonObject kiosk2;
    CALL(status(u"kiosk2"_s, kiosk2));
    QCOMPARE(kiosk2[u"keyEpoch"_s].toInt(-1), 1);
    QCOMPARE(kiosk2[u"role"_s].toString(), u"kiosk"_s);
    CALL(submit(u"kiosk2"_s, u"K-3"_s));
    CALL(syncOk(u"kiosk2"_s));
    protocol::SealedDelta lateKioskUnit;
    CALL(lastUnit(kiosk2[u"device"_s].toString(), lateKioskUnit));
    QVERIFY(lateKioskUnit.sealed.startsWith("CFK2"));
    CALL(syncOk(u"office"_s));
    CALL(orders(u"office"_s, seen));
    QVERIFY2(seen.contains(u"K-3"_s), qPrintable(QStringList(seen.values()).join(u' ')));

    // Its envelope held the old keys: the rotation cancelled it.
    const FeedbackCtlRun late = ctl(u"late"_s, {u"join"_s, early.lastLine()});
    QVERIFY2(late.code == 1 && late.err.contains(u"cancelled"_s), late.describe().constData());
    QVERIFY(!QFile::exists(profile(u"late"_s)));
}

// The office is offline while the desk revokes the laptop and rotates: its next sync opens the
// new epoch's secret sealed to its own key, and the two read what each writes from then on.
void TestKeyRotation::anOfflineFullDeviceGetsTheNewKeys()
{
    VERIFY_RUN(ctl(u"desk"_s, {u"init"_s, u"--name"_s, u"desk"_s, u"--relay"_s, m_relay->url()}));
    CALL(syncOk(u"desk"_s));
    CALL(join(u"desk"_s, u"laptop"_s, {}));
    CALL(syncOk(u"laptop"_s));
    CALL(join(u"desk"_s, u"office"_s, {}));
    CALL(syncOk(u"office"_s));
    QJsonObject laptop, office;
    CALL(status(u"laptop"_s, laptop));
    VERIFY_RUN(ctl(u"desk"_s, {u"revoke"_s, laptop[u"device"_s].toString()}));
    CALL(syncOk(u"desk"_s));
    CALL(syncOk(u"office"_s));
    CALL(status(u"office"_s, office));
    QCOMPARE(office[u"keyEpoch"_s].toInt(-1), 1);
    // Whoever made it, both remaining devices hold epoch 1 and read each other.
    CALL(syncOk(u"desk"_s));
    CALL(submit(u"office"_s, u"O-1"_s));
    CALL(syncOk(u"office"_s));
    CALL(syncOk(u"desk"_s));
    QSet<QString> seen;
    CALL(orders(u"desk"_s, seen));
    QCOMPARE(seen, QSet<QString>{u"O-1"_s});
}

QTEST_GUILESS_MAIN(TestKeyRotation)
#include "tst_keyrotation.moc"
