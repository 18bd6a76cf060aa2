#pragma once

#include <QLoggingCategory>

namespace feedback::store {
Q_DECLARE_LOGGING_CATEGORY(lcStore)
}
