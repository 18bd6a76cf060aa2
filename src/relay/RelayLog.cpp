#include "RelayLog.h"

namespace feedback::relay {
Q_LOGGING_CATEGORY(lcRelay, "feedback.relay", QtInfoMsg)
}
