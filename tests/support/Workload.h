// The benchmark workload (README.md, "Figures"): feedback records generated from a fixed seed, so
// that figures compare across versions.
#pragma once

#include <core/FeedbackTypes.h>
#include <random>

namespace feedback::testsupport {

class Workload
{
public:
    explicit Workload(quint64 seed = 20261126);

    NewFeedback next();
    ReplicaId replicaId(); // a random 128-bit replica id from the same stream

private:
    std::mt19937_64 m_rng;
};

} // namespace feedback::testsupport
