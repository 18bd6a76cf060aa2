// feedbackctl as a user runs it: the real binary (env FEEDBACKCTL) in a fresh temporary profile
// per test, passphrase in the child's environment, keychain off. Every command, bad input and
// exit codes (0 success, 1 failure, 2 invalid input); results on stdout, errors on stderr.
#include <QDateTime>
#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <functional>
#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <support/RawSqlite.h>

using namespace Qt::StringLiterals;

namespace {

const QRegularExpression kRecordId(u"^[0-9a-f]{32}-\\d+$"_s);
const QString kHeader = u"id,orderId,courierId,rating,comment,reasons,publishConsent,"
                        "needsFollowUp,createdAt,origin,followUp,assignee,notes,retracted,"
                        "conflicts,synced,contactRequested,contact,contactErased"_s;
const QStringList kCommands = {u"init"_s,  u"submit"_s,       u"list"_s,   u"show"_s,
                               u"edit"_s,  u"status"_s,       u"export"_s, u"doctor"_s,
                               u"purge"_s, u"import-legacy"_s};

using Run = feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;

// `passphrase` in the child's environment, none when empty.
QProcessEnvironment childEnvironment(const QString &passphrase)
{
    return FeedbackCtlRunner::environment(passphrase);
}

// RFC 4180: rows of cells; a quoted cell may hold commas, doubled quotes and line breaks.
QList<QStringList> parseCsv(const QString &text)
{
    QList<QStringList> rows;
    QStringList row;
    QString cell;
    bool quoted = false;
    for (qsizetype i = 0; i < text.size(); ++i) {
        const QChar ch = text.at(i);
        const bool pair = i + 1 < text.size() && text.at(i + 1) == (quoted ? u'"' : u'\n');
        if (quoted && ch == u'"' && pair)
            cell += text.at(++i);
        else if (ch == u'"')
            quoted = !quoted;
        else if (!quoted && ch == u',')
            row.append(std::exchange(cell, QString()));
        else if (!quoted && ch == u'\r' && pair && ++i)
            rows.append(std::exchange(row, QStringList()) << std::exchange(cell, QString()));
        else
            cell += ch;
    }
    return rows;
}

QByteArray fileBytes(const QString &path)
{
    QFile f(path);
    return f.open(QIODevice::ReadOnly) ? f.readAll() : QByteArray();
}

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

} // namespace

// The exit code and a condition on the output (of `r` when it names a Run); the run is printed
// when either is wrong. `r` is evaluated once.
#define EXPECT(r, exitCode, cond)                                                                  \
    do {                                                                                           \
        const Run &run_ = (r);                                                                     \
        QVERIFY2(run_.code == (exitCode) && (cond), run_.describe().constData());                  \
    } while (false)

class TestFeedbackCtl : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void helpAndVersionNeedNoProfile();
    void commandHelpNamesTheCommand();
    void commandHelpAllIsHonoured();
    void unknownOrMissingCommand();
    void initPrintsDeviceAndRefusesSecondInit();
    void initWithoutPassphraseCreatesNothing();
    void refusedInitLeavesNoParentDirectories();
    void passphraseFileAndWrongPassphrase();
    void submitPrintsOnlyTheId();
    void submitRejectsInvalidInputAndWritesNothing();
    void ratingMessageNamesTheGivenValue();
    void listFormatsAndCsvQuoting();
    void show();
    void editEachOption();
    void editRejectsBadInput();
    void status();
    void importLegacy();
    void exportToFile();
    void doctorHealthyThenTamperedRecord();
    void doctorFindsDamagedFile();
    void purgeKeepsUnsyncedRecords();

