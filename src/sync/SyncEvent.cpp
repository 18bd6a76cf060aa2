#include "SyncEvent.h"

namespace feedback::sync {

QString syncEventName(SyncEvent event)
{
    switch (event) {
    case SyncEvent::Connected:
        return QStringLiteral("connected");
    case SyncEvent::Disconnected:
        return QStringLiteral("disconnected");
    case SyncEvent::Pushed:
        return QStringLiteral("pushed");
    case SyncEvent::Acked:
        return QStringLiteral("acked");
    case SyncEvent::Received:
        return QStringLiteral("received");
    case SyncEvent::Conflict:
        return QStringLiteral("conflict");
    case SyncEvent::CaughtUp:
        return QStringLiteral("caught-up");
    case SyncEvent::Error:
        return QStringLiteral("error");
    case SyncEvent::Identity:
        return QStringLiteral("identity");
    case SyncEvent::Quarantined:
        return QStringLiteral("quarantined");
    case SyncEvent::AskedAgain:
        return QStringLiteral("asked-again");
    case SyncEvent::Recovered:
        return QStringLiteral("recovered");
    case SyncEvent::UpdateRequired:
        return QStringLiteral("update-required");
    }
    return QString();
}

} // namespace feedback::sync
