#pragma once

// How long a test waits for something that must happen. The wait ends as soon as it happens, so
// this figure is only ever reached by a failure; it is generous because CI machines are loaded
// (ASan builds, both cores busy with another build or stress-ng), and a short wait there is a
// wall-clock upper bound in disguise. (Qt's QTRY_* wait twice as long again after a failure to
// report whether more time would have helped: 3 minutes in all, well inside ctest's 600 s.)
// Every test includes this header (feedback_add_test passes
// it with -include), so the QTRY_* defaults below replace Qt's 5 s for all of them.

#include <QtTest/qtestcase.h>

namespace feedback::test {
inline constexpr int kPatienceMs = 60000;
} // namespace feedback::test

#undef QTRY_VERIFY
#define QTRY_VERIFY(expr) QTRY_VERIFY_WITH_TIMEOUT(expr, ::feedback::test::kPatienceMs)
#undef QTRY_VERIFY2
#define QTRY_VERIFY2(expr, messageExpression)                                                      \
    QTRY_VERIFY2_WITH_TIMEOUT(expr, messageExpression, ::feedback::test::kPatienceMs)
#undef QTRY_COMPARE
#define QTRY_COMPARE(expr, expected)                                                               \
    QTRY_COMPARE_WITH_TIMEOUT(expr, expected, ::feedback::test::kPatienceMs)