private:
    // `command` is split at spaces; `extra` arguments may hold spaces.
    Run ctl(const QString &command, const QStringList &extra = {}) const
    {
        return run(m_env, command.split(u' ', Qt::SkipEmptyParts) + extra);
    }
    Run run(const QProcessEnvironment &env, const QStringList &args) const;
    bool initProfile() { return ctl(u"init --name Kiosk"_s).code == 0; }
    QString submit(const QStringList &extra = {}) const;
    QJsonDocument json(const QString &command) const
    {
        return QJsonDocument::fromJson(ctl(command).out.toUtf8());
    }
    QJsonObject statusJson() const { return json(u"status --format json"_s).object(); }
    QJsonObject showJson(const QString &id) const
    {
        return json(u"show %1 --format json"_s.arg(id)).object();
    }

    QProcessEnvironment m_env;
    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
};

void TestFeedbackCtl::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    m_env = childEnvironment(u"correct horse battery staple"_s);
}

void TestFeedbackCtl::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_profile = m_tmp->filePath(u"profile"_s);
}

Run TestFeedbackCtl::run(const QProcessEnvironment &env, const QStringList &args) const
{
    return FeedbackCtlRunner::run(env, m_profile, args);
}

// Submits a valid record (plus `extra` options): its id, or empty on failure.
QString TestFeedbackCtl::submit(const QStringList &extra) const
{
    const Run r = ctl(u"submit --order O-1 --courier 7 --rating 4"_s, extra);
    if (r.code != 0 || !kRecordId.match(r.out.trimmed()).hasMatch())
        qWarning("%s", r.describe().constData());
    return r.code == 0 ? r.out.trimmed() : QString();
}

void TestFeedbackCtl::helpAndVersionNeedNoProfile()
{
    const QProcessEnvironment noPassphrase = childEnvironment({});
    for (const QString &flag : {u"--help"_s, u"-h"_s}) {
        const Run r = run(noPassphrase, {flag});
        EXPECT(r, 0, r.out.startsWith(u"Usage: feedbackctl"_s) && r.err.isEmpty());
        for (const QString &command : kCommands)
            QVERIFY2(r.out.contains(u"  "_s + command + u' '), qPrintable(command));
    }
    const Run version = run(noPassphrase, {u"--version"_s});
    EXPECT(
        version, 0,
        QRegularExpression(u"^feedbackctl \\d+\\.\\d+\\.\\d+\\n$"_s).match(version.out).hasMatch());
    for (const QString &command : kCommands) {
        const Run r = run(noPassphrase, {command, u"--help"_s});
        EXPECT(r, 0, r.out.startsWith(u"Usage: "_s) && r.err.isEmpty());
    }
    QVERIFY2(!QFileInfo::exists(m_profile), "--help must not create a profile");
}

// A command's usage line should read "Usage: feedbackctl COMMAND ...". CommandParser passes
// "feedbackctl COMMAND" as the program name, but QCommandLineParser::helpText() takes it from
// QCoreApplication::arguments(): "Usage: /path/to/feedbackctl [options]" (init is fine).
void TestFeedbackCtl::commandHelpNamesTheCommand()
{
    for (const QString &command : kCommands) {
        const Run r = run(childEnvironment({}), {command, u"--help"_s});
        const QString usage = r.out.section(u'\n', 0, 0);
        EXPECT(r, 0, usage.startsWith(u"Usage: feedbackctl "_s) && usage.contains(u' ' + command));
    }
}

// Every command's help offers --help-all, but the command then runs as if it were not given.
void TestFeedbackCtl::commandHelpAllIsHonoured()
{
    QVERIFY(initProfile());
    const Run r = ctl(u"submit --help-all"_s);
    EXPECT(r, 0, r.out.contains(u"--rating"_s) && r.err.isEmpty());
}

void TestFeedbackCtl::unknownOrMissingCommand()
{
    const Run unknown = ctl(u"frobnicate"_s);
    EXPECT(unknown, 2,
           unknown.out.isEmpty() && unknown.err.contains(u"unknown command \"frobnicate\""_s));
    const Run none = ctl({});
    EXPECT(none, 2, none.out.isEmpty() && none.err.contains(u"Usage: feedbackctl"_s));
    const Run badOption = ctl(u"--bogus status"_s);
    EXPECT(badOption, 2, badOption.out.isEmpty() && badOption.err.contains(u"bogus"_s));
}

