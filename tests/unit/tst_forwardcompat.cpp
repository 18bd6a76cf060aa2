// Forward compatibility: deltas of a newer version (NextVersionCodec.h) carry a field at every
// level (record, dispatcher block, note) and a new reason code. This version applies what it
// knows, keeps the rest with its dots, merges it like any field, passes it on through its state,
// its record rows (a real SQLite store, reopened) and its deferred queue, and says "update
// required" — a typed error — for a newer format version. Unknown parts stay bounded.
// FEEDBACK_WRITE_FUZZ_CORPUS=<dir> writes the next version's deltas into <dir>.
#include <QDateTime>
#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

#ifndef Q_MOC_RUN
#include "NextVersionCodec.h"

#include <core/BookCodec.h>
#include <core/FeedbackBook.h>
#include <store/FeedbackStore.h>
#include <store/RowSealer.h>
#endif

using namespace feedback;
using namespace Qt::StringLiterals;
namespace next = feedback::nextversion;

namespace {

const qint64 kHlc = (QDateTime::currentMSecsSinceEpoch() - 3600 * 1000) << 16;
const QByteArray kKiosk = QByteArray(15, '\x11') + 'K';
const QByteArray kDesk = QByteArray(15, '\x22') + 'D';
const QByteArray kLaptop = QByteArray(15, '\x33') + 'L';
const QString kPhoto = QStringLiteral("sha256:9f86d081884c7d65");
constexpr qint64 kDueBy = 1767225600000;

ReplicaId replica(const QByteArray &bytes)
{
    return *store::RowSealer::replicaFromBytes(bytes);
}

BookDelta decoded(const QByteArray &bytes)
{
    auto delta = BookCodec::decodeDelta(bytes);
    if (!delta)
        qWarning().noquote() << "decode failed:" << delta.error();
    return delta ? *delta : BookDelta{};
}

// What the next version itself reads from its two deltas: the reference for every read-back.
next::Record written(const QByteArray &created, const QByteArray &taken)
{
    next::Record r = next::read(created);
    const next::Record t = next::read(taken);
    r.dueBy = t.dueBy;
    r.notePhotos = t.notePhotos;
    return r;
}

void writeSeed(const char *name, const QByteArray &bytes)
{
    const QString dir = qEnvironmentVariable("FEEDBACK_WRITE_FUZZ_CORPUS");
    if (dir.isEmpty())
        return;
    QFile f(QDir(dir).filePath(QString::fromLatin1(name)));
    if (!f.open(QIODevice::WriteOnly) || f.write(bytes) != bytes.size())
        qWarning("cannot write the seed %s", name);
}

store::FeedbackStore::Options storeOptions()
{
    store::FeedbackStore::Options o;
    o.home = QByteArrayLiteral("machine:/profile");
    return o;
}

std::unique_ptr<store::FeedbackStore> openStore(const QString &path)
{
    auto s = store::FeedbackStore::open(path, store::SecretKey::fromBytes(QByteArray(32, 'k')),
                                        storeOptions());
    if (!s) {
        qWarning().noquote() << "open failed:" << s.error();
        return nullptr;
    }
    return std::move(*s);
}

} // namespace

class TestForwardCompat : public QObject
{
    Q_OBJECT

    const RecordId m_id{replica(kKiosk), 1};
    const QByteArray m_created =
        next::creation(kKiosk, 1, kHlc, QStringLiteral("ORD-1"), QStringLiteral("de"));
    const QByteArray m_taken = next::followUp(kDesk, 1, kHlc + 5, kKiosk, 1, kDueBy, kPhoto);

private Q_SLOTS:
    void oldDeviceShowsWhatItKnowsAndPassesTheRestOn();
    void oldDeviceEditsWithoutLosingTheNewerParts();
    void newerFieldsMergeByTheirDots();
    void storeKeepsNewerPartsAcrossReopenAndDeferral();
    void newerFormatVersionIsUpdateRequired();
    void newerPartsAreBounded_data();
    void newerPartsAreBounded();
};

