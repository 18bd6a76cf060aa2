#include "Workload.h"

#include <core/Validation.h>

namespace feedback::testsupport {

namespace {
const char *const kWords[] = {"parcel", "arrived", "driver",    "door",    "quick", "friendly",
                              "waited", "minutes", "box",       "damaged", "call",  "never",
                              "lobby",  "left",    "neighbour", "thanks",  "rain",  "wet",
                              "late",   "again",   "smiled",    "careful", "floor", "ring"};
}

Workload::Workload(quint64 seed)
    : m_rng(seed)
{}

ReplicaId Workload::replicaId()
{
    return ReplicaId{m_rng() | 1, m_rng()};
}

NewFeedback Workload::next()
{
    auto uniform = [this](int lo, int hi) {
        return std::uniform_int_distribution<int>(lo, hi)(m_rng);
    };
    NewFeedback f;
    f.orderId = QStringLiteral("ORD-%1").arg(uniform(0, 999999), 6, 10, QLatin1Char('0'));
    f.courierId = uniform(1, 500);
    f.rating = uniform(1, 5);
    QString comment;
    while (comment.size() < 80) {
        comment += QLatin1String(kWords[uniform(0, std::size(kWords) - 1)]);
        comment += QLatin1Char(' ');
    }
    f.comment = comment.left(80).trimmed();
    const QStringList catalog = ReasonCatalog::defaultTags();
    const int reasons = uniform(0, 3);
    while (f.reasons.size() < reasons) {
        const QString tag = catalog.at(uniform(0, static_cast<int>(catalog.size()) - 1));
        if (!f.reasons.contains(tag))
            f.reasons.append(tag);
    }
    f.publishConsent = uniform(0, 1) == 1;
    f.needsFollowUp = f.rating <= 2;
    return f;
}

} // namespace feedback::testsupport
