// The customer's request to be contacted and the contact details (ContactDetails): the shapes
// accepted at their limits and the stored form, the rules of submissions and edits, the
// dispatcher's follow-up flag kept apart from the customer's request, round trips through every
// encoding, the merge rules (withdrawal wins, erasure wins), what an erasure leaves behind, and
// remote values held to the same rules as local input.
#include <QCborArray>
#include <QCborMap>
#include <QTest>

#ifndef Q_MOC_RUN
#include "NextVersionCodec.h"

#include <core/BookCodec.h>
#include <core/ContactDetails.h>
#include <core/FeedbackBook.h>
#endif

using namespace feedback;
using namespace Qt::StringLiterals;
namespace next = feedback::nextversion;

namespace {

const ReplicaId kKiosk{0xA1, 1};
const ReplicaId kDeskOne{0xB2, 2};
const ReplicaId kDeskTwo{0xC3, 3};
const QString kPhone = u"+49 30-123456"_s;
const QString kPhoneStored = u"tel:+4930123456"_s;

NewFeedback customer(int rating, bool contactMe, const QString &contact = {})
{
    NewFeedback f;
    f.orderId = u"ORD-000042"_s;
    f.courierId = 17;
    f.rating = rating;
    f.contactRequested = contactMe;
    f.contact = contact;
    return f;
}

FeedbackEdit eraseContact()
{
    FeedbackEdit e;
    e.contact = QString();
    return e;
}

// Sends a delta through the wire format and applies it.
bool send(FeedbackBook &to, const Result<BookDelta> &delta)
{
    if (!delta)
        return false;
    const auto bytes = BookCodec::encodeDelta(*delta);
    const auto decoded = bytes ? BookCodec::decodeDelta(*bytes) : Result<BookDelta>::failure({});
    return decoded && to.apply(*decoded) == FeedbackBook::ApplyOutcome::Applied;
}

QString fieldsOf(const QList<FieldConflict> &conflicts)
{
    QStringList out;
    for (const FieldConflict &c : conflicts)
        out.append(c.field);
    return out.join(u',');
}

} // namespace

class TestContact : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void detailsAtTheirLimits_data();
    void detailsAtTheirLimits();
    void onlyTheStoredFormIsStored();
    void submissionsAndEditsAreChecked();
    void theRequestIsTheCustomersAndRaisesTheDispatchersFlag();
    void roundTripThroughEveryEncoding();
    void concurrentWithdrawalWins();
    void concurrentErasureWins();
    void erasureLeavesNoDetailsInStateOrRow();
    void remoteValuesFollowTheRulesOfLocalInput();
};

