#include "IssuedInvites.h"

#include "DeviceCredentials.h"
#include "InviteIssuer.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QRegularExpression>

#include <algorithm>
#include <common/LogCategories.h>
#include <protocol/DeviceCertificate.h>
#include <store/StoredValue.h>

namespace feedback::sync {

namespace {

const store::StoredKey<QByteArray> kIssuedInvites{QStringLiteral("invite/issued")};

// Every entry at its bounds, each character of a name escaped (\uXXXX), and the JSON around it.
constexpr qsizetype kMaxEntryBytes = 64 + 6 * protocol::DeviceCertificate::kMaxNameCharacters + 160;
constexpr qsizetype kMaxBytes = IssuedInvites::kMaxEntries * kMaxEntryBytes + 16;

const QString kHandle = QStringLiteral("handle");
const QString kRole = QStringLiteral("role");
const QString kName = QStringLiteral("name");
const QString kMadeAt = QStringLiteral("madeAt");
const QString kExpiresAt = QStringLiteral("expiresAt");
const QString kUses = QStringLiteral("uses");
const QString kUsesLeft = QStringLiteral("usesLeft");

// A JSON number that is a whole number within [low, high] (JSON numbers are doubles: beyond 2^53
// they are not exact, and no time or count here comes near).
std::optional<qint64> wholeIn(const QJsonValue &value, qint64 low, qint64 high)
{
    if (!value.isDouble())
        return std::nullopt;
    const double d = value.toDouble();
    if (!(d >= double(low) && d <= double(high)) || d != double(static_cast<qint64>(d)))
        return std::nullopt;
    return static_cast<qint64>(d);
}

std::optional<IssuedInvites::Entry> entryOf(const QJsonValue &value)
{
    if (!value.isObject())
        return std::nullopt;
    const QJsonObject o = value.toObject();
    constexpr qint64 kMaxMs = 1LL << 52; // far beyond any date, exact as a double
    const qint64 maxUses = static_cast<qint64>(protocol::limits::kMaxInviteUses);
    const QString hex = o.value(kHandle).toString();
    const QString role = o.value(kRole).toString();
    const QString name = o.value(kName).toString();
    const auto madeAt = wholeIn(o.value(kMadeAt), 0, kMaxMs);
    const auto expiresAt = wholeIn(o.value(kExpiresAt), 1, kMaxMs);
    const auto uses = wholeIn(o.value(kUses), 1, maxUses);
    const auto usesLeft = wholeIn(o.value(kUsesLeft), 1, maxUses);
    static const QRegularExpression kHex(QStringLiteral("^[0-9a-f]{64}$"));
    if (!kHex.match(hex).hasMatch() ||
        (role != roleName(protocol::Role::Full) && role != roleName(protocol::Role::Kiosk)))
        return std::nullopt;
    if (name.size() > protocol::DeviceCertificate::kMaxNameCharacters || !madeAt || !expiresAt ||
        !uses || !usesLeft || *usesLeft > *uses)
        return std::nullopt;
    IssuedInvites::Entry e;
    e.handle = QByteArray::fromHex(hex.toLatin1());
    e.role = role == roleName(protocol::Role::Kiosk) ? protocol::Role::Kiosk : protocol::Role::Full;
    e.kioskName = name;
    e.madeAtMs = *madeAt;
    e.expiresAtMs = *expiresAt;
    e.uses = static_cast<quint64>(*uses);
    e.usesLeft = static_cast<quint64>(*usesLeft);
    return e;
}

bool storable(const IssuedInvites::Entry &e)
{
    return e.handle.size() == 32 && e.uses >= 1 && e.uses <= protocol::limits::kMaxInviteUses &&
           e.usesLeft >= 1 && e.usesLeft <= e.uses && e.expiresAtMs > 0 && e.madeAtMs >= 0 &&
           e.kioskName.size() <= protocol::DeviceCertificate::kMaxNameCharacters;
}

// Unexpired at `nowMs`, oldest made first, at most kMaxEntries (the newest).
QList<IssuedInvites::Entry> kept(QList<IssuedInvites::Entry> entries, qint64 nowMs)
{
    entries.removeIf([nowMs](const IssuedInvites::Entry &e) { return e.expiresAtMs <= nowMs; });
    std::stable_sort(entries.begin(), entries.end(),
                     [](const IssuedInvites::Entry &a, const IssuedInvites::Entry &b) {
                         return a.madeAtMs < b.madeAtMs;
                     });
    if (entries.size() > IssuedInvites::kMaxEntries)
        entries.remove(0, entries.size() - IssuedInvites::kMaxEntries);
    return entries;
}

} // namespace

IssuedInvites::Entry IssuedInvites::entryFor(const InviteRequest &request,
                                             const protocol::Invite &offer, quint64 usesLeft,
                                             qint64 madeAtMs)
{
    Entry e;
    e.handle = protocol::inviteHandle(offer.id);
    e.role = request.role;
    if (request.role == protocol::Role::Kiosk)
        e.kioskName = request.kioskName;
    e.madeAtMs = madeAtMs;
    e.expiresAtMs = static_cast<qint64>(offer.expiresAtMs);
    e.uses = offer.uses;
    e.usesLeft = usesLeft;
    return e;
}

QByteArray IssuedInvites::encode(const QList<Entry> &entries)
{
    QJsonArray list;
    for (const Entry &e : entries)
        list.append(QJsonObject{{kHandle, QString::fromLatin1(e.handle.toHex())},
                                {kRole, roleName(e.role)},
                                {kName, e.kioskName},
                                {kMadeAt, e.madeAtMs},
                                {kExpiresAt, e.expiresAtMs},
                                {kUses, static_cast<qint64>(e.uses)},
                                {kUsesLeft, static_cast<qint64>(e.usesLeft)}});
    return QJsonDocument(list).toJson(QJsonDocument::Compact);
}

QList<IssuedInvites::Entry> IssuedInvites::decode(const QByteArray &bytes)
{
    if (bytes.isEmpty())
        return {};
    if (bytes.size() > kMaxBytes) {
        qCWarning(lcSync) << "the list of invites made here is too large to read; it starts anew";
        return {};
    }
    QJsonParseError error;
    const QJsonDocument doc = QJsonDocument::fromJson(bytes, &error);
    if (error.error != QJsonParseError::NoError || !doc.isArray()) {
        qCWarning(lcSync) << "the list of invites made here does not read; it starts anew";
        return {};
    }
    const QJsonArray list = doc.array();
    QList<Entry> out;
    int skipped = 0;
    for (const QJsonValue &value : list) {
        if (out.size() >= kMaxEntries)
            break;
        if (const auto e = entryOf(value))
            out.append(*e);
        else
            ++skipped;
    }
    if (skipped > 0)
        qCWarning(lcSync) << skipped << "entries of the list of invites made here do not read";
    return out;
}

QList<IssuedInvites::Entry> IssuedInvites::pending(const store::FeedbackStore &store, qint64 nowMs)
{
    return kept(decode(store::stored(store, kIssuedInvites)), nowMs);
}

Status IssuedInvites::record(store::FeedbackStore &store, const Entry &entry, qint64 nowMs)
{
    if (entry.usesLeft == 0) // held, but spent already (an answer to an invite sent again)
        return answered(store, entry.handle, 0, nowMs);
    if (!storable(entry))
        return Status::failure(QStringLiteral("not an invite this device can list"),
                               ErrorKind::BadData);
    QList<Entry> entries = pending(store, nowMs);
    entries.removeIf([&entry](const Entry &e) { return e.handle == entry.handle; });
    entries.append(entry);
    return store::setStored(store, kIssuedInvites, encode(kept(std::move(entries), nowMs)));
}

Status IssuedInvites::answered(store::FeedbackStore &store, const QByteArray &handle,
                               quint64 usesLeft, qint64 nowMs)
{
    QList<Entry> entries = pending(store, nowMs);
    const auto it = std::find_if(entries.begin(), entries.end(),
                                 [&handle](const Entry &e) { return e.handle == handle; });
    if (it == entries.end())
        return Ok{};
    if (usesLeft == 0)
        entries.erase(it);
    else
        it->usesLeft = std::min(usesLeft, it->uses);
    return store::setStored(store, kIssuedInvites, encode(entries));
}

} // namespace feedback::sync
