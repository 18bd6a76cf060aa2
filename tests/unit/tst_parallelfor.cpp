// parallelFor and pipelinedFor, which spread sealing and decoding over the cores: every item is
// done exactly once; pipelinedFor consumes in order, each item only once it was produced, and
// consumes nothing after a failure (a row SQLite refused), and returns once its producers stopped.
#include <QObject>
#include <QTest>

#include <atomic>
#include <core/ParallelFor.h>
#include <string>
#include <vector>

using namespace feedback;

class TestParallelFor : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyItemOnce_data()
    {
        QTest::addColumn<int>("count");
        QTest::newRow("none") << 0;
        QTest::newRow("too few to share") << 100;
        QTest::newRow("shared") << 100000;
    }
    void everyItemOnce()
    {
        QFETCH(int, count);
        const auto n = static_cast<std::size_t>(count);
        std::vector<std::atomic<int>> done(n);
        parallelFor(n, 128, [&](std::size_t i) { done[i].fetch_add(1); });
        for (std::size_t i = 0; i < n; ++i)
            QCOMPARE(done[i].load(), 1);
    }

    void pipelinedConsumesInOrderWhatWasProduced_data() { everyItemOnce_data(); }
    void pipelinedConsumesInOrderWhatWasProduced()
    {
        QFETCH(int, count);
        const auto n = static_cast<std::size_t>(count);
        std::vector<std::atomic<int>> produced(n);
        std::vector<std::size_t> consumed;
        bool producedFirst = true;
        const bool ok = pipelinedFor(
            n, 128,
            [&](std::size_t i) {
                // Plain data written by a producer must be visible to the consumer.
                produced[i].fetch_add(1, std::memory_order_relaxed);
            },
            [&](std::size_t i) {
                producedFirst = producedFirst && produced[i].load(std::memory_order_relaxed) == 1;
                consumed.push_back(i);
                return true;
            });
        QVERIFY(ok);
        QVERIFY(producedFirst);
        QCOMPARE(consumed.size(), n);
        for (std::size_t i = 0; i < n; ++i) {
            QCOMPARE(consumed[i], i);
            QCOMPARE(produced[i].load(), 1);
        }
    }

    void pipelinedStopsAtTheFirstFailure()
    {
        const std::size_t n = 100000;
        const std::size_t failAt = 5000;
        std::vector<std::string> sealed(n); // plain data, as the store's sealed rows
        std::vector<std::size_t> consumed;
        const bool ok = pipelinedFor(
            n, 128, [&](std::size_t i) { sealed[i] = std::to_string(i); },
            [&](std::size_t i) {
                if (sealed[i] != std::to_string(i))
                    return false;
                consumed.push_back(i);
                return i != failAt;
            });
        QVERIFY(!ok);
        QCOMPARE(consumed.size(), failAt + 1);
        QCOMPARE(consumed.back(), failAt);
    }
};

QTEST_GUILESS_MAIN(TestParallelFor)
#include "tst_parallelfor.moc"