void TestFeedbackCtl::initPrintsDeviceAndRefusesSecondInit()
{
    const Run r = ctl(u"init --name Kiosk"_s);
    const auto device =
        QRegularExpression(u"^device ([0-9a-f]{32})$"_s, QRegularExpression::MultilineOption)
            .match(r.out);
    EXPECT(r, 0, device.hasMatch() && r.out.contains(u"key kept in: passphrase"_s));
    const QStringList files{u"/profile.ini"_s, u"/database.key"_s, u"/feedback.db"_s};
    QList<QByteArray> before;
    for (const QString &f : files)
        before.append(fileBytes(m_profile + f));
    QVERIFY(!before.contains(QByteArray()));

    const Run again = ctl(u"init --name Other"_s);
    EXPECT(again, 1, again.out.isEmpty() && again.err.contains(u"already holds a profile"_s));
    for (qsizetype i = 0; i < files.size(); ++i)
        QVERIFY2(fileBytes(m_profile + files[i]) == before[i], qPrintable(files[i]));
    const QJsonObject s = statusJson();
    QCOMPARE(s[u"device"_s].toString(), device.captured(1));
    QCOMPARE(s[u"name"_s].toString(), u"Kiosk"_s);
}

void TestFeedbackCtl::initWithoutPassphraseCreatesNothing()
{
    const QProcessEnvironment noPassphrase = childEnvironment({});
    const auto namesBoth = [](const Run &r) {
        return r.code != 0 && r.out.isEmpty() && r.err.contains(u"FEEDBACK_PASSPHRASE"_s) &&
               r.err.contains(u"--passphrase-file"_s);
    };
    const Run r = run(noPassphrase, {u"init"_s});
    QVERIFY2(namesBoth(r), r.describe().constData());
    QVERIFY2(!QFileInfo::exists(m_profile), "a refused init must create nothing");
    // An existing passphrase profile opened without one names the same two ways.
    QVERIFY(initProfile());
    const Run open = run(noPassphrase, {u"status"_s});
    QVERIFY2(namesBoth(open), open.describe().constData());
}

// The refusal says "nothing was created", but mkpath's parent directories stay behind.
void TestFeedbackCtl::refusedInitLeavesNoParentDirectories()
{
    m_profile = m_tmp->filePath(u"new/profile"_s);
    const Run r = run(childEnvironment({}), {u"init"_s});
    EXPECT(r, 1, r.err.contains(u"nothing was created"_s) && !QFileInfo::exists(m_profile));
    QVERIFY2(!QFileInfo::exists(m_tmp->filePath(u"new"_s)), "the parent directory was left");
}

void TestFeedbackCtl::passphraseFileAndWrongPassphrase()
{
    const QString file = m_tmp->filePath(u"passphrase.txt"_s);
    QVERIFY(writeFile(file, "file secret\n"));
    const QProcessEnvironment noPassphrase = childEnvironment({});
    const QStringList withFile{u"--passphrase-file"_s, file};
    EXPECT(run(noPassphrase, withFile + QStringList{u"init"_s}), 0, true);
    EXPECT(run(noPassphrase, withFile + QStringList{u"status"_s}), 0, true);
    // The line break ending the file is not part of the passphrase.
    EXPECT(run(childEnvironment(u"file secret"_s), {u"status"_s}), 0, true);

    const Run wrong = run(childEnvironment(u"not the passphrase"_s), {u"list"_s});
    EXPECT(wrong, 1, wrong.out.isEmpty() && wrong.err.contains(u"Wrong passphrase"_s));
    const QString empty = m_tmp->filePath(u"empty.txt"_s);
    QVERIFY(writeFile(empty, "\n"));
    for (const QString &bad : {empty, m_tmp->filePath(u"missing.txt"_s)}) {
        const Run r = run(noPassphrase, {u"--passphrase-file"_s, bad, u"status"_s});
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(bad));
    }
}

