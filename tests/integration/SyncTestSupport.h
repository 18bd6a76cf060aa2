// What the end-to-end sync tests share (tst_sync, tst_syncrelay): a real feedback-relay
// (env FEEDBACK_RELAY) on 127.0.0.1 and feedbackctl (env FEEDBACKCTL) devices, each with its own
// profile in a temporary directory, driven command by command.
#pragma once

#include <QFile>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>
#include <QTemporaryDir>
#include <QTest>

#include <memory>
#include <support/FeedbackCtlRunner.h>
#include <support/RelayProcess.h>
#include <support/TestCall.h>

namespace feedback::test {

using namespace Qt::StringLiterals;

inline const QRegularExpression kRecordId(u"^[0-9a-f]{32}-\\d+$"_s);

inline bool writeFile(const QString &path, const QByteArray &bytes)
{
    QFile f(path);
    return f.open(QIODevice::WriteOnly) && f.write(bytes) == bytes.size();
}

// The old app's queue format (see LegacyQueue): `count` distinct items, orderId PREFIX-N.
inline QByteArray legacyQueue(const QString &prefix, int count)
{
    QJsonArray items;
    for (int i = 1; i <= count; ++i)
        items.append(QJsonObject{{u"orderId"_s, u"%1-%2"_s.arg(prefix).arg(i)},
                                 {u"courierId"_s, i % 977 + 1},
                                 {u"rating"_s, i % 5 + 1},
                                 {u"comment"_s, u"bulk item %1"_s.arg(i)},
                                 {u"synced"_s, false}});
    return QJsonDocument(items).toJson(QJsonDocument::Compact);
}

inline QJsonObject recordById(const QJsonArray &records, const QString &id)
{
    for (const QJsonValue &v : records)
        if (v[u"id"_s].toString() == id)
            return v.toObject();
    return {};
}

// `r` is evaluated once: it may be the run itself.
#define VERIFY_RUN(r)                                                                              \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.ok(), run_.describe().constData());                                          \
    } while (false)

// The relay, the profiles and the feedbackctl commands of a sync test (a base of each test class;
// its slots call checkPrograms, freshDirectory and tearDown).
class SyncFixture
{
protected:
    void checkPrograms() const
    {
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
        QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACK_RELAY")), "set FEEDBACK_RELAY");
    }
    void freshDirectory()
    {
        m_tmp = std::make_unique<QTemporaryDir>();
        QVERIFY(m_tmp->isValid());
    }
    void tearDown()
    {
        if (QTest::currentTestFailed() && m_relay)
            qWarning("%s", m_relay->describe().constData());
        m_relay.reset();
        m_tmp.reset();
    }

    QString profile(const QString &name) const { return m_tmp->filePath(name); }
    FeedbackCtlRun ctl(const QString &name, const QStringList &args,
                       int timeoutMs = 3 * feedback::test::kPatienceMs) const
    {
        return FeedbackCtlRunner::run(profile(name), args, timeoutMs);
    }
    FeedbackCtlRun sync(const QString &name, int timeoutS = 180) const
    {
        return ctl(
            name,
            {u"sync"_s, u"--relay"_s, m_relay->url(), u"--timeout"_s, QString::number(timeoutS)},
            (timeoutS + 30) * 1000);
    }
    void startRelay(const QStringList &extraArgs = {})
    {
        m_relay = std::make_unique<RelayProcess>(m_tmp->filePath(u"relay-data"_s), extraArgs);
        QVERIFY2(m_relay->start(), m_relay->describe().constData());
    }
    // Creates `first` with init and every other name with join (an invite code from `first`).
    void makeWorkspace(const QStringList &names)
    {
        const FeedbackCtlRun init = ctl(
            names.first(), {u"init"_s, u"--name"_s, names.first(), u"--relay"_s, m_relay->url()});
        VERIFY_RUN(init);
        for (const QString &name : names.mid(1))
            CALL(join(name, names.first()));
    }
    void join(const QString &name, const QString &from)
    {
        // The relay of this moment: a restarted one may listen on another port.
        const FeedbackCtlRun invite = ctl(from, {u"invite"_s, u"--relay"_s, m_relay->url()});
        VERIFY_RUN(invite);
        QVERIFY2(invite.lastLine().startsWith(u"cf2-"_s), invite.describe().constData());
        const FeedbackCtlRun joined = ctl(name, {u"join"_s, invite.lastLine(), u"--name"_s, name});
        VERIFY_RUN(joined);
    }
    void submit(const QString &name, const QStringList &args, QString *id = nullptr)
    {
        const FeedbackCtlRun r = ctl(name, QStringList{u"submit"_s} + args);
        VERIFY_RUN(r);
        QVERIFY2(kRecordId.match(r.lastLine()).hasMatch(), r.describe().constData());
        if (id)
            *id = r.lastLine();
    }
    void syncOk(const QString &name, int timeoutS = 180)
    {
        const FeedbackCtlRun r = sync(name, timeoutS);
        QVERIFY2(r.ok() && r.out.contains(u"up to date"_s), r.describe().constData());
    }
    void list(const QString &name, QJsonArray &out)
    {
        const FeedbackCtlRun r = ctl(name, {u"list"_s, u"--format"_s, u"json"_s});
        VERIFY_RUN(r);
        QJsonParseError error;
        const QJsonDocument doc = QJsonDocument::fromJson(r.out.toUtf8(), &error);
        QVERIFY2(doc.isArray(), qPrintable(error.errorString()));
        out = doc.array();
    }
    void status(const QString &name, QJsonObject &out)
    {
        const FeedbackCtlRun r = ctl(name, {u"status"_s, u"--format"_s, u"json"_s});
        VERIFY_RUN(r);
        out = QJsonDocument::fromJson(r.out.toUtf8()).object();
        QVERIFY2(out.contains(u"pending"_s), r.describe().constData());
    }
    void importLegacy(const QString &name, const QString &prefix, int count)
    {
        const QString file = m_tmp->filePath(prefix + u".json"_s);
        QVERIFY(writeFile(file, legacyQueue(prefix, count)));
        const FeedbackCtlRun r = ctl(name, {u"import-legacy"_s, file}, 120000);
        VERIFY_RUN(r);
        QVERIFY2(r.out.startsWith(u"imported: %1\n"_s.arg(count)), r.describe().constData());
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    std::unique_ptr<RelayProcess> m_relay;
};

} // namespace feedback::test
