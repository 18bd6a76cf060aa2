// sync::RelayUrl::check, the one rule for plain ws://: only to this machine (127.0.0.0/8, ::1,
// localhost) unless the operator allowed it; wss:// anywhere.
#include <QTest>

#include <sync/RelayUrl.h>

using namespace Qt::StringLiterals;
using namespace feedback;

class TestRelayUrl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void loopbackWsNeedsNoFlag()
    {
        for (const QString &url :
             {u"ws://127.0.0.1:8765"_s, u"ws://127.255.0.9/relay"_s, u"ws://[::1]:9"_s,
              u"ws://localhost"_s, u"ws://LOCALHOST:1/x"_s, u"ws://[::ffff:127.0.0.1]:9"_s})
            QVERIFY2(sync::RelayUrl::check(url, false), qPrintable(url));
    }
    void wssIsAlwaysAllowed()
    {
        QVERIFY(sync::RelayUrl::check(u"wss://relay.example.com"_s, false));
        QVERIFY(sync::RelayUrl::check(u"wss://192.0.2.1:443"_s, false));
    }
    void remoteWsIsRefusedWithAMessage()
    {
        for (const QString &url :
             {u"ws://192.0.2.1:9"_s, u"ws://relay.example.com"_s, u"ws://[2001:db8::1]:9"_s,
              u"ws://128.0.0.1"_s, u"ws://localhost.example.com"_s, u"ws://0.0.0.0:9"_s,
              u"WS://10.0.0.1"_s}) {
            const Status s = sync::RelayUrl::check(url, false);
            QVERIFY2(!s, qPrintable(url));
            QVERIFY2(s.error().contains(u"use wss:// or pass --insecure"_s), qPrintable(s.error()));
        }
        QCOMPARE(
            sync::RelayUrl::check(u"ws://192.0.2.1:9"_s, false).error(),
            u"ws:// sends everything unencrypted to 192.0.2.1; use wss:// or pass --insecure"_s);
    }
    void insecureAllowsRemoteWs()
    {
        QVERIFY(sync::RelayUrl::check(u"ws://192.0.2.1:9"_s, true));
        QVERIFY(sync::RelayUrl::check(u"ws://relay.example.com"_s, true));
    }
    // Malformed URLs are SyncClient::isRelayUrl's to refuse: this rule does not judge them.
    void otherSchemesAreNotItsBusiness()
    {
        QVERIFY(sync::RelayUrl::check(u"http://192.0.2.1"_s, false));
        QVERIFY(sync::RelayUrl::check(u"not a url"_s, false));
        QVERIFY(!sync::RelayUrl::isLoopback(QUrl(u"ws://"_s)));
    }
};

QTEST_GUILESS_MAIN(TestRelayUrl)
#include "tst_relayurl.moc"
