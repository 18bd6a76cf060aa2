#include "SyncProblem.h"

#include <common/EnumNames.h>

namespace feedback::sync {

constexpr std::array<const char *, 9> kProblemKindNames{"none",
                                                        "unreachable",
                                                        "tls",
                                                        "connection-lost",
                                                        "not-accepted",
                                                        "relay-refused",
                                                        "update-required",
                                                        "revoked",
                                                        "other"};
static_assert(kProblemKindNames.size() == static_cast<std::size_t>(SyncProblem::Kind::Other) + 1);

QString problemKindName(SyncProblem::Kind kind)
{
    return enumName(kind, kProblemKindNames);
}

std::optional<SyncProblem::Kind> problemKindFromName(const QString &name)
{
    return enumFromName<SyncProblem::Kind>(name, kProblemKindNames);
}

SyncProblem problemOf(CloseCause cause, const QString &reason)
{
    SyncProblem p;
    p.cause = cause;
    p.detail = reason;
    switch (cause) {
    case CloseCause::Refused:
    case CloseCause::HostNotFound:
    case CloseCause::TimedOut:
    case CloseCause::NetworkDown:
        p.kind = SyncProblem::Kind::Unreachable;
        break;
    case CloseCause::Tls:
        p.kind = SyncProblem::Kind::Tls;
        break;
    case CloseCause::ClosedByRelay:
        p.kind = SyncProblem::Kind::ConnectionLost;
        break;
    case CloseCause::ClosedHere:
        p.kind = SyncProblem::Kind::None;
        break;
    case CloseCause::Other:
        p.kind = SyncProblem::Kind::Other;
        break;
    }
    return p;
}

} // namespace feedback::sync
