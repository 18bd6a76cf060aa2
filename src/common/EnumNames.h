// Names of an enum's values for logs, events and machine-readable output, as a table indexed by
// the enum (values 0..N-1 in declaration order), instead of one switch per enum. Each table sits
// beside a static_assert that it has one name per value. A value the enum skips (wire codes that
// count from 1) is a nullptr in the table: it has no name and no name maps to it.
#pragma once

#include <QString>

#include <array>
#include <cstddef>
#include <optional>

namespace feedback {

template <class Enum, std::size_t N>
QString enumName(Enum value, const std::array<const char *, N> &names)
{
    const auto index = static_cast<std::size_t>(value);
    return index < N && names[index] ? QString::fromLatin1(names[index]) : QString();
}

template <class Enum, std::size_t N>
std::optional<Enum> enumFromName(const QString &name, const std::array<const char *, N> &names)
{
    for (std::size_t index = 0; index < N; ++index) {
        if (names[index] && name == QLatin1String(names[index]))
            return static_cast<Enum>(index);
    }
    return std::nullopt;
}

} // namespace feedback
