// Runs independent work items on up to four threads: decoding rows at open, opening a catch-up
// batch, sealing the records a batch touched. Below `minimumPerThread` items per thread the
// threads cost more than they save, and the work stays on the calling thread.
#pragma once
#include <algorithm>
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

} // namespace feedback
