#include "StoreLog.h"

namespace feedback::store {
Q_LOGGING_CATEGORY(lcStore, "feedback.store", QtWarningMsg)
}
