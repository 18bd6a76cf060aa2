// Limits agree end to end: every bounded field and collection is tried at its limit and one
// past it, as local input (FeedbackBook, the validator) and as a remote delta (BookCodec):
// what local input accepts, the codec reads back (delta, state, record row); what it refuses,
// a remote delta may not carry either, control characters included. A record filled with
// notes to the limit survives a reopen of a real store, and so does one that several devices
// filled concurrently.
#include <QTemporaryDir>
#include <QTest>

#ifndef Q_MOC_RUN
#include "NextVersionCodec.h"

#include <core/BookCodec.h>
#include <core/FeedbackBook.h>
#include <store/FeedbackStore.h>
#endif

using namespace feedback;
using namespace Qt::StringLiterals;
namespace next = feedback::nextversion;

namespace {

enum class Field
{
    OrderId,
    Comment,
    Assignee,
    NoteText,
    NoteAuthor,
    ReasonTag
};

const QByteArray kOrigin = QByteArray(15, '\x44') + 'R';
const ReplicaId kOriginId{0x4444444444444444ULL, 0x4444444444444452ULL};
constexpr qint64 kHlc = qint64{1700000000000} << 16;

const char *fieldName(Field f)
{
    static const char *const kNames[] = {"order id",  "comment",     "assignee",
                                         "note text", "note author", "reason"};
    return kNames[static_cast<int>(f)];
}

// Every encoding of the book's state must read back as it is.
bool readsBack(const FeedbackBook &book, QString &why)
{
    const auto state = BookCodec::decodeState(BookCodec::encodeState(book.state()));
    if (!state || !(*state == book.state())) {
        why = u"state: "_s + state.error();
        return false;
    }
    for (const auto &[id, record] : book.state().entries()) {
        const auto row = BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, record));
        if (!row || !(*row == record)) {
            why = u"record row: "_s + row.error();
            return false;
        }
    }
    return true;
}

bool deltaReadsBack(const BookDelta &delta, QString &why)
{
    const auto bytes = BookCodec::encodeDelta(delta);
    const auto back = bytes ? BookCodec::decodeDelta(*bytes) : Result<BookDelta>::failure({});
    if (!back || !(*back == delta)) {
        why = u"delta: "_s + back.error();
        return false;
    }
    return true;
}

// Local input: a new record (order id, comment, reason) or an edit of one (the rest). When
// accepted, its delta and the book's state must read back.
bool localAccepts(Field f, const QString &text, QString &why)
{
    const QStringList catalog{text, QStringLiteral("late")};
    FeedbackBook book(
        kOriginId, HybridLogicalClock(),
        FeedbackValidator(f == Field::ReasonTag ? ReasonCatalog(catalog) : ReasonCatalog()));
    NewFeedback input;
    input.orderId = f == Field::OrderId ? text : QStringLiteral("ORD-1");
    input.courierId = 7;
    input.rating = 3;
    input.comment = f == Field::Comment ? text : QString();
    input.reasons = f == Field::ReasonTag ? QStringList{text} : QStringList{};
    auto delta = book.create(input);
    if (delta && (f == Field::Assignee || f == Field::NoteText || f == Field::NoteAuthor)) {
        FeedbackEdit edit;
        if (f == Field::Assignee)
            edit.assignee = text;
        edit.noteText = f == Field::NoteText ? text : QStringLiteral("a note");
        edit.noteAuthor = f == Field::NoteAuthor ? text : QStringLiteral("Ann");
        delta = book.edit(delta->entries.begin()->first, edit);
    }
    if (!delta) {
        why = delta.error();
        return false;
    }
    if (!deltaReadsBack(*delta, why) || !readsBack(book, why)) {
        why = u"accepted locally but does not read back: "_s + why;
        return false;
    }
    return true;
}

