#include "AppMode.h"

#include <common/EnumNames.h>

namespace feedback::app {

constexpr std::array<const char *, 3> kAppModeNames{"kiosk", "dispatcher", "field"};
static_assert(kAppModeNames.size() == static_cast<std::size_t>(AppMode::Field) + 1);

QString appModeName(AppMode mode)
{
    return enumName(mode, kAppModeNames);
}

std::optional<AppMode> appModeFromName(const QString &name)
{
    return enumFromName<AppMode>(name, kAppModeNames);
}

} // namespace feedback::app
