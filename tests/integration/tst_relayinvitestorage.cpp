// RelayStorage's invites on a real SQLite file, without a server: what claims and cancellations
// leave in relay.db, and damaged rows read as errors.
#include <QCborArray>
#include <QCborValue>
#include <QTemporaryDir>
#include <QTest>

#include <relay/RelayStorage.h>
#include <support/RawDatabase.h>

using namespace Qt::StringLiterals;
using feedback::ErrorKind;
using feedback::relay::RelayStorage;
using feedback::relay::StoredInvite;
using feedback::test::RawDatabase;
namespace protocol = feedback::protocol;

namespace {

QByteArray id(char c, qsizetype size)
{
    return QByteArray(size, c);
}

} // namespace

class TestRelayInviteStorage : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }
    void invitesDropTheirEnvelopesAndDamagedRowsAreRefused();

private:
    QString dir() const { return m_tmp->path(); }
    std::unique_ptr<QTemporaryDir> m_tmp;
};

// An invite's envelopes leave relay.db with its last use (or its cancellation); a row that
// is not as storeInvite and the claims wrote it (a damaged file) reads as an error, never as a
// shorter list that would hand out the wrong envelope or skip a kiosk's revocation.
void TestRelayInviteStorage::invitesDropTheirEnvelopesAndDamagedRowsAreRefused()
{
    const QByteArray w = id('W', 32), issuer = id('i', 16);
    const QByteArray single = id('s', 32), kiosks = id('k', 32);
    {
        RelayStorage storage;
        QVERIFY(storage.open(dir()).ok());
        const qint64 now = 1'800'000'000'000;
        const StoredInvite one{w, issuer, now + 3600000, 2, 0, false, {"envelope"_ba}, {}};
        QVERIFY(*storage.storeInvite(single, one, now));
        QVERIFY(!*storage.storeInvite(single, one, now)); // the id is taken
        QVERIFY(*storage.countClaim(single, 0, false));
        // Counted from a stale read (another relay's claim came first): nothing changes.
        QVERIFY(!*storage.countClaim(single, 0, false));
        QCOMPARE((*storage.findInvite(single))->envelopes.size(), 1);
        QVERIFY(*storage.countClaim(single, 1, true));
        const auto spent = storage.findInvite(single);
        QVERIFY2(spent && spent->has_value(), qPrintable(spent.error()));
        QCOMPARE((*spent)->claimed, 2u);
        QVERIFY((*spent)->envelopes.isEmpty());
        const StoredInvite three{w,
                                 issuer,
                                 now + 3600000,
                                 3,
                                 0,
                                 false,
                                 {"a"_ba, "b"_ba, "c"_ba},
                                 {id('1', 16), id('2', 16), id('3', 16)}};
        QVERIFY(*storage.storeInvite(kiosks, three, now));
        QVERIFY(!*storage.cancelInvite(protocol::inviteHandle(kiosks), id('V', 32)));
        QVERIFY(*storage.cancelInvite(protocol::inviteHandle(kiosks), w));
        const auto cancelled = storage.findInvite(kiosks);
        QVERIFY((*cancelled)->cancelled && (*cancelled)->envelopes.isEmpty());
    }
    RawDatabase raw(dir() + u"/relay.db"_s);
    const QByteArray twoEnvelopes = QCborValue(QCborArray{"a"_ba, "b"_ba}).toCbor();
    const QByteArray notBytes = QCborValue(QCborArray{"a"_ba, 7}).toCbor();
    for (const auto &[sql, bind] : {std::pair{u"UPDATE invites SET envelopes = ?, claimed = 0, "
                                              "cancelled = 0"_s,
                                              twoEnvelopes}, // 2 envelopes for 3 uses
                                    std::pair{u"UPDATE invites SET envelopes = ?"_s, notBytes},
                                    std::pair{u"UPDATE invites SET devices = ?"_s, "\xff"_ba}}) {
        QVERIFY(raw.exec(sql, {bind}));
        RelayStorage storage;
        QVERIFY(storage.open(dir()).ok());
        const auto read = storage.findInvite(kiosks);
        QVERIFY2(!read && read.errorKind() == ErrorKind::Damaged, qPrintable(sql));
    }
}

QTEST_GUILESS_MAIN(TestRelayInviteStorage)
#include "tst_relayinvitestorage.moc"
