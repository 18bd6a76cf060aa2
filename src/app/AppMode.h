// The three ways the app is used: a public kiosk, a dispatcher desk, a field laptop.
#pragma once
#include <QString>

#include <optional>

namespace feedback::app {

enum class AppMode
{
    Kiosk,
    Dispatcher,
    Field
};

QString appModeName(AppMode mode); // "kiosk", "dispatcher", "field"
std::optional<AppMode> appModeFromName(const QString &name);

} // namespace feedback::app
