#include "SyncLog.h"

namespace feedback::sync {
Q_LOGGING_CATEGORY(lcSync, "feedback.sync", QtWarningMsg)
}
