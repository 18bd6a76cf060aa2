// The relay's side of key epochs (protocol 5; PROTOCOL.md, "Key epochs"): the checks of a
// `rotate` (RelayAdmission) and what the connection does with it: every connection of the
// workspace gets the chain with its own envelope, the devices shut out are closed. The relay
// cannot open an envelope; it only checks that the statement continues the chain it holds, under
// the latest authority, and that every remaining full device gets the new secret.
#include "RelayServer.h"

#include <QSet>

#include <common/LogCategories.h>

namespace feedback::relay {

using namespace protocol;

namespace {
protocol::Error forbidden(const QString &text)
{
    return protocol::Error{ErrorCode::Forbidden, text};
}
} // namespace

RelayAdmission::Refusal RelayAdmission::rotate(const QByteArray &workspace,
                                               const QByteArray &sender, Role role,
                                               const Rotate &rotate, Rotation &outcome,
                                               QList<QByteArray> &excluded)
{
    if (role != Role::Full)
        return forbidden(QStringLiteral("only a full device changes the workspace's keys"));
    const Result<EpochChain> chain = m_storage.epochChain(workspace);
    if (!chain)
        return protocol::Error{ErrorCode::Internal, QStringLiteral("cannot read the key epochs")};
    // Signed by any authority of the chain: a statement of an epoch already there came too late.
    for (quint64 e = chain->latest(); e > 0; --e) {
        const auto earlier =
            EpochStatement::verify(rotate.statement, workspace, chain->authorityOf(e - 1));
        if (earlier && earlier->epoch <= chain->latest()) {
            outcome = Rotation::Stale;
            return std::nullopt;
        }
    }
    if (chain->latest() >= static_cast<quint64>(limits::kMaxEpochs))
        return forbidden(QStringLiteral("this workspace changed its keys %1 times, the most a "
                                        "relay keeps; start a new workspace")
                             .arg(limits::kMaxEpochs));
    EpochChain next = *chain;
    if (Status appended = next.append(rotate.statement); !appended)
        return forbidden(QStringLiteral("the key change does not follow this workspace's keys: ") +
                         appended.error());
    const EpochStatement &statement = next.statements().last();
    if (statement.excluded.contains(sender))
        return forbidden(QStringLiteral("a device cannot shut itself out"));
    for (const QByteArray &device : statement.excluded) {
        const Result<bool> revoked = m_storage.isRevoked(workspace, device);
        if (!revoked)
            return protocol::Error{ErrorCode::Internal,
                                   QStringLiteral("cannot read the device list")};
        if (!*revoked)
            return forbidden(QStringLiteral("a key change may shut out only revoked devices"));
    }
    const Result<bool> covered = coversFullDevices(workspace, rotate, statement.excluded);
    if (!covered)
        return protocol::Error{ErrorCode::Internal, QStringLiteral("cannot read the device list")};
    if (!*covered) {
        outcome = Rotation::Uncovered;
        return std::nullopt;
    }
    if (Status stored = m_storage.addEpoch(workspace, statement, rotate.keys); !stored) {
        qCWarning(lcRelay).noquote() << "cannot store a key epoch:" << stored.error();
        return protocol::Error{ErrorCode::Internal, QStringLiteral("cannot store the key change")};
    }
    excluded = statement.excluded;
    outcome = Rotation::Stored;
    return std::nullopt;
}

Result<bool> RelayAdmission::coversFullDevices(const QByteArray &workspace, const Rotate &rotate,
                                               const QList<QByteArray> &excluded)
{
    const Result<QList<QByteArray>> full = m_storage.activeFullDevices(workspace);
    if (!full)
        return Result<bool>::failure(full);
    const Result<EpochChain> chain = m_storage.epochChain(workspace);
    if (!chain)
        return Result<bool>::failure(chain);
    QSet<QByteArray> expected;
    for (const QByteArray &device : *full)
        if (!excluded.contains(device) && !chain->excludes(device))
            expected.insert(device);
    QSet<QByteArray> given;
    for (const EpochKey &key : rotate.keys)
        given.insert(key.device);
    return given.size() == rotate.keys.size() && given == expected;
}

Result<Epochs> RelayAdmission::epochs(const QByteArray &workspace, const QByteArray &device)
{
    const Result<QList<EpochEntry>> entries = m_storage.epochEntries(workspace, device);
    if (!entries)
        return Result<Epochs>::failure(entries);
    return Epochs{*entries};
}

void RelayConnection::onRotate(const Rotate &rotate)
{
    RelayAdmission::Rotation outcome = RelayAdmission::Rotation::Stale;
    QList<QByteArray> excluded;
    if (const RelayAdmission::Refusal refused =
            m_server.admission().rotate(m_workspace, m_device, m_role, rotate, outcome, excluded))
        return refuse(*refused);
    switch (outcome) {
    case RelayAdmission::Rotation::Stale:
        // The chain again, then the list: the device sees that the revoked device is shut out.
        sendEpochs();
        return sendDeviceList();
    case RelayAdmission::Rotation::Uncovered:
        // A device enrolled meanwhile: the fresh list, then the chain that answers the rotation.
        sendDeviceList();
        return sendEpochs();
    case RelayAdmission::Rotation::Stored:
        break;
    }
    qCInfo(lcRelay).noquote() << "the keys of workspace"
                              << QString::fromLatin1(m_workspace.toHex().left(16)) << "changed, by"
                              << peer();
    const QByteArray workspace = m_workspace; // this connection is one of those told
    using Change = RelayStorage::StoredChange;
    m_server.storage().tellOthers(workspace, Change{Change::Kind::Epochs, 0, {}});
    for (const QByteArray &device : excluded)
        m_server.storage().tellOthers(workspace, Change{Change::Kind::Revoked, 0, device});
    m_server.sendEpochs(workspace);
    for (const QByteArray &device : excluded)
        m_server.closeRevoked(workspace, device);
}

void RelayConnection::sendEpochs()
{
    if (m_frameVersion < 5)
        return;
    const Result<Epochs> epochs = m_server.admission().epochs(m_workspace, m_device);
    if (!epochs) {
        qCWarning(lcRelay).noquote() << "cannot read the key epochs:" << epochs.error();
        return refuse(ErrorCode::Internal, QStringLiteral("cannot read the key epochs"));
    }
    send(*epochs);
}

void RelayServer::sendEpochs(const QByteArray &workspace)
{
    const auto connections = m_connections; // a copy: a failed read ends one
    for (RelayConnection *c : connections) {
        if (!c->isAuthenticated() || c->workspace() != workspace)
            continue;
        // A device of version 3 or 4 cannot read what is sealed from now on: it must update.
        if (c->frameVersion() < 5)
            c->refuse(ErrorCode::UpdateRequired,
                      QStringLiteral("this workspace changed its keys; update this device to "
                                     "protocol 5 (it speaks %1)")
                          .arg(c->frameVersion()));
        else
            c->sendEpochs();
    }
}

} // namespace feedback::relay