void TestForwardCompat::oldDeviceShowsWhatItKnowsAndPassesTheRestOn()
{
    writeSeed("delta-next-version-create", m_created);
    writeSeed("delta-next-version-follow-up", m_taken);
    FeedbackBook old(ReplicaId{9, 9});
    QCOMPARE(old.apply(decoded(m_created)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(old.apply(decoded(m_taken)), FeedbackBook::ApplyOutcome::Applied);

    // What it knows, it shows; the new reason code is shown as it is (the app too: a tag it
    // has no label for is shown by its code).
    const auto view = old.view(m_id);
    QVERIFY(view);
    QCOMPARE(view->orderId, QStringLiteral("ORD-1"));
    QCOMPARE(view->rating, 2);
    QVERIFY(view->needsFollowUp);
    QCOMPARE(view->reasons, QStringList({QStringLiteral("late"), next::kNewReason}));
    QCOMPARE(view->followUp, FollowUpStatus::InProgress);
    QCOMPARE(view->notes.size(), 1);
    QCOMPARE(view->notes.first().author, QStringLiteral("Ann"));
    QCOMPARE(view->notes.first().text, QStringLiteral("Called the customer"));
    QVERIFY(view->conflicts.isEmpty());

    // What it does not know it passes on: the next version reads every part back from the old
    // device's state and from its record row, as from the deltas it wrote.
    const next::Record expected = written(m_created, m_taken);
    QCOMPARE(expected.languages, QList<QCborValue>{QStringLiteral("de")});
    QCOMPARE(expected.notePhotos, QList<QCborValue>{next::photoNote(kPhoto)});
    const QByteArray state = BookCodec::encodeState(old.state());
    QCOMPARE(next::read(state), expected);
    const QByteArray row = BookCodec::encodeRecord(m_id, *old.state().find(m_id));
    QCOMPARE(next::read(row), expected);
    // ...and so does this version, unchanged, after it read its own encodings again.
    const auto again = BookCodec::decodeState(state);
    QVERIFY2(again, qPrintable(again.error()));
    QVERIFY(*again == old.state());
    QCOMPARE(BookCodec::encodeState(*again), state);
    const auto rowAgain = BookCodec::decodeRecord(m_id, row);
    QVERIFY2(rowAgain, qPrintable(rowAgain.error()));
    QVERIFY(*rowAgain == *old.state().find(m_id));
    // A delta read and written again keeps the newer parts too (the deferred queue does this).
    const auto reencoded = BookCodec::encodeDelta(decoded(m_taken));
    QVERIFY(reencoded);
    QCOMPARE(next::read(*reencoded).dueBy, expected.dueBy);
    QCOMPARE(next::read(*reencoded).notePhotos, expected.notePhotos);
}

void TestForwardCompat::oldDeviceEditsWithoutLosingTheNewerParts()
{
    FeedbackBook old(ReplicaId{9, 9});
    old.apply(decoded(m_created));
    old.apply(decoded(m_taken));
    FeedbackEdit rate;
    rate.rating = 4;
    rate.noteAuthor = QStringLiteral("Bo");
    rate.noteText = QStringLiteral("Refund sent");
    QVERIFY(old.edit(m_id, rate));
    // Keeping a reason code of a newer catalog is allowed; adding one this catalog lacks is not.
    FeedbackEdit keep;
    keep.reasons = QStringList{next::kNewReason, QStringLiteral("rude")};
    QVERIFY(old.validate(m_id, keep).isEmpty()); // as feedbackctl checks before editing
    const auto kept = old.edit(m_id, keep);
    QVERIFY2(kept, qPrintable(kept.error()));
    FeedbackEdit invent;
    invent.reasons = QStringList{QStringLiteral("photo_blurred")};
    QVERIFY(!old.edit(m_id, invent));
    QVERIFY(!old.validate(m_id, invent).isEmpty());

    next::Record expected = written(m_created, m_taken);
    expected.reasons = QStringList{next::kNewReason, QStringLiteral("rude")};
    const next::Record got = next::read(BookCodec::encodeState(old.state()));
    QCOMPARE(got.languages, expected.languages);
    QCOMPARE(got.dueBy, expected.dueBy);
    QCOMPARE(got.reasons, expected.reasons);
    // The old device's own note has no photo item; the newer one keeps its photo.
    QCOMPARE(got.notePhotos.size(), 2);
    QVERIFY(got.notePhotos.contains(next::photoNote(kPhoto)));
    QCOMPARE(old.view(m_id)->rating, 4);
}

void TestForwardCompat::newerFieldsMergeByTheirDots()
{
    // Two newer devices overwrite the language the kiosk wrote, concurrently; a third then
    // overwrites both values it has seen.
    const QList<QByteArray> table{kKiosk, kDesk, kLaptop};
    const QCborArray record = next::dotRef(0, 1);
    // (A braced single array would be taken for the list itself: name the list.)
    const QCborArray creationDot{QCborValue(next::dotRef(0, 1))};
    const QByteArray fromDesk =
        next::setLanguage(table, 1, 1, kHlc + 1, record, QStringLiteral("fr"), creationDot);
    const QByteArray fromLaptop =
        next::setLanguage(table, 2, 1, kHlc + 2, record, QStringLiteral("it"), creationDot);
    const QByteArray settled =
        next::setLanguage(table, 1, 2, kHlc + 3, record, QStringLiteral("es"),
                          {next::dotRef(1, 1), next::dotRef(2, 1)});

    // In any order, every old device ends with both concurrent values, in one encoding.
    FeedbackBook x(ReplicaId{9, 1});
    FeedbackBook y(ReplicaId{9, 2});
    for (const QByteArray &d : {m_created, fromDesk, fromLaptop})
        QCOMPARE(x.apply(decoded(d)), FeedbackBook::ApplyOutcome::Applied);
    for (const QByteArray &d : {m_created, fromLaptop, fromDesk})
        QCOMPARE(y.apply(decoded(d)), FeedbackBook::ApplyOutcome::Applied);
    const QByteArray conflict = BookCodec::encodeState(x.state());
    QCOMPARE(BookCodec::encodeState(y.state()), conflict);
    QCOMPARE(next::read(conflict).languages,
             (QList<QCborValue>{QStringLiteral("fr"), QStringLiteral("it")}));

    // Full-state joins converge on the same state.
    FeedbackBook p(ReplicaId{9, 3});
    FeedbackBook q(ReplicaId{9, 4});
    p.apply(decoded(m_created));
    p.apply(decoded(fromDesk));
    q.apply(decoded(m_created));
    q.apply(decoded(fromLaptop));
    p.join(q.state());
    QCOMPARE(BookCodec::encodeState(p.state()), conflict);

    // The overwrite removes exactly the values it had seen, as it would for a known field.
    x.apply(decoded(settled));
    QCOMPARE(next::read(BookCodec::encodeState(x.state())).languages,
             QList<QCborValue>{QStringLiteral("es")});
    // Its context takes part in readiness: before the value it overwrites it waits.
    FeedbackBook z(ReplicaId{9, 5});
    z.apply(decoded(m_created));
    z.apply(decoded(fromDesk));
    QCOMPARE(z.apply(decoded(settled)), FeedbackBook::ApplyOutcome::Deferred);
    QCOMPARE(z.apply(decoded(fromLaptop)), FeedbackBook::ApplyOutcome::Applied);
    QCOMPARE(z.deferredCount(), std::size_t{0});
    QCOMPARE(BookCodec::encodeState(z.state()), BookCodec::encodeState(x.state()));
}

void TestForwardCompat::storeKeepsNewerPartsAcrossReopenAndDeferral()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("feedback.db"));
    auto s = openStore(path);
    QVERIFY(s);
    // The follow-up arrives first: it waits in the deferred queue, re-encoded on disk.
    const auto first = s->applyRemote({decoded(m_taken)});
    QVERIFY2(first, qPrintable(first.error()));
    QCOMPARE(s->book().deferredCount(), std::size_t{1});
    s.reset();
    s = openStore(path);
    QVERIFY(s);
    QVERIFY2(s->problems().isEmpty(), qPrintable(s->problems().join(u'\n')));
    QCOMPARE(s->book().deferredCount(), std::size_t{1});
    const auto second = s->applyRemote({decoded(m_created)});
    QVERIFY2(second, qPrintable(second.error()));
    QCOMPARE(s->book().deferredCount(), std::size_t{0});
    // The record row holds every newer part, through a reopen.
    s.reset();
    s = openStore(path);
    QVERIFY(s);
    QVERIFY2(s->problems().isEmpty(), qPrintable(s->problems().join(u'\n')));
    const FeedbackRecordState *record = s->book().state().find(m_id);
    QVERIFY(record);
    QCOMPARE(next::read(BookCodec::encodeRecord(m_id, *record)), written(m_created, m_taken));
    QCOMPARE(s->book().view(m_id)->followUp, FollowUpStatus::InProgress);
}

