// feedbackctl and the customer's request to be contacted, as real processes (env FEEDBACKCTL,
// FEEDBACK_RELAY) on temporary profiles: `submit --contact-me [--contact VALUE]` stores the
// request and the normalised details and raises the dispatcher's flag; invalid values exit 2
// and store nothing; `show`, `list --format json` and `export` carry the fields; `edit
// --erase-contact` removes the details (exit 2 when there are none); `erase ID [--field
// comment|all]` erases the comment, and with all the order number and details, for good. The
// details travel sealed: neither a profile's files nor the relay's data nor any message holds them
// in plain text.
#include <QDirIterator>
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

using namespace Qt::StringLiterals;
using feedback::test::FeedbackCtlRun;
using feedback::test::FeedbackCtlRunner;
using feedback::test::RelayProcess;

namespace {

const QRegularExpression kRecordId(u"^[0-9a-f]{32}-\\d+$"_s);
const QString kPhone = u"+49 30 5550199"_s;
const QString kPhoneStored = u"tel:+49305550199"_s;
const QString kEmail = u"Kim.Canary-7Q@Example.ORG"_s;
const QString kEmailStored = u"mailto:Kim.Canary-7Q@example.org"_s;

// What must never appear in plain text: the details as typed and as stored, UTF-8 and UTF-16LE.
QList<QByteArray> needles()
{
    QList<QByteArray> out;
    for (const QString &n : {u"49305550199"_s, u"5550199"_s, u"Kim.Canary-7Q"_s})
        out << n.toUtf8() << QByteArray(reinterpret_cast<const char *>(n.utf16()), n.size() * 2);
    return out;
}

// "file holds needle" for every needle found in a file under `dir`.
QStringList plaintextIn(const QString &dir)
{
    QStringList found;
    QDirIterator it(dir, QDir::Files | QDir::Hidden, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        QFile f(it.next());
        if (!f.open(QIODevice::ReadOnly))
            continue;
        const QByteArray bytes = f.readAll();
        for (const QByteArray &needle : needles())
            if (bytes.contains(needle))
                found.append(f.fileName() + u" holds "_s + QString::fromLatin1(needle.toHex()));
    }
    return found;
}

} // namespace

#define EXPECT(r, exitCode, cond)                                                                  \
    do {                                                                                           \
        const FeedbackCtlRun &run_ = (r);                                                          \
        QVERIFY2(run_.code == (exitCode) && (cond), run_.describe().constData());                  \
    } while (false)

class TestFeedbackCtlContact : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void init();
    void submitStoresTheRequestAndTheDetails();
    void invalidContactOptionsExit2AndStoreNothing_data();
    void invalidContactOptionsExit2AndStoreNothing();
    void listAndExportCarryTheFields();
    void eraseRemovesTheDetails();
    void eraseCommandErasesPersonalDataForGood();
    void detailsTravelSealedAndAreNeverPrintedElsewhere();

private:
    FeedbackCtlRun ctl(const QStringList &args, const QString &profile = {}) const
    {
        return FeedbackCtlRunner::run(profile.isEmpty() ? m_profile : profile, args);
    }
    QString submit(const QStringList &extra, const QString &profile = {}) const
    {
        const FeedbackCtlRun r = ctl(QStringList{u"submit"_s, u"--order"_s, u"ORD-7"_s,
                                                 u"--courier"_s, u"7"_s, u"--rating"_s, u"5"_s} +
                                         extra,
                                     profile);
        if (!r.ok() || !kRecordId.match(r.lastLine()).hasMatch())
            qWarning("%s", r.describe().constData());
        return r.ok() ? r.lastLine() : QString();
    }
    QJsonObject shown(const QString &id, const QString &profile = {}) const
    {
        const FeedbackCtlRun r = ctl({u"show"_s, id, u"--format"_s, u"json"_s}, profile);
        return QJsonDocument::fromJson(r.out.toUtf8()).object();
    }
    int recordCount() const
    {
        const FeedbackCtlRun r = ctl({u"status"_s, u"--format"_s, u"json"_s});
        return QJsonDocument::fromJson(r.out.toUtf8()).object()[u"records"_s].toInt(-1);
    }

    std::unique_ptr<QTemporaryDir> m_tmp;
    QString m_profile;
};

void TestFeedbackCtlContact::initTestCase()
{
    QVERIFY2(QFile::exists(qEnvironmentVariable("FEEDBACKCTL")), "set FEEDBACKCTL");
}

