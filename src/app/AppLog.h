#pragma once
#include <QLoggingCategory>

namespace feedback::app {
Q_DECLARE_LOGGING_CATEGORY(lcApp) // feedback.app
}
