// The logging categories, one per part, in one place: their names are what operators type into
// QT_LOGGING_RULES ("feedback.sync.debug=true"), so they are listed together and never clash.
// Never log secrets or feedback text under any of them.
#pragma once

#include <QLoggingCategory>

namespace feedback::store {
Q_DECLARE_LOGGING_CATEGORY(lcStore) // feedback.store, warnings and up by default
}
namespace feedback::sync {
Q_DECLARE_LOGGING_CATEGORY(lcSync)  // feedback.sync, warnings and up by default
Q_DECLARE_LOGGING_CATEGORY(lcPeers) // feedback.peers: nearby devices, warnings and up by default
} // namespace feedback::sync
namespace feedback::relay {
Q_DECLARE_LOGGING_CATEGORY(lcRelay) // feedback.relay, info and up by default (a server's log)
}
namespace feedback::app {
Q_DECLARE_LOGGING_CATEGORY(lcApp) // feedback.app
}
