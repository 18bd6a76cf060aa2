#include "FeedbackTypes.h"

namespace feedback {

QString replicaIdToString(const ReplicaId &id)
{
    return QString::fromLatin1(id.toHex());
}

QString recordIdToString(const RecordId &id)
{
    return replicaIdToString(id.replica) + QLatin1Char('-') + QString::number(id.counter);
}

std::optional<RecordId> recordIdFromString(const QString &text)
{
    const qsizetype dash = text.indexOf(QLatin1Char('-'));
    if (dash != 32 || text.size() > 32 + 1 + 20)
        return std::nullopt;
    RecordId id;
    if (!ReplicaId::fromHex(text.left(32).toStdString(), id.replica))
        return std::nullopt;
    bool ok = false;
    id.counter = text.mid(33).toULongLong(&ok);
    if (!ok || id.counter == 0)
        return std::nullopt;
    return id;
}

QString followUpStatusName(FollowUpStatus status)
{
    switch (status) {
    case FollowUpStatus::Open:
        return QStringLiteral("open");
    case FollowUpStatus::InProgress:
        return QStringLiteral("in_progress");
    case FollowUpStatus::Resolved:
        return QStringLiteral("resolved");
    }
    return QString();
}

std::optional<FollowUpStatus> followUpStatusFromName(const QString &name)
{
    for (auto s : {FollowUpStatus::Open, FollowUpStatus::InProgress, FollowUpStatus::Resolved})
        if (followUpStatusName(s) == name)
            return s;
    return std::nullopt;
}

} // namespace feedback