// The same value in a delta of another device.
Result<BookDelta> remote(Field f, const QString &text)
{
    next::DeltaWriter w({kOrigin});
    const qint64 dot = w.mint(0, 1, kHlc);
    QCborMap fields{{0, QCborArray{f == Field::OrderId ? text : QStringLiteral("ORD-1"), 7}},
                    {1, next::valueLeaf(3)}};
    if (f == Field::Comment)
        fields.insert(2, next::valueLeaf(text));
    if (f == Field::Assignee)
        fields.insert(6, next::valueLeaf(text));
    if (f == Field::NoteText)
        fields.insert(9, next::valueLeaf(QCborArray{QStringLiteral("Ann"), text}));
    if (f == Field::NoteAuthor)
        fields.insert(9, next::valueLeaf(QCborArray{text, QStringLiteral("a note")}));
    if (f == Field::ReasonTag)
        fields.insert(8, QCborMap{{text, next::leaf(QCborArray{0})}});
    w.record(dot, fields);
    return BookCodec::decodeDelta(w.bytes());
}

QString emoji(qsizetype n)
{
    return QStringLiteral("😀").repeated(n); // 4 bytes of UTF-8, 2 UTF-16 units each
}

} // namespace

Q_DECLARE_METATYPE(Field)

class TestLimits : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void textAgreesLocallyAndRemotely_data();
    void textAgreesLocallyAndRemotely();
    void reasonsPerRecord();
    void courierId();
    void notesToTheLimitSurviveAReopen();
    void notesOfSeveralDevicesReadBack();
    void codecLeafLimit();
    void rowsWrittenBeforeTheTextRulesStillOpen();
};

void TestLimits::textAgreesLocallyAndRemotely_data()
{
    QTest::addColumn<Field>("field");
    QTest::addColumn<QString>("text");
    QTest::addColumn<bool>("accepted");
    const std::pair<Field, qsizetype> bounded[] = {
        {Field::OrderId, limits::kOrderIdMaxChars}, {Field::Comment, limits::kCommentMaxChars},
        {Field::Assignee, limits::kNameMaxChars},   {Field::NoteText, limits::kNoteMaxChars},
        {Field::NoteAuthor, limits::kNameMaxChars}, {Field::ReasonTag, limits::kReasonMaxChars}};
    for (const auto &[f, limit] : bounded) {
        const QByteArray name(fieldName(f));
        QTest::addRow("%s: %lld characters", name.constData(), qint64(limit))
            << f << QString(limit, u'x') << true;
        QTest::addRow("%s: %lld emoji", name.constData(), qint64(limit))
            << f << emoji(limit) << true;
        QTest::addRow("%s: %lld characters", name.constData(), qint64(limit + 1))
            << f << QString(limit + 1, u'x') << false;
        QTest::addRow("%s: %lld emoji", name.constData(), qint64(limit + 1))
            << f << emoji(limit + 1) << false;
        // What reaches a terminal raw: escape and OSC sequences, CR, NUL, DEL, a bidi override.
        const QString hostile[] = {u"red\x1b[31m"_s, u"\x1b]0;owned\x07"_s,
                                   u"a\rb"_s,        u"a"_s + QChar(0) + u"b"_s,
                                   u"a\x7f"_s,       u"a\u202eb"_s};
        for (const QString &h : hostile)
            QTest::addRow("%s: %s", name.constData(), h.toUtf8().toPercentEncoding().constData())
                << f << h << false;
        const bool freeText = f == Field::Comment || f == Field::NoteText;
        QTest::addRow("%s: line break and tab", name.constData())
            << f << u"one\n\ttwo"_s << freeText;
    }
    QTest::newRow("order id: empty") << Field::OrderId << QString() << false;
    QTest::newRow("comment: empty") << Field::Comment << QString() << true;
    QTest::newRow("assignee: empty") << Field::Assignee << QString() << true;
    QTest::newRow("note author: empty") << Field::NoteAuthor << QString() << true;
    QTest::newRow("note text: blank") << Field::NoteText << u" \n "_s << false;
    QTest::newRow("reason: empty") << Field::ReasonTag << QString() << false;
}

void TestLimits::textAgreesLocallyAndRemotely()
{
    QFETCH(Field, field);
    QFETCH(QString, text);
    QFETCH(bool, accepted);
    QString why;
    QVERIFY2(localAccepts(field, text, why) == accepted, qPrintable(u"local: "_s + why));
    const auto delta = remote(field, text);
    QVERIFY2(delta.ok() == accepted, qPrintable(u"remote: "_s + delta.error()));
    if (!accepted) {
        QCOMPARE(delta.errorKind(), ErrorKind::BadData);
        QVERIFY2(delta.error().contains(QLatin1String(fieldName(field))),
                 qPrintable(delta.error()));
    }
}

