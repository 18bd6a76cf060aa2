// sync::RelayPin: the pin of a certificate's public key (as openssl computes it, for RSA and EC
// keys), its text form "sha256/BASE64" and nothing else, and the pin a profile keeps for one
// relay (host and port of a wss:// URL).
#include <QSettings>
#include <QSslCertificate>
#include <QTemporaryDir>
#include <QTest>

#include <sync/RelayPin.h>

using namespace Qt::StringLiterals;
using namespace feedback;
using sync::RelayPin;

namespace {

// Self-signed certificates made with `openssl req -x509 -newkey ec -pkeyopt
// ec_paramgen_curve:prime256v1` (and `-newkey rsa:2048`); their pins with `openssl x509 -pubkey
// -noout | openssl pkey -pubin -outform der | openssl dgst -sha256 -binary | base64`.
const QByteArray kEcCertificate =
    QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n"
                      "MIIBhDCCASugAwIBAgIUZe9rPQrczIYQu0J5vyqSyiNkHV0wCgYIKoZIzj0EAwIw\n"
                      "GDEWMBQGA1UEAwwNcmVsYXkuZXhhbXBsZTAeFw0yNjEyMDQyMjIzNDZaFw0zNjEy\n"
                      "MDEyMjIzNDZaMBgxFjAUBgNVBAMMDXJlbGF5LmV4YW1wbGUwWTATBgcqhkjOPQIB\n"
                      "BggqhkjOPQMBBwNCAAQnmm8W28MdMMr2gWDZcZ+IFflOaCw+Jn1n0vEYod5t7U0R\n"
                      "0GuSdLv9dzRhL3IQiZ8g31ZDf41FXOiC6WtT5Bw7o1MwUTAdBgNVHQ4EFgQUUe9v\n"
                      "PQtQsEYKeQjsVXfv901rAQgwHwYDVR0jBBgwFoAUUe9vPQtQsEYKeQjsVXfv901r\n"
                      "AQgwDwYDVR0TAQH/BAUwAwEB/zAKBggqhkjOPQQDAgNHADBEAiAvBMYCiLjNcqqc\n"
                      "ZD92Istzb3KPbfS/H5RyGFn4aV/1zAIgN0dM9pD9tGWX8P9jqLaVjJMTyEJhqKIa\n"
                      "vGerZ5zlxGo=\n"
                      "-----END CERTIFICATE-----\n");
const QString kEcPin = u"sha256/ktUmFXcBPVrhdkdcQM+XMNCQkOcOc3AVXF0HPENM+M0="_s;
// The hash of the whole certificate: what a certificate pin would be, and a key pin is not.
const QString kEcCertificateHash = u"sha256/D5y9Z8voMW0bEG8wf+nA08v4WDKL3hJbxkiXgqDok+E="_s;

const QByteArray kRsaCertificate =
    QByteArrayLiteral("-----BEGIN CERTIFICATE-----\n"
                      "MIIDETCCAfmgAwIBAgIUEkaL5V8+H//f2cx/eJlRTM21oD4wDQYJKoZIhvcNAQEL\n"
                      "BQAwGDEWMBQGA1UEAwwNcmVsYXkuZXhhbXBsZTAeFw0yNjEyMDQyMjIzNDlaFw0z\n"
                      "NjEyMDEyMjIzNDlaMBgxFjAUBgNVBAMMDXJlbGF5LmV4YW1wbGUwggEiMA0GCSqG\n"
                      "SIb3DQEBAQUAA4IBDwAwggEKAoIBAQDWFqepqxIFjDBfOwt7sfc3krrLIB1Tl2ux\n"
                      "EgerMx3f2/jNqObre2DgU/EDlEv4w9wzWtmRt1fHg0vGVbzUM25NStiu4Qd9WI01\n"
                      "hed3+ISLPNJIUxzC3TxlpvaqPGP0xSe5mlt2vmyLbs/R1MYXHNOfhCP8MwQ6aU6/\n"
                      "Me3poZ58y589TLki24LoAe/tsAKilkRB1bNWieFRbp87qcUylCx8vG+s1bqPJ5G6\n"
                      "v3BwzBjqLkDBnyBF8B9mwLzP0t4EjUtW9F3fAHFrt/H796ZVydCoCGZRPBYZLV9W\n"
                      "yzSl0HJpWkdvLvUSAa30qf249HXmNB5Cp6aFageSwSyX9xcEOG25AgMBAAGjUzBR\n"
                      "MB0GA1UdDgQWBBQWCjw21FEXCNQzAnkOm0Bg9IJDUjAfBgNVHSMEGDAWgBQWCjw2\n"
                      "1FEXCNQzAnkOm0Bg9IJDUjAPBgNVHRMBAf8EBTADAQH/MA0GCSqGSIb3DQEBCwUA\n"
                      "A4IBAQCGrv+jzRz0gN840l1S+l3cIKqddyRXxHKe9jwXHI38h6bAGdMG+L71bNGO\n"
                      "7FFG/UV9nnK6J4L9PNHwcGEatlNaA/nydb0I+kOhLPqWckcOw+PLv01xpS/Z+41h\n"
                      "K8QemcV2h1oRg5/k5Yz40o2t5PawuxEtbFiO/aTi90n7RKXLynT3vDlBtxQWYbBv\n"
                      "GFoTigLdmFls9FkbUp5+aurfriulUxsWx627d3PqHi/F0IYQZr9QVjeOxDM4+K4N\n"
                      "Y70dyGkgxyGEOYhdrZeOnT+RjSP3EFBpNY+df8ZDkviAVxz4DjNw16fJXHSaGqs+\n"
                      "/BYZt7v8dfeMh6TBzaVchqjdK2nG\n"
                      "-----END CERTIFICATE-----\n");
