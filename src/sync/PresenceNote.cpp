#include "PresenceNote.h"

#include "WorkspaceKeys.h"

#include <QCborArray>
#include <QCborValue>

#include <common/CborInput.h>
#include <core/Validation.h>

namespace feedback::sync {

namespace {

QByteArray associatedData(const WorkspaceKeys &keys, const QByteArray &device)
{
    return QByteArrayLiteral("CFP1") + keys.workspaceId() + device;
}

} // namespace

QByteArray PresenceNote::seal(const WorkspaceKeys &keys, const QByteArray &device) const
{
    if (!keys.canRead())
        return {};
    // [name, record ("" for none), editing, sent at]
    const QCborArray plain{textrules::name(name) ? name : QString(),
                           record ? recordIdToString(*record) : QString(), editing, sentAtMs};
    return keys.sealPart(QCborValue(plain).toCbor(), associatedData(keys, device));
}

QByteArray PresenceNote::sealToSend(const WorkspaceKeys &keys, const QByteArray &device) const
{
    const QByteArray sealed = seal(keys, device);
    if (sealed.size() <= protocol::limits::kMaxPresenceBytes)
        return sealed;
    PresenceNote nameless = *this;
    nameless.name.clear();
    return nameless.seal(keys, device);
}

std::optional<PresenceNote> PresenceNote::open(const WorkspaceKeys &keys, const QByteArray &from,
                                               const QByteArray &sealed)
{
    const auto plain = keys.openPart(sealed, associatedData(keys, from));
    if (!plain)
        return std::nullopt;
    const QCborValue root = exactCbor(*plain);
    if (!root.isArray())
        return std::nullopt;
    const QCborArray items = root.toArray();
    if (items.size() != 4 || !items.at(0).isString() || !items.at(1).isString() ||
        !items.at(2).isBool() || !items.at(3).isInteger())
        return std::nullopt;
    PresenceNote note;
    note.name = items.at(0).toString();
    if (!textrules::name(note.name))
        note.name.clear();
    if (const QString record = items.at(1).toString(); !record.isEmpty()) {
        note.record = recordIdFromString(record);
        if (!note.record)
            return std::nullopt;
    }
    note.editing = items.at(2).toBool();
    note.sentAtMs = items.at(3).toInteger();
    return note;
}

} // namespace feedback::sync
