#include "Dot.h"

namespace crdt {

namespace {
constexpr char kHexDigits[] = "0123456789abcdef";

int hexValue(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}
} // namespace

std::string ReplicaId::toHex() const
{
    std::string out(32, '0');
    for (int i = 0; i < 16; ++i) {
        const std::uint64_t word = i < 8 ? hi : lo;
        const int shift = 56 - 8 * (i % 8);
        const auto byte = static_cast<unsigned>((word >> shift) & 0xFF);
        out[static_cast<std::size_t>(2 * i)] = kHexDigits[byte >> 4];
        out[static_cast<std::size_t>(2 * i + 1)] = kHexDigits[byte & 0xF];
    }
    return out;
}

bool ReplicaId::fromHex(const std::string &hex, ReplicaId &out)
{
    if (hex.size() != 32)
        return false;
    ReplicaId id;
    for (std::size_t i = 0; i < 32; ++i) {
        const int v = hexValue(hex[i]);
        if (v < 0)
            return false;
        std::uint64_t &word = i < 16 ? id.hi : id.lo;
        word = (word << 4) | static_cast<std::uint64_t>(v);
    }
    out = id;
    return true;
}

} // namespace crdt
