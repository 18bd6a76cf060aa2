// Erasure end to end (GDPR art. 17): a real feedback-relay process (env FEEDBACK_RELAY) with
// --keep-history 0, three devices as in-process sync clients on real profiles. A record's
// comment, order number and contact details, with a superseded comment on the log, a concurrent
// rewrite on a device that has not heard of the erase, and a device offline during it. After
// the erase, a snapshot and the compaction behind it, every unit and snapshot the relay holds,
// opened with the workspace key, and every device's state hold none of the text; all devices
// show the same erased record, and so does a new device that starts from the snapshot.
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <core/BookCodec.h>
#include <store/FeedbackStore.h>
#include <support/RelayPlaintext.h>
#include <support/RelayProcess.h>
#include <support/SyncDevice.h>
#include <support/TestCall.h>
#include <sync/SyncClient.h>

using namespace feedback;
using namespace feedback::test;
using namespace Qt::StringLiterals;

namespace {

constexpr int kWaitMs = 120000;
const QByteArray kComment = "ERASE-ME-7f3a first"_ba;
const QByteArray kCommentAgain = "ERASE-ME-7f3a second version"_ba;
const QByteArray kConcurrent = "ERASE-ME-7f3a concurrent"_ba;
const QByteArray kOrder = "ORDER-ERASE-991"_ba;
const QByteArray kContact = "erase.me@example.org"_ba;
const QList<QByteArray> kMarkers = {"ERASE-ME-7f3a"_ba, kOrder, kContact};

bool heldIn(const QByteArray &bytes)
{
    return std::any_of(kMarkers.begin(), kMarkers.end(),
                       [&bytes](const QByteArray &m) { return bytes.contains(m); });
}

bool holdsMarker(const SyncDevice &d)
{
    return heldIn(BookCodec::encodeState(d.store->book().state()));
}

bool uploaded(const QSignalSpy &events)
{
    return std::any_of(events.cbegin(), events.cend(), [](const QList<QVariant> &e) {
        return e.at(0).value<sync::SyncEvent>() == sync::SyncEvent::SnapshotUploaded;
    });
}

} // namespace

class TestErasureSync : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void erasedTextIsGoneFromRelayAndDevices();
    void anErasedCommentIsNeverWrittenAgain();

private:
    void startRelay();
    void connect(SyncDevice &d);
    void settle(SyncDevice &d);
    void createRecords(SyncDevice &d, RecordId &personal);

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
    QByteArray m_secret;
};

void TestErasureSync::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_secret = sync::WorkspaceKeys::newSecret();
    CALL(startRelay());
}

void TestErasureSync::cleanup()
{
    if (m_relay)
        m_relay->terminate();
    m_relay.reset();
    m_tmp.reset();
}

void TestErasureSync::startRelay()
{
    m_relay = std::make_unique<RelayProcess>(
        m_tmp->filePath(u"relay"_s),
        QStringList{u"--max-frames-per-second"_s, u"100000"_s, u"--keep-history"_s, u"0"_s});
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
}

void TestErasureSync::connect(SyncDevice &d)
{
    d.connectTo(m_secret, m_relay->url());
    d.client->start();
    CALL(settle(d));
}

// Everything pushed and acknowledged, and caught up.
void TestErasureSync::settle(SyncDevice &d)
{
    d.client->session().pushPending();
    QTRY_VERIFY_WITH_TIMEOUT(d.store->pendingCount() == 0 && d.upToDate(), kWaitMs);
}

void TestErasureSync::createRecords(SyncDevice &d, RecordId &personal)
{
    for (int i = 0; i < 20; ++i) {
        NewFeedback f;
        f.orderId = u"ORD-%1"_s.arg(500000 + i);
        f.courierId = 7;
        f.rating = 1 + i % 5;
        f.comment = u"fine %1"_s.arg(i);
        QVERIFY(d.store->submit(f));
    }
    NewFeedback f;
    f.orderId = QString::fromUtf8(kOrder);
    f.courierId = 9;
    f.rating = 1;
    f.comment = QString::fromUtf8(kComment);
    f.contactRequested = true;
    f.contact = QString::fromUtf8(kContact);
    const auto id = d.store->submit(f);
    QVERIFY2(id, qPrintable(id.error()));
    personal = *id;
    FeedbackEdit again;
    again.comment = QString::fromUtf8(kCommentAgain); // a superseded value on the log
    QVERIFY(d.store->edit(personal, again));
}