void TestLimits::reasonsPerRecord()
{
    QStringList catalog;
    for (int i = 0; i < 20; ++i)
        catalog.append(QStringLiteral("reason_%1").arg(i));
    FeedbackBook book(kOriginId, HybridLogicalClock(), FeedbackValidator(ReasonCatalog(catalog)));
    NewFeedback input{
        QStringLiteral("ORD-1"), 7, 3, {}, catalog.mid(0, limits::kMaxReasons), false, {}};
    const auto created = book.create(input);
    QVERIFY2(created, qPrintable(created.error()));
    QString why;
    QVERIFY2(deltaReadsBack(*created, why) && readsBack(book, why), qPrintable(why));
    input.reasons = catalog.mid(0, limits::kMaxReasons + 1);
    QVERIFY(!book.create(input));

    // Devices that set reasons concurrently add up, and codes of newer catalogs join them:
    // the codec reads far more than one device may set.
    auto withTags = [](qsizetype n) {
        QCborMap tags;
        for (qsizetype i = 0; i < n; ++i)
            tags.insert(QStringLiteral("code_%1").arg(i), next::leaf(QCborArray{0}));
        next::DeltaWriter w({kOrigin});
        w.record(w.mint(0, 1, kHlc), QCborMap{{0, QCborArray{QStringLiteral("O"), 7}}, {8, tags}});
        return BookCodec::decodeDelta(w.bytes());
    };
    QVERIFY(withTags(codec_limits::kMaxReasonTags));
    const auto tooMany = withTags(codec_limits::kMaxReasonTags + 1);
    QVERIFY(!tooMany);
    QCOMPARE(tooMany.errorKind(), ErrorKind::BadData);
}

void TestLimits::courierId()
{
    for (const qint64 courier : {limits::kCourierIdMax, limits::kCourierIdMax + 1}) {
        const bool accepted = courier <= limits::kCourierIdMax;
        FeedbackBook book(kOriginId);
        QCOMPARE(book.create({QStringLiteral("ORD-1"), courier, 3, {}, {}, false, {}}).ok(),
                 accepted);
        next::DeltaWriter w({kOrigin});
        w.record(w.mint(0, 1, kHlc), QCborMap{{0, QCborArray{QStringLiteral("O"), courier}}});
        QCOMPARE(BookCodec::decodeDelta(w.bytes()).ok(), accepted);
    }
}

void TestLimits::notesToTheLimitSurviveAReopen()
{
    QTemporaryDir dir;
    const QString path = dir.filePath(QStringLiteral("feedback.db"));
    const auto key = store::SecretKey::fromBytes(QByteArray(32, 'k'));
    store::FeedbackStore::Options options;
    options.home = QByteArrayLiteral("machine:/profile");
    auto s = store::FeedbackStore::open(path, key, options);
    QVERIFY2(s, qPrintable(s.error()));
    const auto id = (*s)->submit({QStringLiteral("ORD-1"), 7, 1, {}, {}, false, {}});
    QVERIFY2(id, qPrintable(id.error()));
    FeedbackEdit note;
    note.noteAuthor = QStringLiteral("Ann");
    for (int i = 0; i < limits::kMaxNotes; ++i) {
        note.noteText = QStringLiteral("note %1").arg(i);
        const Status added = (*s)->edit(*id, note);
        QVERIFY2(added, qPrintable(added.error()));
    }
    note.noteText = QStringLiteral("one too many");
    const Status refused = (*s)->edit(*id, note);
    QVERIFY(!refused);
    QVERIFY2(refused.error().contains(u"already holds 1000 notes"_s), qPrintable(refused.error()));
    s.value().reset(); // closed
    auto reopened = store::FeedbackStore::open(path, key, options);
    QVERIFY2(reopened, qPrintable(reopened.error()));
    QVERIFY2((*reopened)->problems().isEmpty(), qPrintable((*reopened)->problems().join(u'\n')));
    const auto view = (*reopened)->book().view(*id);
    QVERIFY(view);
    QCOMPARE(view->notes.size(), limits::kMaxNotes);
}

