// Dots and replica ids: the identity of every mutation in the system.
#pragma once

#include <compare>
#include <cstddef>
#include <cstdint>
#include <functional>
#include <string>

namespace crdt {

// A replica is one device; its id is 128 random bits so that ids never need coordinating.
struct ReplicaId
{
    std::uint64_t hi = 0;
    std::uint64_t lo = 0;

    bool isNull() const { return hi == 0 && lo == 0; }
    std::string toHex() const;
    static bool fromHex(const std::string &hex, ReplicaId &out);

    auto operator<=>(const ReplicaId &) const = default;
    bool operator==(const ReplicaId &) const = default;
};

// One mutation: (replica, counter). Counters start at 1; 0 means "no dot".
struct Dot
{
    ReplicaId replica;
    std::uint64_t counter = 0;

    bool isNull() const { return counter == 0; }

    auto operator<=>(const Dot &) const = default;
    bool operator==(const Dot &) const = default;
};

struct ReplicaIdHash
{
    std::size_t operator()(const ReplicaId &r) const noexcept
    {
        return static_cast<std::size_t>(r.hi ^ (r.lo * 0x9E3779B97F4A7C15ULL));
    }
};

struct DotHash
{
    std::size_t operator()(const Dot &d) const noexcept
    {
        return ReplicaIdHash{}(d.replica) ^
               static_cast<std::size_t>(d.counter * 0xC2B2AE3D27D4EB4FULL);
    }
};

} // namespace crdt
