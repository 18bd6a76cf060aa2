// feedbackctl's record commands, as real processes (env FEEDBACKCTL) on a fresh temporary profile
// per test: submit, list (and its CSV quoting), show, edit and status, with the bad input each
// refuses (exit 2, nothing written) and results on stdout, errors on stderr.
#include "FeedbackCtlTestSupport.h"

#include <QDateTime>
#include <QJsonArray>

#include <functional>

using namespace Qt::StringLiterals;
using namespace feedback::test;

namespace {

const QString kHeader = u"id,orderId,courierId,rating,comment,reasons,publishConsent,"
                        "needsFollowUp,createdAt,origin,followUp,assignee,notes,retracted,"
                        "conflicts,synced,contactRequested,contact,contactErased,erased"_s;
} // namespace

class TestFeedbackCtlRecords : public QObject, public FeedbackCtlFixture
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase() { checkFeedbackCtl(); }
    void init() { freshProfile(); }
    void submitPrintsOnlyTheId();
    void submitRejectsInvalidInputAndWritesNothing();
    void ratingMessageNamesTheGivenValue();
    void listFormatsAndCsvQuoting();
    void show();
    void editEachOption();
    void editRejectsBadInput();
    void status();
};

void TestFeedbackCtlRecords::submitPrintsOnlyTheId()
{
    QVERIFY(initProfile());
    const Run r = ctl(u"submit --order A-17 --courier 42 --rating 5 --reason late --reason fast "
                      "--consent --follow-up --comment"_s,
                      {u"on time, friendly"_s});
    const QString id = r.out.trimmed();
    EXPECT(r, 0, r.err.isEmpty() && r.out == id + u'\n' && kRecordId.match(id).hasMatch());
    // Another process sees it: the commit was durable before the id was printed.
    const QJsonObject o = showJson(id);
    QCOMPARE(o[u"id"_s].toString(), id);
    QCOMPARE(o[u"orderId"_s].toString(), u"A-17"_s);
    QCOMPARE(o[u"courierId"_s].toInt(), 42);
    QCOMPARE(o[u"rating"_s].toInt(), 5);
    QCOMPARE(o[u"comment"_s].toString(), u"on time, friendly"_s);
    QCOMPARE(o[u"reasons"_s].toArray(), QJsonArray({u"fast"_s, u"late"_s}));
    QVERIFY(o[u"publishConsent"_s].toBool() && o[u"needsFollowUp"_s].toBool());
    const Run longest = ctl(u"submit --courier 7 --rating 4 --order"_s, {QString(64, u'x')});
    EXPECT(longest, 0, kRecordId.match(longest.out.trimmed()).hasMatch()); // the longest order id
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
}

void TestFeedbackCtlRecords::submitRejectsInvalidInputAndWritesNothing()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty());
    const QJsonObject before = statusJson();
    const struct
    {
        const char *args;
        QStringList extra;
        const char *message;
    } cases[] = {
        {"--order O-2 --courier 7 --rating 0", {}, "--rating must be a whole number from 1 to 5"},
        {"--order O-2 --courier 7 --rating 6", {}, "--rating must be a whole number from 1 to 5"},
        {"--order O-2 --courier 7 --rating abc", {}, "--rating must be a whole number"},
        {"--courier 7 --rating 3 --order", {QString()}, "invalid orderId: Order id is required."},
        {"--courier 7 --rating 3 --order", {QString(65, u'x')}, "Order id is too long: 65 char"},
        {"--order O-2 --courier 0 --rating 3", {}, "--courier must be a whole number from 1"},
        {"--order O-2 --courier 7 --rating 3 --reason teleported", {}, "Unknown reason"},
        {"--order O-2 --courier 7", {}, "--rating is required."},
        {"--order O-2 --courier 7 --rating 3 --follow-up --no-follow-up", {}, "exclude each"},
        {"--order O-2 --courier 7 --rating 3 --bogus", {}, "Unknown option"},
    };
    for (const auto &c : cases) {
        const Run r = ctl(u"submit "_s + QLatin1String(c.args), c.extra);
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(QLatin1String(c.message)));
    }
    const QJsonObject after = statusJson();
    QCOMPARE(after[u"records"_s].toInt(-1), before[u"records"_s].toInt(-2));
    QCOMPARE(after[u"sequence"_s].toInt(-1), before[u"sequence"_s].toInt(-2));
}

