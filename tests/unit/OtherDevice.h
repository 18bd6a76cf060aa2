// Another device of the workspace for the session tests: its replica and book, its key pair and
// the certificate a full device issued for it (with the workspace key of `workspace`).
#pragma once

#include <QDateTime>

#include <core/FeedbackBook.h>
#include <protocol/DeviceCertificate.h>
#include <protocol/DeviceKeys.h>
#include <store/RowSealer.h>
#include <sync/WorkspaceKeys.h>

namespace feedback::test {

struct OtherDevice
{
    FeedbackBook book;
    QByteArray origin;
    protocol::DeviceKeyPair keys;
    QByteArray certificate;

    OtherDevice(const sync::WorkspaceKeys &workspace, ReplicaId id,
                protocol::Role role = protocol::Role::Full)
        : book(id)
        , origin(store::RowSealer::replicaBytes(id))
        , keys(protocol::DeviceKeyPair::generate())
    {
        protocol::DeviceCertificate fields;
        fields.workspace = workspace.workspaceId();
        fields.device = origin;
        fields.publicKey = keys.publicKey;
        fields.role = role;
        fields.name = QStringLiteral("laptop");
        fields.issuedAtMs = QDateTime::currentMSecsSinceEpoch();
        certificate = protocol::DeviceCertificate::issue(workspace.signingKey(), fields);
    }
};

} // namespace feedback::test