void TestContact::detailsAtTheirLimits_data()
{
    QTest::addColumn<QString>("typed");
    QTest::addColumn<QString>("stored"); // empty: refused
    const QString twenty = u"12345678901234567890"_s;
    // local (64) @ domain (63 . 63 . 58 . de = 189): 254 characters, the most an address has.
    const QString local = QString(64, u'l');
    const QString domain = QString(63, u'a') + u'.' + QString(63, u'b') + u'.' + QString(58, u'c');
    const QString longest = local + u'@' + domain + u".de"_s;
    QTest::newRow("phone, 6 digits") << u"123456"_s << u"tel:123456"_s;
    QTest::newRow("phone, 5 digits") << u"12345"_s << QString();
    QTest::newRow("phone, 20 digits") << u"+"_s + twenty << u"tel:+"_s + twenty;
    QTest::newRow("phone, 21 digits") << twenty + u'1' << QString();
    QTest::newRow("phone, spaces and dashes") << kPhone << kPhoneStored;
    QTest::newRow("phone, blanks around") << u"  030 1234567 "_s << u"tel:0301234567"_s;
    QTest::newRow("phone, 6 digits among separators") << u"1-2-3 4-5-6"_s << u"tel:123456"_s;
    QTest::newRow("phone, letters") << u"030-CALL-ME"_s << QString();
    QTest::newRow("phone, plus inside") << u"49+30123456"_s << QString();
    QTest::newRow("phone, two pluses") << u"++4930123456"_s << QString();
    QTest::newRow("phone, trailing dash") << u"030123456-"_s << QString();
    QTest::newRow("phone, leading dash") << u"-030123456"_s << QString();
    QTest::newRow("phone, parentheses") << u"(030) 123456"_s << QString();
    QTest::newRow("phone, other digits") << u"٠١٢٣٤٥٦٧"_s << QString();
    QTest::newRow("phone, tab") << u"030\t123456"_s << QString();
    QTest::newRow("e-mail, domain in lower case")
        << u"Anna.Example@Post.DE"_s << u"mailto:Anna.Example@post.de"_s;
    QTest::newRow("e-mail, 254 characters") << longest << u"mailto:"_s + longest;
    QTest::newRow("e-mail, 255 characters") << local + u'@' + domain + u"c.de"_s << QString();
    QTest::newRow("e-mail, local part of 65") << local + u"l@x.de"_s << QString();
    QTest::newRow("e-mail, label of 64") << u"a@"_s + QString(64, u'd') + u".de"_s << QString();
    QTest::newRow("e-mail, international") << u"jörg@bücher.de"_s << u"mailto:jörg@bücher.de"_s;
    QTest::newRow("e-mail, plus and dash") << u"a+b-c@x-y.org"_s << u"mailto:a+b-c@x-y.org"_s;
    QTest::newRow("e-mail, no top-level domain") << u"anna@localhost"_s << QString();
    QTest::newRow("e-mail, one-letter top-level domain") << u"a@b.c"_s << QString();
    QTest::newRow("e-mail, numeric top-level domain") << u"a@b.123"_s << QString();
    QTest::newRow("e-mail, two @") << u"a@b@c.de"_s << QString();
    QTest::newRow("e-mail, nothing before @") << u"@x.de"_s << QString();
    QTest::newRow("e-mail, space inside") << u"anna maria@x.de"_s << QString();
    QTest::newRow("e-mail, leading dot") << u".anna@x.de"_s << QString();
    QTest::newRow("e-mail, two dots") << u"an..na@x.de"_s << QString();
    QTest::newRow("e-mail, empty label") << u"anna@x..de"_s << QString();
    QTest::newRow("e-mail, label starts with a dash") << u"anna@-x.de"_s << QString();
    QTest::newRow("e-mail, control character") << u"an\u0007na@x.de"_s << QString();
    QTest::newRow("e-mail, bidi override") << u"anna\u202E@x.de"_s << QString();
    QTest::newRow("e-mail, question mark") << u"anna?@x.de"_s << QString();
    QTest::newRow("empty") << QString() << QString();
    QTest::newRow("blanks") << u"   "_s << QString();
}

void TestContact::detailsAtTheirLimits()
{
    QFETCH(QString, typed);
    QFETCH(QString, stored);
    const auto normalised = ContactDetails::normalise(typed);
    QCOMPARE(normalised.value_or(QString()), stored);
    QCOMPARE(FeedbackValidator::contactProblem(typed).has_value(), stored.isEmpty());
    if (stored.isEmpty())
        return;
    // What is stored is a stored form, splits into kind and address, and stays as it is.
    QVERIFY(ContactDetails::isStored(stored));
    const auto parts = ContactDetails::split(stored);
    QVERIFY(parts);
    QCOMPARE(parts->kind, stored.startsWith(u"tel:"_s) ? ContactDetails::Kind::Phone
                                                       : ContactDetails::Kind::Email);
    QCOMPARE(ContactDetails::normalise(parts->address), stored);
    QVERIFY(characterCount(stored) <= limits::kContactMaxChars);
    // What local input accepts, another device reads back (the decoder's rules agree).
    FeedbackBook book(kKiosk);
    const auto created = book.create(customer(3, true, typed));
    QVERIFY2(created, qPrintable(created.error()));
    FeedbackBook other(kDeskOne);
    QVERIFY(send(other, created));
    QCOMPARE(other.view(*created->minted.begin())->contact, stored);
    const auto state = BookCodec::decodeState(BookCodec::encodeState(book.state()));
    QVERIFY2(state && *state == book.state(), qPrintable(state.error()));
}

