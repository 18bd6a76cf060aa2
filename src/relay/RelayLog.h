#pragma once

#include <QLoggingCategory>

namespace feedback::relay {
Q_DECLARE_LOGGING_CATEGORY(lcRelay)
}