void TestFeedbackCtl::submitPrintsOnlyTheId()
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

void TestFeedbackCtl::submitRejectsInvalidInputAndWritesNothing()
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
void TestFeedbackCtl::ratingMessageNamesTheGivenValue()
{
    QVERIFY(initProfile());
    const Run r = ctl(u"submit --order O-1 --courier 7 --rating 1000"_s);
    EXPECT(r, 2, r.err.contains(u"(got \"1000\")"_s));
}

void TestFeedbackCtl::listFormatsAndCsvQuoting()
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
        QVERIFY(row.size() == 19 && (row[0] == a || row[0] == b));
        QCOMPARE(row[4], row[0] == a ? tricky : u'\'' + formula); // formula injection defused
    }
    const Run table = ctl(u"list --format table"_s);
    EXPECT(table, 0,
           table.out.startsWith(u"ID"_s) && table.out.contains(a) && table.out.contains(b) &&
               table.out.count(u'\n') == 3);
    EXPECT(ctl(u"list"_s), 0, true);
    EXPECT(ctl(u"list --format xml"_s), 2, true);
}

void TestFeedbackCtl::show()
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

void TestFeedbackCtl::editEachOption()
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

void TestFeedbackCtl::editRejectsBadInput()
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

void TestFeedbackCtl::status()
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

void TestFeedbackCtl::importLegacy()
{
    QVERIFY(initProfile());
    const QString file = m_tmp->filePath(u"queue.json"_s);
    QVERIFY(writeFile(file, R"([
        {"orderId": "L-1", "courierId": 3, "rating": 5, "comment": "great",
         "reasons": ["fast"], "synced": false},
        {"orderId": "L-2", "courierId": "4", "rating": "2", "synced": true},
        {"orderId": "L-3", "courierId": 3, "rating": 9},
        {"courierId": 3, "rating": 4},
        "not an object",
        {"orderId": "L-6", "courierId": 3, "rating": 4, "reasons": ["teleported"]}])"));
    const auto import = [this](const QString &path, int imported, int already) {
        const Run r = ctl(u"import-legacy"_s, {path});
        const bool ok = r.code == 0 && r.out.contains(u"\nalready imported: %1\n"_s.arg(already)) &&
                        r.out.startsWith(u"imported: %1\n"_s.arg(imported));
        if (!ok)
            qWarning("%s", r.describe().constData());
        return ok ? r.out : QString();
    };
    const QString first = import(file, 2, 0);
    QVERIFY(first.contains(u"skipped (invalid): 4\n"_s));
    for (const char *line :
         {"\n  item 3: rating", "\n  item 4: orderId", "\n  item 5: not an", "\n  item 6: reasons"})
        QVERIFY2(first.contains(QLatin1String(line)), qPrintable(first));
    QVERIFY(!first.contains(u"item 1:"_s) && !first.contains(u"item 2:"_s));
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
    QVERIFY(import(file, 0, 2).contains(u"skipped (invalid): 4\n"_s));
    // The same items with `synced` flipped (and the keys in another order) are the same items.
    const QString flipped = m_tmp->filePath(u"flipped.json"_s);
    QVERIFY(writeFile(flipped, R"([
        {"synced": true, "reasons": ["fast"], "comment": "great", "rating": 5,
         "courierId": 3, "orderId": "L-1"},
        {"orderId": "L-2", "courierId": "4", "rating": "2", "synced": false}])"));
    QVERIFY(!import(flipped, 0, 2).isEmpty());
    const QJsonArray records = json(u"list --format json"_s).array();
    QCOMPARE(records.size(), 2);
    for (const QJsonValue &v : records)
        QVERIFY(v[u"orderId"_s] != u"L-2"_s || (v[u"courierId"_s] == 4 && v[u"rating"_s] == 2));

    const QString bad = m_tmp->filePath(u"bad.json"_s);
    for (const char *bytes : {"{not json", R"({"orderId": "x"})"}) {
        QVERIFY(writeFile(bad, bytes));
        const Run r = ctl(u"import-legacy"_s, {bad});
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(bad));
    }
    EXPECT(ctl(u"import-legacy"_s), 2, true);
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
}

