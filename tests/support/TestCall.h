// CALL(helper(...)): runs a helper that uses QVERIFY and returns from the calling test when the
// helper failed (QVERIFY only returns from the helper itself).
#pragma once

#include <QTest>

#define CALL(expr)                                                                                 \
    do {                                                                                           \
        expr;                                                                                      \
        if (QTest::currentTestFailed())                                                            \
            return;                                                                                \
    } while (false)