void TestFeedbackCtlContact::init()
{
    m_tmp = std::make_unique<QTemporaryDir>();
    QVERIFY(m_tmp->isValid());
    m_profile = m_tmp->filePath(u"kiosk"_s);
    const FeedbackCtlRun r = ctl({u"init"_s, u"--name"_s, u"Kiosk"_s});
    QVERIFY2(r.ok(), r.describe().constData());
}

void TestFeedbackCtlContact::submitStoresTheRequestAndTheDetails()
{
    const QString phone = submit({u"--contact-me"_s, u"--contact"_s, kPhone});
    QVERIFY(!phone.isEmpty());
    QJsonObject r = shown(phone);
    QCOMPARE(r[u"contactRequested"_s].toBool(), true);
    QCOMPARE(r[u"contact"_s].toString(), kPhoneStored);
    QCOMPARE(r[u"contactErased"_s].toBool(), false);
    QCOMPARE(r[u"needsFollowUp"_s].toBool(), true); // five stars, but the customer asked
    const QString email = submit({u"--contact-me"_s, u"--contact="_s + kEmail});
    QCOMPARE(shown(email)[u"contact"_s].toString(), kEmailStored);
    // Asked, but gave no details.
    r = shown(submit({u"--contact-me"_s}));
    QCOMPARE(r[u"contactRequested"_s].toBool(), true);
    QCOMPARE(r[u"contact"_s].toString(), QString());
    // Asked, and the kiosk clears the dispatcher's flag itself: the request stays.
    r = shown(submit({u"--contact-me"_s, u"--no-follow-up"_s}));
    QCOMPARE(r[u"contactRequested"_s].toBool(), true);
    QCOMPARE(r[u"needsFollowUp"_s].toBool(), false);
    // Not asked: a low rating raises only the dispatcher's flag.
    const FeedbackCtlRun low =
        ctl({u"submit"_s, u"--order"_s, u"ORD-8"_s, u"--courier"_s, u"7"_s, u"--rating"_s, u"1"_s});
    EXPECT(low, 0, true);
    r = shown(low.lastLine());
    QCOMPARE(r[u"contactRequested"_s].toBool(), false);
    QCOMPARE(r[u"needsFollowUp"_s].toBool(), true);
    // The text form names both fields.
    const FeedbackCtlRun text = ctl({u"show"_s, phone});
    EXPECT(text, 0,
           text.out.contains(u"contactRequested: true"_s) &&
               text.out.contains(u"contact:         "_s + kPhoneStored));
}

void TestFeedbackCtlContact::invalidContactOptionsExit2AndStoreNothing_data()
{
    QTest::addColumn<QStringList>("args");
    QTest::addColumn<QString>("message");
    const QString needs = u"--contact needs --contact-me"_s;
    const QString shape = u"--contact: Contact must be a phone number (6 to 20 digits"_s;
    QTest::newRow("details without the request") << QStringList{u"--contact"_s, kPhone} << needs;
    QTest::newRow("5 digits") << QStringList{u"--contact-me"_s, u"--contact"_s, u"12345"_s}
                              << shape;
    QTest::newRow("21 digits") << QStringList{u"--contact-me"_s, u"--contact"_s, QString(21, u'9')}
                               << shape;
    QTest::newRow("letters") << QStringList{u"--contact-me"_s, u"--contact"_s, u"call me"_s}
                             << shape;
    QTest::newRow("no top-level domain")
        << QStringList{u"--contact-me"_s, u"--contact"_s, u"kim@localhost"_s} << shape;
    QTest::newRow("e-mail of 255 characters")
        << QStringList{u"--contact-me"_s, u"--contact"_s,
                       QString(64, u'k') + u'@' + QString(63, u'a') + u'.' + QString(63, u'b') +
                           u'.' + QString(59, u'c') + u".de"_s}
        << shape;
    QTest::newRow("empty") << QStringList{u"--contact-me"_s, u"--contact"_s, QString()} << shape;
    QTest::newRow("given twice") << QStringList{u"--contact-me"_s, u"--contact"_s, kPhone,
                                                u"--contact"_s, kEmail}
                                 << u"--contact was given 2 times"_s;
    QTest::newRow("escape sequence")
        << QStringList{u"--contact-me"_s, u"--contact"_s, u"kim\x1b]0;x\x07@x.de"_s} << shape;
}

