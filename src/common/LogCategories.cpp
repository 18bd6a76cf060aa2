#include "LogCategories.h"

namespace feedback::store {
Q_LOGGING_CATEGORY(lcStore, "feedback.store", QtWarningMsg)
}
namespace feedback::sync {
Q_LOGGING_CATEGORY(lcSync, "feedback.sync", QtWarningMsg)
Q_LOGGING_CATEGORY(lcPeers, "feedback.peers", QtWarningMsg)
} // namespace feedback::sync
namespace feedback::relay {
Q_LOGGING_CATEGORY(lcRelay, "feedback.relay", QtInfoMsg)
}
namespace feedback::app {
Q_LOGGING_CATEGORY(lcApp, "feedback.app")
}