// The message quotes the rating as given, not as clamped to fit an int.
void TestFeedbackCtlRecords::ratingMessageNamesTheGivenValue()
{
    QVERIFY(initProfile());
    const Run r = ctl(u"submit --order O-1 --courier 7 --rating 1000"_s);
    EXPECT(r, 2, r.err.contains(u"(got \"1000\")"_s));
}

void TestFeedbackCtlRecords::listFormatsAndCsvQuoting()
{
    QVERIFY(initProfile());
    const QString tricky = u"Nice, \"quick\"\nthanks"_s;
    const QString formula = u"=HYPERLINK(\"http://x\")"_s;
    const QString a = submit({u"--comment"_s, tricky});
    const QString b = submit({u"--comment"_s, formula});
    QVERIFY(!a.isEmpty() && !b.isEmpty());
    QStringList keys = kHeader.split(u',');
    keys.sort();
    const QJsonArray records = json(u"list --format json"_s).array();
    QCOMPARE(records.size(), 2);
    for (const QJsonValue &v : records) {
        QCOMPARE(v.toObject().keys(), keys);
        const QString created = v[u"createdAt"_s].toString();
        const QDateTime at = QDateTime::fromString(created, Qt::ISODateWithMs);
        QVERIFY2(created.endsWith(u'Z') && at.isValid() &&
                     qAbs(at.secsTo(QDateTime::currentDateTimeUtc())) < 600,
                 qPrintable(created));
        QCOMPARE(v[u"synced"_s], QJsonValue(false));
        QCOMPARE(v[u"comment"_s].toString(), v[u"id"_s] == a ? tricky : formula);
    }
    const Run csv = ctl(u"list --format csv"_s);
    EXPECT(csv, 0,
           csv.out.contains(u",\"Nice, \"\"quick\"\"\nthanks\","_s) &&
               csv.out.contains(u",\"'=HYPERLINK(\"\"http://x\"\")\","_s));
    const QList<QStringList> rows = parseCsv(csv.out);
    QCOMPARE(rows.size(), 3);
    QCOMPARE(rows[0].join(u','), kHeader);
    for (const QStringList &row : rows.mid(1)) {
        QVERIFY(row.size() == 20 && (row[0] == a || row[0] == b));
        QCOMPARE(row[4], row[0] == a ? tricky : u'\'' + formula); // formula injection defused
    }
    const Run table = ctl(u"list --format table"_s);
    EXPECT(table, 0,
           table.out.startsWith(u"ID"_s) && table.out.contains(a) && table.out.contains(b) &&
               table.out.count(u'\n') == 3);
    EXPECT(ctl(u"list"_s), 0, true);
    EXPECT(ctl(u"list --format xml"_s), 2, true);
}

void TestFeedbackCtlRecords::show()
{
    QVERIFY(initProfile());
    const QString id = submit({u"--comment"_s, u"hello"_s});
    const QJsonObject o = showJson(id);
    QVERIFY(o[u"id"_s] == id && o[u"comment"_s] == u"hello"_s);
    const Run text = ctl(u"show "_s + id);
    EXPECT(text, 0, text.out.contains(u"orderId:"_s) && text.out.contains(id));
    const Run missing = ctl(u"show "_s + id.section(u'-', 0, 0) + u"-999"_s);
    QVERIFY2(missing.code != 0 && missing.out.isEmpty() &&
                 missing.err.contains(u"No record with id"_s),
             missing.describe().constData());
    EXPECT(ctl(u"show not-an-id"_s), 2, true);
    EXPECT(ctl(u"show"_s), 2, true);
    EXPECT(ctl(u"show %1 --format xml"_s.arg(id)), 2, true);
}

