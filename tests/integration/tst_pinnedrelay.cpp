// The relay's pinned key, with real processes: feedback-relay serving wss:// with certificates
// openssl makes here (a private CA, keys it signs, self-signed ones) and feedbackctl devices.
// The first sync that gets through pins the relay's key; from then on that key alone is
// trusted: a relay with another key is refused even when the CA vouches for it (nothing pending
// is lost), a pinned self-signed relay needs no CA file, a renewed certificate with the same key
// is still the relay, and `sync --forget-relay-key` lets an operator's new key be pinned. A
// running SyncClient (what `watch` and the app use) holds to the key it pinned.
#include "SyncTestSupport.h"

#include <QCryptographicHash>
#include <QSettings>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QStandardPaths>

#include <store/FeedbackStore.h>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/RelayPin.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using namespace feedback::test;

namespace {

const QString kMismatch = u"the relay's key does not match the key pinned for it"_s;

} // namespace

class TestPinnedRelay : public QObject, public SyncFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init() { freshDirectory(); }
    void cleanup() { tearDown(); }

    void firstSyncPinsTheRelayKey();
    void aRelayWithAnotherKeyIsRefusedAndNothingIsLost();
    void aPinnedSelfSignedRelayNeedsNoCaFile();
    void forgetRelayKeyPinsTheOperatorsNewKey();
    void aDamagedPinStopsSyncUntilForgotten();
    void aSyncWithAnotherRelayLeavesThePinAlone();
    void aRunningClientHoldsToTheKeyItPinned();

private:
    // openssl in the test's directory; fails the test with what it said.
    void openssl(const QStringList &args);
    void makeCa();
    // NAME.key and NAME.pem for 127.0.0.1: signed by the CA, or self-signed.
    void makeRelayKey(const QString &name, bool signedByCa);
    // A new certificate, NEW.pem, for NAME's key (as a renewal that keeps the key makes).
    void renew(const QString &name, const QString &renewed, bool signedByCa);
    // The pin of PEM's public key as openssl computes it (not through Qt), as text.
    void opensslPin(const QString &pem, QString &out);
    // A relay serving wss:// with CERT.pem and KEY.key on `port` (0: any) and a data directory.
    void startTlsRelay(const QString &cert, const QString &data, quint16 port = 0,
                       const QString &key = QString());
    void initDevice(const QString &name);
    FeedbackCtlRun syncWith(const QString &name, const QStringList &extra = {}) const
    {
        return ctl(name, QStringList{u"sync"_s, u"--timeout"_s, u"60"_s} + extra, 90000);
    }
    QString caFile() const { return m_tmp->filePath(u"ca.pem"_s); }
    QString pinSetting(const QString &name) const
    {
        return QSettings(profile(name) + u"/profile.ini"_s, QSettings::IniFormat)
            .value(u"sync/relayPin"_s)
            .toString();
    }
    QString relayName() const { return u"127.0.0.1:%1"_s.arg(m_relay->port()); }
    int pending(const QString &name)
    {
        QJsonObject s;
        status(name, s);
        return s.value(u"pending"_s).toInt(-1);
    }
    quint16 m_port = 0;
};

void TestPinnedRelay::initTestCase()
{
    checkPrograms();
    QVERIFY2(!QStandardPaths::findExecutable(u"openssl"_s).isEmpty(), "needs openssl");
}

void TestPinnedRelay::openssl(const QStringList &args)
{
    QProcess p;
    p.setWorkingDirectory(m_tmp->path());
    p.start(u"openssl"_s, args);
    QVERIFY2(p.waitForFinished(kPatienceMs) && p.exitStatus() == QProcess::NormalExit &&
                 p.exitCode() == 0,
             qPrintable(u"openssl %1: %2"_s.arg(args.join(u' '),
                                                QString::fromLocal8Bit(p.readAllStandardError()))));
}

