// Typed settings and stored values (store/SettingKey.h, sync/SyncBookkeeping.h): the encodings
// on disk are those older versions wrote and read, so that existing profiles keep working; and
// the checks every program makes before it syncs a profile (sync/ClientSetup.h).
#include <QTemporaryDir>
#include <QTest>

#include <store/Profile.h>
#include <store/StoredValue.h>
#include <sync/ClientSetup.h>
#include <sync/Enrolment.h>
#include <sync/RelayPin.h>
#include <sync/SyncBookkeeping.h>

using namespace feedback;
using namespace Qt::StringLiterals;

namespace {
const store::SettingKey<bool> kOnByDefault{u"sync/enabled"_s, true};
const store::SettingKey<bool> kOffByDefault{u"test/flag"_s, false};
const store::SettingKey<int> kDays{u"app/retentionDays"_s, 0};
const store::SettingKey<QString> kPrefix{u"kiosk/orderPrefix"_s, u"ORD-"_s};
} // namespace

class TestTypedSettings : public QObject
{
    Q_OBJECT

    std::unique_ptr<QTemporaryDir> m_dir;
    std::unique_ptr<store::FeedbackStore> m_store;

    store::Profile profile() const { return store::Profile(m_dir->path()); }

private Q_SLOTS:
    void init()
    {
        m_store.reset();
        m_dir = std::make_unique<QTemporaryDir>();
        auto s =
            store::FeedbackStore::open(profile().databasePath(), store::SecretKey::random(), {});
        QVERIFY2(s.ok(), qPrintable(s.error()));
        m_store = std::move(*s);
    }

    // What older versions wrote by hand reads the same through the typed keys.
    void settingsWrittenAsTextReadTyped()
    {
        const store::Profile p = profile();
        QCOMPARE(p.get(kOnByDefault), true); // unset: the fallback
        QCOMPARE(p.get(kOffByDefault), false);
        QCOMPARE(p.get(kDays), 0);
        QCOMPARE(p.get(kPrefix), u"ORD-"_s);
        QVERIFY(p.setSetting(u"sync/enabled"_s, u"false"_s));
        QVERIFY(p.setSetting(u"test/flag"_s, u"true"_s));
        QVERIFY(p.setSetting(u"app/retentionDays"_s, u"30"_s));
        QVERIFY(p.setSetting(u"kiosk/orderPrefix"_s, QString())); // set empty is not unset
        QCOMPARE(p.get(kOnByDefault), false);
        QCOMPARE(p.get(kOffByDefault), true);
        QCOMPARE(p.get(kDays), 30);
        QCOMPARE(p.get(kPrefix), QString());
        // Unreadable text: the fallback, as "anything but false" always meant for sync/enabled.
        QVERIFY(p.setSetting(u"sync/enabled"_s, u"yes"_s));
        QVERIFY(p.setSetting(u"app/retentionDays"_s, u"thirty"_s));
        QCOMPARE(p.get(kOnByDefault), true);
        QCOMPARE(p.get(kDays), 0);
    }

    void typedSettingsAreWrittenAsBefore()
    {
        const store::Profile p = profile();
        QVERIFY(p.set(kOnByDefault, false));
        QCOMPARE(p.setting(u"sync/enabled"_s), u"false"_s);
        QVERIFY(p.set(kOnByDefault, true));
        QCOMPARE(p.setting(u"sync/enabled"_s), u"true"_s);
        QVERIFY(p.set(kDays, 14));
        QCOMPARE(p.setting(u"app/retentionDays"_s), u"14"_s);
        QVERIFY(p.set(store::settings::kRelayUrl, u"wss://relay.example"_s));
        QCOMPARE(p.setting(u"sync/relayUrl"_s), u"wss://relay.example"_s);
    }

