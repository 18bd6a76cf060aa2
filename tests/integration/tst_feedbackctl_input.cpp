// feedbackctl against hostile input, as real processes (env FEEDBACKCTL) on temporary profiles:
// arguments that are not UTF-8 (passed as raw bytes through sh), extra words and repeated
// options, numbers that are not numbers, relay URLs that are not relay URLs, a legacy queue that
// never ends, and control characters in anything the program prints. Every refusal exits 2,
// says what was wrong and stores nothing.
#include <QDir>
#include <QFile>
#include <QJsonDocument>
#include <QJsonObject>
#include <QProcess>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <atomic>
#include <core/LegacyQueue.h>
#include <csignal>
#include <fcntl.h>
#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <sys/stat.h>
#include <thread>
#include <unistd.h>

using namespace Qt::StringLiterals;
using feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;

namespace {

const QRegularExpression kRecordId(u"^[0-9a-f]{32}-\\d+$"_s);

// Every command and what it needs to get past its required arguments.
const QStringList kCommands = {u"init"_s,   u"join"_s,  u"submit"_s,        u"list"_s,
                               u"show"_s,   u"edit"_s,  u"status"_s,        u"export"_s,
                               u"doctor"_s, u"purge"_s, u"import-legacy"_s, u"invite"_s,
                               u"sync"_s,   u"watch"_s, u"snapshot"_s};

bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// A control character other than a line break: what must never reach a terminal raw.
bool hasRawControl(const QString &text)
{
    for (const QChar ch : text)
        if (ch != u'\n' && (ch.unicode() < 0x20 || (ch.unicode() >= 0x7F && ch.unicode() < 0xA0)))
            return true;
    return false;
}

} // namespace

#define EXPECT(r, exitCode, cond)                                                                  \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.code == (exitCode) && (cond), run_.describe().constData());                  \
    } while (false)

class TestFeedbackCtlInput : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void everyCommandHelpUnknownOptionAndMissingArgument();
    void helpAsAnOptionValueIsAValue();
    void extraWordsAreRefused();
    void repeatedOptionsAreRefused();
    void numbersOutsideTheirRangeAreRefused();
    void invalidRelayUrlsAreInvalidInput();
    void argumentsThatAreNotUtf8AreRefused();
    void filesThatAreNotUtf8AreRefused();
    void importReadsAtMostItsLimitFromAPipe();
    void importAcceptsTheLimitAndRefusesOneByteMore();
    void controlCharactersInMessagesAreEscaped();
    void printableUnicodeIsShownAsIs();

private:
    FeedbackCtlRun ctl(const QStringList &args, int timeoutMs = 60000) const
    {
        return FeedbackCtlRunner::run(m_profile, args, timeoutMs);
    }
    FeedbackCtlRun ctl(const QString &command, const QStringList &extra = {}) const
    {
        return ctl(command.split(u' ', Qt::SkipEmptyParts) + extra);
    }
    FeedbackCtlRun raw(const QList<QByteArray> &args) const;
    bool initProfile() { return ctl(u"init --name Kiosk"_s).ok(); }
    QString submit(const QStringList &extra = {}) const
    {
        const FeedbackCtlRun r = ctl(u"submit --order O-1 --courier 7 --rating 4"_s, extra);
        return r.ok() && kRecordId.match(r.out.trimmed()).hasMatch() ? r.out.trimmed() : QString();
    }
    // Records and sequence: what a refused command must leave as it was.
    QString stored() const
    {
        const QJsonObject s =
            QJsonDocument::fromJson(ctl(u"status --format json"_s).out.toUtf8()).object();
        return u"records %1, sequence %2"_s.arg(s[u"records"_s].toInt(-1))
            .arg(s[u"sequence"_s].toInt(-1));
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
};

void TestFeedbackCtlInput::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
    // The fifo writer learns that feedbackctl stopped reading from EPIPE, not from a signal.
    std::signal(SIGPIPE, SIG_IGN);
}

void TestFeedbackCtlInput::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_profile = m_tmp->filePath(u"profile"_s);
}