void TestFeedbackCtl::exportToFile()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit({u"--comment"_s, u"a,b"_s}).isEmpty());
    const QString csv = m_tmp->filePath(u"out.csv"_s);
    const QString js = m_tmp->filePath(u"out.json"_s);
    for (const QString &path : {csv, js}) {
        const Run r = ctl(u"export --output"_s, {path, u"--format"_s, QFileInfo(path).suffix()});
        EXPECT(r, 0, r.out.isEmpty() && r.err.contains(u"exported 2 records"_s));
    }
    QCOMPARE(parseCsv(QString::fromUtf8(fileBytes(csv))).size(), 3);
    QCOMPARE(QJsonDocument::fromJson(fileBytes(js)).array().size(), 2);
    QCOMPARE(json(u"export --format json"_s).array().size(), 2);
    const QString other = m_tmp->filePath(u"none.csv"_s);
    const Run r = ctl(u"export --output"_s, {other});
    EXPECT(r, 2, r.out.isEmpty() && r.err.contains(u"--format"_s) && !QFile::exists(other));
}

void TestFeedbackCtl::doctorHealthyThenTamperedRecord()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    const Run healthy = ctl(u"doctor"_s);
    EXPECT(healthy, 0,
           healthy.out.contains(u"\ndoctor: no problems found\n"_s) &&
               healthy.out.contains(u"integrity: ok"_s) && !healthy.out.contains(u"PROBLEM"_s));
    {
        feedback::test::RawSqlite db(m_profile + u"/feedback.db"_s);
        const QVariantList row = db.rows(u"SELECT id, state FROM records LIMIT 1"_s).value(0);
        QVERIFY2(row.size() == 2, db.describe().constData());
        const QByteArray key = row[0].toByteArray();
        QByteArray state = row[1].toByteArray();
        state[state.size() / 2] = static_cast<char>(state[state.size() / 2] ^ 0x01);
        QVERIFY2(db.exec(u"UPDATE records SET state = ? WHERE id = ?"_s, {state, key}) &&
                     db.changes() == 1,
                 db.describe().constData());
    }
    const Run r = ctl(u"doctor"_s);
    QVERIFY2(r.code != 0 && r.out.contains(u"PROBLEM: record "_s) &&
                 r.out.contains(u"doctor: problems found"_s),
             r.describe().constData());
}

void TestFeedbackCtl::doctorFindsDamagedFile()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    QFile db(m_profile + u"/feedback.db"_s);
    QVERIFY(db.open(QIODevice::ReadWrite) && db.size() >= 4 * 4096);
    const qint64 size = db.size();
    QVERIFY(db.seek(size / 4) && db.write(QByteArray(size / 2, '\xA5')) == size / 2);
    db.close();
    const Run r = ctl(u"doctor"_s);
    QVERIFY2(r.code != 0 && r.out.contains(u"PROBLEM: "_s), r.describe().constData());
}

void TestFeedbackCtl::purgeKeepsUnsyncedRecords()
{
    QVERIFY(initProfile());
    QVERIFY(!submit().isEmpty() && !submit().isEmpty());
    for (const QString &days : {u"30"_s, u"0"_s}) { // 0: unsynced records are never dropped
        const Run r = ctl(u"purge --days "_s + days);
        EXPECT(r, 0, r.out == u"dropped: 0\n"_s);
    }
    QCOMPARE(statusJson()[u"records"_s].toInt(), 2);
    for (const QString &bad : {u"purge --days -1"_s, u"purge --days x"_s, u"purge"_s})
        EXPECT(ctl(bad), 2, true);
}

QTEST_GUILESS_MAIN(TestFeedbackCtl)
#include "tst_feedbackctl.moc"