void TestErasureSync::erasedTextIsGoneFromRelayAndDevices()
{
    auto a = makeSyncDevice(m_tmp->filePath(u"a"_s), m_secret, m_relay->url());
    auto b = makeSyncDevice(m_tmp->filePath(u"b"_s), m_secret, m_relay->url());
    auto c = makeSyncDevice(m_tmp->filePath(u"c"_s), m_secret, m_relay->url());
    QVERIFY(a && b && c);
    RecordId id;
    CALL(createRecords(*a, id));
    CALL(connect(*a));
    CALL(connect(*b));
    CALL(connect(*c));
    QTRY_VERIFY_WITH_TIMEOUT(b->store->book().view(id) && c->store->book().view(id), kWaitMs);
    QVERIFY(holdsMarker(*c)); // the text is there to erase

    // C goes offline; B too, and rewrites the comment before it hears of the erase.
    c->client->stop();
    b->client->stop();
    FeedbackEdit rewrite;
    rewrite.comment = QString::fromUtf8(kConcurrent);
    QVERIFY(b->store->edit(id, rewrite));
    FeedbackEdit erase;
    erase.erase = ErasedField::All;
    QVERIFY(a->store->edit(id, erase));
    QVERIFY(!holdsMarker(*a)); // dropped at once where it was made
    CALL(settle(*a));

    // B comes back: its concurrent comment goes too, on B and on A.
    CALL(connect(*b));
    const quint64 bSeq = b->store->book().sequence();
    QTRY_VERIFY_WITH_TIMEOUT(
        a->store->book().state().context().maxCounter(b->store->book().replica()) == bSeq, kWaitMs);
    // C, offline during the erase, receives it later and drops the text.
    CALL(connect(*c));
    QTRY_VERIFY_WITH_TIMEOUT(
        c->store->book().state().context().maxCounter(b->store->book().replica()) == bSeq, kWaitMs);
    for (SyncDevice *d : {&*a, &*b, &*c}) {
        const auto v = d->store->book().view(id);
        QVERIFY(v);
        QCOMPARE(v->erased, QStringList({u"comment"_s, u"contact"_s, u"orderId"_s}));
        QCOMPARE(v->comment, QString());
        QCOMPARE(v->orderId, QString());
        QVERIFY(v->contactErased);
        QVERIFY(!holdsMarker(*d));
    }

    // Before the snapshot the log still holds the text (and the inspection below can see it).
    const auto keys = sync::WorkspaceKeys::fromSecret(m_secret);
    QVERIFY(keys);
    const auto relayDb = m_relay->openStorage();
    const testsupport::RelayPlaintext before = testsupport::openRelay(*relayDb, *keys);
    QVERIFY2(before.error.isEmpty(), qPrintable(before.error));
    QVERIFY(before.contains(kComment) && before.contains(kCommentAgain));
    QVERIFY(before.contains(kConcurrent) && before.contains(kOrder) && before.contains(kContact));

    // A snapshot, and the compaction behind it (--keep-history 0).
    QSignalSpy events(&a->client->session(), &sync::SyncSession::event);
    a->client->session().requestSnapshot();
    QTRY_VERIFY_WITH_TIMEOUT(uploaded(events), kWaitMs);
    for (SyncDevice *d : {&*a, &*b, &*c})
        CALL(settle(*d));

    const testsupport::RelayPlaintext relay = testsupport::openRelay(*relayDb, *keys);
    QVERIFY2(relay.error.isEmpty(), qPrintable(relay.error));
    QVERIFY(!relay.snapshots.isEmpty());
    for (const QByteArray &m : kMarkers)
        QVERIFY2(!relay.contains(m), m.constData());
    QVERIFY(a->store->book().views() == b->store->book().views());
    QVERIFY(a->store->book().views() == c->store->book().views());

    // A new device starts from the snapshot: the record, erased, and none of the text.
    auto d = makeSyncDevice(m_tmp->filePath(u"d"_s), m_secret, m_relay->url());
    QVERIFY(d);
    CALL(connect(*d));
    QTRY_VERIFY_WITH_TIMEOUT(d->store->book().size() == a->store->book().size(), kWaitMs);
    QVERIFY(d->store->book().views() == a->store->book().views());
    QVERIFY(!holdsMarker(*d));
    for (SyncDevice *dev : {&*a, &*b, &*c, &*d})
        dev->client->stop();
}

void TestErasureSync::anErasedCommentIsNeverWrittenAgain()
{
    auto a = makeSyncDevice(m_tmp->filePath(u"a"_s), m_secret, m_relay->url());
    QVERIFY(a);
    RecordId id;
    CALL(createRecords(*a, id));
    FeedbackEdit erase;
    erase.erase = ErasedField::Comment;
    QVERIFY(a->store->edit(id, erase));
    const auto v = a->store->book().view(id);
    QCOMPARE(v->erased, QStringList{u"comment"_s});
    QCOMPARE(v->orderId, QString::fromUtf8(kOrder)); // only the comment was asked for
    FeedbackEdit write;
    write.comment = u"a new comment"_s;
    const Status refused = a->store->edit(id, write);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"erased"_s), qPrintable(refused.error()));
    QVERIFY(!BookCodec::encodeState(a->store->book().state()).contains("ERASE-ME-7f3a"_ba));
}

QTEST_GUILESS_MAIN(TestErasureSync)
#include "tst_erasuresync.moc"
