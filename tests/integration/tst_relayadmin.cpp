// The relay's admin port against a real relay process (env FEEDBACK_RELAY) started with
// --admin-listen: /healthz says whether the storage answers, /metrics parses as Prometheus text
// (a small parser here) and counts what the test did, and nothing of the data ever shows there.
#include <QDir>
#include <QFile>
#include <QRegularExpression>
#include <QTcpSocket>
#include <QTemporaryDir>
#include <QUrl>

#include <support/RelayPeer.h>
#include <support/RelayProcess.h>

using namespace feedback::test;

namespace {

struct HttpAnswer
{
    int status = 0;
    QByteArray body;
};

// One request to the admin port, the answer read until the relay closes.
std::optional<HttpAnswer> http(const QString &adminUrl, const QByteArray &request)
{
    const QUrl url(adminUrl);
    QTcpSocket socket;
    socket.connectToHost(url.host(), static_cast<quint16>(url.port()));
    if (!socket.waitForConnected(kWaitMs))
        return std::nullopt;
    socket.write(request);
    QByteArray answer;
    while (socket.state() == QAbstractSocket::ConnectedState && socket.waitForReadyRead(kWaitMs))
        answer += socket.readAll();
    answer += socket.readAll();
    const qsizetype headEnd = answer.indexOf("\r\n\r\n");
    const QList<QByteArray> status = answer.left(answer.indexOf("\r\n")).split(' ');
    if (headEnd < 0 || status.size() < 2)
        return std::nullopt;
    return HttpAnswer{status[1].toInt(), answer.mid(headEnd + 4)};
}

std::optional<HttpAnswer> get(const QString &adminUrl, const char *path)
{
    return http(adminUrl, QByteArray("GET ") + path + " HTTP/1.1\r\nHost: relay\r\n\r\n");
}

// The Prometheus text format, as far as the relay writes it: "# HELP name text", "# TYPE name
// gauge|counter|histogram", then samples "name{label="value",...} number" of declared families.
// Every sample by its full name with labels; a line that does not parse is an error.
struct Scrape
{
    QHash<QString, double> samples;
    QString error;
};

Scrape parsePrometheus(const QByteArray &text)
{
    static const QRegularExpression kSample(
        uR"(^([a-zA-Z_:][a-zA-Z0-9_:]*)(\{([a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*"(,[a-zA-Z_][a-zA-Z0-9_]*="[^"\\]*")*)\})? (\S+)$)"_s);
    static const QRegularExpression kType(
        uR"(^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) (gauge|counter|histogram|summary|untyped)$)"_s);
    Scrape scrape;
    QSet<QString> families;
    if (!text.endsWith('\n'))
        scrape.error = u"no final newline"_s;
    for (const QByteArray &raw : text.split('\n')) {
        const QString line = QString::fromUtf8(raw);
        if (line.isEmpty() || line.startsWith(u"# HELP "_s))
            continue;
        if (const auto type = kType.match(line); type.hasMatch()) {
            families.insert(type.captured(1));
            continue;
        }
        const auto m = kSample.match(line);
        bool number = false;
        const double value = m.hasMatch() ? m.captured(5).toDouble(&number) : 0;
        const QString name = m.captured(1);
        const QString family = name.section(QRegularExpression(u"_(bucket|sum|count)$"_s), 0, 0);
        if (!m.hasMatch() || !number || (!families.contains(name) && !families.contains(family))) {
            scrape.error = u"does not parse: "_s + line;
            return scrape;
        }
        scrape.samples.insert(name + m.captured(2), value);
    }
    return scrape;
}

} // namespace

class TestRelayAdmin : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void init();
    void cleanup();
    void metricsCountWhatHappened();
    void healthzSaysWhenTheDatabaseIsGone();
    void onlyTwoPathsAndOnlyGet();

private:
    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

void TestRelayAdmin::init()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s),
                                             QStringList{u"--admin-listen"_s, u"127.0.0.1:0"_s});
    QVERIFY2(m_relay->start(), m_relay->describe().constData());
    QVERIFY(m_relay->adminUrl().startsWith(u"http://127.0.0.1:"_s));
}

void TestRelayAdmin::cleanup()
{
    if (QTest::currentTestFailed() && m_relay)
        qWarning("%s", m_relay->describe().constData());
    m_relay.reset();
}