void TestForwardCompat::newerFormatVersionIsUpdateRequired()
{
    next::DeltaWriter w({kKiosk});
    w.record(w.mint(0, 1, kHlc), QCborMap{{1, next::valueLeaf(5)}});
    QVERIFY(BookCodec::decodeDelta(w.bytes(1)));
    // Format 2, and a format 2 that changed everything after the version: the same answer.
    const QByteArray wider =
        QCborValue(QCborArray{2, 0, QCborArray(), QCborArray(), QCborArray(), 7}).toCbor();
    for (const QByteArray &bytes : {w.bytes(2), wider}) {
        const auto d = BookCodec::decodeDelta(bytes);
        QVERIFY(!d);
        QCOMPARE(d.errorKind(), ErrorKind::UpdateRequired);
        QVERIFY2(d.error().contains(u"update required (format version 2; this version reads up "
                                    u"to 1)"),
                 qPrintable(d.error()));
    }
    const QByteArray state = QCborValue(QCborArray{3, 1}).toCbor();
    QCOMPARE(BookCodec::decodeState(state).errorKind(), ErrorKind::UpdateRequired);
    QCOMPARE(BookCodec::decodeRecord(m_id, QCborValue(QCborArray{2, 2}).toCbor()).errorKind(),
             ErrorKind::UpdateRequired);
    QCOMPARE(BookCodec::decodeContext(QCborValue(QCborArray{2, 3}).toCbor()).errorKind(),
             ErrorKind::UpdateRequired);
    // Anything else that does not decode is bad data, the older format 0 included.
    QCOMPARE(BookCodec::decodeDelta(w.bytes(0)).errorKind(), ErrorKind::BadData);
    QCOMPARE(BookCodec::decodeDelta(w.bytes(1).chopped(1)).errorKind(), ErrorKind::BadData);
}