void TestPinnedRelay::makeCa()
{
    CALL(openssl({u"req"_s, u"-x509"_s, u"-newkey"_s, u"ec"_s, u"-pkeyopt"_s,
                  u"ec_paramgen_curve:prime256v1"_s, u"-nodes"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                  u"/CN=Test CA"_s, u"-keyout"_s, u"ca.key"_s, u"-out"_s, u"ca.pem"_s}));
    QVERIFY(writeFile(m_tmp->filePath(u"san.ext"_s), "subjectAltName=IP:127.0.0.1\n"));
}

void TestPinnedRelay::makeRelayKey(const QString &name, bool signedByCa)
{
    const QStringList newKey{
        u"-newkey"_s, u"ec"_s,      u"-pkeyopt"_s,   u"ec_paramgen_curve:prime256v1"_s,
        u"-nodes"_s,  u"-keyout"_s, name + u".key"_s};
    if (!signedByCa) {
        CALL(openssl(QStringList{u"req"_s, u"-x509"_s, u"-days"_s, u"2"_s, u"-subj"_s,
                                 u"/CN=127.0.0.1"_s, u"-addext"_s, u"subjectAltName=IP:127.0.0.1"_s,
                                 u"-out"_s, name + u".pem"_s} +
                     newKey));
        return;
    }
    CALL(
        openssl(QStringList{u"req"_s, u"-subj"_s, u"/CN=127.0.0.1"_s, u"-out"_s, name + u".csr"_s} +
                newKey));
    CALL(renew(name, name, true));
}

void TestPinnedRelay::renew(const QString &name, const QString &renewed, bool signedByCa)
{
    if (signedByCa)
        CALL(openssl({u"x509"_s, u"-req"_s, u"-in"_s, name + u".csr"_s, u"-CA"_s, u"ca.pem"_s,
                      u"-CAkey"_s, u"ca.key"_s, u"-CAcreateserial"_s, u"-days"_s, u"2"_s,
                      u"-extfile"_s, u"san.ext"_s, u"-out"_s, renewed + u".pem"_s}));
    else
        CALL(openssl({u"req"_s, u"-x509"_s, u"-key"_s, name + u".key"_s, u"-days"_s, u"3"_s,
                      u"-subj"_s, u"/CN=127.0.0.1"_s, u"-addext"_s,
                      u"subjectAltName=IP:127.0.0.1"_s, u"-out"_s, renewed + u".pem"_s}));
}

void TestPinnedRelay::opensslPin(const QString &pem, QString &out)
{
    CALL(
        openssl({u"x509"_s, u"-in"_s, pem, u"-pubkey"_s, u"-noout"_s, u"-out"_s, pem + u".pub"_s}));
    CALL(openssl({u"pkey"_s, u"-pubin"_s, u"-in"_s, pem + u".pub"_s, u"-outform"_s, u"der"_s,
                  u"-out"_s, pem + u".der"_s}));
    QFile der(m_tmp->filePath(pem + u".der"_s));
    QVERIFY(der.open(QIODevice::ReadOnly));
    const QByteArray spki = der.readAll();
    QVERIFY(spki.size() > 64);
    out = u"sha256/"_s + QString::fromLatin1(
                             QCryptographicHash::hash(spki, QCryptographicHash::Sha256).toBase64());
}

void TestPinnedRelay::startTlsRelay(const QString &cert, const QString &data, quint16 port,
                                    const QString &key)
{
    if (m_relay)
        m_relay->kill();
    m_relay = std::make_unique<RelayProcess>(
        m_tmp->filePath(data),
        QStringList{u"--tls-cert"_s, m_tmp->filePath(cert + u".pem"_s), u"--tls-key"_s,
                    m_tmp->filePath((key.isEmpty() ? cert : key) + u".key"_s)});
    if (!m_relay->start(port) && port != 0)
        QSKIP("the relay's port was taken meanwhile: a relay cannot come back on it");
    QVERIFY2(m_relay->isRunning(), m_relay->describe().constData());
    QVERIFY2(m_relay->url().startsWith(u"wss://127.0.0.1:"_s), qPrintable(m_relay->url()));
    m_port = m_relay->port();
}

void TestPinnedRelay::initDevice(const QString &name)
{
    VERIFY_RUN(ctl(name, {u"init"_s, u"--name"_s, name, u"--relay"_s, m_relay->url()}));
    QVERIFY(pinSetting(name).isEmpty());
}