void TestLimits::notesOfSeveralDevicesReadBack()
{
    // Four devices, offline, each fill the record with notes: the merged record holds four
    // times the limit, and its row still reads back (a row the decoder refused would make the
    // whole record vanish when the store opens).
    FeedbackBook origin(kOriginId);
    const auto created = origin.create({QStringLiteral("ORD-1"), 7, 1, {}, {}, false, {}});
    QVERIFY(created);
    const RecordId id = created->entries.begin()->first;
    std::vector<FeedbackBook> devices;
    devices.reserve(4);
    for (quint64 d = 1; d <= 4; ++d) {
        devices.emplace_back(ReplicaId{d, d});
        FeedbackBook &device = devices.back();
        device.apply(*created);
        FeedbackEdit note;
        for (int i = 0; i < limits::kMaxNotes; ++i) {
            note.noteText = QStringLiteral("note %1").arg(i);
            QVERIFY(device.edit(id, note));
        }
        QVERIFY(!device.edit(id, note));
        // Callers that check before editing (feedbackctl edit: exit 2) get the same answer.
        const QList<FieldError> errors = device.validate(id, note);
        QVERIFY(!errors.isEmpty() && errors.first().field == u"notes"_s);
    }
    for (std::size_t d = 1; d < devices.size(); ++d)
        devices.front().join(devices[d].state());
    const FeedbackRecordState &merged = *devices.front().state().find(id);
    QCOMPARE(merged.dispatch().notes.size(), std::size_t{4 * limits::kMaxNotes});
    const auto row = BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, merged));
    QVERIFY2(row, qPrintable(row.error()));
    QVERIFY(*row == merged);
}

void TestLimits::codecLeafLimit()
{
    // A record row with kMaxLeafEntries notes reads; one more does not.
    auto row = [](qsizetype notes) {
        QCborArray entries;
        for (qsizetype i = 0; i < notes; ++i)
            entries.append(QCborArray{0, i + 2, kHlc, QCborArray{QString(), QStringLiteral("n")}});
        const QCborMap fields{{0, QCborArray{QStringLiteral("ORD-1"), 7, kHlc}}, {9, entries}};
        return QCborValue(QCborArray{1, 2, QCborArray{kOrigin}, fields}).toCbor();
    };
    const RecordId id{kOriginId, 1};
    const auto full = BookCodec::decodeRecord(id, row(codec_limits::kMaxLeafEntries));
    QVERIFY2(full, qPrintable(full.error()));
    QCOMPARE(full->dispatch().notes.size(), std::size_t(codec_limits::kMaxLeafEntries));
    const auto over = BookCodec::decodeRecord(id, row(codec_limits::kMaxLeafEntries + 1));
    QVERIFY(!over);
    QCOMPARE(over.errorKind(), ErrorKind::BadData);
}

void TestLimits::rowsWrittenBeforeTheTextRulesStillOpen()
{
    // A remote comment with an escape sequence, accepted before the decoder applied the rules
    // of local input, sits in a record row: the row still opens (refusing it would lose the
    // whole record), while a delta or a state carrying it is refused.
    FeedbackRecordState record;
    record.creation = RecordCreation{"ORD-1", 7, Hlc(kHlc)};
    record.comment.restore({kOriginId, 1}, {Hlc(kHlc), "\x1b[31mred"});
    const RecordId id{kOriginId, 1};
    const auto row = BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, record));
    QVERIFY2(row, qPrintable(row.error()));
    QVERIFY(*row == record);
    BookMap state;
    state.restoreContext().insert({kOriginId, 1});
    state.restoreEntry(id) = record;
    const auto decoded = BookCodec::decodeState(BookCodec::encodeState(state));
    QVERIFY(!decoded);
    QCOMPARE(decoded.errorKind(), ErrorKind::BadData);
    QVERIFY2(decoded.error().contains(u"comment"_s), qPrintable(decoded.error()));
}

QTEST_GUILESS_MAIN(TestLimits)
#include "tst_limits.moc"