void TestContact::onlyTheStoredFormIsStored()
{
    QVERIFY(ContactDetails::isStored(QString())); // erased
    for (const QString &text :
         {u"tel:+49 30 123456"_s, u"tel:12345"_s, u"+4930123456"_s, u"mailto:a@B.DE"_s,
          u"mailto:a@b"_s, u"sms:123456"_s, u"TEL:123456"_s, u" tel:123456"_s, u"tel:a@b.de"_s})
        QVERIFY2(!ContactDetails::isStored(text), qPrintable(text));
    QVERIFY(!ContactDetails::split(QString()));
}

void TestContact::submissionsAndEditsAreChecked()
{
    const FeedbackValidator v;
    QVERIFY(v.validate(customer(5, true, kPhone)).isEmpty());
    QVERIFY(v.validate(customer(5, true)).isEmpty()); // details are optional
    // Details without the request are not the customer's answer to anything.
    const auto unasked = v.validate(customer(5, false, kPhone));
    QCOMPARE(unasked.size(), 1);
    QCOMPARE(unasked.first().field, u"contact"_s);
    QVERIFY(unasked.first().message.contains(u"asks to be contacted"_s));
    const auto invalid = v.validate(customer(5, true, u"call me"_s));
    QCOMPARE(invalid.size(), 1);
    QCOMPARE(invalid.first().field, u"contact"_s);
    QVERIFY(invalid.first().message.contains(u"6 to 20 digits"_s));

    FeedbackBook book(kKiosk);
    QVERIFY(!book.create(customer(5, true, u"call me"_s)));
    QCOMPARE(book.size(), std::size_t{0});
    const RecordId plain = *book.create(customer(5, false))->minted.begin();
    // Nothing to erase: refused, and no dot is spent on it.
    QCOMPARE(book.validate(plain, eraseContact()).size(), 1);
    QVERIFY(!book.edit(plain, eraseContact()));
    QCOMPARE(book.sequence(), quint64{1});
    FeedbackEdit bad;
    bad.contact = u"12"_s;
    QVERIFY(!book.edit(plain, bad));
    QCOMPARE(book.sequence(), quint64{1});
}

void TestContact::theRequestIsTheCustomersAndRaisesTheDispatchersFlag()
{
    FeedbackBook book(kKiosk);
    // A low rating raises the dispatcher's flag, never the customer's request.
    const auto low = book.create(customer(1, false));
    const auto lowView = book.view(*low->minted.begin());
    QVERIFY(lowView->needsFollowUp);
    QVERIFY(!lowView->contactRequested);
    QVERIFY(lowView->contact.isEmpty());
    // "Not asked" is no field at all: such records stay as they were.
    QVERIFY(!low->entries.begin()->second.contactRequested);
    QVERIFY(!low->entries.begin()->second.contact);
    QVERIFY(book.state().find(*low->minted.begin())->contact().empty());

    // The request raises the flag whatever the rating, and the details are stored normalised.
    const auto asked = book.create(customer(5, true, kPhone));
    const auto askedView = book.view(*asked->minted.begin());
    QVERIFY(askedView->needsFollowUp);
    QVERIFY(askedView->contactRequested);
    QCOMPARE(askedView->contact, kPhoneStored);
    QVERIFY(!askedView->contactErased);
    QCOMPARE(askedView->followUp, std::optional(FollowUpStatus::Open));
    // A kiosk that sets the flag itself still can.
    NewFeedback declined = customer(5, true);
    declined.needsFollowUp = false;
    QVERIFY(!book.view(*book.create(declined)->minted.begin())->needsFollowUp);
    QVERIFY(!book.view(*book.create(customer(5, false))->minted.begin())->needsFollowUp);
}