void TestPinnedRelay::firstSyncPinsTheRelayKey()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"relay"_s, true));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    CALL(submit(u"A"_s,
                {u"--order"_s, u"ORD-PIN-1"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"5"_s}));
    const FeedbackCtlRun first = syncWith(u"A"_s, {u"--ca-file"_s, caFile()});
    QVERIFY2(first.ok() && first.out.contains(u"up to date"_s), first.describe().constData());
    QString expected;
    CALL(opensslPin(u"relay.pem"_s, expected));
    QCOMPARE(pinSetting(u"A"_s), relayName() + u" "_s + expected);

    // From now on the key is what is trusted: the CA file is no longer needed.
    CALL(submit(u"A"_s,
                {u"--order"_s, u"ORD-PIN-2"_s, u"--courier"_s, u"1"_s, u"--rating"_s, u"4"_s}));
    const FeedbackCtlRun later = syncWith(u"A"_s);
    QVERIFY2(later.ok() && later.out.contains(u"0 pending"_s), later.describe().constData());
    QCOMPARE(pinSetting(u"A"_s), relayName() + u" "_s + expected);
}

void TestPinnedRelay::aRelayWithAnotherKeyIsRefusedAndNothingIsLost()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"relay"_s, true));
    CALL(makeRelayKey(u"stranger"_s, true)); // the same CA vouches for it
    CALL(makeRelayKey(u"selfsigned"_s, false));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    VERIFY_RUN(syncWith(u"A"_s, {u"--ca-file"_s, caFile()}));
    const QString pinned = pinSetting(u"A"_s);
    QVERIFY(!pinned.isEmpty());
    CALL(submit(u"A"_s,
                {u"--order"_s, u"ORD-PIN-3"_s, u"--courier"_s, u"2"_s, u"--rating"_s, u"3"_s}));
    QString strangerPin;
    CALL(opensslPin(u"stranger.pem"_s, strangerPin));

    // Someone else's relay on the relay's address, with a certificate the CA signed.
    CALL(startTlsRelay(u"stranger"_s, u"stranger-data"_s, m_port));
    const FeedbackCtlRun vouched = syncWith(u"A"_s, {u"--ca-file"_s, caFile()});
    QVERIFY2(vouched.code == 1 && vouched.err.contains(kMismatch) &&
                 vouched.err.contains(strangerPin) && vouched.err.contains(u"--forget-relay-key"_s),
             vouched.describe().constData());
    QCOMPARE(pending(u"A"_s), 1);
    // One with a self-signed certificate, no CA file: refused for its key too.
    CALL(startTlsRelay(u"selfsigned"_s, u"stranger-data"_s, m_port));
    const FeedbackCtlRun selfSigned = syncWith(u"A"_s);
    QVERIFY2(selfSigned.code == 1 && selfSigned.err.contains(kMismatch),
             selfSigned.describe().constData());
    QCOMPARE(pending(u"A"_s), 1);
    QCOMPARE(pinSetting(u"A"_s), pinned);

    // The real relay back with its key: what was pending goes through.
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s, m_port));
    const FeedbackCtlRun back = syncWith(u"A"_s);
    QVERIFY2(back.ok() && back.out.contains(u"0 pending"_s), back.describe().constData());
    QCOMPARE(pending(u"A"_s), 0);
    QCOMPARE(pinSetting(u"A"_s), pinned);
}

