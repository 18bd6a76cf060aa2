#include "FeedbackTypes.h"

#include <common/EnumNames.h>

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

constexpr std::array<const char *, 3> kFollowUpStatusNames{"open", "in_progress", "resolved"};
static_assert(kFollowUpStatusNames.size() ==
              static_cast<std::size_t>(FollowUpStatus::Resolved) + 1);

QString followUpStatusName(FollowUpStatus status)
{
    return enumName(status, kFollowUpStatusNames);
}

std::optional<FollowUpStatus> followUpStatusFromName(const QString &name)
{
    return enumFromName<FollowUpStatus>(name, kFollowUpStatusNames);
}

QStringList erasedFieldNames(quint8 mask)
{
    QStringList names;
    if (mask & ErasedField::Comment)
        names.append(QStringLiteral("comment"));
    if (mask & ErasedField::Contact)
        names.append(QStringLiteral("contact"));
    if (mask & ErasedField::OrderId)
        names.append(QStringLiteral("orderId"));
    return names;
}

} // namespace feedback