void TestForwardCompat::newerPartsAreBounded_data()
{
    QTest::addColumn<QCborMap>("fields");
    QTest::addColumn<bool>("accepted");
    using namespace codec_limits;
    const auto field = [](const QCborValue &value) {
        return QCborMap{{1, next::valueLeaf(5)}, {next::kLanguage, next::valueLeaf(value)}};
    };
    // CBOR of a byte string of n bytes: a 3-byte header from 256 bytes on.
    const auto bytesOfSize = [](qsizetype encoded) {
        return QByteArray(encoded - 3, 'b');
    };
    const auto nested = [](int depth) {
        QCborValue v = 1;
        for (int i = 0; i < depth; ++i)
            v = QCborArray{v};
        return v;
    };
    const auto note = [](const QCborValue &item) {
        return QCborMap{{9, next::valueLeaf(QCborArray{QString(), QStringLiteral("n"), item})}};
    };
    QCborMap many;
    for (qint64 key = 100; key < 100 + kMaxUnknownFields; ++key)
        many.insert(key, next::valueLeaf(key));
    QCborMap tooMany = many;
    tooMany.insert(99, next::valueLeaf(1));

    QTest::newRow("16 newer fields") << many << true;
    QTest::newRow("17 newer fields") << tooMany << false;
    QTest::newRow("value of 8 KiB") << field(bytesOfSize(kMaxUnknownValueBytes)) << true;
    QTest::newRow("value of 8 KiB + 1") << field(bytesOfSize(kMaxUnknownValueBytes + 1)) << false;
    QTest::newRow("nested 16 deep") << field(nested(kMaxOpaqueDepth)) << true;
    QTest::newRow("nested 17 deep") << field(nested(kMaxOpaqueDepth + 1)) << false;
    QTest::newRow("tag") << field(QCborValue(QCborTag(1000), 5)) << false;
    QTest::newRow("tag inside") << field(QCborArray{1, QCborValue(QCborTag(1000), 5)}) << false;
    QTest::newRow("date (a tag Qt converts)")
        << field(QCborValue(QDateTime::currentDateTimeUtc())) << false;
    QTest::newRow("map, null, float")
        << field(QCborMap{{QStringLiteral("a"), QCborValue()}, {2, 1.5}}) << true;
    QTest::newRow("key 65535") << QCborMap{{65535, next::valueLeaf(1)}} << true;
    QTest::newRow("key 65536") << QCborMap{{65536, next::valueLeaf(1)}} << false;
    QTest::newRow("key -1") << QCborMap{{-1, next::valueLeaf(1)}} << false;
    QTest::newRow("text key") << QCborMap{{QStringLiteral("x"), next::valueLeaf(1)}} << false;
    QTest::newRow("entries not values (a dot set)")
        << QCborMap{{next::kLanguage, next::leaf(QCborArray{0})}} << false;
    // [array header, byte string header (3), bytes]: 1 KiB for the note's newer items.
    QTest::newRow("note items of 1 KiB") << note(QByteArray(kMaxNoteExtraBytes - 4, 'p')) << true;
    QTest::newRow("note items of 1 KiB + 1")
        << note(QByteArray(kMaxNoteExtraBytes - 3, 'p')) << false;
    QTest::newRow("note item with a tag") << note(QCborValue(QCborTag(1000), 5)) << false;
}

