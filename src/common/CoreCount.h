// How many threads this process should use (QThread::idealThreadCount: the CPUs its affinity
// allows), asked once. Asking on every call cost a system call or, with
// std::thread::hardware_concurrency(), an open, a read and a close of
// /sys/devices/system/cpu/online, and the live path asked up to four times per record: about a
// tenth of a millisecond on a virtual machine.
#pragma once
#include <QThread>

#include <algorithm>
#include <cstddef>

namespace feedback {

inline std::size_t coreCount()
{
    static const std::size_t cores =
        static_cast<std::size_t>(std::max(1, QThread::idealThreadCount()));
    return cores;
}

} // namespace feedback
