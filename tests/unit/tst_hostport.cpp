// "HOST:PORT" as typed: the split both the relay's --listen and a device's nearby peers use, and
// what each adds to it (a peer needs a port; the relay takes "localhost").
#include <QTest>

#include <common/HostPort.h>
#include <sync/PeerNetwork.h>

using namespace feedback;
using namespace Qt::StringLiterals;

class TestHostPort : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void splitsNamesAddressesAndBracketedIpv6()
    {
        const auto name = splitHostPort(u"desk.local:47300"_s);
        QVERIFY(name);
        QCOMPARE(name->host, u"desk.local"_s);
        QCOMPARE(name->port, 47300);
        const auto v6 = splitHostPort(u"[fe80::1]:8080"_s);
        QVERIFY(v6);
        QCOMPARE(v6->host, u"fe80::1"_s);
        QCOMPARE(v6->port, 8080);
        const auto anyPort = splitHostPort(u"10.0.0.2:0"_s);
        QVERIFY(anyPort);
        QCOMPARE(anyPort->port, 0);
    }
    void refusesWhatIsNotHostAndPort()
    {
        for (const QString &bad : {u""_s, u"desk"_s, u":47300"_s, u"desk:"_s, u"desk:65536"_s,
                                   u"desk:-1"_s, u"desk:47300x"_s, u"[]:80"_s})
            QVERIFY2(!splitHostPort(bad), qPrintable(bad));
    }
    void aNearbyDeviceNeedsAPortAndAPlainHost()
    {
        QVERIFY(sync::PeerAddress::parse(u"192.168.1.20:47300"_s));
        QVERIFY(!sync::PeerAddress::parse(u"192.168.1.20:0"_s));
        QVERIFY(sync::PeerAddress::parse(u"192.168.1.20:0"_s, true)); // "any port" to listen on
        QVERIFY(!sync::PeerAddress::parse(u"http://desk:80"_s));
        QVERIFY(!sync::PeerAddress::parse(u"my desk:80"_s));
    }
};

QTEST_GUILESS_MAIN(TestHostPort)
#include "tst_hostport.moc"