void TestFeedbackCtlContact::invalidContactOptionsExit2AndStoreNothing()
{
    QFETCH(QStringList, args);
    QFETCH(QString, message);
    const FeedbackCtlRun r = ctl(QStringList{u"submit"_s, u"--order"_s, u"ORD-9"_s, u"--courier"_s,
                                             u"7"_s, u"--rating"_s, u"4"_s} +
                                 args);
    EXPECT(r, 2, r.err.contains(message) && r.out.isEmpty() && !r.err.contains(u'\x1b'));
    QCOMPARE(recordCount(), 0);
}

void TestFeedbackCtlContact::listAndExportCarryTheFields()
{
    const QString asked = submit({u"--contact-me"_s, u"--contact"_s, kPhone});
    const QString plain = submit({});
    const FeedbackCtlRun list = ctl({u"list"_s, u"--format"_s, u"json"_s});
    EXPECT(list, 0, true);
    QHash<QString, QJsonObject> byId;
    for (const QJsonValue &v : QJsonDocument::fromJson(list.out.toUtf8()).array())
        byId.insert(v[u"id"_s].toString(), v.toObject());
    QCOMPARE(byId[asked][u"contact"_s].toString(), kPhoneStored);
    QCOMPARE(byId[asked][u"contactRequested"_s].toBool(), true);
    QCOMPARE(byId[plain][u"contactRequested"_s].toBool(), false);
    QCOMPARE(byId[plain][u"contact"_s].toString(), QString());

    const FeedbackCtlRun csv = ctl({u"export"_s, u"--format"_s, u"csv"_s});
    EXPECT(csv, 0, true);
    const QStringList lines = csv.out.split(u"\r\n"_s, Qt::SkipEmptyParts);
    QVERIFY(lines.first().endsWith(u",contactRequested,contact,contactErased,erased"_s));
    const QString askedLine = lines.filter(asked).value(0);
    QVERIFY2(askedLine.endsWith(u",true,"_s + kPhoneStored + u",false,"_s), qPrintable(askedLine));
    QVERIFY(lines.filter(plain).value(0).endsWith(u",false,,false,"_s));
    const FeedbackCtlRun json = ctl({u"export"_s, u"--format"_s, u"json"_s});
    EXPECT(json, 0, json.out.contains(u"\"contact\": \""_s + kPhoneStored + u'"'));
}

void TestFeedbackCtlContact::eraseRemovesTheDetails()
{
    const QString asked = submit({u"--contact-me"_s, u"--contact"_s, kEmail});
    const QString plain = submit({u"--contact-me"_s});
    EXPECT(ctl({u"edit"_s, asked, u"--erase-contact"_s}), 0, true);
    const QJsonObject r = shown(asked);
    QCOMPARE(r[u"contact"_s].toString(), QString());
    QCOMPARE(r[u"contactErased"_s].toBool(), true);
    QCOMPARE(r[u"contactRequested"_s].toBool(), true); // the request stays
    QVERIFY(r[u"conflicts"_s].toObject().isEmpty());
    // Nothing (left) to erase: invalid input, and no mutation.
    const auto sequence = [this] {
        const FeedbackCtlRun s = ctl({u"status"_s, u"--format"_s, u"json"_s});
        return QJsonDocument::fromJson(s.out.toUtf8()).object()[u"sequence"_s].toInt(-1);
    };
    const int before = sequence();
    for (const QString &id : {asked, plain}) {
        const FeedbackCtlRun again = ctl({u"edit"_s, id, u"--erase-contact"_s});
        EXPECT(again, 2, again.err.contains(u"no contact details to erase"_s));
    }
    const QString unknown = asked.section(u'-', 0, 0) + u"-999"_s;
    const FeedbackCtlRun missing = ctl({u"edit"_s, unknown, u"--erase-contact"_s});
    EXPECT(missing, 2, missing.err.contains(u"No record with id"_s));
    QCOMPARE(sequence(), before);
}

