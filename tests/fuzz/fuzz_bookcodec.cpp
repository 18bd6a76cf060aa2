// libFuzzer target for BookCodec, the decoder of every delta and state read from the network or
// disk. Any input must be rejected with a message or decode to a value that survives a round
// trip: encoding it and decoding again gives the same value, and encoding is then stable.
// Build with -DFEEDBACK_BUILD_FUZZERS=ON and clang; see tests/fuzz/CMakeLists.txt.
#include "core/BookCodec.h"

#include <QByteArray>

#include <cstdint>
#include <cstdio>
#include <cstdlib>

using namespace feedback;

namespace {

[[noreturn]] void fail(const char *what)
{
    std::fprintf(stderr, "fuzz_bookcodec: %s\n", what);
    std::abort();
}

void checkDelta(const QByteArray &bytes)
{
    const auto delta = BookCodec::decodeDelta(bytes);
    if (!delta) {
        if (delta.error().isEmpty())
            fail("delta rejected without a message");
        return;
    }
    const auto encoded = BookCodec::encodeDelta(*delta);
    if (!encoded)
        fail("decoded delta does not encode");
    const auto again = BookCodec::decodeDelta(*encoded);
    if (!again)
        fail("re-encoded delta does not decode");
    if (!(*again == *delta))
        fail("delta changed in a round trip");
    const auto reencoded = BookCodec::encodeDelta(*again);
    if (!reencoded || *reencoded != *encoded)
        fail("delta encoding is not stable");
}

void checkState(const QByteArray &bytes)
{
    const auto state = BookCodec::decodeState(bytes);
    if (!state) {
        if (state.error().isEmpty())
            fail("state rejected without a message");
        return;
    }
    const QByteArray encoded = BookCodec::encodeState(*state);
    const auto again = BookCodec::decodeState(encoded);
    if (!again)
        fail("re-encoded state does not decode");
    if (!(*again == *state))
        fail("state changed in a round trip");
    if (BookCodec::encodeState(*again) != encoded)
        fail("state encoding is not stable");
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t *data, std::size_t size)
{
    // A copy, not QByteArray::fromRawData: the decoders must not rely on a terminating NUL.
    const QByteArray bytes(reinterpret_cast<const char *>(data), static_cast<qsizetype>(size));
    checkDelta(bytes);
    checkState(bytes);
    return 0;
}