// QProcess encodes its arguments as UTF-8, so bytes that are not go through sh: each argument
// is rebuilt from octal escapes by printf.
FeedbackCtlRun TestFeedbackCtlInput::raw(const QList<QByteArray> &args) const
{
    QString script = u"exec \"$FEEDBACKCTL\" --profile \"$0\""_s;
    QStringList shown;
    for (const QByteArray &arg : args) {
        QString octal;
        for (const char ch : arg)
            octal +=
                u"\\%1"_s.arg(static_cast<uint>(static_cast<quint8>(ch)), 3, 8, QLatin1Char('0'));
        script += u" \"$(printf '%1')\""_s.arg(octal);
        shown.append(QString::fromLatin1(arg.toPercentEncoding("-=")));
    }
    QProcess p;
    p.setProcessEnvironment(FeedbackCtlRunner::environment());
    p.start(u"/bin/sh"_s, {u"-c"_s, script, m_profile});
    return FeedbackCtlRunner::finish(p, shown);
}

void TestFeedbackCtlInput::everyCommandHelpUnknownOptionAndMissingArgument()
{
    // No profile exists: --help and usage errors are answered before one would be opened.
    for (const QString &command : kCommands) {
        const FeedbackCtlRun help = ctl({command, u"--help"_s});
        EXPECT(help, 0, help.out.startsWith(u"Usage: feedbackctl"_s) && help.err.isEmpty());
        const FeedbackCtlRun unknown = ctl({command, u"--frobnicate"_s});
        EXPECT(unknown, 2, unknown.out.isEmpty() && unknown.err.contains(u"frobnicate"_s));
    }
    QVERIFY2(!QFileInfo::exists(m_profile), "no profile may be created");
    QVERIFY(initProfile());
    const QString id = submit();
    QVERIFY(!id.isEmpty());
    const QString before = stored();
    const struct
    {
        QString args;
        const char *message;
    } missing[] = {
        {u"submit --courier 7 --rating 4"_s, "--order is required"},
        {u"submit --order O-2 --rating 4"_s, "--courier is required"},
        {u"submit --order O-2 --courier 7"_s, "--rating is required"},
        {u"purge"_s, "--days is required"},
        {u"show"_s, "ID is missing"},
        {u"edit --rating 3"_s, "ID is missing"},
        {u"import-legacy"_s, "FILE is missing"},
        {u"export"_s, "--format"},
        {u"join --name x"_s, "CODE is missing"},
    };
    for (const auto &m : missing) {
        const FeedbackCtlRun r = ctl(m.args);
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(QLatin1String(m.message)));
    }
    QCOMPARE(stored(), before);
}

// The arguments were searched for "--help" before parsing: as a value it made the command run
// without a store, and crash.
void TestFeedbackCtlInput::helpAsAnOptionValueIsAValue()
{
    QVERIFY(initProfile());
    const QString id = submit({u"--comment"_s, u"--help"_s});
    QVERIFY(!id.isEmpty());
    const FeedbackCtlRun shown = ctl({u"show"_s, id, u"--format"_s, u"json"_s});
    QCOMPARE(QJsonDocument::fromJson(shown.out.toUtf8())[u"comment"_s].toString(), u"--help"_s);
}

void TestFeedbackCtlInput::extraWordsAreRefused()
{
    QVERIFY(initProfile());
    const QString id = submit();
    QVERIFY(!id.isEmpty());
    const QString before = stored();
    const QStringList cases[] = {
        {u"submit"_s, u"--order"_s, u"O-2"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"4"_s,
         u"--comment"_s, u"great"_s, u"service"_s},
        {u"edit"_s, id, u"--comment"_s, u"great"_s, u"service"_s},
        {u"edit"_s, id, id, u"--rating"_s, u"2"_s},
        {u"show"_s, id, u"extra"_s},
        {u"list"_s, u"extra"_s},
        {u"status"_s, u"extra"_s},
        {u"export"_s, u"--format"_s, u"csv"_s, u"extra"_s},
        {u"doctor"_s, u"extra"_s},
        {u"purge"_s, u"--days"_s, u"30"_s, u"extra"_s},
        {u"import-legacy"_s, u"a.json"_s, u"b.json"_s},
        {u"invite"_s, u"extra"_s},
        {u"sync"_s, u"extra"_s},
        {u"snapshot"_s, u"extra"_s},
        {u"watch"_s, u"extra"_s},
        {u"init"_s, u"extra"_s},
        {u"join"_s, u"CODE"_s, u"extra"_s},
    };
    for (const QStringList &args : cases) {
        const FeedbackCtlRun r = ctl(args);
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(u"unexpected argument \""_s));
    }
    QCOMPARE(stored(), before);
    QCOMPARE(QJsonDocument::fromJson(
                 ctl({u"show"_s, id, u"--format"_s, u"json"_s}).out.toUtf8())[u"comment"_s]
                 .toString(),
             QString());
}