void TestContact::roundTripThroughEveryEncoding()
{
    FeedbackBook kiosk(kKiosk);
    const auto created = kiosk.create(customer(2, true, u"Anna@Example.ORG"_s));
    QVERIFY(created);
    const RecordId id = *created->minted.begin();
    FeedbackBook desk(kDeskOne);
    QVERIFY(send(desk, created));
    QCOMPARE(desk.view(id), kiosk.view(id));
    QCOMPARE(desk.view(id)->contact, u"mailto:Anna@example.org"_s);
    const auto erased = desk.edit(id, eraseContact());
    QVERIFY(erased);
    QVERIFY(send(kiosk, erased));

    const auto delta = BookCodec::decodeDelta(*BookCodec::encodeDelta(*erased));
    QVERIFY2(delta, qPrintable(delta.error()));
    QVERIFY(*delta == *erased);
    const auto state = BookCodec::decodeState(BookCodec::encodeState(kiosk.state()));
    QVERIFY2(state, qPrintable(state.error()));
    QVERIFY(*state == kiosk.state());
    QVERIFY(*state == desk.state());
    for (const FeedbackBook *book : {&kiosk, &desk}) {
        const FeedbackRecordState &record = *book->state().find(id);
        const auto row = BookCodec::decodeRecord(id, BookCodec::encodeRecord(id, record));
        QVERIFY2(row, qPrintable(row.error()));
        QVERIFY(*row == record);
    }
    const auto view = kiosk.view(id);
    QVERIFY(view->contactRequested);
    QVERIFY(view->contact.isEmpty());
    QVERIFY(view->contactErased);
}