void TestFeedbackCtlRecords::editEachOption()
{
    QVERIFY(initProfile());
    const QString id = submit();
    using Check = std::function<bool(const QJsonObject &)>;
    const auto is = [](const char *field, const QJsonValue &want) -> Check {
        return [=](const QJsonObject &o) {
            return o[QLatin1String(field)] == want;
        };
    };
    const auto note = [](int i, const QString &author, const QString &text) -> Check {
        return [=](const QJsonObject &o) {
            const QJsonValue n = o[u"notes"_s][i];
            return n[u"author"_s] == author && n[u"text"_s] == text &&
                   n[u"at"_s].toString().endsWith(u'Z');
        };
    };
    const struct
    {
        const char *args;
        QStringList extra;
        Check check;
    } steps[] = {
        {"--rating 2", {}, is("rating", 2)},
        {"--comment", {u"changed, really"_s}, is("comment", u"changed, really"_s)},
        {"--reason rude --reason late", {}, is("reasons", QJsonArray{u"late"_s, u"rude"_s})},
        {"--no-reasons", {}, is("reasons", QJsonArray())},
        {"--consent", {}, is("publishConsent", true)},
        {"--no-consent", {}, is("publishConsent", false)},
        {"--follow-up", {}, is("needsFollowUp", true)},
        {"--no-follow-up", {}, is("needsFollowUp", false)},
        {"--status in_progress", {}, is("followUp", u"in_progress"_s)},
        {"--assignee Ana", {}, is("assignee", u"Ana"_s)},
        {"--note called --author Bob", {}, note(0, u"Bob"_s, u"called"_s)},
        {"--note again", {}, note(1, u"Kiosk"_s, u"again"_s)}, // author: the profile's name
        {"--retract", {}, is("retracted", true)},
    };
    for (const auto &step : steps) {
        const Run r = ctl(u"edit %1 %2"_s.arg(id, QLatin1String(step.args)), step.extra);
        EXPECT(r, 0, r.out == id + u'\n');
        const QJsonObject shown = showJson(id);
        QVERIFY2(step.check(shown), qPrintable(r.args.join(u' ') + u" not visible in "_s +
                                               QString::fromUtf8(QJsonDocument(shown).toJson())));
    }
    // One edit is one mutation: one sequence number each.
    QCOMPARE(statusJson()[u"sequence"_s].toInteger(), 1 + std::ssize(steps));
}

void TestFeedbackCtlRecords::editRejectsBadInput()
{
    QVERIFY(initProfile());
    const QString id = submit();
    const QJsonObject before = showJson(id);
    const QJsonValue sequence = statusJson()[u"sequence"_s];
    const QString unknown = id.section(u'-', 0, 0) + u"-999"_s;
    const struct
    {
        QString args;
        int code; // -1: any failure
        const char *message;
    } cases[] = {
        {id + u" --status done"_s, 2, "--status must be open, in_progress or resolved"},
        {id, 2, "Nothing to change"},
        {id + u" --rating 9"_s, 2, "--rating must be a whole number from 1 to 5"},
        {id + u" --consent --no-consent"_s, 2, "exclude each other"},
        {unknown + u" --rating 3"_s, -1, "No record with id"},
        {u"not-an-id --rating 3"_s, 2, "is not a record id"},
        {u"--rating 3"_s, 2, "ID is missing"},
    };
    for (const auto &c : cases) {
        const Run r = ctl(u"edit "_s + c.args);
        QVERIFY2((c.code < 0 ? r.code != 0 : r.code == c.code) && r.out.isEmpty() &&
                     r.err.contains(QLatin1String(c.message)),
                 r.describe().constData());
    }
    QCOMPARE(showJson(id), before);
    QCOMPARE(statusJson()[u"sequence"_s], sequence);
}

void TestFeedbackCtlRecords::status()
{
    const Run init = ctl(u"init --name Kiosk --relay wss://relay.example/ws"_s);
    const QJsonObject empty = statusJson();
    const QString device = empty[u"device"_s].toString();
    EXPECT(init, 0, device.size() == 32 && init.out.contains(u"device "_s + device));
    QCOMPARE(empty[u"relayUrl"_s].toString(), u"wss://relay.example/ws"_s);
    for (const QString &field : {u"records"_s, u"pending"_s, u"sequence"_s})
        QCOMPARE(empty[field].toInt(-1), 0);
    const QString id = submit();
    QVERIFY(!submit().isEmpty());
    EXPECT(ctl(u"edit %1 --rating 1"_s.arg(id)), 0, true);
    const QJsonObject s = statusJson();
    QCOMPARE(s[u"device"_s].toString(), device);
    QCOMPARE(s[u"records"_s].toInt(), 2);
    QCOMPARE(s[u"pending"_s].toInt(), 2); // nothing acknowledged yet
    QCOMPARE(s[u"sequence"_s].toInt(), 3);
    const Run text = ctl(u"status"_s);
    EXPECT(text, 0, text.out.contains(u"records:    2"_s) && text.out.contains(device));
    EXPECT(ctl(u"status --format xml"_s), 2, true);
}

QTEST_GUILESS_MAIN(TestFeedbackCtlRecords)
#include "tst_feedbackctl_records.moc"