void TestFeedbackCtlInput::repeatedOptionsAreRefused()
{
    QVERIFY(initProfile());
    const QString id = submit();
    QVERIFY(!id.isEmpty());
    const QString before = stored();
    const QStringList cases[] = {
        {u"submit"_s, u"--order"_s, u"O-2"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"3"_s,
         u"--rating"_s, u"5"_s},
        {u"submit"_s, u"--order"_s, u"O-2"_s, u"--order"_s, u"O-3"_s, u"--courier"_s, u"7"_s,
         u"--rating"_s, u"3"_s},
        {u"edit"_s, id, u"--comment"_s, u"a"_s, u"--comment"_s, u"b"_s},
        {u"edit"_s, id, u"--note"_s, u"a"_s, u"--note"_s, u"b"_s},
        {u"list"_s, u"--format"_s, u"json"_s, u"--format"_s, u"csv"_s},
        {u"purge"_s, u"--days"_s, u"1"_s, u"--days"_s, u"2"_s},
        {u"sync"_s, u"--timeout"_s, u"5"_s, u"--timeout"_s, u"6"_s},
        {u"init"_s, u"--name"_s, u"a"_s, u"--name"_s, u"b"_s},
    };
    for (const QStringList &args : cases) {
        const FeedbackCtlRun r = ctl(args);
        EXPECT(r, 2, r.out.isEmpty() && r.err.contains(u"was given 2 times"_s));
    }
    const FeedbackCtlRun profiles = ctl({u"--profile"_s, m_profile, u"status"_s});
    EXPECT(profiles, 2, profiles.err.contains(u"--profile was given more than once"_s));
    QCOMPARE(stored(), before);
    // A repeatable option stays repeatable.
    QVERIFY(!submit({u"--reason"_s, u"late"_s, u"--reason"_s, u"rude"_s}).isEmpty());
}

void TestFeedbackCtlInput::numbersOutsideTheirRangeAreRefused()
{
    // With a relay that is not there: an accepted timeout would start a sync and fail with 1.
    QVERIFY(ctl(u"init --name Kiosk --relay ws://127.0.0.1:9"_s).ok());
    const QString id = submit();
    QVERIFY(!id.isEmpty());
    const QString before = stored();
    const struct
    {
        QString option;
        QStringList values;
        QString command;
    } cases[] = {
        {u"--timeout"_s,
         {u"nan"_s, u"inf"_s, u"-inf"_s, u"1e12"_s, u"86401"_s, u"0"_s, u"-1"_s, u"abc"_s, u""_s},
         u"sync"_s},
        {u"--days"_s,
         {u"-1"_s, u"36501"_s, u"99999999999999999999"_s, u"1e3"_s, u"nan"_s, u"x"_s},
         u"purge"_s},
        {u"--rating"_s,
         {u"0"_s, u"6"_s, u"3.5"_s, u"1e0"_s, u"nan"_s, u"4294967301"_s},
         u"submit --order O-2 --courier 7"_s},
        {u"--courier"_s,
         {u"0"_s, u"4294967296"_s, u"-7"_s, u"7.0"_s, u"inf"_s},
         u"submit --order O-2 --rating 4"_s},
        {u"--rating"_s, {u"0"_s, u"99999999999"_s, u"nan"_s}, u"edit "_s + id},
    };
    for (const auto &c : cases) {
        for (const QString &value : c.values) {
            const FeedbackCtlRun r = ctl(c.command, {c.option, value});
            EXPECT(r, 2,
                   r.out.isEmpty() && r.err.contains(c.option + u" must be a "_s) &&
                       r.err.contains(u"(got \"%1\")"_s.arg(value)));
        }
    }
    QCOMPARE(stored(), before);
    // The ends of each range are accepted.
    EXPECT(ctl(u"purge --days 36500"_s), 0, true);
    EXPECT(ctl(u"purge --days 0"_s), 0, true);
    QVERIFY(!ctl(u"submit --order O-3 --courier 4294967295 --rating 5"_s).out.isEmpty());
    QVERIFY(!ctl(u"submit --order O-4 --courier 1 --rating 1"_s).out.isEmpty());
    QCOMPARE(
        QJsonDocument::fromJson(ctl(u"status --format json"_s).out.toUtf8())[u"records"_s].toInt(),
        3);
}

