// Units a hostile or broken member of a workspace could push: sealed with the workspace's own key
// and associated data (as PROTOCOL.md describes them), around bodies no device can read. For the
// quarantine tests; header only, for tests that link feedback_sync.
#pragma once

#include <QtEndian>

#include <store/Sealer.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::testsupport {

// "courier-feedback/delta/1" ‖ workspace ‖ origin ‖ seq, and ‖ count for a group.
inline QByteArray unitAssociatedData(const sync::WorkspaceKeys &keys, const QByteArray &origin,
                                     quint64 seq, quint64 count)
{
    QByteArray ad = QByteArrayLiteral("courier-feedback/delta/1") + keys.workspaceId() + origin;
    const auto append = [&ad](quint64 n) {
        ad.resize(ad.size() + 8);
        qToBigEndian(n, ad.data() + ad.size() - 8);
    };
    append(seq);
    if (count != 1)
        append(count);
    return ad;
}

inline QByteArray sealBody(const sync::WorkspaceKeys &keys, const QByteArray &body,
                           const QByteArray &origin, quint64 seq, quint64 count = 1)
{
    return store::Sealer::seal(keys.deltaKey(), body, unitAssociatedData(keys, origin, seq, count));
}

// Opens with the workspace key, but what it holds is no delta the codec reads.
inline QByteArray undecodableDelta(const sync::WorkspaceKeys &keys, const QByteArray &origin,
                                   quint64 seq)
{
    return keys.seal(QByteArrayLiteral("\xa1\x01\x02 not a delta"), origin, seq);
}

// A group of `count` (format 2) that declares a plausible size around a stream that is not zlib.
inline QByteArray badGroupBody(const sync::WorkspaceKeys &keys, const QByteArray &origin,
                               quint64 seq, quint64 count)
{
    QByteArray body(1, '\x02');
    body.resize(5);
    qToBigEndian(quint32(64), body.data() + 1);
    body += QByteArray(48, '\x5a');
    return sealBody(keys, body, origin, seq, count);
}

// One bit of the tag flipped: does not open (a frame damaged on the way, a relay's bad disk).
inline QByteArray tampered(QByteArray sealed)
{
    sealed[sealed.size() - 1] = static_cast<char>(sealed.back() ^ 1);
    return sealed;
}

} // namespace feedback::testsupport
