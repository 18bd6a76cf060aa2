// What the relay's per-address limit counts (SocketGate::sourceOf): one IPv4 address, the same
// when it arrives mapped into IPv6, and one /64 for IPv6, since a subscriber holds a whole /64
// and could otherwise open the per-address limit's worth of sockets from each of its addresses.
#include <QTest>

#include <relay/SocketGate.h>

using feedback::relay::SocketGate;
using namespace Qt::StringLiterals;

class TestSocketGate : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void sourceOf_data()
    {
        QTest::addColumn<QString>("address");
        QTest::addColumn<QString>("source");
        QTest::newRow("IPv4") << u"192.0.2.7"_s << u"192.0.2.7"_s;
        QTest::newRow("IPv4 mapped into IPv6") << u"::ffff:192.0.2.7"_s << u"192.0.2.7"_s;
        QTest::newRow("IPv6 /64") << u"2001:db8:1:2:aaaa:bbbb:cccc:dddd"_s << u"2001:db8:1:2::"_s;
        QTest::newRow("IPv6 loopback") << u"::1"_s << u"::"_s;
    }
    void sourceOf()
    {
        QFETCH(QString, address);
        QFETCH(QString, source);
        QCOMPARE(SocketGate::sourceOf(QHostAddress(address)), QHostAddress(source));
    }
    void addressesOfOneBlockShareASource()
    {
        const QHostAddress a(u"2001:db8:1:2::1"_s), b(u"2001:db8:1:2:ffff::9"_s),
            other(u"2001:db8:1:3::1"_s);
        QCOMPARE(SocketGate::sourceOf(a), SocketGate::sourceOf(b));
        QVERIFY(SocketGate::sourceOf(a) != SocketGate::sourceOf(other));
    }
};

QTEST_GUILESS_MAIN(TestSocketGate)
#include "tst_socketgate.moc"