void TestFeedbackCtlInput::invalidRelayUrlsAreInvalidInput()
{
    const QStringList bad = {
        u"http://relay.example"_s, u"ws://"_s, u"ws:relay"_s, u"wss://relay example"_s,
        u"ftp://relay.example"_s,  u"relay"_s};
    for (const QString &url : bad) {
        const FeedbackCtlRun r = ctl({u"init"_s, u"--relay"_s, url});
        EXPECT(r, 2, r.err.contains(u"is not a relay URL"_s) && r.err.contains(url));
    }
    QVERIFY2(!QFileInfo::exists(m_profile), "a refused init must create nothing");
    QVERIFY(initProfile());
    for (const QString &url : bad) {
        for (const QString &command : {u"sync"_s, u"watch"_s, u"invite"_s}) {
            const FeedbackCtlRun r = ctl({command, u"--relay"_s, url}, 30000);
            EXPECT(r, 2,
                   r.out.isEmpty() &&
                       r.err.contains(u"--relay \"%1\" is not a relay URL"_s.arg(url)));
        }
    }
    const FeedbackCtlRun none = ctl(u"sync"_s);
    EXPECT(none, 2, none.err.contains(u"No relay URL"_s));
}

void TestFeedbackCtlInput::argumentsThatAreNotUtf8AreRefused()
{
    QVERIFY(initProfile());
    const QString id = submit();
    QVERIFY(!id.isEmpty());
    const QString before = stored();
    const QByteArray valid = "submit --order O-2 --courier 7 --rating 4";
    const struct
    {
        QList<QByteArray> args;
        const char *names;
    } cases[] = {
        {valid.split(' ') + QList<QByteArray>{"--comment", "\xff\xfe"}, "(after --comment)"},
        {QList<QByteArray>{"submit", "--order", "\xff\xfe", "--courier", "7", "--rating", "4"},
         "(after --order)"},
        {QList<QByteArray>{"submit", "--order=O-\xc3", "--courier", "7", "--rating", "4"},
         "the value of --order"},
        {valid.split(' ') + QList<QByteArray>{"--comment", "over\xc0\xaflong"}, "--comment"},
        {valid.split(' ') + QList<QByteArray>{"--comment", "surrogate \xed\xa0\x80"}, "--comment"},
        {valid.split(' ') + QList<QByteArray>{"--comment", "past \xf4\x90\x80\x80"}, "--comment"},
        {QList<QByteArray>{"edit", id.toUtf8(), "--note", "caf\xe9"}, "(after --note)"},
        {QList<QByteArray>{"edit", id.toUtf8(), "--assignee", "\x80"}, "(after --assignee)"},
        {QList<QByteArray>{"show", "\xfe"}, "argument 4"}, // after --profile DIR show
    };
    for (const auto &c : cases) {
        const FeedbackCtlRun r = raw(c.args);
        EXPECT(r, 2,
               r.out.isEmpty() && r.err.contains(u"is not valid UTF-8"_s) &&
                   r.err.contains(QLatin1String(c.names)) && !r.err.contains(QChar(0xFFFD)));
    }
    QCOMPARE(stored(), before);
    // The same path passes good UTF-8 through unchanged.
    const FeedbackCtlRun ok = raw(valid.split(' ') + QList<QByteArray>{"--comment", "Stra\xc3\x9f"
                                                                                    "e"});
    EXPECT(ok, 0, kRecordId.match(ok.out.trimmed()).hasMatch());
    QCOMPARE(
        QJsonDocument::fromJson(
            ctl({u"show"_s, ok.out.trimmed(), u"--format"_s, u"json"_s}).out.toUtf8())[u"comment"_s]
            .toString(),
        u"Straße"_s);
}