const QString kRsaPin = u"sha256/JKrqiqSJgxfrI+FeXgRmHwr4jLBIYXZrJ9Kvaizqcdw="_s;

QByteArray pinOf(const QString &text)
{
    const auto pin = RelayPin::parse(text);
    return pin ? *pin : QByteArray();
}

} // namespace

class TestRelayPin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void pinIsTheHashOfThePublicKey()
    {
        const QSslCertificate ec(kEcCertificate, QSsl::Pem);
        QVERIFY(!ec.isNull());
        QCOMPARE(RelayPin::toText(RelayPin::of(ec)), kEcPin);
        QVERIFY(RelayPin::toText(RelayPin::of(ec)) != kEcCertificateHash);
        const QSslCertificate rsa(kRsaCertificate, QSsl::Pem);
        QVERIFY(!rsa.isNull());
        QCOMPARE(RelayPin::toText(RelayPin::of(rsa)), kRsaPin);
        QCOMPARE(RelayPin::of(rsa).size(), RelayPin::kBytes);
        QVERIFY(RelayPin::of(QSslCertificate()).isEmpty()); // no key: no pin, never a match
    }

    void textRoundTrips()
    {
        for (const QString &text : {kEcPin, kRsaPin}) {
            const auto pin = RelayPin::parse(text);
            QVERIFY2(pin, qPrintable(pin.error()));
            QCOMPARE(pin->size(), RelayPin::kBytes);
            QCOMPARE(RelayPin::toText(*pin), text);
        }
        const QByteArray zeros(RelayPin::kBytes, '\0');
        QCOMPARE(pinOf(RelayPin::toText(zeros)), zeros);
    }

    void malformedTextIsRefused_data()
    {
        QTest::addColumn<QString>("text");
        const QString body = kEcPin.mid(7); // the 44 characters after "sha256/"
        QTest::newRow("empty") << QString();
        QTest::newRow("prefix only") << u"sha256/"_s;
        QTest::newRow("no prefix") << body;
        QTest::newRow("other hash") << u"sha1/"_s + body;
        QTest::newRow("upper-case prefix") << u"SHA256/"_s + body;
        QTest::newRow("curl's double slash") << u"sha256//"_s + body;
        QTest::newRow("space before") << u" "_s + kEcPin;
        QTest::newRow("space after") << kEcPin + u" "_s;
        QTest::newRow("newline after") << kEcPin + u"\n"_s;
        QTest::newRow("no padding") << kEcPin.chopped(1);
        QTest::newRow("one character short") << kEcPin.chopped(2) + u"="_s;
        QTest::newRow("too long") << kEcPin + u"AAAA"_s;
        QTest::newRow("base64url alphabet") << u"sha256/"_s + QString(body).replace(u'+', u'-');
        QTest::newRow("bad character") << u"sha256/"_s + body.left(10) + u"*"_s + body.mid(11);
        QTest::newRow("non-ASCII") << u"sha256/"_s + body.left(10) + u"é"_s + body.mid(11);
        // 33 bytes' worth, and 31.
        QTest::newRow("33 bytes") << u"sha256/"_s +
                                         QString::fromLatin1(QByteArray(33, 'x').toBase64());
        QTest::newRow("31 bytes") << u"sha256/"_s +
                                         QString::fromLatin1(QByteArray(31, 'x').toBase64());
        // The same 32 bytes, with bits set in the padding: one key has one text.
        QTest::newRow("padding bits") << kEcPin.chopped(2) + u"1="_s;
        QTest::newRow("two pins") << kEcPin + u","_s + kRsaPin;
    }
    void malformedTextIsRefused()
    {
        QFETCH(QString, text);
        const auto pin = RelayPin::parse(text);
        QVERIFY2(!pin, qPrintable(text));
        QCOMPARE(pin.errorKind(), ErrorKind::BadData);
        QVERIFY2(pin.error().contains(u"not a relay key pin"_s), qPrintable(pin.error()));
    }

    void relayIsHostAndPortOfAWssUrl()
    {
        QCOMPARE(RelayPin::relayOf(QUrl(u"wss://relay.example.com"_s)), u"relay.example.com:443"_s);
        QCOMPARE(RelayPin::relayOf(QUrl(u"wss://Relay.Example.COM:8443/feedback"_s)),
                 u"relay.example.com:8443"_s);
        QCOMPARE(RelayPin::relayOf(QUrl(u"wss://127.0.0.1:9"_s)), u"127.0.0.1:9"_s);
        QCOMPARE(RelayPin::relayOf(QUrl(u"wss://[::1]:9/x"_s)), u"[::1]:9"_s);
        QCOMPARE(RelayPin::relayOf(QUrl(u"WSS://relay.example.com"_s)), u"relay.example.com:443"_s);
        // Plain ws:// shows no key, and a URL without a host names no relay.
        QVERIFY(RelayPin::relayOf(QUrl(u"ws://relay.example.com"_s)).isEmpty());
        QVERIFY(RelayPin::relayOf(QUrl(u"wss:relay"_s)).isEmpty());
        QVERIFY(RelayPin::relayOf(QUrl()).isEmpty());
    }

    void profileKeepsThePinForOneRelay()
    {
        QTemporaryDir dir;
        const store::Profile profile(dir.path());
        const QUrl relay(u"wss://relay.example.com/feedback"_s);
        const QByteArray pin = pinOf(kEcPin);
        auto none = RelayPin::load(profile, relay);
        QVERIFY(none && none->isEmpty());

        QVERIFY(RelayPin::save(profile, relay, pin));
        QCOMPARE(profile.get(store::settings::kRelayPin), u"relay.example.com:443 "_s + kEcPin);
        auto kept = RelayPin::load(profile, relay);
        QVERIFY(kept);
        QCOMPARE(*kept, pin);
        // The same relay under another path or spelling; port 443 said or not.
        kept = RelayPin::load(profile, QUrl(u"wss://RELAY.example.com:443/other"_s));
        QVERIFY(kept);
        QCOMPARE(*kept, pin);
        // Another host, another port, plain ws:// to the same host: no pin there yet.
        for (const QString &other :
             {u"wss://other.example.com"_s, u"wss://relay.example.com:8443"_s,
              u"ws://relay.example.com:443"_s}) {
            const auto elsewhere = RelayPin::load(profile, QUrl(other));
            QVERIFY2(elsewhere && elsewhere->isEmpty(), qPrintable(other));
        }

        // A pin for another relay takes the place of the first: a profile has one relay.
        QVERIFY(RelayPin::save(profile, QUrl(u"wss://other.example.com"_s), pinOf(kRsaPin)));
        kept = RelayPin::load(profile, relay);
        QVERIFY(kept && kept->isEmpty());
        const auto other = RelayPin::load(profile, QUrl(u"wss://other.example.com:443"_s));
        QVERIFY(other);
        QCOMPARE(*other, pinOf(kRsaPin));

        QVERIFY(RelayPin::forget(profile));
        kept = RelayPin::load(profile, QUrl(u"wss://other.example.com"_s));
        QVERIFY(kept && kept->isEmpty());
    }

    void saveRefusesWhatIsNoPin()
    {
        QTemporaryDir dir;
        const store::Profile profile(dir.path());
        const Status shortPin =
            RelayPin::save(profile, QUrl(u"wss://relay.example.com"_s), QByteArray(31, 'x'));
        QVERIFY(!shortPin);
        QCOMPARE(shortPin.errorKind(), ErrorKind::BadData);
        const Status plain = RelayPin::save(profile, QUrl(u"ws://127.0.0.1:9"_s), pinOf(kEcPin));
        QVERIFY(!plain);
        QCOMPARE(plain.errorKind(), ErrorKind::BadData);
        QVERIFY(profile.get(store::settings::kRelayPin).isEmpty());
    }

    void aDamagedSettingIsAnErrorNotNoPin_data()
    {
        QTest::addColumn<QString>("kept");
        QTest::newRow("no relay") << kEcPin;
        QTest::newRow("leading space") << u" "_s + kEcPin;
        QTest::newRow("bad pin") << u"relay.example.com:443 sha256/abc"_s;
        QTest::newRow("two spaces") << u"relay.example.com:443  "_s + kEcPin;
        QTest::newRow("no pin") << u"relay.example.com:443"_s;
    }
    void aDamagedSettingIsAnErrorNotNoPin()
    {
        QFETCH(QString, kept);
        QTemporaryDir dir;
        const store::Profile profile(dir.path());
        QVERIFY(profile.setSetting(store::settings::kRelayPin.name, kept));
        // Damaged is not "none": a relay with any key would be trusted on first use again.
        for (const QString &url : {u"wss://relay.example.com"_s, u"wss://other.example.com"_s}) {
            const auto pin = RelayPin::load(profile, QUrl(url));
            QVERIFY2(!pin, qPrintable(kept));
            QCOMPARE(pin.errorKind(), ErrorKind::Damaged);
            QVERIFY2(pin.error().contains(u"--forget-relay-key"_s), qPrintable(pin.error()));
        }
        QVERIFY(RelayPin::forget(profile));
        QVERIFY(RelayPin::load(profile, QUrl(u"wss://relay.example.com"_s)));
    }
};

QTEST_GUILESS_MAIN(TestRelayPin)
#include "tst_relaypin.moc"
