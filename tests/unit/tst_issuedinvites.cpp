// The invites a device made that the relay holds (sync/IssuedInvites.h), in a real store: added
// and replaced by handle, uses left updated and removed by the relay's answers, expired entries
// dropped when read, at most kMaxEntries kept (the oldest made dropped), a damaged value read as
// far as it is valid, and no code, secret or invite id ever written.
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QTemporaryDir>
#include <QTest>

#include <protocol/Messages.h>
#include <store/Profile.h>
#include <sync/InviteIssuer.h>
#include <sync/IssuedInvites.h>

using namespace feedback;
using namespace Qt::StringLiterals;
using Entry = sync::IssuedInvites::Entry;

namespace {

constexpr qint64 kNow = 1'800'000'000'000; // a fixed wall clock: nothing here reads the real one
constexpr qint64 kHourMs = 3600 * 1000;
const QString kStoredName = u"invite/issued"_s;

QByteArray handleOf(int n)
{
    return protocol::inviteHandle(QByteArray(32, char(n)));
}

Entry entry(int n, qint64 madeAtMs, qint64 expiresAtMs, quint64 uses = 1)
{
    Entry e;
    e.handle = handleOf(n);
    e.madeAtMs = madeAtMs;
    e.expiresAtMs = expiresAtMs;
    e.uses = uses;
    e.usesLeft = uses;
    return e;
}

} // namespace

class TestIssuedInvites : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;

    QList<Entry> pending(qint64 now = kNow) const
    {
        return sync::IssuedInvites::pending(*m_store, now);
    }