void TestFeedbackCtlInput::filesThatAreNotUtf8AreRefused()
{
    // A passphrase the app could never type is not made the key's protection.
    const QString latin1 = m_tmp->filePath(u"passphrase.txt"_s);
    QVERIFY(writeFile(latin1, "geheim \xe4\xf6\xfc\n"));
    const FeedbackCtlRun init = ctl({u"--passphrase-file"_s, latin1, u"init"_s});
    EXPECT(init, 2, init.err.contains(u"--passphrase-file) is not valid UTF-8"_s));
    QVERIFY2(!QFileInfo::exists(m_profile), "a refused init must create nothing");

    QVERIFY(initProfile());
    const QString before = stored();
    const QString queue = m_tmp->filePath(u"queue.json"_s);
    const QByteArray latin1Queue = "[{\"orderId\": \"L-1\", \"courierId\": 3, \"rating\": 5, "
                                   "\"comment\": \"sch\xf6n\"}]";
    QVERIFY(writeFile(queue, latin1Queue));
    const FeedbackCtlRun r = ctl({u"import-legacy"_s, queue});
    EXPECT(r, 2,
           r.out.isEmpty() &&
               r.err.contains(u"Not UTF-8 text (byte %1)"_s.arg(latin1Queue.indexOf('\xf6'))));
    QCOMPARE(stored(), before);
}

// /dev/zero, a pipe or a growing file reports a size that proves nothing: feedbackctl must stop
// reading at the limit. The test feeds a fifo and counts what the process took: everything
// written beyond the limit plus one byte can only be in the pipe's buffer.
void TestFeedbackCtlInput::importReadsAtMostItsLimitFromAPipe()
{
    QVERIFY(initProfile());
    const QString before = stored();
    const QByteArray fifo = QFile::encodeName(m_tmp->filePath(u"queue.fifo"_s));
    QVERIFY(::mkfifo(fifo.constData(), 0600) == 0);
    constexpr qint64 kLimit = feedback::LegacyQueue::kMaxFileBytes;
    constexpr qint64 kOffered = kLimit + 32 * 1024 * 1024;
    std::atomic<qint64> written{0};
    std::atomic<int> capacity{-1};
    std::thread writer([&] {
        const int fd = ::open(fifo.constData(), O_WRONLY); // until feedbackctl opens it
        if (fd < 0)
            return;
        capacity = ::fcntl(fd, F_GETPIPE_SZ);
        const QByteArray chunk(64 * 1024, ' '); // JSON whitespace, as far as it goes
        while (written < kOffered) {
            const ssize_t n =
                ::write(fd, chunk.constData(),
                        static_cast<size_t>(std::min<qint64>(chunk.size(), kOffered - written)));
            if (n <= 0)
                break; // EPIPE: the reader has gone
            written += n;
        }
        ::close(fd);
    });
    const FeedbackCtlRun r = ctl({u"import-legacy"_s, QFile::decodeName(fifo)}, 300000);
    // Had feedbackctl never opened the fifo, the writer would still wait in open().
    if (const int fd = ::open(fifo.constData(), O_RDONLY | O_NONBLOCK); fd >= 0)
        ::close(fd);
    writer.join();
    QVERIFY(capacity > 0);
    QVERIFY2(written <= kLimit + 1 + capacity,
             qPrintable(u"%1 bytes went into the pipe: the limit is %2, the pipe holds %3"_s
                            .arg(written.load())
                            .arg(kLimit)
                            .arg(capacity.load())));
    EXPECT(r, 2, r.out.isEmpty() && r.err.contains(u"holds more than 64 MiB"_s));
    QCOMPARE(stored(), before);
}

