// FeedbackAnalytics counts each record on its own local day, whatever the order records come in
// and whatever the time zone does at midnight: it keeps the bounds of the last day it found
// (dayOf), and these cases sweep the instants around both midnights of a day, in time zones
// whose clocks change at midnight included, against FeedbackAnalytics::localDay.
#include <QTest>

#include <core/FeedbackAnalytics.h>
#include <core/HybridLogicalClock.h>
#include <ctime>

using namespace feedback;

namespace {

// The instants from two hours before the day's first midnight to two hours after the next,
// every 7.5 minutes, and the milliseconds on either side of each midnight.
QList<qint64> instantsAround(const QDate &day)
{
    const qint64 start = day.startOfDay().toMSecsSinceEpoch();
    const qint64 end = day.addDays(1).startOfDay().toMSecsSinceEpoch();
    QList<qint64> out{start - 1, start, end - 1, end};
    for (qint64 ms = start - 2 * 3600 * 1000; ms <= end + 2 * 3600 * 1000; ms += 450 * 1000)
        out.append(ms);
    return out;
}

int countedOn(const QDate &day, const QList<qint64> &instants)
{
    FeedbackAnalytics analytics(day, day);
    for (const qint64 ms : instants)
        analytics.add(1, 5, {}, HybridLogicalClock::make(ms, 0), false, -1);
    return analytics.figures().total;
}

} // namespace

class TestAnalyticsDay : public QObject
{
    Q_OBJECT

private:
    QByteArray m_tz;
    bool m_hadTz = false;

private Q_SLOTS:
    void initTestCase()
    {
        m_hadTz = qEnvironmentVariableIsSet("TZ");
        m_tz = qgetenv("TZ");
    }
    void cleanup()
    {
        if (m_hadTz)
            qputenv("TZ", m_tz);
        else
            qunsetenv("TZ");
        tzset();
    }

    void eachRecordCountsOnItsOwnDay_data()
    {
        QTest::addColumn<QByteArray>("zone");
        QTest::addColumn<QDate>("day");
        QTest::newRow("UTC") << QByteArray("UTC") << QDate(2026, 11, 15);
        // Clocks change at 02:00 and 03:00: 23- and 25-hour days.
        QTest::newRow("Berlin, spring") << QByteArray("Europe/Berlin") << QDate(2026, 3, 29);
        QTest::newRow("Berlin, autumn") << QByteArray("Europe/Berlin") << QDate(2026, 10, 25);
        // Midnight skipped: the day starts at 01:00.
        QTest::newRow("Sao Paulo, no midnight")
            << QByteArray("America/Sao_Paulo") << QDate(2018, 11, 4);
        // Clocks go back from 01:00 to 00:00: the next day's midnight comes twice.
        QTest::newRow("Havana, midnight twice")
            << QByteArray("America/Havana") << QDate(2026, 10, 31);
        QTest::newRow("Havana, the day after")
            << QByteArray("America/Havana") << QDate(2026, 11, 1);
    }
    void eachRecordCountsOnItsOwnDay()
    {
        QFETCH(QByteArray, zone);
        QFETCH(QDate, day);
        // Without the zone's data (a root without tzdata) the zone reads as UTC: still a case.
        qputenv("TZ", zone);
        tzset();
        const QList<qint64> instants = instantsAround(day);
        int expected = 0;
        for (const qint64 ms : instants)
            expected += FeedbackAnalytics::localDay(HybridLogicalClock::make(ms, 0)) == day;
        QVERIFY(expected > 0);
        QList<qint64> reversed(instants.rbegin(), instants.rend());
        QList<qint64> alternating;
        for (qsizetype i = 0; i < instants.size(); ++i)
            alternating.append(instants.at(i % 2 ? instants.size() - 1 - i / 2 : i / 2));
        QCOMPARE(countedOn(day, instants), expected);
        QCOMPARE(countedOn(day, reversed), expected);
        QCOMPARE(countedOn(day, alternating), expected);
    }
};

QTEST_GUILESS_MAIN(TestAnalyticsDay)
#include "tst_analyticsday.moc"