    // Sync's bookkeeping keeps the names and encodings older versions used.
    void syncBookkeepingKeepsItsEncodings()
    {
        QCOMPARE(sync::bookkeeping::cursor(*m_store), quint64{0});
        QVERIFY(m_store->setValue(u"sync/cursor"_s, "42"));
        QCOMPARE(sync::bookkeeping::cursor(*m_store), quint64{42});
        QVERIFY(sync::bookkeeping::forgetCursor(*m_store));
        QCOMPARE(m_store->value(u"sync/cursor"_s), std::optional(QByteArray("0")));
        QCOMPARE(sync::bookkeeping::cursorPosition(7).name, u"sync/cursor"_s);
        QCOMPARE(sync::bookkeeping::cursorPosition(7).value, QByteArray("7"));

        QVERIFY(!sync::bookkeeping::lastSync(*m_store).isValid());
        QVERIFY(m_store->setValue(u"sync/lastSync"_s, "2026-03-01T10:20:30Z"));
        QCOMPARE(sync::bookkeeping::lastSync(*m_store),
                 QDateTime(QDate(2026, 3, 1), QTime(10, 20, 30), Qt::UTC));
        QVERIFY(sync::bookkeeping::saveLastSync(
            *m_store, QDateTime(QDate(2026, 4, 2), QTime(1, 2, 3), Qt::UTC)));
        QCOMPARE(m_store->value(u"sync/lastSync"_s),
                 std::optional(QByteArray("2026-04-02T01:02:03Z")));

        QVERIFY(sync::bookkeeping::saveLastError(*m_store, u"relay \u00e9 down"_s));
        QCOMPARE(m_store->value(u"sync/lastError"_s),
                 std::optional(u"relay \u00e9 down"_s.toUtf8()));
        QCOMPARE(sync::bookkeeping::lastError(*m_store), u"relay \u00e9 down"_s);
        // A successful sync clears it. A null text used to bind as SQL NULL, which the meta
        // table refuses: the stale error stayed and every later sync logged the failed write.
        QVERIFY(sync::bookkeeping::saveLastError(*m_store, QString()));
        QCOMPARE(m_store->value(u"sync/lastError"_s), std::optional(QByteArray("")));
        QCOMPARE(sync::bookkeeping::lastError(*m_store), QString());
    }

    void secretsAreSealedUnderTheirNames()
    {
        const store::StoredKey<QString> pin{u"kioskPin"_s, store::StoredKey<QString>::Kind::Secret};
        QCOMPARE(store::findStored(*m_store, pin), std::nullopt);
        QVERIFY(store::setStored(*m_store, pin, u"2468"_s));
        QCOMPARE(m_store->secret(u"kioskPin"_s), std::optional(QByteArray("2468")));
        QCOMPARE(m_store->value(u"kioskPin"_s), std::nullopt); // not in the plain values
        QCOMPARE(store::stored(*m_store, pin), u"2468"_s);
    }

    // The checks before a sync, in the order feedbackctl and the app report them.
    void clientSetupRefusesInOrder()
    {
        using Refusal = sync::ClientSetup::Refusal;
        const store::Profile p = profile();
        QCOMPARE(sync::ClientSetup::of(p, *m_store).refusal(), Refusal::NoRelayUrl);
        QCOMPARE(sync::ClientSetup::of(p, *m_store, u"http://relay"_s).refusal(),
                 Refusal::InvalidRelayUrl);
        QCOMPARE(sync::ClientSetup::of(p, *m_store, u"ws://relay"_s).refusal(), Refusal::Insecure);
        QCOMPARE(sync::ClientSetup::of(p, *m_store, u"wss://relay"_s).refusal(),
                 Refusal::NoWorkspace);
        QVERIFY(sync::enrol(p, *m_store, {u"wss://relay:1"_s, sync::WorkspaceKeys::newSecret()},
                            u"Van 7"_s));
        sync::ClientSetup fromProfile = sync::ClientSetup::of(p, *m_store);
        QCOMPARE(fromProfile.refusal(), Refusal::None);
        QCOMPARE(fromProfile.options().relayUrl, QUrl(u"wss://relay:1"_s));
        // Given on the command line, even empty, it wins over the profile's.
        QCOMPARE(sync::ClientSetup::of(p, *m_store, QString()).refusal(), Refusal::NoRelayUrl);
        QCOMPARE(sync::ClientSetup::of(p, *m_store, u"wss://other"_s).options().relayUrl,
                 QUrl(u"wss://other"_s));
        qputenv("FEEDBACK_SYNC", "off");
        const Refusal off = sync::ClientSetup::of(p, *m_store).refusal();
        qunsetenv("FEEDBACK_SYNC");
        QCOMPARE(off, Refusal::TurnedOff);
        QVERIFY(sync::inviteCodeOf(*m_store, u"ws://relay:1"_s));
        // The relay's pinned key goes into the options, for its relay only; a pin setting that
        // does not read refuses (it must not count as none: any relay would be pinned anew).
        const QByteArray pin(sync::RelayPin::kBytes, 'k');
        QVERIFY(sync::RelayPin::save(p, QUrl(u"wss://relay:1"_s), pin));
        QCOMPARE(sync::ClientSetup::of(p, *m_store).options().relayPin, pin);
        QCOMPARE(sync::ClientSetup::of(p, *m_store, u"wss://other"_s).options().relayPin,
                 QByteArray());
        QVERIFY(p.setSetting(store::settings::kRelayPin.name, u"relay:1 sha256/damaged"_s));
        sync::ClientSetup damaged = sync::ClientSetup::of(p, *m_store);
        QCOMPARE(damaged.refusal(), Refusal::DamagedRelayPin);
        QVERIFY2(damaged.detail().contains(u"--forget-relay-key"_s), qPrintable(damaged.detail()));
    }
};

QTEST_GUILESS_MAIN(TestTypedSettings)
#include "tst_typedsettings.moc"
