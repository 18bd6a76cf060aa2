#include "AppMode.h"

namespace feedback::app {

QString appModeName(AppMode mode)
{
    switch (mode) {
    case AppMode::Kiosk:
        return QStringLiteral("kiosk");
    case AppMode::Dispatcher:
        return QStringLiteral("dispatcher");
    case AppMode::Field:
        return QStringLiteral("field");
    }
    return QString();
}

std::optional<AppMode> appModeFromName(const QString &name)
{
    for (AppMode mode : {AppMode::Kiosk, AppMode::Dispatcher, AppMode::Field}) {
        if (name == appModeName(mode))
            return mode;
    }
    return std::nullopt;
}

} // namespace feedback::app
