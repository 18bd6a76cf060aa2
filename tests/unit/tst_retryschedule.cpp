// RetrySchedule: the backoff doubles with jitter up to its cap while the relay answers and
// fails; while nobody answers at all it never grows past the short cap, so that a restarted
// relay is found within seconds; a reset starts over. The jitter comes from a seeded generator.
#include <QTest>

#include <sync/RetrySchedule.h>

using feedback::sync::RetrySchedule;

class TestRetrySchedule : public QObject
{
    Q_OBJECT

    QRandomGenerator m_random;

    static bool around(int delay, int backoff)
    {
        return delay >= backoff * 9 / 10 && delay <= backoff * 11 / 10;
    }

private Q_SLOTS:
    void init()
    {
        const quint32 seed = qEnvironmentVariableIsSet("FEEDBACK_TEST_SEED")
                                 ? qEnvironmentVariable("FEEDBACK_TEST_SEED").toUInt()
                                 : QRandomGenerator::global()->generate();
        qInfo("FEEDBACK_TEST_SEED=%u", seed);
        m_random.seed(seed);
    }

    void answeredFailuresBackOffToTheLongCap()
    {
        RetrySchedule schedule(1000, 60000, 4000);
        int backoff = 1000;
        for (int i = 0; i < 10; ++i) {
            const int delay = schedule.next(false, m_random);
            QVERIFY2(
                around(delay, backoff),
                qPrintable(
                    QStringLiteral("retry %1: %2 ms, backoff %3").arg(i).arg(delay).arg(backoff)));
            backoff = std::min(backoff * 2, 60000);
        }
        QCOMPARE(schedule.backoffMs(), 60000);
    }

    void anUnreachableRelayIsTriedAgainWithinTheShortCap()
    {
        // An hour of a relay that is not there: never more than the short cap between tries.
        RetrySchedule schedule(1000, 60000, 4000);
        int backoff = 1000;
        for (int i = 0; i < 1000; ++i) {
            const int delay = schedule.next(true, m_random);
            QVERIFY2(around(delay, std::min(backoff, 4000)),
                     qPrintable(QStringLiteral("retry %1: %2 ms").arg(i).arg(delay)));
            backoff = std::min(backoff * 2, 60000);
        }
    }

    void aRelayThatAnswersAgainGetsTheLongBackoff()
    {
        // Unreachable for a while, then the relay is there and refuses (busy): the backoff grew
        // meanwhile, so a refusing relay is not hammered every few seconds.
        RetrySchedule schedule(1000, 60000, 4000);
        for (int i = 0; i < 8; ++i)
            schedule.next(true, m_random);
        QVERIFY(around(schedule.next(false, m_random), 60000));
    }

    void resetStartsOver()
    {
        RetrySchedule schedule(1000, 60000, 4000);
        for (int i = 0; i < 8; ++i)
            schedule.next(false, m_random);
        schedule.reset();
        QCOMPARE(schedule.backoffMs(), 1000);
        QVERIFY(around(schedule.next(false, m_random), 1000));
    }
};

QTEST_GUILESS_MAIN(TestRetrySchedule)
#include "tst_retryschedule.moc"