void TestPinnedRelay::aPinnedSelfSignedRelayNeedsNoCaFile()
{
    CALL(makeRelayKey(u"relay"_s, false));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    CALL(submit(u"A"_s,
                {u"--order"_s, u"ORD-PIN-4"_s, u"--courier"_s, u"3"_s, u"--rating"_s, u"2"_s}));
    // No pin, no CA: a self-signed relay is not trusted.
    const FeedbackCtlRun untrusted = syncWith(u"A"_s);
    QVERIFY2(untrusted.code == 1 && untrusted.err.contains(u"TLS"_s),
             untrusted.describe().constData());
    QVERIFY(pinSetting(u"A"_s).isEmpty());

    // The pin set as join sets the one an invite carries.
    const QList<QSslCertificate> certificate =
        QSslCertificate::fromPath(m_tmp->filePath(u"relay.pem"_s), QSsl::Pem);
    QCOMPARE(certificate.size(), 1);
    const QByteArray pin = sync::RelayPin::of(certificate.first());
    QString expected;
    CALL(opensslPin(u"relay.pem"_s, expected));
    QCOMPARE(sync::RelayPin::toText(pin), expected);
    QVERIFY(sync::RelayPin::save(store::Profile(profile(u"A"_s)), QUrl(m_relay->url()), pin));
    const FeedbackCtlRun pinned = syncWith(u"A"_s);
    QVERIFY2(pinned.ok() && pinned.out.contains(u"0 pending"_s), pinned.describe().constData());

    // A second device joins with A's invite: the code carries A's pin, so claiming it and B's
    // syncs need no CA file either.
    CALL(join(u"B"_s, u"A"_s));
    QCOMPARE(pinSetting(u"B"_s), pinSetting(u"A"_s));
    VERIFY_RUN(syncWith(u"B"_s));
    QJsonArray records;
    CALL(list(u"B"_s, records));
    QCOMPARE(records.size(), 1);
    QCOMPARE(records.first()[u"orderId"_s].toString(), u"ORD-PIN-4"_s);

    // A renewed certificate that keeps the key (another serial, other dates) is the same relay.
    CALL(renew(u"relay"_s, u"renewed"_s, false));
    CALL(startTlsRelay(u"renewed"_s, u"relay-data"_s, m_port, u"relay"_s));
    CALL(submit(u"A"_s,
                {u"--order"_s, u"ORD-PIN-5"_s, u"--courier"_s, u"3"_s, u"--rating"_s, u"5"_s}));
    const FeedbackCtlRun renewed = syncWith(u"A"_s);
    QVERIFY2(renewed.ok() && renewed.out.contains(u"0 pending"_s), renewed.describe().constData());
}

void TestPinnedRelay::forgetRelayKeyPinsTheOperatorsNewKey()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"old"_s, true));
    CALL(makeRelayKey(u"new"_s, true));
    CALL(startTlsRelay(u"old"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    VERIFY_RUN(syncWith(u"A"_s, {u"--ca-file"_s, caFile()}));
    // The operator moves the relay to a new key.
    CALL(startTlsRelay(u"new"_s, u"relay-data"_s, m_port));
    const FeedbackCtlRun refused = syncWith(u"A"_s, {u"--ca-file"_s, caFile()});
    QVERIFY2(refused.code == 1 && refused.err.contains(kMismatch), refused.describe().constData());

    const FeedbackCtlRun forgotten =
        syncWith(u"A"_s, {u"--ca-file"_s, caFile(), u"--forget-relay-key"_s});
    QVERIFY2(forgotten.ok() && forgotten.err.contains(u"pinned key is forgotten"_s),
             forgotten.describe().constData());
    QString newPin;
    CALL(opensslPin(u"new.pem"_s, newPin));
    QCOMPARE(pinSetting(u"A"_s), relayName() + u" "_s + newPin);
    VERIFY_RUN(syncWith(u"A"_s));
    QVERIFY(ctl(u"A"_s, {u"sync"_s, u"--help"_s}).out.contains(u"--forget-relay-key"_s));
}

void TestPinnedRelay::aDamagedPinStopsSyncUntilForgotten()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"relay"_s, true));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    {
        QSettings ini(profile(u"A"_s) + u"/profile.ini"_s, QSettings::IniFormat);
        ini.setValue(u"sync/relayPin"_s, u"%1 sha256/not-a-pin"_s.arg(relayName()));
    }
    // Damaged is not "no pin": the relay would be trusted on first use again.
    const FeedbackCtlRun damaged = syncWith(u"A"_s, {u"--ca-file"_s, caFile()});
    QVERIFY2(damaged.code == 1 && damaged.err.contains(u"is damaged"_s) &&
                 damaged.err.contains(u"--forget-relay-key"_s),
             damaged.describe().constData());
    const FeedbackCtlRun forgotten =
        syncWith(u"A"_s, {u"--ca-file"_s, caFile(), u"--forget-relay-key"_s});
    QVERIFY2(forgotten.ok(), forgotten.describe().constData());
    QString expected;
    CALL(opensslPin(u"relay.pem"_s, expected));
    QCOMPARE(pinSetting(u"A"_s), relayName() + u" "_s + expected);
}

