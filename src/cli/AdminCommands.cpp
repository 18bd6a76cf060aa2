// feedbackctl commands about the device rather than single records: status, import-legacy,
// doctor, purge.
#include "CliContext.h"
#include "CommandParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <core/LegacyQueue.h>
#include <sync/DeviceCredentials.h>
#include <sync/Enrolment.h>
#include <sync/SyncBookkeeping.h>

namespace feedback::cli {

namespace {
constexpr qint64 kMaxRetentionDays = 36500; // a hundred years: anything more is a typo

// As this device's certificate says; a profile of no workspace has none.
QString role(const store::FeedbackStore &store)
{
    const auto keys = sync::workspaceKeysOf(store);
    return keys ? sync::roleName(sync::DeviceCredentials::roleOf(store, *keys)) : QString();
}

// The workspace's id in hex: what its relay's operator admits (`feedback-relay admit`).
QString workspaceId(const store::FeedbackStore &store)
{
    const auto keys = sync::workspaceKeysOf(store);
    return keys ? QString::fromLatin1(keys->workspaceId().toHex()) : QString();
}

// The key epoch this device seals with: 0 until a full device is revoked (PROTOCOL.md).
qint64 keyEpoch(const store::FeedbackStore &store)
{
    const auto keys = sync::workspaceKeysOf(store);
    return keys ? static_cast<qint64>(keys->epoch()) : 0;
}
} // namespace

int runStatus(CliContext &c)
{
    CommandParser p(QStringLiteral("status"), QStringLiteral("This device and its queue."));
    p.value(QStringLiteral("format"), QStringLiteral("text or json."), QStringLiteral("F"));
    if (!p.parse(c))
        return p.exitCode();
    const store::FeedbackStore &s = *c.store;
    QJsonObject status{
        {QStringLiteral("profile"), c.profile.dir()},
        {QStringLiteral("name"), c.profile.get(store::settings::kDeviceName)},
        {QStringLiteral("device"), replicaIdToString(s.deviceId())},
        {QStringLiteral("role"), role(s)},
        {QStringLiteral("workspace"), workspaceId(s)},
        {QStringLiteral("keyEpoch"), keyEpoch(s)},
        {QStringLiteral("keySource"), c.profile.get(store::settings::kKeySource)},
        {QStringLiteral("relayUrl"), c.profile.get(store::settings::kRelayUrl)},
        {QStringLiteral("records"), static_cast<qint64>(s.book().size())},
        {QStringLiteral("pending"), static_cast<qint64>(s.pendingCount())},
        {QStringLiteral("deferred"), static_cast<qint64>(s.book().deferredCount())},
        {QStringLiteral("quarantined"), static_cast<qint64>(s.quarantinedCount())},
        {QStringLiteral("sequence"), static_cast<qint64>(s.book().sequence())},
        {QStringLiteral("lastSync"), sync::bookkeeping::lastSync(s).toString(Qt::ISODate)},
        {QStringLiteral("lastError"), sync::bookkeeping::lastError(s)},
    };
    // Why the device id changed, if it did (a copied, restored or cloned profile).
    const QString note = s.identityNote();
    const QString format = p.get(QStringLiteral("format"), QStringLiteral("text"));
    if (format == QLatin1String("json")) {
        if (!note.isEmpty())
            status.insert(QStringLiteral("note"), note);
        // The further relays tried in turn (init --relay given more than once).
        status.insert(QStringLiteral("fallbackRelays"),
                      QJsonArray::fromStringList(c.profile.get(store::settings::kRelayFallbacks)
                                                     .split(QLatin1Char(' '), Qt::SkipEmptyParts)));
        // When this device last gave a relay a snapshot (empty: never).
        status.insert(QStringLiteral("lastSnapshot"),
                      sync::bookkeeping::lastSnapshotAt(s).toString(Qt::ISODate));
        c.out << safetext::escapeJsonControls(
            QJsonDocument(status).toJson(QJsonDocument::Indented));
        return kOk;
    }
    if (format != QLatin1String("text"))
        return c.fail(QStringLiteral("--format must be text or json."), kInvalidInput);
    // The last error may come from the relay, the paths and names from whoever set them up.
    for (auto it = status.begin(); it != status.end(); ++it)
        c.out << QStringLiteral("%1 %2")
                     .arg(it.key() + QLatin1Char(':'), -11)
                     .arg(it.value().isString() ? safetext::escapeControls(it.value().toString())
                                                : QString::number(it.value().toInteger()))
              << Qt::endl;
    if (!note.isEmpty())
        c.out << "note:       " << safetext::escapeControls(note) << Qt::endl;
    return kOk;
}

int runImportLegacy(CliContext &c)
{
    CommandParser p(QStringLiteral("import-legacy"),
                    QStringLiteral("Import the old app's offline queue (JSON). Importing the same "
                                   "file again adds nothing."));
    p.positionalHelp(QStringLiteral("FILE"), QStringLiteral("The exported queue."));
    if (!p.parse(c))
        return p.exitCode();
    const auto queue = LegacyQueue::readFile(p.positional().first());
    if (!queue)
        return c.fail(queue.error(), kInvalidInput);
    QList<store::ImportItem> items;
    for (const LegacyItem &item : queue->items)
        items.append({item.identity, item.feedback});
    const auto report = c.store->importItems(items);
    if (!report)
        return c.fail(report.error());
    QStringList skipped = queue->skipped;
    for (const auto &[index, why] : report->skipped)
        skipped.append(QStringLiteral("item %1: %2").arg(queue->items.at(index).index).arg(why));
    c.out << "imported: " << report->imported << Qt::endl;
    c.out << "already imported: " << report->duplicates << Qt::endl;
    c.out << "skipped (invalid): " << skipped.size() << Qt::endl;
    for (const QString &line : std::as_const(skipped)) // may quote the file's content
        c.out << "  " << safetext::escapeControls(line) << Qt::endl;
    return kOk;
}

int runDoctor(CliContext &c)
{
    CommandParser p(QStringLiteral("doctor"),
                    QStringLiteral("Check key access, schema, integrity and counts; exits non-zero "
                                   "on any problem."));
    if (!p.parse(c))
        return p.exitCode();
    const store::DoctorReport report = c.store->doctor();
    for (const QString &line : report.lines)
        c.out << safetext::escapeControls(line) << Qt::endl;
    c.out << (report.ok ? "doctor: no problems found" : "doctor: problems found") << Qt::endl;
    return report.ok ? kOk : kFailure;
}

int runPurge(CliContext &c)
{
    CommandParser p(QStringLiteral("purge"),
                    QStringLiteral("Drop acknowledged records older than DAYS from this device "
                                   "(kiosk retention). Unsynced records are never dropped."));
    p.integer(QStringLiteral("days"), QStringLiteral("Keep this many days"), QStringLiteral("DAYS"),
              0, kMaxRetentionDays, CommandParser::Required);
    if (!p.parse(c))
        return p.exitCode();
    const int days = static_cast<int>(p.integerValue(QStringLiteral("days")));
    const auto dropped = c.store->purgeAcknowledged(days, QDateTime::currentMSecsSinceEpoch());
    if (!dropped)
        return c.fail(dropped.error());
    c.out << "dropped: " << *dropped << Qt::endl;
    return kOk;
}

} // namespace feedback::cli
