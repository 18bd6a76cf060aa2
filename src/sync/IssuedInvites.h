// The invites this device made that the relay holds (PROTOCOL.md, "Invites"), so that
// `feedbackctl invite --list` and Settings → Devices show them offline and can cancel them. Each
// entry keeps what names the invite to cancel it (its handle, protocol::inviteHandle of the id)
// and what describes it; never the code, its secret or the invite id, since each of them claims
// the invite. A plain value of the (encrypted) store: it holds nothing secret. Expired entries are
// dropped when read; at most kMaxEntries are kept, the oldest made dropped first.
#pragma once

#include <QByteArray>
#include <QList>
#include <QString>

#include <common/Result.h>
#include <protocol/Messages.h>
#include <store/FeedbackStore.h>

namespace feedback::sync {

struct InviteRequest;

class IssuedInvites
{
public:
    static constexpr qsizetype kMaxEntries = 100;

    struct Entry
    {
        QByteArray handle; // 32 bytes
        protocol::Role role = protocol::Role::Full;
        QString kioskName;   // a kiosk invite's name (numbered per use), else empty
        qint64 madeAtMs = 0; // wall clock
        qint64 expiresAtMs = 0;
        quint64 uses = 1;
        quint64 usesLeft = 1; // as the relay last answered
        bool operator==(const Entry &) const = default;
    };

    // What to keep of the invite `offer` made for `request`, the relay holding it with `usesLeft`.
    static Entry entryFor(const InviteRequest &request, const protocol::Invite &offer,
                          quint64 usesLeft, qint64 madeAtMs);

    // The entries that have not expired at `nowMs`, oldest made first. Entries that do not read
    // (a damaged value) are skipped and logged.
    static QList<Entry> pending(const store::FeedbackStore &store, qint64 nowMs);

    // The relay holds `entry`'s invite: added, or replacing the entry of the same handle (removed
    // when the relay says no use is left).
    static Status record(store::FeedbackStore &store, const Entry &entry, qint64 nowMs);

    // The relay answered `invited` for `handle`: the uses it has left, and 0 (cancelled, used up)
    // removes the entry. A handle not kept here changes nothing.
    static Status answered(store::FeedbackStore &store, const QByteArray &handle, quint64 usesLeft,
                           qint64 nowMs);

    // The entries as stored (JSON), and back; what does not decode within bounds is left out.
    static QByteArray encode(const QList<Entry> &entries);
    static QList<Entry> decode(const QByteArray &bytes);
};

} // namespace feedback::sync
