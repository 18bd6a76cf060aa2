// Hostile CBOR inputs that try to make a decoder allocate or recurse far beyond their size.
// Shared by tst_bookcodec (each must be rejected) and bench_crdt (how long a rejection takes:
// a time, so a benchmark figure and never a test bound).
#pragma once

#include <QByteArray>

#include <utility>
#include <vector>

namespace feedback::testsupport {

inline std::vector<std::pair<const char *, QByteArray>> cborBombs()
{
    const QByteArray huge("\x9a\x80\x00\x00\x00", 5); // array header: 2^31 items
    return {
        {"array of 2^31 items", huge + QByteArray("\x01\x02\x03", 3)},
        {"array of 2^64-1 items", QByteArray("\x9b\xff\xff\xff\xff\xff\xff\xff\xff\x01", 10)},
        {"map of 2^31 pairs", QByteArray("\xba\x80\x00\x00\x00\x01\x02", 7)},
        {"bytes of 2^31", QByteArray("\x5a\x80\x00\x00\x00\x01\x02", 7)},
        {"replica table of 2^31", QByteArray("\x85\x01\x00", 3) + huge + QByteArray(1, '\x01')},
        {"10,000 nested arrays", QByteArray(10000, '\x81') + QByteArray(1, '\x00')},
        {"10,000 nested open arrays", QByteArray(10000, '\x9f')},
        {"1,000 nested arrays of 2^31", huge.repeated(1000)},
    };
}

} // namespace feedback::testsupport
