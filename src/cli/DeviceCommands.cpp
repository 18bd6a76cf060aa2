// feedbackctl commands about the workspace's devices: devices (the relay's list as this device
// last received it, verified) and revoke (signs a revocation the next sync carries to the relay).
#include "CliContext.h"
#include "CommandParser.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

#include <store/RowSealer.h>
#include <sync/DeviceCredentials.h>
#include <sync/DeviceList.h>
#include <sync/DeviceRevocation.h>
#include <sync/Enrolment.h>

namespace feedback::cli {

namespace {

QJsonValue isoTime(qint64 ms)
{
    if (ms <= 0)
        return QJsonValue::Null;
    return QDateTime::fromMSecsSinceEpoch(ms, Qt::UTC).toString(Qt::ISODate);
}

QJsonObject deviceJson(const sync::DeviceList::Device &d, const QByteArray &self)
{
    return {{QStringLiteral("id"), QString::fromLatin1(d.certificate.device.toHex())},
            {QStringLiteral("name"), d.certificate.name},
            {QStringLiteral("role"), sync::roleName(d.certificate.role)},
            {QStringLiteral("enrolledAt"), isoTime(d.certificate.issuedAtMs)},
            {QStringLiteral("lastSeen"), isoTime(d.lastSeenMs)},
            {QStringLiteral("revoked"), d.revoked},
            {QStringLiteral("thisDevice"), d.certificate.device == self}};
}

void printTable(CliContext &c, const QJsonArray &devices)
{
    const auto row = [&c](const QString &id, const QString &name, const QString &role,
                          const QString &enrolled, const QString &seen, const QString &state) {
        c.out << QStringLiteral("%1  %2  %3  %4  %5  %6")
                     .arg(id, -32)
                     .arg(name, -20)
                     .arg(role, -5)
                     .arg(enrolled, -20)
                     .arg(seen, -20)
                     .arg(state)
                     .trimmed()
              << Qt::endl;
    };
    row(QStringLiteral("ID"), QStringLiteral("NAME"), QStringLiteral("ROLE"),
        QStringLiteral("ENROLLED"), QStringLiteral("LAST SEEN"), QString());
    for (const QJsonValue &v : devices) {
        QStringList state;
        if (v[QStringLiteral("thisDevice")].toBool())
            state << QStringLiteral("this device");
        if (v[QStringLiteral("revoked")].toBool())
            state << QStringLiteral("revoked");
        const QJsonValue seen = v[QStringLiteral("lastSeen")];
        row(v[QStringLiteral("id")].toString(),
            safetext::escapeControls(v[QStringLiteral("name")].toString()), // named by a device
            v[QStringLiteral("role")].toString(), v[QStringLiteral("enrolledAt")].toString(),
            seen.isNull() ? QStringLiteral("never") : seen.toString(), state.join(u", "));
    }
}

} // namespace

int runDevices(CliContext &c)
{
    CommandParser p(QStringLiteral("devices"),
                    QStringLiteral("The workspace's devices as the relay last listed them."));
    p.value(QStringLiteral("format"), QStringLiteral("table or json."), QStringLiteral("F"));
    p.check(QStringLiteral("format"), [](const QString &format) -> std::optional<QString> {
        if (format == QLatin1String("table") || format == QLatin1String("json"))
            return std::nullopt;
        return QStringLiteral("must be table or json.");
    });
    if (!p.parse(c))
        return p.exitCode();
    const auto keys = sync::workspaceKeysOf(*c.store);
    if (!keys)
        return c.fail(keys.error());
    const sync::DeviceList list =
        sync::DeviceList::load(*c.store, keys->workspaceId(), keys->authorities());
    const QByteArray self = store::RowSealer::replicaBytes(c.store->deviceId());
    QJsonArray devices;
    for (const sync::DeviceList::Device &d : list.devices())
        devices.append(deviceJson(d, self));
    if (p.get(QStringLiteral("format")) == QLatin1String("json")) {
        c.out << safetext::escapeJsonControls(
            QJsonDocument(devices).toJson(QJsonDocument::Indented));
        return kOk;
    }
    if (devices.isEmpty()) {
        c.err << "No device list yet: the relay sends it at the next sync." << Qt::endl;
        return kOk;
    }
    printTable(c, devices);
    return kOk;
}

int runRevoke(CliContext &c)
{
    CommandParser p(QStringLiteral("revoke"),
                    QStringLiteral("Remove a device from the workspace: the next sync carries the "
                                   "revocation to the relay, which refuses the device from then "
                                   "on. It cannot be undone."));
    p.positionalHelp(QStringLiteral("DEVICE-ID"),
                     QStringLiteral("The device's id (see feedbackctl devices)."));
    if (!p.parse(c))
        return p.exitCode();
    const QString text = p.positional().first();
    ReplicaId id;
    if (text.size() != 32 || !ReplicaId::fromHex(text.toStdString(), id))
        return c.fail(QStringLiteral("%1 is not a device id (32 hexadecimal digits, see "
                                     "feedbackctl devices).")
                          .arg(safetext::quoted(text)),
                      kInvalidInput);
    const auto keys = sync::workspaceKeysOf(*c.store);
    if (!keys)
        return c.fail(keys.error());
    const QString hex = replicaIdToString(id);
    const auto outcome = sync::revokeDevice(*c.store, *keys, id);
    if (!outcome)
        return c.fail(outcome.error());
    switch (*outcome) {
    case sync::RevokeOutcome::NotFullDevice:
        return c.fail(QStringLiteral("Only a full device can revoke devices."));
    case sync::RevokeOutcome::ThisDevice:
        return c.fail(QStringLiteral("%1 is this device: a device cannot revoke itself. Revoke "
                                     "it from another full device.")
                          .arg(hex),
                      kInvalidInput);
    case sync::RevokeOutcome::NotListed:
        return c.fail(QStringLiteral("No device %1 in this workspace's device list (see "
                                     "feedbackctl devices; a sync brings the relay's list).")
                          .arg(hex),
                      kInvalidInput);
    case sync::RevokeOutcome::AlreadyRevoked:
        c.out << "device " << hex << " is already revoked" << Qt::endl;
        return kOk;
    case sync::RevokeOutcome::AlreadyPending:
        c.out << "device " << hex << " is already being revoked: the next sync sends it"
              << Qt::endl;
        return kOk;
    case sync::RevokeOutcome::Signed:
        break;
    }
    c.out << "device " << hex << " revoked here: the next sync carries it to the relay" << Qt::endl;
    return kOk;
}

} // namespace feedback::cli