void TestForwardCompat::newerPartsAreBounded()
{
    QFETCH(QCborMap, fields);
    QFETCH(bool, accepted);
    next::DeltaWriter w({kKiosk});
    const qint64 dot = w.mint(0, 1, kHlc);
    QCborMap withCreation = fields;
    withCreation.insert(0, QCborArray{QStringLiteral("ORD-1"), 7});
    w.record(dot, withCreation);
    const auto delta = BookCodec::decodeDelta(w.bytes());
    QVERIFY2(delta.ok() == accepted, qPrintable(delta.error()));
    if (!accepted) {
        QCOMPARE(delta.errorKind(), ErrorKind::BadData);
        return;
    }
    // What is accepted is passed on whole: through the state and a record row.
    FeedbackBook old(ReplicaId{9, 9});
    QCOMPARE(old.apply(*delta), FeedbackBook::ApplyOutcome::Applied);
    const auto state = BookCodec::decodeState(BookCodec::encodeState(old.state()));
    QVERIFY2(state, qPrintable(state.error()));
    QVERIFY(*state == old.state());
    const RecordId id{replica(kKiosk), 1};
    const auto row =
        BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, *old.state().find(id)));
    QVERIFY2(row, qPrintable(row.error()));
    QVERIFY(*row == *old.state().find(id));
    const auto again = BookCodec::encodeDelta(*delta);
    QVERIFY(again);
    QVERIFY(*BookCodec::decodeDelta(*again) == *delta);
}

QTEST_GUILESS_MAIN(TestForwardCompat)
#include "tst_forwardcompat.moc"
