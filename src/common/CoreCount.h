// How many cores this process may use, read once. std::thread::hardware_concurrency() reads
// /sys/devices/system/cpu/online on every call (an open, a read and a close), and the live path
// asked it up to four times per record: about a tenth of a millisecond on a virtual machine.
#pragma once
#include <cstddef>
#include <thread>

namespace feedback {

inline std::size_t coreCount()
{
    static const std::size_t cores = [] {
        const unsigned n = std::thread::hardware_concurrency();
        return n == 0 ? std::size_t{1} : std::size_t{n};
    }();
    return cores;
}

} // namespace feedback