void TestPinnedRelay::aSyncWithAnotherRelayLeavesThePinAlone()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"relay"_s, true));
    CALL(makeRelayKey(u"other"_s, true));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    CALL(initDevice(u"A"_s));
    VERIFY_RUN(syncWith(u"A"_s, {u"--ca-file"_s, caFile()}));
    const QString pinned = pinSetting(u"A"_s);
    QVERIFY(pinned.startsWith(relayName() + u" "_s));
    // Another relay, named on the command line once: its own (CA-checked) connection, with
    // neither the profile's pin nor a pin of its own kept.
    RelayProcess other(m_tmp->filePath(u"other-data"_s),
                       {u"--tls-cert"_s, m_tmp->filePath(u"other.pem"_s), u"--tls-key"_s,
                        m_tmp->filePath(u"other.key"_s)});
    QVERIFY2(other.start(), other.describe().constData());
    VERIFY_RUN(syncWith(u"A"_s, {u"--relay"_s, other.url(), u"--ca-file"_s, caFile()}));
    QCOMPARE(pinSetting(u"A"_s), pinned);
    VERIFY_RUN(syncWith(u"A"_s));
}

void TestPinnedRelay::aRunningClientHoldsToTheKeyItPinned()
{
    CALL(makeCa());
    CALL(makeRelayKey(u"relay"_s, true));
    CALL(makeRelayKey(u"stranger"_s, true));
    CALL(startTlsRelay(u"relay"_s, u"relay-data"_s));
    const store::Profile device(profile(u"D"_s));
    QVERIFY(device.createDirectory());
    auto opened = store::FeedbackStore::open(device.databasePath(), store::SecretKey::random(), {});
    QVERIFY2(opened, qPrintable(opened.error()));
    const std::unique_ptr<store::FeedbackStore> db = std::move(*opened);
    QVERIFY(sync::enrol(device, *db, {m_relay->url(), sync::WorkspaceKeys::newSecret()}, u"D"_s));

    sync::ClientSetup setup = sync::ClientSetup::of(device, *db);
    QCOMPARE(setup.refusal(), sync::ClientSetup::Refusal::None);
    setup.options().caFile = caFile();
    setup.options().initialBackoffMs = 100;
    setup.options().maxBackoffMs = 400;
    setup.options().maxUnreachableBackoffMs = 400;
    const std::unique_ptr<sync::SyncClient> client(setup.create(*db, nullptr));
    QVERIFY(client);
    QSignalSpy pinnedSpy(client.get(), &sync::SyncClient::relayKeyPinned);
    client->start();
    QTRY_VERIFY(client->session().state() == sync::SyncState::UpToDate);
    QCOMPARE(pinnedSpy.size(), 1);
    QString expected;
    CALL(opensslPin(u"relay.pem"_s, expected));
    QCOMPARE(sync::RelayPin::toText(pinnedSpy.first().first().toByteArray()), expected);
    QCOMPARE(pinSetting(u"D"_s), relayName() + u" "_s + expected);

    // The relay's address taken over by a relay the CA vouches for: the client reconnects and
    // refuses it for its key, while its CA file alone would have let it through.
    CALL(startTlsRelay(u"stranger"_s, u"stranger-data"_s, m_port));
    QTRY_VERIFY2(client->session().problem().kind == sync::SyncProblem::Kind::Tls &&
                     client->session().lastError().contains(kMismatch),
                 qPrintable(client->session().lastError()));
    QCOMPARE(pinnedSpy.size(), 1);
    client->stop();
}

QTEST_GUILESS_MAIN(TestPinnedRelay)
#include "tst_pinnedrelay.moc"
