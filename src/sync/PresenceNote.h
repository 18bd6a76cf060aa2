// What a full device tells the others about its dispatcher right now (protocol 7, PROTOCOL.md
// "Presence"): their name, the record open in the detail pane (none: on no record, or gone), and
// whether they are typing into it. Sealed with the workspace's key and bound to the sending
// device's id, so that the relay, which forwards it under the id it authenticated, can neither
// read it nor pass one device's note off as another's.
#pragma once

#include <QByteArray>
#include <QString>

#include <core/FeedbackTypes.h>
#include <optional>

namespace feedback::sync {

class WorkspaceKeys;

struct PresenceNote
{
    QString name;                   // empty when the sender's name is not a valid one
    std::optional<RecordId> record; // none: on no record
    bool editing = false;
    qint64 sentAtMs = 0; // the sender's wall clock
    bool operator==(const PresenceNote &) const = default;

    // The sealed bytes; empty on a kiosk, which holds no key to seal them with.
    QByteArray seal(const WorkspaceKeys &keys, const QByteArray &device) const;
    // As seal(), within protocol::limits::kMaxPresenceBytes: a name too long in a script of many
    // bytes per character is left out rather than the note.
    QByteArray sealToSend(const WorkspaceKeys &keys, const QByteArray &device) const;
    // A note from `from`, or none when it does not open with the workspace's keys for that
    // device or does not decode.
    static std::optional<PresenceNote> open(const WorkspaceKeys &keys, const QByteArray &from,
                                            const QByteArray &sealed);
};

} // namespace feedback::sync