private Q_SLOTS:
    void init()
    {
        m_store.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        auto s = store::FeedbackStore::open(store::Profile(m_dir->path()).databasePath(),
                                            store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
    }

    void nothingKeptAtFirst() { QVERIFY(pending().isEmpty()); }

    // What the invite of a request keeps: its handle, never its id; role, kiosk name, expiry and
    // uses; reads back the same after the store is opened again.
    void keepsTheHandleNeverTheId()
    {
        sync::InviteRequest request;
        request.role = protocol::Role::Kiosk;
        request.kioskName = u"Lobby"_s;
        request.uses = 2;
        protocol::Invite offer;
        offer.id = QByteArray(32, 'i');
        offer.expiresAtMs = quint64(kNow + kHourMs);
        offer.uses = 2;
        const Entry e = sync::IssuedInvites::entryFor(request, offer, 2, kNow);
        QCOMPARE(e.handle, protocol::inviteHandle(offer.id));
        QVERIFY(sync::IssuedInvites::record(*m_store, e, kNow).ok());
        const QByteArray raw = m_store->value(kStoredName).value_or(QByteArray());
        QVERIFY2(raw.contains(e.handle.toHex()), raw.constData());
        QVERIFY2(!raw.contains(offer.id.toHex()) && !raw.contains(offer.id.toBase64()) &&
                     !raw.contains(offer.id),
                 raw.constData());
        const QList<Entry> kept = pending();
        QCOMPARE(kept.size(), 1);
        QCOMPARE(kept.first(), e);
        QCOMPARE(kept.first().role, protocol::Role::Kiosk);
        QCOMPARE(kept.first().kioskName, u"Lobby"_s);
        QCOMPARE(kept.first().expiresAtMs, kNow + kHourMs);
        // A full device's invite keeps no name.
        request.role = protocol::Role::Full;
        QVERIFY(sync::IssuedInvites::entryFor(request, offer, 2, kNow).kioskName.isEmpty());
    }

    void answersUpdateAndRemove()
    {
        QVERIFY(
            sync::IssuedInvites::record(*m_store, entry(1, kNow, kNow + kHourMs, 5), kNow).ok());
        QVERIFY(
            sync::IssuedInvites::record(*m_store, entry(2, kNow + 1, kNow + kHourMs), kNow).ok());
        QVERIFY(sync::IssuedInvites::answered(*m_store, handleOf(1), 3, kNow).ok());
        QCOMPARE(pending().at(0).usesLeft, quint64(3));
        QCOMPARE(pending().at(0).uses, quint64(5));
        // Never more left than it allows.
        QVERIFY(sync::IssuedInvites::answered(*m_store, handleOf(1), 9, kNow).ok());
        QCOMPARE(pending().at(0).usesLeft, quint64(5));
        // A handle not kept here changes nothing.
        QVERIFY(sync::IssuedInvites::answered(*m_store, handleOf(7), 0, kNow).ok());
        QCOMPARE(pending().size(), 2);
        // Cancelled (0 left): gone, the other stays.
        QVERIFY(sync::IssuedInvites::answered(*m_store, handleOf(1), 0, kNow).ok());
        QCOMPARE(pending().size(), 1);
        QCOMPARE(pending().first().handle, handleOf(2));
        // Held again with no use left: gone too.
        Entry spent = entry(2, kNow + 1, kNow + kHourMs);
        spent.usesLeft = 0;
        QVERIFY(sync::IssuedInvites::record(*m_store, spent, kNow).ok());
        QVERIFY(pending().isEmpty());
    }

    void recordReplacesTheSameHandle()
    {
        QVERIFY(
            sync::IssuedInvites::record(*m_store, entry(1, kNow, kNow + kHourMs, 3), kNow).ok());
        Entry again = entry(1, kNow, kNow + kHourMs, 3);
        again.usesLeft = 1;
        QVERIFY(sync::IssuedInvites::record(*m_store, again, kNow).ok());
        QCOMPARE(pending(), QList<Entry>{again});
    }

    void expiredEntriesAreDroppedWhenRead()
    {
        QVERIFY(sync::IssuedInvites::record(*m_store, entry(1, kNow, kNow + kHourMs), kNow).ok());
        QVERIFY(sync::IssuedInvites::record(*m_store, entry(2, kNow + 1, kNow + 2 * kHourMs), kNow)
                    .ok());
        QCOMPARE(pending(kNow + kHourMs - 1).size(), 2);
        const QList<Entry> later =
            pending(kNow + kHourMs); // expiresAt is the first moment it is not
        QCOMPARE(later.size(), 1);
        QCOMPARE(later.first().handle, handleOf(2));
        // The next write leaves it out of the store as well.
        QVERIFY(sync::IssuedInvites::answered(*m_store, handleOf(2), 1, kNow + kHourMs).ok());
        QCOMPARE(pending(kNow).size(), 1);
        QCOMPARE(pending(kNow + 2 * kHourMs).size(), 0);
        // An entry that has expired already is not added.
        QVERIFY(sync::IssuedInvites::record(*m_store, entry(3, kNow, kNow + 5), kNow + 5).ok());
        QCOMPARE(pending(kNow).size(), 1);
    }

    void atMostMaxEntriesTheOldestDropped()
    {
        const int extra = 5;
        const int total = int(sync::IssuedInvites::kMaxEntries) + extra;
        // Recorded newest first: the order kept is the order made, not the order recorded.
        for (int n = total; n >= 1; --n)
            QVERIFY(sync::IssuedInvites::record(*m_store, entry(n, kNow + n, kNow + kHourMs), kNow)
                        .ok());
        const QList<Entry> kept = pending();
        QCOMPARE(kept.size(), sync::IssuedInvites::kMaxEntries);
        for (int i = 0; i < kept.size(); ++i)
            QCOMPARE(kept.at(i).handle, handleOf(extra + 1 + i));
    }

    // Bad entries are refused before they are written.
    void recordRefusesWhatCannotBeListed()
    {
        Entry noHandle = entry(1, kNow, kNow + kHourMs);
        noHandle.handle.chop(1);
        Entry tooMany = entry(1, kNow, kNow + kHourMs, protocol::limits::kMaxInviteUses + 1);
        Entry longName = entry(1, kNow, kNow + kHourMs);
        longName.kioskName = QString(65, u'k');
        for (const Entry &bad : {noHandle, tooMany, longName}) {
            const Status s = sync::IssuedInvites::record(*m_store, bad, kNow);
            QVERIFY(!s.ok());
            QCOMPARE(s.errorKind(), ErrorKind::BadData);
        }
        QVERIFY(pending().isEmpty());
    }

    // The value is read back within bounds: what is not JSON, too large, or an entry out of
    // range is left out, and the rest still counts.
    void damagedValuesReadAsFarAsValid()
    {
        const Entry good = entry(1, kNow, kNow + kHourMs, 2);
        QJsonArray list = QJsonDocument::fromJson(sync::IssuedInvites::encode({good})).array();
        QJsonObject bad = list.first().toObject();
        const auto variant = [&bad](const QString &key, const QJsonValue &value) {
            QJsonObject o = bad;
            o.insert(key, value);
            return o;
        };
        list.append(variant(u"handle"_s, u"zz"_s));
        list.append(variant(u"role"_s, u"admin"_s));
        list.append(variant(u"usesLeft"_s, 3)); // more than its uses
        list.append(variant(u"uses"_s, 0));
        list.append(variant(u"expiresAt"_s, 1.5));
        list.append(variant(u"name"_s, QString(65, u'n')));
        list.append(u"not an entry"_s);
        QVERIFY(m_store->setValue(kStoredName, QJsonDocument(list).toJson()).ok());
        QCOMPARE(pending(), QList<Entry>{good});
        for (const QByteArray &garbage :
             {QByteArray("{not json"), QByteArray("{\"a\":1}"), QByteArray(200'000, '[')}) {
            QVERIFY(m_store->setValue(kStoredName, garbage).ok());
            QVERIFY(pending().isEmpty());
            // A write starts anew.
            QVERIFY(sync::IssuedInvites::record(*m_store, good, kNow).ok());
            QCOMPARE(pending(), QList<Entry>{good});
        }
    }
};

QTEST_GUILESS_MAIN(TestIssuedInvites)
#include "tst_issuedinvites.moc"
