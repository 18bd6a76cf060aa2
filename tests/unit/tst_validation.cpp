// Validation rules, each with its message, and the hybrid logical clock.
#include <QTest>

#include <core/FeedbackBook.h>
#include <core/HybridLogicalClock.h>
#include <core/LegacyQueue.h>
#include <core/Validation.h>

using namespace feedback;

class TestValidation : public QObject
{
    Q_OBJECT

private:
    static NewFeedback valid()
    {
        NewFeedback f;
        f.orderId = QStringLiteral("ORD-123456");
        f.courierId = 42;
        f.rating = 4;
        f.comment = QStringLiteral("Friendly and fast");
        f.reasons = {QStringLiteral("friendly"), QStringLiteral("fast")};
        return f;
    }
    static QString messageFor(const QList<FieldError> &errors, const QString &field)
    {
        for (const FieldError &e : errors)
            if (e.field == field)
                return e.message;
        return QString();
    }

private Q_SLOTS:
    void validInputPasses() { QVERIFY(FeedbackValidator().validate(valid()).isEmpty()); }

    void eachRuleHasItsMessage_data()
    {
        QTest::addColumn<QString>("field");
        QTest::addColumn<QString>("expected");
        QTest::addColumn<int>("which");
        QTest::newRow("rating 0") << "rating"
                                  << "Rating must be between 1 and 5 (got 0)." << 0;
        QTest::newRow("rating 6") << "rating"
                                  << "Rating must be between 1 and 5 (got 6)." << 1;
        QTest::newRow("empty order") << "orderId"
                                     << "Order id is required." << 2;
        QTest::newRow("long order") << "orderId"
                                    << "Order id is too long: 65 characters, at most 64." << 3;
        QTest::newRow("control char") << "orderId"
                                      << "Order id may only contain printable characters." << 4;
        QTest::newRow("courier 0") << "courierId"
                                   << "Courier id must be a positive number (got 0)." << 5;
        QTest::newRow("courier negative") << "courierId"
                                          << "Courier id must be a positive number (got -3)." << 6;
        QTest::newRow("long comment") << "comment"
                                      << "Comment is too long: 2001 characters, at most 2000." << 7;
        QTest::newRow("unknown reason")
            << "reasons"
            << "Unknown reason \"slow\"; allowed: late, damaged, rude, friendly, fast, "
               "wrong_address, no_contact."
            << 8;
    }
    void eachRuleHasItsMessage()
    {
        QFETCH(QString, field);
        QFETCH(QString, expected);
        QFETCH(int, which);
        NewFeedback f = valid();
        switch (which) {
        case 0:
            f.rating = 0;
            break;
        case 1:
            f.rating = 6;
            break;
        case 2:
            f.orderId.clear();
            break;
        case 3:
            f.orderId = QString(65, QLatin1Char('A'));
            break;
        case 4:
            f.orderId = QStringLiteral("ORD\x01");
            break;
        case 5:
            f.courierId = 0;
            break;
        case 6:
            f.courierId = -3;
            break;
        case 7:
            f.comment = QString(2001, QLatin1Char('x'));
            break;
        case 8:
            f.reasons = {QStringLiteral("slow")};
            break;
        }
        const QList<FieldError> errors = FeedbackValidator().validate(f);
        QCOMPARE(errors.size(), 1);
        QCOMPARE(messageFor(errors, field), expected);
    }

    void limitsCountCharactersNotBytes()
    {
        NewFeedback f = valid();
        f.orderId = QString(64, QChar(0x00E9));                            // é: 2 bytes in UTF-8
        f.comment = QString::fromUcs4(std::u32string(2000, U'😀').c_str()); // surrogate pairs
        QVERIFY(FeedbackValidator().validate(f).isEmpty());
        f.comment += QStringLiteral("x");
        QCOMPARE(messageFor(FeedbackValidator().validate(f), QStringLiteral("comment")),
                 QStringLiteral("Comment is too long: 2001 characters, at most 2000."));
    }