void TestFeedbackCtlInput::importAcceptsTheLimitAndRefusesOneByteMore()
{
    QVERIFY(initProfile());
    constexpr qint64 kLimit = feedback::LegacyQueue::kMaxFileBytes;
    const QString file = m_tmp->filePath(u"queue.json"_s);
    const QByteArray item = R"([{"orderId": "L-1", "courierId": 3, "rating": 5}])";
    QVERIFY(writeFile(file, item + QByteArray(kLimit - item.size(), ' ')));
    const FeedbackCtlRun atLimit = ctl({u"import-legacy"_s, file}, 300000);
    EXPECT(atLimit, 0, atLimit.out.startsWith(u"imported: 1\n"_s));
    QVERIFY(writeFile(file, item + QByteArray(kLimit - item.size() + 1, ' ')));
    const FeedbackCtlRun past = ctl({u"import-legacy"_s, file}, 300000);
    EXPECT(past, 2, past.err.contains(u"holds more than 64 MiB"_s));
}

void TestFeedbackCtlInput::controlCharactersInMessagesAreEscaped()
{
    QVERIFY(initProfile());
    const QString before = stored();
    const QString osc = u"\x1b]0;owned\x07"_s;
    const QString csi = u"\x1b[2J\r"_s;
    const struct
    {
        QStringList args;
        QString shown; // how the hostile part must appear
    } cases[] = {
        {{u"show"_s, osc}, u"\"\\x1b]0;owned\\x07\" is not a record id"_s},
        {{u"frob\x1b[31m"_s}, u"unknown command \"frob\\x1b[31m\""_s},
        {{u"list"_s, csi}, u"unexpected argument \"\\x1b[2J\\r\""_s},
        {{u"init"_s, u"--name"_s, u"K\x1b[8m"_s}, u"--name must be printable"_s},
        {{u"list"_s, u"--bogus\x1b[5m"_s}, u"bogus\\x1b[5m"_s},
        {{u"sync"_s, u"--relay"_s,
          u"ws://a\x9b"
          "31m"_s},
         u"ws://a\\x9b31m"_s},
        {{u"purge"_s, u"--days"_s, u"1\x1b"_s}, u"(got \"1\\x1b\")"_s},
    };
    for (const auto &c : cases) {
        const FeedbackCtlRun r = ctl(c.args);
        EXPECT(r, 2, r.err.contains(c.shown) && !hasRawControl(r.err) && !hasRawControl(r.out));
    }
    // A legacy queue's content comes back in the list of skipped items.
    const QString queue = m_tmp->filePath(u"queue.json"_s);
    const QByteArray hostile = "[{\"orderId\": \"L-1\", \"courierId\": 3, \"rating\": 5, "
                               "\"reasons\": [\"\\u001b]8;;http://evil\\u0007x\"]}]";
    QVERIFY(writeFile(queue, hostile));
    const FeedbackCtlRun r = ctl({u"import-legacy"_s, queue});
    EXPECT(r, 0,
           r.out.contains(u"\\x1b]8;;http://evil\\x07x"_s) && !hasRawControl(r.out) &&
               !hasRawControl(r.err));
    QCOMPARE(stored(), before);
}

// The escaping must not touch what people write: accents, other scripts, emoji.
void TestFeedbackCtlInput::printableUnicodeIsShownAsIs()
{
    QVERIFY(initProfile());
    const QString text = u"Straße, niño, 配達 👍🏽 — merci"_s;
    const QString id = submit({u"--comment"_s, text});
    QVERIFY(!id.isEmpty());
    for (const QStringList &args :
         {QStringList{u"list"_s}, QStringList{u"list"_s, u"--format"_s, u"csv"_s},
          QStringList{u"show"_s, id}}) {
        const FeedbackCtlRun r = ctl(args);
        EXPECT(r, 0, r.out.contains(text));
    }
    const FeedbackCtlRun json = ctl({u"show"_s, id, u"--format"_s, u"json"_s});
    QCOMPARE(QJsonDocument::fromJson(json.out.toUtf8())[u"comment"_s].toString(), text);
}

QTEST_GUILESS_MAIN(TestFeedbackCtlInput)
#include "tst_feedbackctl_input.moc"