void TestFeedbackCtlContact::eraseCommandErasesPersonalDataForGood()
{
    const QString id =
        submit({u"--comment"_s, u"Mrs Weber, flat 3"_s, u"--contact-me"_s, u"--contact"_s, kEmail});
    const QString other = submit({u"--comment"_s, u"Left at the door"_s});
    const FeedbackCtlRun bad = ctl({u"erase"_s, id, u"--field"_s, u"rating"_s});
    EXPECT(bad, 2, bad.err.contains(u"--field must be comment or all"_s));
    EXPECT(ctl({u"erase"_s, other}), 0, true); // the comment only, by default
    QJsonObject r = shown(other);
    QCOMPARE(r[u"comment"_s].toString(), QString());
    QCOMPARE(r[u"orderId"_s].toString(), u"ORD-7"_s);
    QCOMPARE(r[u"erased"_s].toArray(), QJsonArray{u"comment"_s});
    const FeedbackCtlRun again = ctl({u"erase"_s, other});
    EXPECT(again, 2, again.err.contains(u"Already erased"_s));
    const FeedbackCtlRun write = ctl({u"edit"_s, other, u"--comment"_s, u"new"_s});
    EXPECT(write, 2, write.err.contains(u"cannot be written again"_s));

    EXPECT(ctl({u"erase"_s, id, u"--field"_s, u"all"_s}), 0, true);
    r = shown(id);
    QCOMPARE(r[u"erased"_s].toArray(), (QJsonArray{u"comment"_s, u"contact"_s, u"orderId"_s}));
    QCOMPARE(r[u"comment"_s].toString(), QString());
    QCOMPARE(r[u"orderId"_s].toString(), QString());
    QCOMPARE(r[u"contact"_s].toString(), QString());
    QCOMPARE(r[u"rating"_s].toInt(), 5); // what is not personal stays
    const FeedbackCtlRun table = ctl({u"list"_s});
    QVERIFY(table.out.contains(u"(erased)"_s));
    QVERIFY(!table.out.contains(u"Mrs Weber"_s));
}

void TestFeedbackCtlContact::detailsTravelSealedAndAreNeverPrintedElsewhere()
{
    QVERIFY(qEnvironmentVariableIsSet("FEEDBACK_RELAY"));
    RelayProcess relay(m_tmp->filePath(u"relay-data"_s));
    QVERIFY2(relay.start(), relay.describe().constData());
    const QString desk = m_tmp->filePath(u"desk"_s);
    // The kiosk's profile of init() has no relay: a second kiosk joins one that has.
    const QString kiosk = m_tmp->filePath(u"kiosk2"_s);
    EXPECT(ctl({u"init"_s, u"--name"_s, u"Kiosk"_s, u"--relay"_s, relay.url()}, kiosk), 0, true);
    const FeedbackCtlRun invite = ctl({u"invite"_s}, kiosk);
    EXPECT(invite, 0, true);
    EXPECT(ctl({u"join"_s, invite.lastLine(), u"--name"_s, u"Desk"_s}, desk), 0, true);

    QList<FeedbackCtlRun> runs;
    const QString phone = submit({u"--contact-me"_s, u"--contact"_s, kPhone}, kiosk);
    const QString email = submit({u"--contact-me"_s, u"--contact"_s, kEmail}, kiosk);
    QVERIFY(!phone.isEmpty() && !email.isEmpty());
    runs << ctl({u"sync"_s}, kiosk) << ctl({u"sync"_s}, desk);
    for (const FeedbackCtlRun &r : std::as_const(runs))
        EXPECT(r, 0, true);
    // The desk has them, through the relay.
    QCOMPARE(shown(phone, desk)[u"contact"_s].toString(), kPhoneStored);
    QCOMPARE(shown(email, desk)[u"contact"_s].toString(), kEmailStored);
    // The desk erases one; the kiosk learns it.
    runs << ctl({u"edit"_s, email, u"--erase-contact"_s}, desk) << ctl({u"sync"_s}, desk)
         << ctl({u"sync"_s}, kiosk) << ctl({u"status"_s}, kiosk) << ctl({u"doctor"_s}, kiosk);
    QVERIFY(shown(email, kiosk)[u"contactErased"_s].toBool());

    // Only show/list/export print them; every other output and every file holds none.
    for (const FeedbackCtlRun &r : std::as_const(runs))
        for (const QByteArray &needle : needles())
            QVERIFY2(!r.out.toUtf8().contains(needle) && !r.err.toUtf8().contains(needle),
                     r.describe().constData());
    for (const QString &dir : {kiosk, desk, relay.dataDir()}) {
        const QStringList leaks = plaintextIn(dir);
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u'\n')));
    }
    QFile log(relay.logPath());
    QVERIFY(log.open(QIODevice::ReadOnly));
    const QByteArray logged = log.readAll();
    for (const QByteArray &needle : needles())
        QVERIFY(!logged.contains(needle));
}

QTEST_GUILESS_MAIN(TestFeedbackCtlContact)
#include "tst_feedbackctl_contact.moc"
