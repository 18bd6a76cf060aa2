// The seed of a randomised test and how many cases it runs, from the environment:
// FEEDBACK_TEST_SEED=<seed> (decimal, or hex with 0x) replays a run, FEEDBACK_TEST_SEEDS=<n> runs
// n times as many cases. A test prints the seed it used when it fails (or at its start).
#pragma once

#include <QtGlobal>

namespace feedback::test {

// FEEDBACK_TEST_SEED when it is set to a number, else the test's own fixed seed. A value that
// is not a number is said out loud rather than silently read as 0.
inline quint64 testSeed(quint64 fallback)
{
    const QByteArray text = qgetenv("FEEDBACK_TEST_SEED").trimmed();
    if (text.isEmpty())
        return fallback;
    bool ok = false;
    const quint64 seed = text.toULongLong(&ok, 0);
    if (!ok)
        qWarning("FEEDBACK_TEST_SEED=%s is not a number; using the fixed seed %llu",
                 text.constData(), static_cast<unsigned long long>(fallback));
    return ok ? seed : fallback;
}

// FEEDBACK_TEST_SEEDS: a count (at least 1), never a seed.
inline int testSeedCount()
{
    bool ok = false;
    const int count = qEnvironmentVariableIntValue("FEEDBACK_TEST_SEEDS", &ok);
    return ok && count > 1 ? count : 1;
}

} // namespace feedback::test
