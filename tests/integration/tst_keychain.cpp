// The real QtKeychain path: run by keychain_test.sh inside a private D-Bus session with an
// unlocked gnome-keyring. A profile created without a passphrase keeps its key in the keychain
// (no key file) and opens again with its record; KeychainKeySource stores, loads and removes a
// key; a removed entry fails to load with a clear message. Every wait is bounded (10 s).
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUuid>

#ifndef Q_MOC_RUN
#include <memory>
#include <optional>
#include <store/ProfileOpener.h>
#endif

using namespace feedback;
using namespace feedback::store;
using namespace Qt::StringLiterals;

namespace {

constexpr int kTimeoutMs = feedback::test::kPatienceMs;
using Opened = Result<std::unique_ptr<FeedbackStore>>;

// Starts an asynchronous call and waits, bounded, for its one callback. Empty when it did not
// answer in time. The answer lives in a shared slot, so a late callback writes nothing stale.
template <class T, class Call> std::optional<T> await(Call call)
{
    auto answer = std::make_shared<std::optional<T>>();
    call([answer](T value) { answer->emplace(std::move(value)); });
    if (!QTest::qWaitFor([&answer] { return answer->has_value(); }, kTimeoutMs))
        return std::nullopt;
    return std::move(*answer);
}

ProfileOpener::Request keychainRequest(const Profile &profile)
{
    ProfileOpener::Request request = ProfileOpener::requestFor(profile, QByteArray());
    // This test is about the keychain: it uses it even where FEEDBACK_KEYCHAIN=off is set.
    request.useKeychain = true;
    return request;
}

std::optional<Opened> openProfile(const Profile &profile, bool create)
{
    ProfileOpener opener;
    return await<Opened>([&](ProfileOpener::Done done) {
        if (create)
            opener.create(keychainRequest(profile), std::move(done));
        else
            opener.open(keychainRequest(profile), std::move(done));
    });
}

} // namespace

class TestKeychain : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void profileKeyLivesInTheKeychain();
    void keySourceRoundTrip();
};

void TestKeychain::initTestCase()
{
    QVERIFY2(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"),
             "no D-Bus session: run this test through keychain_test.sh");
    QVERIFY2(qEnvironmentVariableIsEmpty("DISPLAY"),
             "DISPLAY is set: a locked keyring could prompt and hang; use keychain_test.sh");
    qunsetenv("FEEDBACK_PASSPHRASE");
    qunsetenv("FEEDBACK_KEYCHAIN");
    QVERIFY(ProfileOpener::keychainAllowed());
}

void TestKeychain::profileKeyLivesInTheKeychain()
{
    QTemporaryDir tmp;
    QVERIFY(tmp.isValid());
    const Profile profile(tmp.filePath(u"profile"_s));
    RecordId id;
    {
        std::optional<Opened> created = openProfile(profile, true);
        QVERIFY2(created, "creating the profile did not finish in 10 s");
        QVERIFY2(*created, qPrintable(created->error()));
        NewFeedback f;
        f.orderId = u"K-1"_s;
        f.courierId = 9;
        f.rating = 5;
        const auto submitted = created->value()->submit(f);
        QVERIFY2(submitted, qPrintable(submitted.error()));
        id = *submitted;
    } // the store closes here
    QCOMPARE(profile.setting(u"profile/keySource"_s), u"keychain"_s);
    const QString entry = profile.setting(u"profile/keychainEntry"_s);
    QVERIFY(entry.startsWith(u"database-key-"_s));
    QVERIFY2(!QFile::exists(profile.keyFilePath()), "a keychain profile must have no key file");

    {
        std::optional<Opened> reopened = openProfile(profile, false);
        QVERIFY2(reopened, "opening the profile did not finish in 10 s");
        QVERIFY2(*reopened, qPrintable(reopened->error()));
        const FeedbackStore &store = *reopened->value();
        QVERIFY(store.book().size() == 1);
        const auto record = store.book().view(id);
        QVERIFY(record);
        QCOMPARE(record->orderId, u"K-1"_s);
    }

    // Without its keychain entry the profile cannot be opened, and says why.
    KeychainKeySource source(entry);
    const auto removed =
        await<Status>([&](KeySource::StatusCallback done) { source.remove(std::move(done)); });
    QVERIFY2(removed && *removed, removed ? qPrintable(removed->error()) : "no answer in 10 s");
    const std::optional<Opened> orphan = openProfile(profile, false);
    QVERIFY2(orphan, "opening the profile did not finish in 10 s");
    QVERIFY(!*orphan);
    QCOMPARE(orphan->error(), u"Cannot get the database key from the OS keychain: the keychain "
                              "has no key for this profile."_s);
}

void TestKeychain::keySourceRoundTrip()
{
    const QString entry = u"tst-keychain-"_s + QUuid::createUuid().toString(QUuid::WithoutBraces);
    const SecretKey key = SecretKey::random();
    KeychainKeySource source(entry);
    QCOMPARE(source.kind(), u"keychain"_s);
    const auto stored =
        await<Status>([&](KeySource::StatusCallback done) { source.store(key, std::move(done)); });
    QVERIFY2(stored && *stored, stored ? qPrintable(stored->error()) : "no answer in 10 s");

    // A second source for the same entry: the key comes from the keyring, not from memory.
    KeychainKeySource other(entry);
    const auto loaded =
        await<Result<SecretKey>>([&](KeySource::KeyCallback done) { other.load(std::move(done)); });
    QVERIFY2(loaded && *loaded, loaded ? qPrintable(loaded->error()) : "no answer in 10 s");
    QVERIFY(loaded->value().isValid());
    QCOMPARE(loaded->value().toBytes(), key.toBytes());

    const auto removed =
        await<Status>([&](KeySource::StatusCallback done) { source.remove(std::move(done)); });
    QVERIFY2(removed && *removed, removed ? qPrintable(removed->error()) : "no answer in 10 s");
    const auto gone =
        await<Result<SecretKey>>([&](KeySource::KeyCallback done) { other.load(std::move(done)); });
    QVERIFY2(gone, "no answer in 10 s");
    QVERIFY(!*gone);
    QCOMPARE(gone->error(), u"the keychain has no key for this profile"_s);
    // Removing what is already gone is not an error.
    const auto again =
        await<Status>([&](KeySource::StatusCallback done) { source.remove(std::move(done)); });
    QVERIFY2(again && *again, again ? qPrintable(again->error()) : "no answer in 10 s");
}

QTEST_GUILESS_MAIN(TestKeychain)
#include "tst_keychain.moc"
