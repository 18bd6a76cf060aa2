#include "SyncProblem.h"

namespace feedback::sync {

QString problemKindName(SyncProblem::Kind kind)
{
    switch (kind) {
    case SyncProblem::Kind::None:
        return QStringLiteral("none");
    case SyncProblem::Kind::Unreachable:
        return QStringLiteral("unreachable");
    case SyncProblem::Kind::Tls:
        return QStringLiteral("tls");
    case SyncProblem::Kind::ConnectionLost:
        return QStringLiteral("connection-lost");
    case SyncProblem::Kind::NotAccepted:
        return QStringLiteral("not-accepted");
    case SyncProblem::Kind::RelayRefused:
        return QStringLiteral("relay-refused");
    case SyncProblem::Kind::UpdateRequired:
        return QStringLiteral("update-required");
    case SyncProblem::Kind::Revoked:
        return QStringLiteral("revoked");
    case SyncProblem::Kind::Other:
        return QStringLiteral("other");
    }
    return QString();
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
