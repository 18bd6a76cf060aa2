#include "AppLog.h"

namespace feedback::app {
Q_LOGGING_CATEGORY(lcApp, "feedback.app")
}
