// AppSession's read side for the views: records by id as people see them, the names of devices
// and the capture form's rules. Views go through these, never through the store's book, so
// that they do not depend on the CRDT types behind the records.
#include "AppSession.h"

#include <core/RecordReader.h>
#include <sync/Enrolment.h>

namespace feedback::app {

bool AppSession::hasRecord(const RecordId &id) const
{
    return m_store->book().state().find(id) != nullptr;
}

std::optional<FeedbackRecordView> AppSession::record(const RecordId &id) const
{
    const FeedbackRecordState *state = m_store->book().state().find(id);
    if (!state)
        return std::nullopt;
    return RecordReader::read(id, *state);
}

QList<RecordChange> AppSession::history(const RecordId &id) const
{
    return m_store->book().history(id);
}

void AppSession::forEachRecordId(const std::function<void(const RecordId &)> &visit) const
{
    for (const auto &entry : m_store->book().state().entries())
        visit(entry.first);
}

qsizetype AppSession::recordCount() const
{
    return static_cast<qsizetype>(m_store->book().state().size());
}

QString AppSession::deviceLabel(const ReplicaId &device, DeviceLabel form) const
{
    const bool column = form == DeviceLabel::Column;
    if (isThisDevice(device)) {
        const QString name = deviceName();
        if (name.isEmpty())
            return column ? tr("This device") : tr("this device");
        return column ? name : tr("%1 (this device)").arg(name);
    }
    const QString shortId = replicaIdToString(device).left(8);
    return column ? tr("Device %1").arg(shortId) : tr("device %1").arg(shortId);
}

QStringList AppSession::reasonTags() const
{
    return m_store->book().validator().catalog().tags();
}

QList<FieldError> AppSession::validate(const NewFeedback &input) const
{
    return m_store->book().validator().validate(input);
}

std::optional<QString> AppSession::inviteCode() const
{
    return sync::inviteCodeOf(*m_store, relayUrl());
}

bool AppSession::isKioskDevice() const
{
    const auto keys = sync::workspaceKeysOf(*m_store);
    return keys && !keys->canRead();
}

} // namespace feedback::app