void TestContact::concurrentWithdrawalWins()
{
    // The second desk's clock runs ahead: its "yes" is the newer value and still loses.
    const qint64 wall = 1'700'000'000'000;
    FeedbackBook kiosk(kKiosk, HybridLogicalClock([&] { return wall; }));
    FeedbackBook one(kDeskOne, HybridLogicalClock([&] { return wall; }));
    FeedbackBook two(kDeskTwo, HybridLogicalClock([&] { return wall + 60'000; }));
    const auto created = kiosk.create(customer(4, true, kPhone));
    const RecordId id = *created->minted.begin();
    QVERIFY(send(one, created) && send(two, created));
    // One withdraws the request, the other confirms it, neither having seen the other.
    FeedbackEdit withdraw;
    withdraw.contactRequested = false;
    FeedbackEdit confirm;
    confirm.contactRequested = true;
    const auto w = one.edit(id, withdraw);
    const auto c = two.edit(id, confirm);
    QVERIFY(send(one, c) && send(two, w) && send(kiosk, c) && send(kiosk, w));
    for (const FeedbackBook *book : {&kiosk, &one, &two}) {
        const auto view = book->view(id);
        QVERIFY(!view->contactRequested);
        QCOMPARE(fieldsOf(view->conflicts), u"contactRequested"_s);
        QCOMPARE(view->conflicts.first().values, (QVariantList{false, true}));
        QCOMPARE(view->contact, kPhoneStored); // the details are another field
    }
    QVERIFY(one.state() == two.state());
}

void TestContact::concurrentErasureWins()
{
    // The second desk's clock runs ahead: its value has the later HLC and still loses.
    const qint64 wall = 1'700'000'000'000;
    FeedbackBook kiosk(kKiosk, HybridLogicalClock([&] { return wall; }));
    FeedbackBook one(kDeskOne, HybridLogicalClock([&] { return wall; }));
    FeedbackBook two(kDeskTwo, HybridLogicalClock([&] { return wall + 60'000; }));
    const auto created = kiosk.create(customer(4, true, kPhone));
    const RecordId id = *created->minted.begin();
    QVERIFY(send(one, created) && send(two, created));
    // One erases; the other sets other details.
    FeedbackEdit other;
    other.contact = u"anna@example.org"_s;
    const auto erased = one.edit(id, eraseContact());
    const auto changed = two.edit(id, other);
    QVERIFY(send(one, changed) && send(two, erased));
    for (const FeedbackBook *book : {&one, &two}) {
        const auto view = book->view(id);
        QVERIFY(view->contact.isEmpty());
        QVERIFY(view->contactErased);
        QCOMPARE(fieldsOf(view->conflicts), u"contact"_s);
        QCOMPARE(view->conflicts.first().values.first().toString(), QString());
    }
    // Erasing again, after seeing both, leaves the erasure alone.
    const auto again = two.edit(id, eraseContact());
    QVERIFY(again);
    QVERIFY(send(one, again));
    QVERIFY(one.view(id)->conflicts.isEmpty());
    QCOMPARE(one.state().find(id)->contact().details.entries().size(), std::size_t{1});
    QVERIFY(one.view(id)->contactErased);
    // Nothing is left to erase.
    QVERIFY(!one.edit(id, eraseContact()));
}

void TestContact::erasureLeavesNoDetailsInStateOrRow()
{
    FeedbackBook kiosk(kKiosk);
    const auto created = kiosk.create(customer(1, true, kPhone));
    const RecordId id = *created->minted.begin();
    const QByteArray digits = "4930123456";
    QVERIFY(BookCodec::encodeState(kiosk.state()).contains(digits));
    QVERIFY(kiosk.edit(id, eraseContact()));
    QVERIFY(!BookCodec::encodeState(kiosk.state()).contains(digits));
    QVERIFY(!BookCodec::encodeRecord(id, *kiosk.state().find(id)).contains(digits));
    // The creation's delta still holds them: only snapshots and compaction (issue 14) remove
    // them from the relay and from the deltas devices keep (ARCHITECTURE.md).
    QVERIFY(BookCodec::encodeDelta(*created)->contains(digits));
    QVERIFY(kiosk.view(id)->contactRequested); // the request stays, the details are gone
}

void TestContact::remoteValuesFollowTheRulesOfLocalInput()
{
    const QByteArray replica(16, '\x5A');
    const auto deltaWith = [&](const QCborValue &contactRequested, const QCborValue &contact) {
        next::DeltaWriter w({replica});
        const qint64 dot = w.mint(0, 1, qint64{1700000000000} << 16);
        QCborMap fields{{0, QCborArray{u"ORD-1"_s, 7}}, {1, next::valueLeaf(3)}};
        if (!contactRequested.isUndefined())
            fields.insert(10, next::valueLeaf(contactRequested));
        if (!contact.isUndefined())
            fields.insert(11, next::valueLeaf(contact));
        w.record(dot, fields);
        return BookCodec::decodeDelta(w.bytes());
    };
    const QCborValue none(QCborValue::Undefined);
    QVERIFY(deltaWith(true, kPhoneStored));
    QVERIFY(deltaWith(none, u"mailto:a@b.de"_s));
    QVERIFY(deltaWith(false, QString()));
    for (const QCborValue &bad : {QCborValue(u"tel:12"_s), QCborValue(u"mailto:a@B.DE"_s),
                                  QCborValue(u"0301234567"_s), QCborValue(u"tel:+49 30 123456"_s),
                                  QCborValue(u"mailto:"_s + QString(300, u'a')), QCborValue(42)}) {
        const auto d = deltaWith(true, bad);
        QVERIFY2(!d, qPrintable(bad.toDiagnosticNotation()));
        QCOMPARE(d.errorKind(), ErrorKind::BadData);
    }
    QCOMPARE(deltaWith(1, kPhoneStored).errorKind(), ErrorKind::BadData); // not a bool
}

QTEST_GUILESS_MAIN(TestContact)
#include "tst_contact.moc"