    void configurableCatalog()
    {
        const FeedbackValidator validator(ReasonCatalog({QStringLiteral("cold_food")}));
        NewFeedback f = valid();
        f.reasons = {QStringLiteral("cold_food")};
        QVERIFY(validator.validate(f).isEmpty());
        f.reasons = {QStringLiteral("late")};
        QVERIFY(!validator.validate(f).isEmpty());
    }

    void editRules()
    {
        const FeedbackValidator v;
        QCOMPARE(FeedbackValidator::summary(v.validate(FeedbackEdit{})),
                 QStringLiteral("Nothing to change."));
        FeedbackEdit e;
        e.noteText = QStringLiteral("   ");
        QCOMPARE(messageFor(v.validate(e), QStringLiteral("notes")),
                 QStringLiteral("A note cannot be empty."));
        e = FeedbackEdit{};
        e.assignee = QString(101, QLatin1Char('a'));
        QCOMPARE(messageFor(v.validate(e), QStringLiteral("assignee")),
                 QStringLiteral("Assignee must be printable and at most 100 characters."));
        e = FeedbackEdit{};
        e.rating = 9;
        QVERIFY(!v.validate(e).isEmpty());
    }

    void invalidInputChangesNothing()
    {
        FeedbackBook book(ReplicaId{1, 2});
        NewFeedback f = valid();
        f.rating = 0;
        const auto result = book.create(f);
        QVERIFY(!result.ok());
        QVERIFY(result.error().contains(QStringLiteral("Rating must be between 1 and 5")));
        QCOMPARE(book.size(), std::size_t{0});
        QCOMPARE(book.sequence(), quint64{0}); // no dot was minted
        const auto created = book.create(valid());
        QVERIFY(created.ok());
        FeedbackEdit bad;
        bad.rating = 7;
        QVERIFY(!book.edit(*created->minted.begin(), bad).ok());
        QCOMPARE(book.sequence(), quint64{1});
    }

    void legacyQueueRefusesNumbersThatAreNotWholeOrInRange()
    {
        // Out-of-range doubles must be refused, not cast (that cast is undefined behaviour).
        const auto queue = LegacyQueue::parse(
            R"([{"orderId":"ORD-1","courierId":1e300,"rating":4},
                {"orderId":"ORD-2","courierId":3,"rating":-1e308},
                {"orderId":"ORD-3","courierId":2.5,"rating":4},
                {"orderId":"ORD-4","courierId":"17","rating":5}])");
        QVERIFY(queue.ok());
        QCOMPARE(queue->items.size(), 1);
        QCOMPARE(queue->items.first().feedback.courierId, 17);
        QCOMPARE(queue->skipped.size(), 3);
        QVERIFY(queue->skipped.first().startsWith(QStringLiteral("item 1: courierId")));
    }

    void hlcIsMonotonicAndFollowsRemote()
    {
        qint64 wall = 1'700'000'000'000;
        HybridLogicalClock clock([&wall] { return wall; });
        const Hlc a = clock.now();
        const Hlc b = clock.now(); // same millisecond: logical part grows
        QVERIFY(b > a);
        QCOMPARE(HybridLogicalClock::millisOf(b), wall);
        wall -= 5000; // the wall clock steps back: timestamps still grow
        QVERIFY(clock.now() > b);
        const Hlc remote = HybridLogicalClock::make(wall + 60'000, 3); // a minute ahead: allowed
        QVERIFY(clock.observe(remote));
        QVERIFY(clock.now() > remote);
    }

    void hlcClampsTheFarFuture()
    {
        qint64 wall = 1'700'000'000'000;
        HybridLogicalClock clock([&wall] { return wall; }, 60'000);
        const Hlc farFuture = HybridLogicalClock::make(wall + 24 * 3600 * 1000, 0);
        QVERIFY(!clock.observe(farFuture));
        QVERIFY(clock.now() < farFuture);
        QCOMPARE(HybridLogicalClock::millisOf(clock.clampForDisplay(farFuture)), wall + 60'000);
        const Hlc past = HybridLogicalClock::make(wall - 10, 0);
        QCOMPARE(clock.clampForDisplay(past), past);
    }
};

QTEST_APPLESS_MAIN(TestValidation)
#include "tst_validation.moc"
