#pragma once

#include <QLoggingCategory>

namespace feedback::sync {
Q_DECLARE_LOGGING_CATEGORY(lcSync)
}