void TestRelayAdmin::metricsCountWhatHappened()
{
    const Identity id = Identity::fresh();
    Peer writer(m_relay->url());
    VERIFY_PEER(writer.authenticate(id), writer);
    const auto ack = writer.push(id.deltas(1, 3));
    VERIFY_PEER(ack && ack->upTo == 3, writer);
    Peer reader(m_relay->url());
    VERIFY_PEER(reader.authenticate(id.sibling()), reader);
    QList<Deltas> frames;
    VERIFY_PEER(reader.pullAll(0, &frames), reader);
    Peer garbage(m_relay->url());
    QVERIFY(garbage.waitOpen());
    garbage.sendRaw("not a frame");
    VERIFY_PEER(garbage.refusedWith(ErrorCode::BadFrame), garbage);
    QVERIFY(garbage.waitClosed());

    const auto answer = get(m_relay->adminUrl(), "/metrics");
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    const Scrape scrape = parsePrometheus(answer->body);
    QVERIFY2(scrape.error.isEmpty(),
             qPrintable(scrape.error + u"\n"_s + QString::fromUtf8(answer->body)));
    const auto &s = scrape.samples;
    QCOMPARE(s.value(u"feedback_relay_pushes_total"_s), 1.0);
    QCOMPARE(s.value(u"feedback_relay_units_received_total"_s), 3.0);
    QCOMPARE(s.value(u"feedback_relay_units_sent_total"_s), 3.0); // the reader's catch-up
    QCOMPARE(s.value(u"feedback_relay_errors_total{code=\"bad-frame\"}"_s), 1.0);
    QCOMPARE(s.value(u"feedback_relay_connections{role=\"full\"}"_s), 2.0);
    QCOMPARE(s.value(u"feedback_relay_authenticated_devices"_s), 2.0);
    QCOMPARE(s.value(u"feedback_relay_workspaces"_s), 1.0);
    QCOMPARE(s.value(u"feedback_relay_workspaces_connected"_s), 1.0);
    QCOMPARE(s.value(u"feedback_relay_commit_seconds_count"_s), 1.0);
    QCOMPARE(s.value(u"feedback_relay_commit_seconds_bucket{le=\"+Inf\"}"_s), 1.0);
    QVERIFY(s.value(u"feedback_relay_sockets"_s) >= 2);
    QVERIFY(s.value(u"feedback_relay_storage_bytes"_s) > 0);
    QVERIFY(s.value(u"feedback_relay_bytes_total{direction=\"in\"}"_s) > 0);
    QVERIFY(s.value(u"feedback_relay_frames_total{direction=\"out\"}"_s) >= 6);
    // Nothing of the data: no workspace or device id, no unit's bytes.
    QVERIFY(!answer->body.contains(id.keys.workspaceId().toHex()));
    QVERIFY(!answer->body.contains(id.device.toHex()));
}

void TestRelayAdmin::healthzSaysWhenTheDatabaseIsGone()
{
    auto answer = get(m_relay->adminUrl(), "/healthz");
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
    QCOMPARE(answer->body, QByteArray("ok\n"));
    if (RelayProcess::onPostgres())
        QSKIP("relay.db's volume: tst_relaycluster stops PostgreSQL under a running relay");
    // The volume goes away under the running relay.
    const QString data = m_relay->dataDir();
    QVERIFY(QDir().rename(data, data + u".moved"_s));
    answer = get(m_relay->adminUrl(), "/healthz");
    QVERIFY(answer);
    QCOMPARE(answer->status, 503);
    QVERIFY2(answer->body.contains("gone") && answer->body.count('\n') == 1,
             answer->body.constData());
    QVERIFY(QDir().rename(data + u".moved"_s, data));
    answer = get(m_relay->adminUrl(), "/healthz");
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
}

void TestRelayAdmin::onlyTwoPathsAndOnlyGet()
{
    const QString admin = m_relay->adminUrl();
    auto answer = get(admin, "/");
    QVERIFY(answer);
    QCOMPARE(answer->status, 404);
    answer = http(admin, "POST /metrics HTTP/1.1\r\nContent-Length: 0\r\n\r\n");
    QVERIFY(answer);
    QCOMPARE(answer->status, 405);
    answer = http(admin, "hello\r\n\r\n");
    QVERIFY(answer);
    QCOMPARE(answer->status, 400);
    answer = http(admin, "GET /metrics HTTP/1.1\r\nX: " + QByteArray(9000, 'a'));
    QVERIFY(answer);
    QCOMPARE(answer->status, 400);
    // The bad requests left the port serving.
    answer = get(admin, "/healthz");
    QVERIFY(answer);
    QCOMPARE(answer->status, 200);
}

QTEST_GUILESS_MAIN(TestRelayAdmin)
#include "tst_relayadmin.moc"
