// Runs independent work items on up to four threads: decoding rows at open, opening a catch-up
// batch, sealing the records a batch touched. Below `minimumPerThread` items per thread the
// threads cost more than they save, and the work stays on the calling thread.
#pragma once
#include <algorithm>
#include <atomic>
#include <common/CoreCount.h>
#include <cstddef>
#include <thread>
#include <vector>

namespace feedback {

template <class Fn> void parallelFor(std::size_t count, std::size_t minimumPerThread, Fn &&work)
{
    // One item, or too few to share (a live record): no thread and no question about cores.
    if (count < 2 * std::max<std::size_t>(1, minimumPerThread)) {
        for (std::size_t i = 0; i < count; ++i)
            work(i);
        return;
    }
    const std::size_t cores = std::clamp<std::size_t>(coreCount(), 1, 4);
    const std::size_t workers = std::min(
        cores, std::max<std::size_t>(1, count / std::max<std::size_t>(1, minimumPerThread)));
    auto stride = [&](std::size_t first) {
        for (std::size_t i = first; i < count; i += workers)
            work(i);
    };
    std::vector<std::thread> threads;
    for (std::size_t w = 1; w < workers; ++w)
        threads.emplace_back(stride, w);
    stride(0);
    for (std::thread &t : threads)
        t.join();
}

// Produces items on every core while the calling thread consumes them in order: the records a
// catch-up touched are sealed on all threads while the one SQLite connection writes those sealed
// already (sealing first and then writing left the other cores idle during the writes). The
// calling thread produces too whenever the next item it is to consume is not ready. Stops once
// `consume` returns false; returns whether every item was consumed.
template <class Produce, class Consume>
bool pipelinedFor(std::size_t count, std::size_t minimumPerThread, Produce &&produce,
                  Consume &&consume)
{
    const std::size_t cores = std::clamp<std::size_t>(coreCount(), 1, 4);
    if (cores < 2 || count < 2 * std::max<std::size_t>(1, minimumPerThread)) {
        for (std::size_t i = 0; i < count; ++i) {
            produce(i);
            if (!consume(i))
                return false;
        }
        return true;
    }
    std::vector<std::atomic<bool>> ready(count); // false: C++20 value-initialises atomics
    std::atomic<std::size_t> next{0};
    auto produceOne = [&] {
        const std::size_t i = next.fetch_add(1, std::memory_order_relaxed);
        if (i >= count)
            return false;
        produce(i);
        ready[i].store(true, std::memory_order_release);
        return true;
    };
    std::vector<std::thread> threads;
    // However this frame is left (a failed write, or an exception from the work), the producers
    // stop after the item in their hands and are joined before what they use goes.
    struct Stop
    {
        std::atomic<std::size_t> &next;
        std::size_t count;
        std::vector<std::thread> &threads;
        ~Stop()
        {
            next.store(count, std::memory_order_relaxed);
            for (std::thread &t : threads)
                t.join();
        }
    } stop{next, count, threads};
    for (std::size_t w = 1; w < cores; ++w)
        threads.emplace_back([&] {
            while (produceOne()) {
            }
        });
    for (std::size_t i = 0; i < count; ++i) {
        while (!ready[i].load(std::memory_order_acquire)) {
            if (!produceOne())
                std::this_thread::yield(); // the last items are being produced elsewhere
        }
        if (!consume(i))
            return false;
    }
    return true;
}

} // namespace feedback
